//! A project's edit history, each change written in the reader's language from its kind and
//! particulars (`wire::Change`); lines stored before history was structured are shown as they are.

use super::*;
use crate::i18n::Lang;
use crate::i18n::fill;
use crate::pages::project::stage_name;
use crate::time::period;
use chrono::{DateTime, Utc};
use wire::{Change, ChangeKind, RevisionRow};

/// The history panel of the editor, newest first.
#[component]
pub fn History(revisions: Vec<RevisionRow>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title">{t.history_title}</h2>
            <ol class="history">
                {revisions.into_iter().map(|r| view! {
                    <li>
                        <time datetime=r.at.to_rfc3339()>{date_time(lang, r.at)}</time> " · " <strong>{r.actor}</strong>
                        <ul>
                            {r.changes.iter().map(|c| view! { <li>{change_text(t, lang, c)}</li> }).collect_view()}
                        </ul>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// One change as a sentence in `lang`.
pub fn change_text(t: &'static Texts, lang: Lang, c: &Change) -> String {
    let a = |i| c.arg(i).to_owned();
    let money = |i: usize| match c.arg(i).parse::<i64>() {
        Ok(n) => crate::plural::roubles(n),
        Err(_) => t.not_set.to_owned(),
    };
    let stage = |from: usize| {
        let at = |i| DateTime::parse_from_rfc3339(c.arg(i)).map(|x| x.with_timezone(&Utc));
        match (at(from + 1), at(from + 2)) {
            (Ok(start), Ok(end)) => format!(
                "{} ({})",
                stage_name(t, c.arg(from)),
                period(lang, start, end)
            ),
            _ => stage_name(t, c.arg(from)).to_owned(),
        }
    };
    let (template, args): (&str, Vec<String>) = match c.kind {
        ChangeKind::ProjectCreated => (t.hist_project_created, vec![a(0)]),
        ChangeKind::TextChanged => (
            t.hist_text_changed,
            vec![field_name(t, c.arg(0)).to_owned(), a(1), a(2)],
        ),
        ChangeKind::CoverReplaced => (t.hist_cover_replaced, vec![]),
        ChangeKind::PremoderationOn => (t.hist_premoderation_on, vec![]),
        ChangeKind::PremoderationOff => (t.hist_premoderation_off, vec![]),
        ChangeKind::Published => (t.hist_published, vec![]),
        ChangeKind::Scheduled => {
            let at = DateTime::parse_from_rfc3339(c.arg(0))
                .map(|x| date_time(lang, x.with_timezone(&Utc)))
                .unwrap_or_else(|_| a(0));
            (t.hist_scheduled, vec![at])
        }
        ChangeKind::Unpublished => (t.hist_unpublished, vec![]),
        ChangeKind::Archived => (t.hist_archived, vec![]),
        ChangeKind::StageAdded => (t.hist_stage_added, vec![stage(0)]),
        ChangeKind::StageChanged => (t.hist_stage_changed, vec![stage(0), stage(3)]),
        ChangeKind::StageRemoved => (t.hist_stage_removed, vec![stage(0)]),
        ChangeKind::DirectionAdded => (t.hist_direction_added, vec![a(0)]),
        ChangeKind::DirectionRenamed => (t.hist_direction_renamed, vec![a(0), a(1)]),
        ChangeKind::DirectionRetired => (t.hist_direction_retired, vec![a(0)]),
        ChangeKind::DirectionRestored => (t.hist_direction_restored, vec![a(0)]),
        ChangeKind::DirectionDeleted => (t.hist_direction_deleted, vec![a(0)]),
        ChangeKind::DirectionMovedUp => (t.hist_direction_moved_up, vec![a(0)]),
        ChangeKind::DirectionMovedDown => (t.hist_direction_moved_down, vec![a(0)]),
        ChangeKind::MemberAdded => (t.hist_member_added, vec![a(0)]),
        ChangeKind::MemberChanged => (
            t.hist_member_changed,
            vec![a(0), field_name(t, c.arg(1)).to_owned(), a(2), a(3)],
        ),
        ChangeKind::MemberLinked => (t.hist_member_linked, vec![a(0)]),
        ChangeKind::MemberUnlinked => (t.hist_member_unlinked, vec![a(0)]),
        ChangeKind::MemberRemoved => (t.hist_member_removed, vec![a(0)]),
        ChangeKind::MemberPhotoReplaced => (t.hist_member_photo_replaced, vec![a(0)]),
        ChangeKind::MemberPhotoRemoved => (t.hist_member_photo_removed, vec![a(0)]),
        ChangeKind::MemberMovedUp => (t.hist_member_moved_up, vec![a(0)]),
        ChangeKind::MemberMovedDown => (t.hist_member_moved_down, vec![a(0)]),
        ChangeKind::PreviewLinkCreated => (t.hist_preview_link_created, vec![a(0), a(1)]),
        ChangeKind::PreviewLinkRevoked => (t.hist_preview_link_revoked, vec![a(0)]),
        ChangeKind::CriteriaSet => (t.hist_criteria_set, vec![a(0)]),
        ChangeKind::QuorumSet if c.args.is_empty() => (t.hist_quorum_majority, vec![]),
        ChangeKind::QuorumSet => (t.hist_quorum_set, vec![a(0)]),
        ChangeKind::VoteRulesSet => {
            let rule = match wire::VoteRule::parse(c.arg(0)) {
                Some(wire::VoteRule::Budget) => t.hist_vote_budget.to_owned(),
                _ => fill(t.hist_vote_approval, &[a(1)]),
            };
            match c.arg(2) {
                "true" => ("{}; {}", vec![rule, t.hist_vote_live.to_owned()]),
                _ => ("{}", vec![rule]),
            }
        }
        ChangeKind::BallotFilled => (t.hist_ballot_filled, vec![a(1)]),
        ChangeKind::BallotItemRemoved => (t.hist_ballot_item_removed, vec![a(0)]),
        ChangeKind::BallotCostSet => (t.hist_ballot_cost_set, vec![a(0), money(1)]),
        ChangeKind::VoteBudgetSet => (t.hist_vote_budget_set, vec![a(0), money(1)]),
        ChangeKind::Legacy => ("{}", vec![a(0)]),
    };
    fill(template, &args)
}

/// The label of a project or commission member field named in a change.
fn field_name(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "slug" => t.field_slug,
        "title_ru" => t.field_title_ru,
        "title_en" => t.field_title_en,
        "summary_ru" => t.field_summary_ru,
        "summary_en" => t.field_summary_en,
        "body_ru" => t.field_body_ru,
        "body_en" => t.field_body_en,
        "name_ru" => t.field_name_ru,
        "name_en" => t.field_name_en,
        "position_ru" => t.field_position_ru,
        _ => t.field_position_en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, RU};

    #[test]
    fn every_change_reads_as_a_sentence_in_both_languages() {
        let renamed = Change::new(
            ChangeKind::DirectionRenamed,
            ["Транспорт", "Общественный транспорт"],
        );
        assert_eq!(
            change_text(&RU, Lang::Ru, &renamed),
            "Направление переименовано: Транспорт → Общественный транспорт"
        );
        assert_eq!(
            change_text(&EN, Lang::En, &renamed),
            "Direction renamed: Транспорт → Общественный транспорт"
        );
        let stage = Change::new(
            ChangeKind::StageAdded,
            [
                "ideas",
                "2020-06-21T21:00:00+00:00",
                "2020-06-25T21:00:00+00:00",
            ],
        );
        assert_eq!(
            change_text(&RU, Lang::Ru, &stage),
            "Этап добавлен: Приём идей (22 июня 2020 — 25 июня 2020)"
        );
        let field = Change::new(
            ChangeKind::TextChanged,
            ["title_en", "Clean air", "Clean air for all"],
        );
        assert_eq!(
            change_text(&RU, Lang::Ru, &field),
            "Название (англ.): «Clean air» → «Clean air for all»"
        );
        let old = Change::new(ChangeKind::Legacy, ["premoderation: on"]);
        assert_eq!(change_text(&RU, Lang::Ru, &old), "premoderation: on");
        assert_eq!(
            change_text(&EN, Lang::En, &Change::new(ChangeKind::QuorumSet, [])),
            "Selecting an idea needs a majority of the commission"
        );
    }

    #[test]
    fn no_kind_is_left_in_english_in_the_russian_interface() {
        for kind in ChangeKind::ALL.iter().filter(|k| **k != ChangeKind::Legacy) {
            let c = Change::new(*kind, ["x", "title_ru", "y", "z", "w", "v"]);
            let text = change_text(&RU, Lang::Ru, &c);
            assert!(
                text.chars()
                    .any(|ch| ('а'..='я').contains(&ch.to_lowercase().next().unwrap_or(ch))),
                "{kind}: {text}"
            );
            assert!(!text.contains("{}"), "{kind}: {text}");
        }
    }
}
