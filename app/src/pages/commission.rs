//! `/commission` and `/commission/:slug`: the expert commission's dashboard, live for every member at
//! once — ideas by direction, blind scoring on three criteria (the others' scores appear only after one's
//! own), the spread and agreement, each member's progress, the shortlist and the final vote with reasons.

use crate::api::commission::{
    DeclareConflict, FinalVote, ScoreIdea, ShortlistIdea, get_commission_board, my_commissions,
};
use crate::components::form::{
    Outcome, came_back, echoed_from, field_messages, general_message, on_success, provide_came_back,
};
use crate::components::{ErrorBox, Loading, loaded, refetched};
use crate::i18n::status_name;
use crate::i18n::{use_lang, use_texts};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use wire::{CommissionBoard, IdeaStatus, JudgedIdea, ScoreRow};

/// The board's version: bumped by the live stream and after each own action.
#[derive(Clone, Copy)]
struct Version(RwSignal<u32>);

fn bump_after<T: Clone + Send + Sync + 'static>(outcome: Outcome<T>) {
    let version = expect_context::<Version>();
    on_success(outcome, move |_| version.0.update(|v| *v += 1));
}

/// The titles of the project's criteria in the page's language, in order (the board provides them).
#[derive(Clone)]
struct Labels(Vec<String>);

fn labels() -> Vec<String> {
    use_context::<Labels>().map(|l| l.0).unwrap_or_default()
}

/// `/commission`: the projects whose commission the viewer sits on.
#[component]
pub fn CommissionHome() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <Title text=t.commission_work/>
        <Meta name="robots" content="noindex"/>
        <h1>{t.commission_work}</h1>
        {loaded(my_commissions, move |projects: Vec<_>| {
            if projects.is_empty() {
                return view! { <p class="empty">{t.no_commissions}</p> }.into_any();
            }
            view! {
                <ul class="cards">
                    {projects.into_iter().map(|p| view! {
                        <li class="card"><h2><a href=format!("/commission/{}", p.slug)>{p.title.get(lang).to_owned()}</a></h2></li>
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}

/// `/commission/:slug`.
#[component]
pub fn CommissionPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    // Rendered on the server only, once: nothing here needs to track the address.
    let number = move |name: &str| {
        query
            .read_untracked()
            .get(name)
            .and_then(|v| v.parse::<i64>().ok())
    };
    let board = Resource::new(
        move || {
            (
                params.read().get("slug").unwrap_or_default(),
                number("direction"),
                number("before"),
            )
        },
        |(slug, direction, before)| get_commission_board(slug, direction, before),
    );
    view! {
        <Title text=t.commission_work/>
        <Meta name="robots" content="noindex"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(b) => view! { <BoardLive b before=number("before") came_back=came_back()/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The board, drawn again whenever the commission's stream says it changed or the member acted: a lazy
/// island. It asks for the same direction and page again.
#[island(lazy)]
fn BoardLive(
    b: CommissionBoard,
    /// Where the page of ideas starts (the address's `before`), if not at the newest.
    before: Option<i64>,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    provide_came_back(came_back);
    let version = Version(RwSignal::new(0));
    provide_context(version);
    let (project, slug, direction) = (b.project_id, b.slug.clone(), b.direction);
    Effect::new(move |_| {
        let url = format!("/api/events/commission?project={project}");
        crate::live::subscribe_to(&url, move |event| {
            if matches!(event, wire::LiveEvent::BoardChanged) {
                version.0.update(|v| *v += 1);
            }
        });
    });
    let fetch = move || get_commission_board(slug.clone(), direction, before);
    refetched(b, version.0, fetch, |b| view! { <Board b/> })
}

/// A number as the page's language writes it: a decimal comma in Russian, a true minus sign.
fn decimal(lang: crate::i18n::Lang, x: f64, places: usize) -> String {
    let text = format!("{x:.places$}").replace('-', "−");
    match lang {
        crate::i18n::Lang::Ru => text.replace('.', ","),
        crate::i18n::Lang::En => text,
    }
}

#[component]
fn Board(b: CommissionBoard) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    provide_context(Labels(
        b.criteria
            .iter()
            .map(|c| c.title.get(lang).to_owned())
            .collect(),
    ));
    let here = format!("/commission/{}", b.slug);
    let shown = b.direction;
    let heading = b
        .directions
        .iter()
        .find(|x| Some(x.id) == shown)
        .map(|x| x.title.get(lang).to_owned());
    let tabs = b
        .directions
        .iter()
        .map(|x| {
            let current = (Some(x.id) == shown).then_some("page");
            view! {
                <li><a href=format!("{here}?direction={}", x.id) aria-current=current>
                    {x.title.get(lang).to_owned()} " (" {x.ideas} ")"
                </a></li>
            }
        })
        .collect_view();
    let next = b.next.map(|before| {
        let href = format!(
            "{here}?direction={}&before={before}",
            shown.unwrap_or_default()
        );
        view! { <p class="more"><a href=href>{t.next_ideas}</a></p> }
    });
    let empty = b
        .ideas
        .is_empty()
        .then(|| view! { <p class="empty">{t.no_ideas_yet}</p> });
    let ideas = b
        .ideas
        .into_iter()
        .map(|j| view! { <Judged j/> })
        .collect_view();
    view! {
        <p class="breadcrumb"><a href=format!("/projects/{}", b.slug)>{b.title.get(lang).to_owned()}</a></p>
        <h1>{t.commission_work}</h1>
        <p class="live-note">{t.board_live}</p>
        <section class="panel" aria-labelledby="progress-title">
            <h2 id="progress-title">{t.progress_title}</h2>
            <ul class="progress">
                {b.progress.into_iter().map(|p| view! {
                    <li><span class="expert">{p.expert.get(lang).to_owned()}</span> ": " {p.scored} " / " {p.total}
                        <progress max=p.total value=p.scored aria-hidden="true">{p.scored}</progress></li>
                }).collect_view()}
            </ul>
            <p class="alpha">{t.alpha_label} ": "
                <strong>{b.alpha.map_or_else(|| "—".to_owned(), |a| decimal(lang, a, 2))}</strong></p>
        </section>
        <nav class="tabs" aria-label=t.directions_title><ul>{tabs}</ul></nav>
        {heading.map(|h| view! { <h2 class="direction-heading">{h}</h2> })}
        {empty}
        {ideas}
        {next}
    }
}

#[component]
fn Scores(list: Vec<ScoreRow>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <table class="scores">
            <thead><tr>
                <th scope="col">{t.expert_col}</th>
                {labels().into_iter().map(|label| view! { <th scope="col">{label}</th> }).collect_view()}
                <th scope="col">{t.comment_col}</th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|s| view! {
                    <tr>
                        <th scope="row">{s.expert.get(lang).to_owned()}</th>
                        {s.scores.into_iter().map(|v| view! { <td>{v}</td> }).collect_view()}
                        <td>{s.comment.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Judged(j: JudgedIdea) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = j.card.id;
    let score = ServerAction::<ScoreIdea>::new();
    let scored: Outcome<()> = Signal::derive(move || score.value().get());
    bump_after(scored);
    let score_message = field_messages(scored);
    let score_general = general_message(scored);
    let conflict = ServerAction::<DeclareConflict>::new();
    let stepped: Outcome<()> = Signal::derive(move || conflict.value().get());
    bump_after(stepped);
    let conflict_message = field_messages(stepped);
    let shortlist = ServerAction::<ShortlistIdea>::new();
    let listed: Outcome<()> = Signal::derive(move || shortlist.value().get());
    bump_after(listed);
    let shortlist_message = field_messages(listed);
    let shortlist_general = general_message(listed);
    let vote = ServerAction::<FinalVote>::new();
    let voted: Outcome<Option<IdeaStatus>> = Signal::derive(move || vote.value().get());
    bump_after(voted);
    let vote_message = field_messages(voted);
    let vote_general = general_message(voted);
    let mine = j.mine.clone().map(|s| s.scores);
    let my_comment = j
        .mine
        .as_ref()
        .and_then(|m| m.comment.clone())
        .unwrap_or_default();
    let unscored = j.mine.is_none();
    // Scores posted without JavaScript that came back with a message: shown as they were chosen.
    let scored_before = |name: &str| {
        let path = <ScoreIdea as leptos::server_fn::ServerFn>::PATH;
        echoed_from(path, &[("idea_id", id.to_string().as_str())], name)
    };
    let my_comment = scored_before("comment").unwrap_or(my_comment);
    let chosen: Vec<Option<i16>> = (0..labels().len())
        .map(|k| match scored_before(&format!("scores[{k}]")) {
            Some(v) => v.parse().ok(),
            None => mine.as_ref().and_then(|m| m.get(k).copied()),
        })
        .collect();
    let status = j.card.status;
    view! {
        <article class="judged" data-idea-id=id>
            <h3><a href=format!("/ideas/{id}")>{j.card.title.clone()}</a> " "
                <span class="badge" data-status=status.as_str()>{status_name(t, status)}</span></h3>
            <p class="idea-text">{j.card.excerpt.clone()}</p>
            {if j.conflicted {
                view! { <p class="hint">{t.stepped_aside}</p> }.into_any()
            } else if matches!(status, IdeaStatus::Selected | IdeaStatus::NotSelected) {
                // Decided: nothing is scored any more (the server refuses it too).
                ().into_any()
            } else {
                view! {
                    <ActionForm action=score attr:class="score-form">
                        <input type="hidden" name="idea_id" value=id/>
                        <div class="three">
                            {labels().into_iter().enumerate().map(|(k, label)| {
                                let chosen = chosen.get(k).copied().flatten();
                                let field_id = format!("score-{k}-{id}");
                                view! {
                                    <div class="field">
                                        <label for=field_id.clone()>{label}</label>
                                        // No preset: an untouched field is empty, and the form cannot be
                                        // sent until each criterion has a score.
                                        <select id=field_id name=format!("scores[{k}]") required>
                                            <option value="" selected=chosen.is_none()>"—"</option>
                                            {(1..=5).map(|v: i16| view! {
                                                <option value=v.to_string() selected=chosen == Some(v)>{v}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                        <p class="field-error">{move || score_message("scores").get()}</p>
                        <div class="field">
                            <label for=format!("score-comment-{id}")>{t.score_comment}</label>
                            <input id=format!("score-comment-{id}") name="comment"
                                value=my_comment/>
                            <p class="field-error">{move || score_message("comment").get()}</p>
                        </div>
                        <p class="form-error" role="alert">{score_general}</p>
                        <button type="submit">{if mine.is_some() { t.update_scores } else { t.give_scores }}</button>
                    </ActionForm>
                }.into_any()
            }}
            {match j.all.clone() {
                Some(list) => view! {
                    <div class="revealed">
                        <Scores list/>
                        {j.means.map(|m| view! {
                            <p>{t.means_label} ": " {labels().into_iter().zip(m).map(|(label, v)| format!("{label} {}", decimal(lang, v, 1))).collect::<Vec<_>>().join(" · ")}</p>
                        })}
                        {j.spread.clone().map(|m| view! {
                            <p class="spread">{t.spread_label} ": " {labels().into_iter().zip(m).map(|(label, v)| format!("{label} {v}")).collect::<Vec<_>>().join(" · ")}</p>
                        })}
                        <p>{t.agreement_label} ": " {j.agreement.map_or_else(|| "—".to_owned(), |a| decimal(lang, a, 2))}</p>
                    </div>
                }.into_any(),
                None => view! { <p class="hint blind">{t.blind_note}</p> }.into_any(),
            }}
            {(!j.conflicted && status == IdeaStatus::Published).then(|| view! {
                <details class="shortlist">
                    <summary>{t.shortlist}</summary>
                    <ActionForm action=shortlist>
                        <input type="hidden" name="idea_id" value=id/>
                        <div class="field">
                            <label for=format!("shortlist-{id}")>{t.reason}</label>
                            <input id=format!("shortlist-{id}") name="reason"/>
                            <p class="field-error">{move || shortlist_message("reason").get()}</p>
                        </div>
                        <p class="form-error" role="alert">{shortlist_general}</p>
                        <button type="submit">{t.shortlist}</button>
                    </ActionForm>
                </details>
            })}
            {matches!(status, IdeaStatus::Shortlisted | IdeaStatus::Selected | IdeaStatus::NotSelected).then(|| view! {
                <p class="tally">{t.votes_label} ": " {t.vote_for} " " {j.votes_for} " · " {t.vote_against} " "
                    {j.votes_against} " · " {t.votes_needed} " " {j.needed}</p>
            })}
            {(!j.conflicted && status == IdeaStatus::Shortlisted && j.my_vote.is_none()).then(|| view! {
                <ActionForm action=vote attr:class="vote-form">
                    <input type="hidden" name="idea_id" value=id/>
                    <fieldset>
                        <legend>{t.final_vote}</legend>
                        <label><input type="radio" name="decision" value="select" checked=true/> " " {t.vote_select}</label>
                        " "
                        <label><input type="radio" name="decision" value="reject"/> " " {t.vote_reject}</label>
                    </fieldset>
                    <div class="field">
                        <label for=format!("vote-reason-{id}")>{t.reason}</label>
                        <input id=format!("vote-reason-{id}") name="reason"/>
                        <p class="field-error">{move || vote_message("reason").get()}</p>
                    </div>
                    <p class="form-error" role="alert">{vote_general}</p>
                    <button type="submit">{t.cast_vote}</button>
                </ActionForm>
            })}
            {j.my_vote.map(|v| view! { <p class="hint">{t.you_voted} " " {if v { t.vote_select } else { t.vote_reject }}</p> })}
            {(!j.conflicted && unscored && status == IdeaStatus::Published).then(|| view! {
                <details class="conflict">
                    <summary>{t.declare_conflict}</summary>
                    <ActionForm action=conflict>
                        <input type="hidden" name="idea_id" value=id/>
                        <div class="field">
                            <label for=format!("conflict-{id}")>{t.reason}</label>
                            <input id=format!("conflict-{id}") name="reason"/>
                            <p class="field-error">{move || conflict_message("reason").get()}</p>
                        </div>
                        <button type="submit" class="secondary">{t.declare_conflict}</button>
                    </ActionForm>
                </details>
            })}
        </article>
    }
}
