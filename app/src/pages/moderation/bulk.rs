//! The queue's bulk actions: what is ticked in each section, and the form that decides them together.

use super::*;

#[derive(Clone, Copy)]
pub(super) struct Selection {
    pub(super) chosen: RwSignal<std::collections::HashSet<i64>>,
    pub(super) listed: RwSignal<Vec<i64>>,
}

impl Selection {
    pub(super) fn new() -> Self {
        Self {
            chosen: RwSignal::new(Default::default()),
            listed: RwSignal::new(Vec::new()),
        }
    }

    /// The section now lists `ids`: ticks on items that left it are dropped.
    pub(super) fn list(self, ids: Vec<i64>) {
        self.chosen
            .update(|chosen| chosen.retain(|id| ids.contains(id)));
        self.listed.set(ids);
    }

    pub(super) fn count(self) -> usize {
        self.chosen.with(|c| c.len())
    }

    pub(super) fn all(self) -> bool {
        let listed = self.listed.with(Vec::len);
        listed > 0 && self.count() == listed
    }
}

/// The bulk forms' actions and selections. They live with the page, not with the queue it reloads, so
/// that "decided: 5" stays on screen after the queue refreshes.
#[derive(Clone, Copy)]
pub(super) struct Bulk {
    pub(super) ideas: ServerAction<ReviewIdeas>,
    pub(super) comments: ServerAction<ReviewComments>,
    pub(super) idea_selection: Selection,
    pub(super) comment_selection: Selection,
}

impl Bulk {
    pub(super) fn new() -> Self {
        let bulk = Self {
            ideas: ServerAction::new(),
            comments: ServerAction::new(),
            idea_selection: Selection::new(),
            comment_selection: Selection::new(),
        };
        for (action, selection) in [
            (bulk.ideas.value(), bulk.idea_selection),
            (bulk.comments.value(), bulk.comment_selection),
        ] {
            let outcome: Outcome<BulkOutcome> = Signal::derive(move || action.get());
            bump_after(outcome);
            on_success(outcome, move |_| selection.chosen.set(Default::default()));
        }
        bulk
    }
}

/// A queue item's checkbox, part of the bulk form `form`.
pub(super) fn tick(
    form: &'static str,
    id: i64,
    label: String,
    selection: Selection,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <label class="tick">
            <input type="checkbox" name="ids[]" value=id form=form
                prop:checked=move || selection.chosen.with(|c| c.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selection.chosen.update(|c| {
                        if on { c.insert(id); } else { c.remove(&id); }
                    });
                }/>
            <span class="visually-hidden">{t.select_item} ": " {label}</span>
        </label>
    }
}

/// "Decided: 5; already decided by other moderators: 1".
pub(super) fn bulk_summary(
    t: &'static Texts,
    outcome: Outcome<BulkOutcome>,
) -> impl Fn() -> Option<String> {
    move || match outcome.get() {
        Some(Ok(b)) if b.skipped > 0 => Some(format!(
            "{} {}; {} {}",
            t.bulk_done, b.done, t.bulk_skipped, b.skipped
        )),
        Some(Ok(b)) => Some(format!("{} {}", t.bulk_done, b.done)),
        _ => None,
    }
}

/// The inside of a queue section's bulk form `form`: "select all", the two decisions (`decisions`, shown
/// as `labels`), and the reason for all, grouped with the second decision (rejecting, hiding), which
/// needs it.
pub(super) fn bulk_fields(
    outcome: Outcome<BulkOutcome>,
    form: &'static str,
    selection: Selection,
    decisions: (&'static str, &'static str),
    labels: (&'static str, &'static str),
    templates: Vec<ReasonTemplate>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let message = field_messages(outcome);
    let partly = move || selection.count() != 0 && !selection.all();
    let every = move |ev: leptos::ev::Event| {
        let chosen = if event_target_checked(&ev) {
            selection.listed.get_untracked().into_iter().collect()
        } else {
            Default::default()
        };
        selection.chosen.set(chosen);
    };
    view! {
            <fieldset>
                <legend>{t.bulk_title} ": " {move || selection.count()}</legend>
                <label class="tick">
                    <input type="checkbox" prop:checked=move || selection.all()
                        prop:indeterminate=partly on:change=every/>
                    {t.select_all}
                </label>
                <p class="field-error" role="alert">{move || message("ids").get()}</p>
                <button type="submit" name="action" value=decisions.0>{labels.0}</button>
                // The reason belongs to the second decision (reject, hide): grouped with its button.
                <div class="bulk-second" role="group" aria-label=labels.1>
                    <Reason id=format!("{form}-reason") templates message=message("reason") lang/>
                    <button type="submit" name="action" value=decisions.1 class="secondary">{labels.1}</button>
                </div>
                <p class="form-error" role="alert">{general_message(outcome)}</p>
            </fieldset>
    }
}
