//! `/ideas/:id`: an idea's page — its text, author, direction, status timeline, support/oppose rating,
//! comments with replies one level deep, and reporting. Rendered completely on the server; hydrated,
//! votes and comments update live from the project's event stream. The comments of duplicates merged
//! into it follow its own, read-only ([`merged`]).

mod merged;

use crate::ViewerResource;
use crate::api::ideas::VoteIdea;
use crate::api::ideas::{AddComment, EditIdea, ReportContent, WithdrawIdea, get_idea};
use crate::components::form::{
    Outcome, came_back_elsewhere, echoed_from, field_messages, general_message, on_success,
    reset_on_success,
};
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Lang, Texts, status_name, use_lang, use_texts};
use crate::time::date_time;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use wire::LiveEvent;
use wire::{Comment, Direction, IdeaCard, IdeaPage, IdeaStatus, Step, VoteCounts};

/// `/ideas/:id`.
#[component]
pub fn IdeaPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or_default()
        },
        get_idea,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(idea) => view! { <Idea idea/> }.into_any(),
                    Err(crate::model::AppError::NotFound) => {
                        view! { <crate::pages::not_found::NotFound/> }.into_any()
                    }
                    // Redirected by the server; this is what shows until the browser follows.
                    Err(crate::model::AppError::Merged { into }) => view! {
                        <section class="notice" role="status">
                            <p>{t.idea_merged_into} " " <a href=format!("/ideas/{into}")>"#" {into}</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The name of a step of an idea's timeline: the status it reached, a moderator's correction, the
/// residents' vote's result, a change of its implementation or a milestone ahead.
fn step_name(t: &'static Texts, step: &str) -> &'static str {
    if let Some(change) = wire::ImplChange::parse(step) {
        return crate::i18n::impl_change_name(t, change);
    }
    match IdeaStatus::parse(step) {
        Some(status) => status_name(t, status),
        None => match step {
            "edited" => t.status_edited,
            "merge_undone" => t.decision_merge_undone,
            "vote_won" => t.passport_vote_won,
            "vote_lost" => t.passport_vote_lost,
            "milestone_due" => t.passport_milestone_due,
            _ => t.status_published,
        },
    }
}

/// One step of the timeline: what, when, why, the vote's count or the commission's mean score, and the
/// link to its entry in the project's decision trail.
fn timeline_step(t: &'static Texts, lang: Lang, slug: &str, s: &Step) -> impl IntoView + use<> {
    let plain = wire::ImplChange::parse(&s.status).is_some() || s.ahead;
    let reason = s.reason.clone().map(|r| {
        if plain {
            view! { <p class="reason">{r}</p> }.into_any()
        } else {
            view! { <p class="reason">{t.reason} ": " {r}</p> }.into_any()
        }
    });
    let when = if s.ahead {
        format!("{} {}", t.impl_due, crate::time::date(lang, s.at))
    } else {
        date_time(lang, s.at)
    };
    view! {
        <li class:ahead=s.ahead data-step=s.status.clone()>
            <strong>{step_name(t, &s.status)}</strong> " · "
            <time datetime=s.at.to_rfc3339()>{when}</time>
            {s.decision.map(|id| view! {
                " · " <a class="trail-link" href=format!("/projects/{slug}/decisions#decision-{id}")>{t.passport_trail_link}</a>
            })}
            {reason}
            {s.votes.map(|n| view! { <p>{crate::plural::counted(lang, n, crate::plural::Noun::Vote)}</p> })}
            {s.mean_score.map(|tenths| {
                let comma = if lang == Lang::Ru { ',' } else { '.' };
                let mean = format!("{}{comma}{}", tenths / 10, tenths % 10);
                view! { <p>{crate::i18n::fill(t.passport_mean_score, &[mean])}</p> }
            })}
        </li>
    }
}

/// Plain text with its web links made clickable: only `http://` and `https://` addresses become links,
/// marked `nofollow ugc`; everything else stays text (escaped by the renderer).
pub fn linkify(text: &str) -> impl IntoView + use<> {
    let mut parts = Vec::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            parts.push(" ".to_owned().into_any());
        }
        let trimmed = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        let is_link = (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
            && trimmed.len() > "https://".len();
        if is_link {
            let rest = word[trimmed.len()..].to_owned();
            parts.push(
                view! {
                    <a href=trimmed.to_owned() rel="nofollow ugc noopener noreferrer" target="_blank">
                        {trimmed.to_owned()}
                    </a>
                }
                .into_any(),
            );
            parts.push(rest.into_any());
        } else {
            parts.push(word.to_owned().into_any());
        }
    }
    parts
}

/// Paragraphs of plain text (blank lines separate them), links clickable.
fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{linkify(p)}</p> })
        .collect_view()
}

#[component]
fn Idea(idea: IdeaPage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let card = idea.card.clone();
    let direction = match lang {
        Lang::Ru => card.direction_ru.clone(),
        Lang::En => card.direction_en.clone(),
    };
    let comments = RwSignal::new(idea.comments.clone());
    let merged = RwSignal::new(idea.merged.clone());
    let comment_count = RwSignal::new(card.comment_count);
    let counts = RwSignal::new((card.support_count, card.oppose_count));
    let idea_id = card.id;
    Effect::new(move |_| {
        crate::live::subscribe(Some(card.project_id), idea.last_event_id, move |event| {
            match event {
                LiveEvent::IdeaVoted(v) if v.idea_id == idea_id => {
                    counts.set((v.support_count, v.oppose_count));
                }
                LiveEvent::CommentAdded(added) if added.comment.idea_id == idea_id => {
                    comment_count.set(added.comment_count);
                    add_once(comments, added.comment);
                }
                LiveEvent::CommentHidden(hidden) if hidden.idea_id == idea_id => {
                    comment_count.set(hidden.comment_count);
                    comments.update(|list| list.retain(|c| c.id != hidden.comment_id));
                }
                // A comment of a duplicate merged into this idea, shown under its own comments.
                LiveEvent::CommentHidden(hidden) => merged::hide(merged, hidden.comment_id),
                // Other ideas' events, and those this page does not show live.
                LiveEvent::IdeaVoted(_)
                | LiveEvent::CommentAdded(_)
                | LiveEvent::IdeaPublished(_)
                | LiveEvent::IdeaEdited(_)
                | LiveEvent::IdeaWithdrawn(_)
                | LiveEvent::CatalogueChanged(_)
                | LiveEvent::Redacted
                | LiveEvent::Reload
                | LiveEvent::Gone
                | LiveEvent::Unread(_)
                | LiveEvent::QueueChanged
                | LiveEvent::BoardChanged => {}
            }
        });
    });
    let summary: String = idea.body.chars().take(200).collect();
    view! {
        <Title text=card.title.clone()/>
        <Meta name="description" content=summary/>
        <article class="idea-page">
            <p class="breadcrumb">
                <a href=format!("/projects/{}", idea.project_slug)>{idea.project_title.get(lang).to_owned()}</a>
            </p>
            <p class="badge" data-status=card.status.as_str()>{status_name(t, card.status)}</p>
            <h1>{card.title.clone()}</h1>
            <p class="idea-meta">
                <span class="tag">{direction}</span>
                " · " {t.by} " " <span class="author">{card.author.clone()}</span>
                {(!idea.coauthors.is_empty()).then(|| view! {
                    " " {t.with_coauthors} " " <span class="coauthors">{idea.coauthors.join(", ")}</span>
                })}
                " · " <time datetime=card.created_at.to_rfc3339()>{date_time(lang, card.created_at)}</time>
            </p>
            <div class="idea-body">{paragraphs(&idea.body)}</div>
            {idea.moderator_edited_at.map(|at| view! {
                <p class="hint edited-note">{t.edited_by_moderator} " · " {date_time(lang, at)}</p>
            })}
            {idea.editable.then(|| view! {
                <OwnIdea card=card.clone() body=idea.body.clone() directions=idea.directions.clone()/>
            })}
            <Votes idea_id counts my_vote=idea.my_vote open=idea.voting_open mine=idea.mine/>
            <section aria-labelledby="timeline-title">
                <h2 id="timeline-title">{t.timeline_title}</h2>
                <ol class="timeline">
                    {idea.timeline.iter().map(|s| timeline_step(t, lang, &idea.project_slug, s)).collect_view()}
                </ol>
            </section>
            <crate::pages::implementation::ImplementationSection idea_id part=idea.implementation.clone()/>
            <Comments idea_id comments comment_count open=idea.comments_open max=idea.comment_max/>
            <merged::MergedDiscussions merged/>
            <Report kind="idea" target_id=idea_id/>
        </article>
    }
}

/// The author's tools while the idea may still change: edit it in place, or withdraw it.
#[component]
fn OwnIdea(card: IdeaCard, body: String, directions: Vec<Direction>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let edit = ServerAction::<EditIdea>::new();
    let edited: Outcome<IdeaCard> = Signal::derive(move || edit.value().get());
    let message = field_messages(edited);
    let general = general_message(edited);
    let here = format!("/ideas/{}", card.id);
    on_success(edited, move |_| crate::components::layout::reload_to(&here));
    let withdraw = ServerAction::<WithdrawIdea>::new();
    let withdrawn: Outcome<()> = Signal::derive(move || withdraw.value().get());
    on_success(withdrawn, |()| {
        crate::components::layout::reload_to("/my/ideas")
    });
    let withdraw_error = general_message(withdrawn);
    let invalid = move |field: &'static str| move || message(field).get().is_some().to_string();
    // What the author typed before a post without JavaScript came back with messages (the editor
    // then opens with it).
    let id = card.id.to_string();
    let typed_before = |name| {
        let path = <EditIdea as leptos::server_fn::ServerFn>::PATH;
        echoed_from(path, &[("idea_id", id.as_str())], name)
    };
    let reopened = typed_before("title").is_some();
    let title = typed_before("title").unwrap_or_else(|| card.title.clone());
    let body = typed_before("body").unwrap_or(body);
    let direction = typed_before("direction_id").unwrap_or_else(|| card.direction_id.to_string());
    view! {
        <section class="own-idea panel" aria-label=t.own_idea_label>
            <details class="edit-idea" open=reopened>
                <summary>{t.edit_idea}</summary>
                <ActionForm action=edit>
                    <input type="hidden" name="idea_id" value=card.id/>
                    <div class="field">
                        <label for="edit-direction">{t.field_direction}</label>
                        <select id="edit-direction" name="direction_id" aria-describedby="edit-direction-error"
                            aria-invalid=invalid("direction")>
                            {directions.into_iter().map(|d| view! {
                                <option value=d.id.to_string() selected=d.id.to_string() == direction>
                                    {d.title.get(lang).to_owned()}
                                </option>
                            }).collect_view()}
                        </select>
                        <p class="field-error" id="edit-direction-error">{move || message("direction").get()}</p>
                    </div>
                    <div class="field">
                        <label for="edit-title">{t.field_title}</label>
                        <input id="edit-title" name="title" type="text" value=title
                            aria-describedby="edit-title-error" aria-invalid=invalid("title")/>
                        <p class="field-error" id="edit-title-error">{move || message("title").get()}</p>
                    </div>
                    <div class="field">
                        <label for="edit-body">{t.field_body}</label>
                        <textarea id="edit-body" name="body" rows="6" aria-describedby="edit-body-error"
                            aria-invalid=invalid("body")>{body}</textarea>
                        <p class="field-error" id="edit-body-error">{move || message("body").get()}</p>
                    </div>
                    <p class="form-error" role="alert">{general}</p>
                    <button type="submit">{t.save}</button>
                </ActionForm>
            </details>
            <details class="withdraw-idea">
                <summary>{t.withdraw_idea}</summary>
                <p>{t.withdraw_warning}</p>
                <ActionForm action=withdraw>
                    <input type="hidden" name="idea_id" value=card.id/>
                    <p class="form-error" role="alert">{withdraw_error}</p>
                    <button type="submit" class="secondary">{t.withdraw_confirm}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// Adds `comment` to the list unless it is there already (our own, arriving also live).
fn add_once(comments: RwSignal<Vec<Comment>>, comment: Comment) {
    comments.update(|list| {
        if !list.iter().any(|c| c.id == comment.id) {
            list.push(comment);
        }
    });
}

/// The support/oppose buttons with the counts; one vote per person, changeable.
#[component]
fn Votes(
    idea_id: i64,
    counts: RwSignal<(i64, i64)>,
    my_vote: Option<i16>,
    open: bool,
    mine: bool,
) -> impl IntoView {
    let t = use_texts();
    let vote = ServerAction::<VoteIdea>::new();
    let outcome: Outcome<VoteCounts> = Signal::derive(move || vote.value().get());
    let mine_now = RwSignal::new(my_vote);
    let asked = RwSignal::new(my_vote);
    on_success(outcome, move |c: VoteCounts| {
        counts.set((c.support_count, c.oppose_count));
        mine_now.set(asked.get_untracked());
    });
    let message = general_message(outcome);
    let button = move |value: i16, label: &'static str, class: &'static str| {
        let count = move || {
            if value == 1 {
                counts.get().0
            } else {
                counts.get().1
            }
        };
        view! {
            <ActionForm action=vote on:submit=move |_| asked.set(Some(value))>
                <input type="hidden" name="idea_id" value=idea_id/>
                <input type="hidden" name="value" value=value/>
                <button type="submit" class=format!("vote {class}") disabled=!open || mine
                    aria-pressed=move || (mine_now.get() == Some(value)).to_string()>
                    {label} " " <span class="count">{count}</span>
                </button>
            </ActionForm>
        }
    };
    view! {
        <section class="votes" aria-label=t.rating_title>
            <div class="actions">
                {button(1, t.support, "support")}
                {button(-1, t.oppose, "oppose")}
            </div>
            {(!open).then(|| view! { <p class="hint">{t.voting_closed_note}</p> })}
            {mine.then(|| view! { <p class="hint">{t.err_own_idea}</p> })}
            <p class="form-error" role="alert">{message}</p>
        </section>
    }
}

/// The comments: top-level ones in order, each with its replies; forms to comment and reply.
#[component]
fn Comments(
    idea_id: i64,
    comments: RwSignal<Vec<Comment>>,
    comment_count: RwSignal<i64>,
    open: bool,
    max: usize,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let viewer = expect_context::<ViewerResource>();
    let top = move || {
        comments
            .get()
            .into_iter()
            .filter(|c| c.parent_id.is_none())
            .collect::<Vec<_>>()
    };
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{t.comments_title} " (" <span class="comment-count">{comment_count}</span> ")"</h2>
            <ol class="comment-list" aria-live="polite">
                <For each=top key=|c| c.id let:c>
                    <Thread c comments open max idea_id lang/>
                </For>
            </ol>
            {move || {
                let logged_in = matches!(viewer.get(), Some(Ok(Some(_))));
                if !open {
                    view! { <p class="hint">{t.comments_closed_note}</p> }.into_any()
                } else if logged_in {
                    view! { <CommentForm idea_id parent=None comments max/> }.into_any()
                } else {
                    view! { <p><a href="/login">{t.login_to_comment}</a></p> }.into_any()
                }
            }}
        </section>
    }
}

/// A top-level comment with its replies and the forms to reply and to report it.
#[component]
fn Thread(
    c: Comment,
    comments: RwSignal<Vec<Comment>>,
    open: bool,
    max: usize,
    idea_id: i64,
    lang: Lang,
) -> impl IntoView {
    let t = crate::i18n::texts_of(lang);
    let id = c.id;
    let replies = move || {
        comments
            .get()
            .into_iter()
            .filter(|r| r.parent_id == Some(id))
            .collect::<Vec<_>>()
    };
    // A reply posted without JavaScript and refused comes back with its form open.
    let (idea, parent) = (idea_id.to_string(), id.to_string());
    let this_form = [("idea_id", idea.as_str()), ("parent_id", parent.as_str())];
    let came_back = echoed_from(
        <AddComment as leptos::server_fn::ServerFn>::PATH,
        &this_form,
        "body",
    )
    .is_some();
    view! {
        <li class="comment" id=format!("comment-{id}")>
            <CommentBody c lang/>
            <ol class="replies">
                <For each=replies key=|r| r.id let:r>
                    <li class="comment reply" id=format!("comment-{}", r.id)>
                        <CommentBody c=r.clone() lang/>
                    </li>
                </For>
            </ol>
            {open.then(|| view! {
                <details class="reply-form" open=came_back>
                    <summary>{t.reply}</summary>
                    <CommentForm idea_id parent=Some(id) comments max/>
                </details>
            })}
            <Report kind="comment" target_id=id/>
        </li>
    }
}

#[component]
fn CommentBody(c: Comment, lang: Lang) -> impl IntoView {
    view! {
        <p class="comment-meta">
            <span class="author">{c.author.clone()}</span> " · "
            <time datetime=c.created_at.to_rfc3339()>{date_time(lang, c.created_at)}</time>
        </p>
        <p class="comment-text">{linkify(&c.body)}</p>
    }
}

/// A form to comment (or reply to `parent`).
#[component]
fn CommentForm(
    idea_id: i64,
    parent: Option<i64>,
    comments: RwSignal<Vec<Comment>>,
    max: usize,
) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddComment>::new();
    let outcome: Outcome<Comment> = Signal::derive(move || add.value().get());
    let form = NodeRef::<leptos::html::Form>::new();
    reset_on_success(outcome, form);
    let id = match parent {
        Some(p) => format!("reply-{p}"),
        None => "comment-body".to_owned(),
    };
    let (idea, parent_id) = (
        idea_id.to_string(),
        parent.map(|p| p.to_string()).unwrap_or_default(),
    );
    // Posted without JavaScript and refused: the comment form and every reply form read the same
    // refusal; only the one that was posted shows it, with the text as typed.
    let path = <AddComment as leptos::server_fn::ServerFn>::PATH;
    let this_form = [
        ("idea_id", idea.as_str()),
        ("parent_id", parent_id.as_str()),
    ];
    let typed_before = echoed_from(path, &this_form, "body").unwrap_or_default();
    let elsewhere = came_back_elsewhere(path, &this_form);
    let length = RwSignal::new(typed_before.trim().chars().count());
    on_success(outcome, move |c: Comment| {
        length.set(0);
        add_once(comments, c);
    });
    let messages = field_messages(outcome);
    let message = move |field: &'static str| {
        Signal::derive(move || messages(field).get().filter(|_| !elsewhere))
    };
    let general = move || general_message(outcome).get().filter(|_| !elsewhere);
    view! {
        <ActionForm action=add node_ref=form attr:class="comment-form">
            <input type="hidden" name="idea_id" value=idea_id/>
            <input type="hidden" name="parent_id" value=parent_id/>
            <div class="field">
                <label for=id.clone()>{if parent.is_some() { t.field_reply } else { t.field_comment }}</label>
                <textarea id=id.clone() name="body" rows="3" aria-describedby=format!("{id}-error {id}-count")
                    aria-invalid=move || message("body").get().is_some().to_string()
                    on:input=move |ev| length.set(event_target_value(&ev).trim().chars().count())>
                    {typed_before}
                </textarea>
                <p class="counter" id=format!("{id}-count") class:over=move || { length.get() > max }>
                    {move || length.get()} " / " {max} " " {t.characters}
                </p>
                <p class="field-error" id=format!("{id}-error")>{move || message("body").get()}</p>
            </div>
            <p class="form-error" role="alert">{general}</p>
            <button type="submit" disabled=move || add.pending().get()>
                {move || if add.pending().get() { t.sending } else { t.send_comment }}
            </button>
        </ActionForm>
    }
}

/// "Report": a folded form with the reason.
#[component]
fn Report(kind: &'static str, target_id: i64) -> impl IntoView {
    let t = use_texts();
    let report = ServerAction::<ReportContent>::new();
    let outcome: Outcome<()> = Signal::derive(move || report.value().get());
    // Posted without JavaScript and refused: only the form that was posted opens again, with the
    // reason as typed and its message; its neighbours (other comments' reports) stay as they were.
    let path = <ReportContent as leptos::server_fn::ServerFn>::PATH;
    let target = target_id.to_string();
    let this_form = [("kind", kind), ("target_id", target.as_str())];
    let typed_before = echoed_from(path, &this_form, "reason");
    let reopened = typed_before.is_some();
    let elsewhere = came_back_elsewhere(path, &this_form);
    let messages = field_messages(outcome);
    let message = move |field| messages(field).get().filter(|_| !elsewhere);
    let general = move || general_message(outcome).get().filter(|_| !elsewhere);
    let done = move || matches!(report.value().get(), Some(Ok(())));
    let id = format!("report-{kind}-{target_id}");
    view! {
        <details class="report" open=reopened>
            <summary>{t.report}</summary>
            <Show when=done fallback=move || {
                let id = id.clone();
                let typed = typed_before.clone().unwrap_or_default();
                view! {
                <ActionForm action=report>
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="target_id" value=target_id/>
                    <div class="field">
                        <label for=id.clone()>{t.field_report_reason}</label>
                        <textarea id=id.clone() name="reason" rows="2" aria-describedby=format!("{id}-error")
                            aria-invalid=move || message("reason").is_some().to_string()>{typed}</textarea>
                        <p class="field-error" id=format!("{id}-error")>{move || message("reason")}</p>
                    </div>
                    <p class="form-error" role="alert">{general}</p>
                    <button type="submit" class="secondary">{t.send_report}</button>
                </ActionForm>
                }
            }>
                <p class="form-success" role="status">{t.report_sent}</p>
            </Show>
        </details>
    }
}
