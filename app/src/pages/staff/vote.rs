//! The residents' vote in the editor: the rule, the ideas on the ballot with their costs and live
//! totals, each direction's budget. Read-only once the vote stage has started.

use super::*;
use crate::api::vote::{
    FillBallot, RemoveFromBallot, SetBallotCost, SetVoteBudget, SetVoteRules, get_vote_setup,
};
use crate::plural::roubles;
use crate::time::period;
use wire::{BallotDirection, BallotOption, VoteRule, VoteRules, VoteSetup};

/// `template` with its `{}` replaced by `n`.
fn with_count(template: &str, n: i64) -> String {
    crate::i18n::fill(template, &[n.to_string()])
}

/// How often the panel reads the totals again while the vote runs.
const LIVE: std::time::Duration = std::time::Duration::from_secs(10);

/// The vote panel of the editor; while the vote runs, its counts and totals follow the ballots as they
/// are confirmed (read again every [`LIVE`]).
#[component]
pub(super) fn VotePanel(project_id: i64, setup: VoteSetup) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let save = ServerAction::<SetVoteRules>::new();
    let saved = outcome_of(move || save.value().get());
    refresh_after(saved);
    let message = field_messages(saved);
    let locked = setup.started;
    let live = RwSignal::new(setup.clone());
    if setup.started && !setup.finished {
        crate::components::every(LIVE, move || {
            leptos::task::spawn_local(async move {
                if let Ok(now) = get_vote_setup(project_id).await {
                    live.set(now);
                }
            });
        });
    }
    let rules = setup.rules.unwrap_or(VoteRules {
        rule: VoteRule::Approval,
        max_choices: 3,
        results_live: false,
    });
    let budget_rule = rules.rule == VoteRule::Budget;
    let stage = match (setup.starts_at, setup.ends_at) {
        (Some(start), Some(end)) => view! {
            <p>{projects_stage_name(t, "vote")} ": " {period(lang, start, end)}</p>
        }
        .into_any(),
        _ => view! { <p class="hint">{t.vote_no_stage}</p> }.into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="vote-edit">
            <h2 id="vote-edit">{t.staff_vote}</h2>
            <p class="hint">{t.staff_vote_hint}</p>
            {stage}
            <p class="vote-counts" aria-live="polite">
                {move || live.with(|s| format!("{} · {}", with_count(t.vote_ballots, s.ballots), with_count(t.vote_drafts, s.drafts)))}
            </p>
            <ActionForm action=save attr:class="vote-rules-form">
                <input type="hidden" name="project_id" value=project_id/>
                <fieldset disabled=locked>
                    <legend class="visually-hidden">{t.field_rule}</legend>
                    <div class="field">
                        <label for="vote-rule">{t.field_rule}</label>
                        <select id="vote-rule" name="rule">
                            <option value="approval" selected=!budget_rule>{t.rule_approval}</option>
                            <option value="budget" selected=budget_rule>{t.rule_budget}</option>
                        </select>
                    </div>
                    <Field name="max_choices" label=t.field_max_choices kind="number" id="vote-max-choices"
                        value=rules.max_choices.to_string() message=message("max_choices")/>
                    <label class="tick">
                        <input type="checkbox" name="results_live" value="true" checked=rules.results_live/>
                        " " {t.field_results_live}
                    </label>
                    <p class="form-error" role="alert">{general_message(saved)}</p>
                    <button type="submit">{t.save}</button>
                </fieldset>
            </ActionForm>
            {(!locked).then(|| view! { <FillForm project_id direction=None/> })}
            {move || live.get().directions.into_iter().map(|d| view! {
                <BallotDirectionEdit d project_id locked budget_rule/>
            }).collect_view()}
        </section>
    }
}

/// "Put on the ballot": the commission's shortlist or its selection, of every direction or of one.
#[component]
fn FillForm(project_id: i64, direction: Option<i64>) -> impl IntoView {
    let t = use_texts();
    let fill = ServerAction::<FillBallot>::new();
    let filled = outcome_of(move || fill.value().get());
    refresh_after(filled);
    let (lead, shortlist, selection) = match direction {
        None => ("", t.vote_fill_shortlist, t.vote_fill_selection),
        Some(_) => (
            t.vote_fill_direction,
            t.vote_fill_direction_shortlist,
            t.vote_fill_direction_selection,
        ),
    };
    view! {
        <ActionForm action=fill attr:class="fill-ballot-form">
            <input type="hidden" name="project_id" value=project_id/>
            {direction.map(|id| view! { <input type="hidden" name="direction_id" value=id/> })}
            <p class="form-error" role="alert">
                {move || field_messages(filled)("source").get().or(general_message(filled).get())}
            </p>
            <p class="actions">
                {lead} " "
                <button type="submit" name="source" value="shortlist">{shortlist}</button>
                " "
                <button type="submit" name="source" value="selection" class="secondary">{selection}</button>
            </p>
        </ActionForm>
    }
}

/// One direction of the ballot: its budget (budget rule) and its ideas with votes, costs and removal.
#[component]
fn BallotDirectionEdit(
    d: BallotDirection,
    project_id: i64,
    locked: bool,
    budget_rule: bool,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let save = ServerAction::<SetVoteBudget>::new();
    let saved = outcome_of(move || save.value().get());
    refresh_after(saved);
    let message = field_messages(saved);
    let key = d.id;
    view! {
        <section class="ballot-direction" aria-labelledby=format!("ballot-dir-{key}")>
            <h3 id=format!("ballot-dir-{key}")>{d.title.get(lang).to_owned()}</h3>
            {budget_rule.then(|| view! {
                <ActionForm action=save attr:class="vote-budget-form">
                    <input type="hidden" name="direction_id" value=key/>
                    <fieldset disabled=locked>
                        <legend class="visually-hidden">{t.vote_budget}</legend>
                        <Field name="budget" label=t.vote_budget id=format!("vote-budget-{key}")
                            value=d.budget.map(|b| b.to_string()).unwrap_or_default() message=message("budget")/>
                        <button type="submit">{t.save}</button>
                    </fieldset>
                </ActionForm>
            })}
            {(!locked).then(|| view! { <FillForm project_id direction=Some(key)/> })}
            {d.options.is_empty().then(|| view! { <p class="empty">{t.vote_empty}</p> })}
            <ul class="rows ballot-options">
                {d.options.into_iter().map(|o| view! { <BallotOptionEdit o locked budget_rule/> }).collect_view()}
            </ul>
        </section>
    }
}

/// An idea on the ballot in the editor.
#[component]
fn BallotOptionEdit(o: BallotOption, locked: bool, budget_rule: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let cost = ServerAction::<SetBallotCost>::new();
    let costed = outcome_of(move || cost.value().get());
    refresh_after(costed);
    let message = field_messages(costed);
    let remove = ServerAction::<RemoveFromBallot>::new();
    let removed = outcome_of(move || remove.value().get());
    refresh_after(removed);
    let id = o.idea_id;
    let votes = o.votes.unwrap_or(0);
    view! {
        <li>
            <p>
                <a href=format!("/ideas/{id}")>{o.title.clone()}</a>
                " · " {crate::plural::counted(lang, votes, crate::plural::Noun::Vote)}
                {o.cost.map(|c| view! { " · " {roubles(c)} })}
                {o.winner.then(|| view! { " · " <strong>{t.vote_winner}</strong> })}
            </p>
            {(!locked).then(|| view! {
                {budget_rule.then(|| view! {
                    <ActionForm action=cost attr:class="ballot-cost-form">
                        <input type="hidden" name="idea_id" value=id/>
                        <Field name="cost" label=t.vote_cost id=format!("ballot-cost-{id}")
                            value=o.cost.map(|c| c.to_string()).unwrap_or_default() message=message("cost")/>
                        <button type="submit">{t.save}</button>
                    </ActionForm>
                })}
                <ActionForm action=remove attr:class="ballot-remove-form">
                    <input type="hidden" name="idea_id" value=id/>
                    <p class="form-error" role="alert">{general_message(removed)}</p>
                    <button type="submit" class="secondary">{t.vote_remove}</button>
                </ActionForm>
            })}
        </li>
    }
}
