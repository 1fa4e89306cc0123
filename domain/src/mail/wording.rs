//! What a notification's e-mail says, in Russian and English: its subject by kind (a comment, a reply,
//! an undone merge, the idea's new status, an implementation's change) and the label of a quoted text.

use wire::{IdeaStatus, ImplChange, Lang};

/// `ru` or `en` of the pair, as `lang` reads.
pub(super) fn pick(lang: Lang, (ru, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// The subject of a notification's e-mail, in Russian and English: its kind is a comment, a reply, an
/// undone merge, or the idea's new status.
pub(super) fn wording(kind: &str) -> (&'static str, &'static str) {
    if let Some(change) = ImplChange::parse(kind) {
        return implementation_wording(change);
    }
    match kind {
        "commented" => ("Новый комментарий к вашей идее", "New comment on your idea"),
        "replied" => ("Ответ на ваш комментарий", "A reply to your comment"),
        crate::moderation::MERGE_UNDONE => (
            "Ваша идея снова отдельная: объединение отменено",
            "Your idea stands on its own again: the merge was undone",
        ),
        crate::vote::REMINDER => (
            "Голосование скоро закончится, а ваш выбор не подтверждён",
            "Voting ends soon and your choice is not confirmed",
        ),
        _ => match IdeaStatus::parse(kind) {
            Some(IdeaStatus::Merged) => (
                "Ваша идея объединена с похожей",
                "Your idea was merged with a similar one",
            ),
            Some(IdeaStatus::Published) => ("Ваша идея опубликована", "Your idea is published"),
            Some(IdeaStatus::Rejected) => ("Ваша идея отклонена", "Your idea was rejected"),
            Some(IdeaStatus::Shortlisted) => (
                "Ваша идея в коротком списке экспертов",
                "Your idea is on the experts' shortlist",
            ),
            Some(IdeaStatus::Selected) => (
                "Ваша идея отобрана для реализации",
                "Your idea is selected for implementation",
            ),
            Some(IdeaStatus::NotSelected) => (
                "Комиссия не отобрала вашу идею",
                "The commission did not select your idea",
            ),
            _ => ("Новости о вашей идее", "News about your idea"),
        },
    }
}

/// The subject of a notice to an idea's followers about its implementation.
fn implementation_wording(change: ImplChange) -> (&'static str, &'static str) {
    match change {
        ImplChange::Planned => (
            "Идею, за которой вы следите, будут реализовывать",
            "An idea you follow is planned for implementation",
        ),
        ImplChange::InProgress => (
            "Идею, за которой вы следите, начали реализовывать",
            "Work has started on an idea you follow",
        ),
        ImplChange::Done => (
            "Идея, за которой вы следите, реализована",
            "An idea you follow has been built",
        ),
        ImplChange::Cancelled => (
            "Реализация идеи, за которой вы следите, отменена",
            "The implementation of an idea you follow was cancelled",
        ),
        ImplChange::Updated => (
            "Новости о реализации идеи, за которой вы следите",
            "News on the implementation of an idea you follow",
        ),
        ImplChange::MilestoneAdded => (
            "Новый этап реализации идеи, за которой вы следите",
            "A new milestone for an idea you follow",
        ),
        ImplChange::MilestoneReached => (
            "Пройден этап реализации идеи, за которой вы следите",
            "A milestone was reached for an idea you follow",
        ),
        ImplChange::Reported => (
            "Отчёт о реализации идеи, за которой вы следите",
            "A progress report on an idea you follow",
        ),
    }
}

/// What the text under a notification's heading is, by kind: a comment, or the reason for a decision.
pub(super) fn text_label(kind: &str) -> (&'static str, &'static str) {
    match ImplChange::parse(kind) {
        Some(ImplChange::MilestoneAdded | ImplChange::MilestoneReached) => ("Этап", "Milestone"),
        Some(ImplChange::Reported) => ("Отчёт", "Report"),
        Some(ImplChange::Cancelled) => ("Причина", "Reason"),
        Some(_) => ("Исполнитель и готовность", "Department and progress"),
        None => match kind {
            "commented" | "replied" => ("Комментарий", "Comment"),
            crate::moderation::MERGE_UNDONE => ("Была объединена с", "It had been merged into"),
            _ => ("Причина", "Reason"),
        },
    }
}
