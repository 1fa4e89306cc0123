//! Every user-visible string, in Russian (the default) and English.
//!
//! The table in [`strings`] defines one struct field per string and both languages' values side by side, so a
//! string missing in one language does not compile. Components take the table for the current language
//! with [`use_texts`]; validation codes from the server are turned into sentences by [`error_text`].

use leptos::prelude::*;

mod strings;

pub use strings::{EN, RU, Texts};
pub use wire::Lang;
use wire::{IdeaStatus, ImplChange, ImplStatus};

/// The string table of `lang`.
pub fn texts_of(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// The name of an implementation's status.
pub fn impl_status_name(t: &'static Texts, status: ImplStatus) -> &'static str {
    match status {
        ImplStatus::Planned => t.impl_status_planned,
        ImplStatus::InProgress => t.impl_status_in_progress,
        ImplStatus::Done => t.impl_status_done,
        ImplStatus::Cancelled => t.impl_status_cancelled,
    }
}

/// The name of a change of an implementation (its trail entry and its followers' notice).
pub fn impl_change_name(t: &'static Texts, change: ImplChange) -> &'static str {
    match change {
        ImplChange::Planned => t.decision_impl_planned,
        ImplChange::InProgress => t.decision_impl_in_progress,
        ImplChange::Done => t.decision_impl_done,
        ImplChange::Cancelled => t.decision_impl_cancelled,
        ImplChange::Updated => t.decision_impl_updated,
        ImplChange::MilestoneAdded => t.decision_milestone_added,
        ImplChange::MilestoneReached => t.decision_milestone_reached,
        ImplChange::Reported => t.decision_progress_reported,
    }
}

/// The name of an idea's status.
pub fn status_name(t: &'static Texts, status: IdeaStatus) -> &'static str {
    match status {
        IdeaStatus::Submitted => t.status_submitted,
        IdeaStatus::Published => t.status_published,
        IdeaStatus::Rejected => t.status_rejected,
        IdeaStatus::Merged => t.status_merged,
        IdeaStatus::Shortlisted => t.status_shortlisted,
        IdeaStatus::Selected => t.status_selected,
        IdeaStatus::NotSelected => t.status_not_selected,
        IdeaStatus::Withdrawn => t.status_withdrawn,
    }
}

/// The sentence for a validation `code` about `field` from the server.
pub fn error_text(t: &'static Texts, field: &str, code: &str) -> &'static str {
    match (field, code) {
        ("direction", "unknown") => t.err_unknown_direction,
        ("expert_email", "unknown") => t.err_unknown_account,
        (_, "required") => t.err_required,
        (_, "too_short") => t.err_too_short,
        (_, "too_long") => t.err_too_long,
        (_, "markup") => t.err_markup,
        (_, "control") => t.err_control,
        (_, "unconfirmed") => t.err_unconfirmed,
        (_, "link_invalid") => t.err_link_invalid,
        (_, "duplicate") => t.err_duplicate,
        (_, "window_closed") => t.err_window_closed,
        (_, "not_joined") => t.err_not_joined,
        (_, "project_finished") => t.err_project_finished,
        (_, "email_invalid") => t.err_email_invalid,
        (_, "email_taken") => t.err_email_taken,
        (_, "password_short") => t.err_password_short,
        (_, "bad_credentials") => t.err_bad_credentials,
        (_, "own_idea") => t.err_own_idea,
        (_, "comments_closed") => t.err_comments_closed,
        (_, "not_editable") => t.err_not_editable,
        (_, "already_moderated") => t.err_already_moderated,
        (_, "score_range") => t.err_score_range,
        (_, "criteria_count") => t.err_criteria_count,
        (_, "criteria_locked") => t.err_criteria_locked,
        (_, "quorum_range") => t.err_quorum_range,
        (_, "quorum_locked") => t.err_quorum_locked,
        (_, "commission_locked") => t.err_commission_locked,
        (_, "already_member") => t.err_already_member,
        (_, "score_final") => t.err_score_final,
        (_, "none_selected") => t.err_none_selected,
        (_, "too_many_selected") => t.err_too_many_selected,
        (_, "same_idea") => t.err_same_idea,
        (_, "other_project") => t.err_other_project,
        (_, "conflicted") => t.err_conflicted,
        (_, "not_shortlisted") => t.err_not_shortlisted,
        (_, "already_voted") => t.err_already_voted,
        (_, "already_decided") => t.err_already_decided,
        (_, "already_declared") => t.err_already_declared,
        (_, "unknown_parent") => t.err_unknown_parent,
        (_, "already_reported") => t.err_already_reported,
        (_, "voting_closed") => t.err_voting_closed,
        (_, "slug_invalid") => t.err_slug_invalid,
        (_, "slug_taken") => t.err_slug_taken,
        (_, "end_before_start") => t.err_end_before_start,
        (_, "stage_overlap") => t.err_stage_overlap,
        (_, "stage_order") => t.err_stage_order,
        (_, "stage_duplicate") => t.err_stage_duplicate,
        (_, "ideas_required") => t.err_ideas_required,
        (_, "directions_required") => t.err_directions_required,
        (_, "in_past") => t.err_in_past,
        (_, "has_ideas") => t.err_has_ideas,
        (_, "not_expert") => t.err_not_expert,
        (_, "hours_range") => t.err_hours_range,
        (_, "too_large") => t.err_too_large,
        (_, "not_image") => t.err_not_image,
        (_, "too_small") => t.err_too_small,
        (_, "not_published") => t.err_not_published,
        (_, "vote_closed") => t.err_vote_closed,
        ("ideas", "too_many") => t.err_too_many_choices,
        (_, "not_on_ballot") => t.err_not_on_ballot,
        (_, "over_budget") => t.err_over_budget,
        (_, "ballot_empty") => t.err_ballot_empty,
        (_, "vote_started") => t.err_vote_started,
        (_, "out_of_range") => t.err_out_of_range,
        (_, "not_a_number") => t.err_not_a_number,
        (_, "nothing_to_add") => t.err_nothing_to_add,
        (_, "receipt_malformed") => t.err_receipt_malformed,
        (_, "review_required") => t.err_review_required,
        (_, "not_eligible") => t.err_not_eligible,
        (_, "no_record") => t.err_no_record,
        (_, "not_a_date") => t.err_not_a_date,
        (_, "already_reached") => t.err_already_reached,
        (_, "in_future") => t.err_in_future,
        _ => t.err_invalid,
    }
}

/// `template` with each `{}` replaced by the next of `args`, in order.
pub fn fill(template: &str, args: &[String]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(String::len).sum::<usize>());
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for (part, arg) in parts.zip(args.iter().map(String::as_str).chain(std::iter::repeat(""))) {
        out.push_str(arg);
        out.push_str(part);
    }
    out
}

/// The current language, provided by [`crate::App`]. An island in the browser has no outer context: it
/// reads the page's `<html lang>`, which the server wrote from the same choice.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(page_lang)
}

/// The language of the page the browser shows (on the server: the default).
pub(crate) fn page_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .map(|l| Lang::from_code(&l))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Lang::default()
    }
}

/// The string table of the current language.
pub fn use_texts() -> &'static Texts {
    texts_of(use_lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_the_domain_uses_has_its_own_sentence() {
        let codes = [
            "required",
            "too_short",
            "too_long",
            "markup",
            "duplicate",
            "window_closed",
            "not_joined",
            "project_finished",
            "email_invalid",
            "email_taken",
            "password_short",
            "bad_credentials",
            "own_idea",
            "voting_closed",
            "slug_invalid",
            "slug_taken",
            "end_before_start",
            "stage_overlap",
            "stage_order",
            "stage_duplicate",
            "ideas_required",
            "directions_required",
            "in_past",
            "has_ideas",
            "not_expert",
            "hours_range",
            "too_large",
            "not_image",
            "too_small",
            "not_published",
            "vote_closed",
            "not_on_ballot",
            "over_budget",
            "ballot_empty",
            "vote_started",
            "out_of_range",
            "not_a_number",
            "nothing_to_add",
            "receipt_malformed",
            "review_required",
            "not_eligible",
            "no_record",
            "not_a_date",
            "already_reached",
            "in_future",
        ];
        for code in codes {
            assert_ne!(error_text(&RU, "title", code), RU.err_invalid, "{code}");
            assert_ne!(error_text(&EN, "title", code), EN.err_invalid, "{code}");
        }
        assert_eq!(
            error_text(&RU, "ideas", "too_many"),
            RU.err_too_many_choices
        );
        assert_eq!(
            error_text(&EN, "direction", "unknown"),
            EN.err_unknown_direction
        );
        assert_eq!(
            error_text(&EN, "expert_email", "unknown"),
            EN.err_unknown_account
        );
    }

    #[test]
    fn language_codes_round_trip() {
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("fr"), Lang::Ru);
        assert_eq!(Lang::En.other().code(), "ru");
    }
}
