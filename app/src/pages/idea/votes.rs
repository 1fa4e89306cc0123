//! An idea's rating: the support and oppose buttons with their counts, one vote per person, changeable.

use crate::api::ideas::VoteIdea;
use crate::components::form::{Outcome, general_message, on_success};
use crate::i18n::use_texts;
use leptos::prelude::*;
use wire::VoteCounts;

/// The support/oppose buttons with the counts; one vote per person, changeable.
#[component]
pub(super) fn Votes(
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
