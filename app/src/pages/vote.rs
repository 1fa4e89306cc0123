//! `/projects/:slug/vote`: the residents' vote on the commission's shortlist. A resident ticks ideas per
//! direction (saved as a draft as they go, with JavaScript; "Save draft" without), sees a summary of
//! what is chosen and whether it counts yet, confirms, and keeps the receipt; anyone can check a
//! receipt, and once the totals are public the page ranks the ideas and names the winners.

use crate::api::vote::{SaveBallot, check_receipt, get_vote};
use crate::components::form::{came_back, field_messages, general_message, provide_came_back};
use crate::components::layout::encode;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Texts, fill, use_lang, use_texts};
use crate::model::AppError;
use crate::plural::{Noun, counted, roubles};
use crate::time::date_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeSet;
use wire::{BallotDirection, MyBallot, Phase, VotePage, VoteRule};

/// `/projects/:slug/vote`.
#[component]
pub fn VotePageView() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_vote,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Vote v/> }.into_any(),
                    Err(AppError::NotFound) => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Where the stage stands, as a sentence.
fn when(t: &'static Texts, v: &VotePage) -> String {
    let lang = crate::i18n::use_lang();
    match v.phase {
        Phase::Upcoming => fill(t.vote_upcoming, &[date_time(lang, v.starts_at)]),
        Phase::Active => fill(t.vote_running, &[date_time(lang, v.ends_at)]),
        Phase::Finished => fill(t.vote_finished, &[date_time(lang, v.ends_at)]),
    }
}

#[component]
fn Vote(v: VotePage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let title = v.title.get(lang).to_owned();
    let rule = match v.rules.rule {
        VoteRule::Approval => fill(t.vote_rule_approval, &[v.rules.max_choices.to_string()]),
        VoteRule::Budget => t.vote_rule_budget.to_owned(),
    };
    view! {
        <Title text=format!("{} — {title}", t.vote_title)/>
        <p class="breadcrumb"><a href=format!("/projects/{}", v.slug)>{title}</a></p>
        <h1>{t.vote_title}</h1>
        <p class="vote-when">{when(t, &v)}</p>
        <p>{rule}</p>
        <VoteLive v=v.clone() came_back=came_back()/>
        <ReceiptCheck slug=v.slug.clone()/>
    }
}

/// What the reader can do (the ballot form, the way to log in, or the receipt) and the totals, which
/// follow the ballots as they are confirmed while the vote runs and shows them: an island.
#[island(lazy)]
fn VoteLive(
    v: VotePage,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    provide_came_back(came_back);
    let t = use_texts();
    let next = encode(&format!("/projects/{}/vote", v.slug));
    let live = RwSignal::new(v.clone());
    if v.ballots.is_some() && v.phase == Phase::Active {
        let slug = v.slug.clone();
        crate::components::every(std::time::Duration::from_secs(15), move || {
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                if let Ok(now) = get_vote(slug).await {
                    live.set(now);
                }
            });
        });
    }
    let taking_part = match (v.phase, v.may_vote, v.logged_in) {
        (Phase::Active, true, _) => view! { <BallotForm v=v.clone()/> }.into_any(),
        (Phase::Active, false, false) => view! {
            <p><a class="button" href=format!("/login?next={next}")>{t.vote_login}</a></p>
        }
        .into_any(),
        (Phase::Active, false, true) => view! { <p>{t.vote_officials}</p> }.into_any(),
        _ => v
            .mine
            .clone()
            .map(|mine| view! { <Receipt mine/> })
            .into_any(),
    };
    view! {
        {taking_part}
        <Totals v=live/>
    }
}

/// The ballot form: a fieldset of ideas per direction, the summary, "Save draft" and "Confirm".
#[component]
fn BallotForm(v: VotePage) -> impl IntoView {
    let t = use_texts();
    let mine = RwSignal::new(v.mine.clone().unwrap_or_default());
    let chosen = RwSignal::new(
        mine.get_untracked()
            .draft
            .iter()
            .copied()
            .collect::<BTreeSet<i64>>(),
    );
    let save = ServerAction::<SaveBallot>::new();
    let autosave = ServerAction::<SaveBallot>::new();
    let outcome = Signal::derive(move || save.value().get().or(autosave.value().get()));
    Effect::new(move |_| {
        if let Some(Ok(b)) = save.value().get() {
            mine.set(b);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(b)) = autosave.value().get() {
            mine.set(b);
        }
    });
    let message = field_messages(outcome);
    let slug = v.slug.clone();
    let toggle = move |id: i64, on: bool| {
        chosen.update(|c| {
            if on {
                c.insert(id);
            } else {
                c.remove(&id);
            }
        });
        autosave.dispatch(SaveBallot {
            slug: slug.clone(),
            ideas: chosen.get_untracked().into_iter().collect(),
            confirm: false,
        });
    };
    let rules = v.rules;
    let directions = v.directions.clone();
    let mut index = 0usize;
    let fieldsets = v
        .directions
        .into_iter()
        .map(|d| {
            let start = index;
            index += d.options.len();
            view! { <DirectionChoices d start rules chosen toggle=toggle.clone()/> }
        })
        .collect_view();
    let titles: Vec<(i64, String)> = directions
        .iter()
        .flat_map(|d| d.options.iter().map(|o| (o.idea_id, o.title.clone())))
        .collect();
    let status = move || {
        let m = mine.get();
        let draft: Vec<i64> = chosen.get().into_iter().collect();
        if m.confirmed.as_ref() == Some(&draft) {
            t.vote_confirmed
        } else {
            t.vote_unconfirmed
        }
    };
    let saving = move || {
        if autosave.pending().get() {
            t.vote_saving
        } else if matches!(autosave.value().get(), Some(Ok(_))) {
            t.vote_saved
        } else {
            ""
        }
    };
    let empty = directions.iter().all(|d| d.options.is_empty());
    view! {
        {empty.then(|| view! { <p class="empty">{t.vote_empty}</p> })}
        <ActionForm action=save attr:class="ballot-form">
            <input type="hidden" name="slug" value=v.slug.clone()/>
            {fieldsets}
            <section class="ballot-summary" aria-labelledby="ballot-summary-title">
                <h2 id="ballot-summary-title">{t.vote_summary}</h2>
                <ul>
                    {move || {
                        let c = chosen.get();
                        titles.iter().filter(|(id, _)| c.contains(id)).map(|(_, title)| view! { <li>{title.clone()}</li> }).collect_view()
                    }}
                </ul>
                {move || chosen.with(BTreeSet::is_empty).then(|| view! { <p>{t.vote_nothing_chosen}</p> })}
                <p class="ballot-status" role="status" aria-live="polite">{status} " " <span>{saving}</span></p>
                <p class="field-error" id="ballot-error" role="alert">{move || message("ideas").get()}</p>
                <p class="form-error" role="alert">{move || message("form").get().or(general_message(outcome).get())}</p>
                <div class="actions">
                    <button type="submit" name="confirm" value="true">{t.vote_confirm}</button>
                    <button type="submit" name="confirm" value="false" class="secondary">{t.vote_save_draft}</button>
                </div>
            </section>
        </ActionForm>
        {move || mine.get().receipt.is_some().then(|| view! { <Receipt mine=mine.get()/> })}
    }
}

/// One direction's ideas as checkboxes, with what is chosen against the rule.
#[component]
fn DirectionChoices(
    d: BallotDirection,
    start: usize,
    rules: wire::VoteRules,
    chosen: RwSignal<BTreeSet<i64>>,
    toggle: impl Fn(i64, bool) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ids: Vec<(i64, i64)> = d
        .options
        .iter()
        .map(|o| (o.idea_id, o.cost.unwrap_or(0)))
        .collect();
    let budget = d.budget.unwrap_or(0);
    let tally = move || {
        let c = chosen.get();
        let mine = ids.iter().filter(|(id, _)| c.contains(id));
        match rules.rule {
            VoteRule::Approval => fill(
                t.vote_chosen,
                &[mine.count().to_string(), rules.max_choices.to_string()],
            ),
            VoteRule::Budget => fill(
                t.vote_spent,
                &[roubles(mine.map(|(_, cost)| cost).sum()), roubles(budget)],
            ),
        }
    };
    view! {
        <fieldset class="ballot-direction">
            <legend>{d.title.get(lang).to_owned()}</legend>
            {(rules.rule == VoteRule::Budget).then(|| view! { <p>{t.vote_budget} ": " {roubles(budget)}</p> })}
            <ul class="ballot-options">
                {d.options.into_iter().enumerate().map(|(k, o)| {
                    let id = o.idea_id;
                    let toggle = toggle.clone();
                    let checked = chosen.with_untracked(|c| c.contains(&id));
                    view! {
                        <li>
                            <label class="tick">
                                <input type="checkbox" name=format!("ideas[{}]", start + k) value=id
                                    checked=checked aria-describedby="ballot-error"
                                    on:change=move |ev| toggle(id, event_target_checked(&ev))/>
                                " " {o.title.clone()}
                                {o.cost.map(|c| view! { " · " {roubles(c)} })}
                            </label>
                            " " <a href=format!("/ideas/{id}")>{format!("#{id}")}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="ballot-tally" aria-live="polite">{tally}</p>
        </fieldset>
    }
}

/// The receipt of the viewer's counted ballot.
#[component]
fn Receipt(mine: MyBallot) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    mine.receipt.map(|receipt| {
        view! {
            <section class="receipt" aria-labelledby="receipt-title">
                <h2 id="receipt-title">{t.vote_receipt}</h2>
                <p><code class="receipt-code">{receipt}</code></p>
                {mine.confirmed_at.map(|at| view! { <p><time datetime=at.to_rfc3339()>{date_time(lang, at)}</time></p> })}
                <p class="hint">{t.vote_receipt_hint}</p>
            </section>
        }
    })
}

/// The totals per direction once they are public (with the winners after the stage), or a note that
/// they are hidden; with the downloads for a recount. Live while the vote runs, when it shows them.
#[component]
fn Totals(v: RwSignal<VotePage>) -> impl IntoView {
    move || totals(v.get())
}

fn totals(v: VotePage) -> AnyView {
    let t = use_texts();
    let lang = use_lang();
    let Some(ballots) = v.ballots else {
        return view! { <p class="hint">{t.vote_hidden}</p> }.into_any();
    };
    let budget = v.rules.rule == VoteRule::Budget;
    let slug = v.slug.clone();
    let rule_text = match v.rules.rule {
        VoteRule::Budget => t.vote_rule_greedy.to_owned(),
        VoteRule::Approval => fill(t.vote_rule_top, &[v.rules.max_choices.to_string()]),
    };
    view! {
        <section class="vote-totals" aria-labelledby="vote-totals-title">
            <h2 id="vote-totals-title">{t.vote_totals_title}</h2>
            <p>{fill(t.vote_ballots, &[ballots.to_string()])}</p>
            {(v.phase == Phase::Finished).then(|| view! { <p class="hint">{rule_text}</p> })}
            {v.directions.into_iter().map(|d| {
                let pb = budget.then(|| format!("/projects/{slug}/export/ballots-{}.pb", d.id));
                view! {
                    <h3>{d.title.get(lang).to_owned()}</h3>
                    <table class="vote-table">
                        <thead><tr>
                            <th scope="col">{t.vote_idea}</th>
                            <th scope="col">{t.vote_votes}</th>
                            {budget.then(|| view! { <th scope="col">{t.vote_cost}</th> })}
                            <th scope="col">{t.vote_winner}</th>
                        </tr></thead>
                        <tbody>
                            {d.options.into_iter().map(|o| view! {
                                <tr class:winner=o.winner>
                                    <td><a href=format!("/ideas/{}", o.idea_id)>{o.title.clone()}</a></td>
                                    <td>{counted(lang, o.votes.unwrap_or(0), Noun::Vote)}</td>
                                    {budget.then(|| view! { <td>{o.cost.map(roubles).unwrap_or_default()}</td> })}
                                    <td>{if o.winner { "✓" } else { "" }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {pb.map(|href| view! { <p><a href=href download>"Pabulib (.pb)"</a></p> })}
                }
            }).collect_view()}
            <p>
                {t.vote_downloads} " "
                <a href=format!("/projects/{slug}/export/ballots.csv") download>"CSV"</a> " · "
                <a href=format!("/projects/{slug}/export/ballots.json") download>"JSON"</a>
            </p>
        </section>
    }
    .into_any()
}

/// "Check a receipt": a plain GET form, so it works without JavaScript; the answer comes from the
/// `receipt` query parameter.
#[component]
fn ReceiptCheck(slug: String) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let typed = move || query.read().get("receipt").unwrap_or_default();
    let key = slug.clone();
    let checked = Resource::new(
        move || (key.clone(), typed()),
        |(slug, receipt)| async move {
            if receipt.is_empty() {
                return Ok(None);
            }
            check_receipt(slug, receipt).await.map(Some)
        },
    );
    view! {
        <section class="receipt-check" aria-labelledby="receipt-check-title">
            <h2 id="receipt-check-title">{t.vote_check_title}</h2>
            <form method="get" action=format!("/projects/{slug}/vote")>
                <div class="field">
                    <label for="receipt-input">{t.vote_receipt}</label>
                    <input id="receipt-input" name="receipt" value=typed autocomplete="off" spellcheck="false"/>
                </div>
                <button type="submit">{t.vote_check}</button>
            </form>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match checked.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(Some(found))) => view! {
                            <p role="status">{t.vote_check_found} " "
                                {found.choices.iter().map(|id| view! { <a href=format!("/ideas/{id}")>{format!("#{id}")}</a> " " }).collect_view()}
                            </p>
                        }.into_any(),
                        Ok(Some(None)) => view! { <p role="status">{t.vote_check_missing}</p> }.into_any(),
                        Err(error) => {
                            let text = error.field_message(t, "receipt").unwrap_or(t.retry);
                            view! { <p class="field-error" role="alert">{text}</p> }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
