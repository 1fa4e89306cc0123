//! Server functions of moderation, and the public decision trail and results. Who: moderators and admins
//! ([`domain::moderation::MODERATE`]), checked first in each; the decision trail and the results are
//! public.

use crate::model::AppError;
use leptos::prelude::*;
use wire::{
    BulkOutcome, CommentVerdict, IdeaCard, IdeaCorrection, IdeaVerdict, ModerationQueue,
    ReasonTemplate, TemplateInput,
};
#[cfg(feature = "ssr")]
use {
    crate::ssr::{ServerContext, authorize, context},
    domain::User,
};

/// The context and the moderator, or 401/403.
#[cfg(feature = "ssr")]
async fn moderator() -> Result<(ServerContext, User), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::moderation::MODERATE).await?;
    Ok((ctx, user))
}

/// The queue: unreviewed ideas and comments, open reports, reason templates.
#[server(endpoint = "moderation/queue")]
pub async fn get_moderation_queue() -> Result<ModerationQueue, AppError> {
    let (ctx, _) = moderator().await?;
    Ok(domain::moderation::queue(&ctx.domain).await?)
}

/// An idea's verdict from the form: publish, or reject with the reason.
#[cfg(feature = "ssr")]
fn verdict(action: IdeaVerdict, reason: String) -> domain::moderation::Verdict {
    use domain::moderation::Verdict;
    match action {
        IdeaVerdict::Publish => Verdict::Publish,
        IdeaVerdict::Reject => Verdict::Reject(reason),
    }
}

/// A comment's verdict from the form: keep (`None`), or hide with the reason.
#[cfg(feature = "ssr")]
fn hiding(action: CommentVerdict, reason: &str) -> Option<&str> {
    match action {
        CommentVerdict::Keep => None,
        CommentVerdict::Hide => Some(reason),
    }
}

/// Publishes (`action` = `publish`) or rejects (`reject`, with `reason`) an idea.
#[server(endpoint = "moderation/review_idea")]
pub async fn review_idea(
    idea_id: i64,
    action: IdeaVerdict,
    reason: String,
) -> Result<(), AppError> {
    let (ctx, user) = moderator().await?;
    let verdict = verdict(action, reason);
    Ok(domain::moderation::review_idea(&ctx.domain, &user, idea_id, &verdict).await?)
}

/// Takes down an idea already published or approved (a report, personal data found later), with the
/// reason its author is told.
#[server(endpoint = "moderation/take_down_idea")]
pub async fn take_down_idea(idea_id: i64, reason: String) -> Result<(), AppError> {
    let (ctx, user) = moderator().await?;
    Ok(domain::moderation::take_down_idea(&ctx.domain, &user, idea_id, &reason).await?)
}

/// Publishes or rejects the selected ideas (`ids[]`), one reason for all; says how many were decided and
/// how many another moderator had decided first.
#[server(endpoint = "moderation/review_ideas")]
pub async fn review_ideas(
    #[server(default)] ids: Vec<i64>,
    action: IdeaVerdict,
    #[server(default)] reason: String,
) -> Result<BulkOutcome, AppError> {
    let (ctx, user) = moderator().await?;
    let verdict = verdict(action, reason);
    Ok(domain::moderation::review_ideas(&ctx.domain, &user, &ids, &verdict).await?)
}

/// Keeps or hides the selected comments (`ids[]`), one reason for all.
#[server(endpoint = "moderation/review_comments")]
pub async fn review_comments(
    #[server(default)] ids: Vec<i64>,
    action: CommentVerdict,
    #[server(default)] reason: String,
) -> Result<BulkOutcome, AppError> {
    let (ctx, user) = moderator().await?;
    let hide = hiding(action, &reason);
    Ok(domain::moderation::review_comments(&ctx.domain, &user, &ids, hide).await?)
}

/// Ideas the duplicate `idea_id` could be merged into: the most similar to `query` (or to the duplicate
/// itself when blank); `#123` names one.
#[server(endpoint = "moderation/merge_candidates")]
pub async fn merge_candidates(idea_id: i64, query: String) -> Result<Vec<IdeaCard>, AppError> {
    let (ctx, _) = moderator().await?;
    Ok(domain::moderation::merge_candidates(&ctx.domain, idea_id, &query).await?)
}

/// Corrects an idea's title or text, with a note saying what was corrected.
#[server(endpoint = "moderation/correct_idea")]
pub async fn correct_idea(
    idea_id: i64,
    #[server(flatten)] correction: IdeaCorrection,
) -> Result<(), AppError> {
    let (ctx, user) = moderator().await?;
    Ok(domain::moderation::correct_idea(&ctx.domain, &user, idea_id, &correction).await?)
}

/// Keeps (`action` = `keep`) or hides (`hide`, with `reason`) a comment.
#[server(endpoint = "moderation/review_comment")]
pub async fn review_comment(
    comment_id: i64,
    action: CommentVerdict,
    reason: String,
) -> Result<(), AppError> {
    let (ctx, user) = moderator().await?;
    let hide = hiding(action, &reason);
    Ok(domain::moderation::review_comment(&ctx.domain, &user, comment_id, hide).await?)
}

/// Merges the duplicate `source_id` into `target_id`, with the reason.
#[server(endpoint = "moderation/merge")]
pub async fn merge_ideas(source_id: i64, target_id: i64, reason: String) -> Result<(), AppError> {
    let (ctx, user) = moderator().await?;
    domain::moderation::merge(&ctx.domain, &user, source_id, target_id, &reason).await?;
    Ok(())
}

/// Undoes a merge.
#[server(endpoint = "moderation/undo_merge")]
pub async fn undo_merge(merge_id: i64) -> Result<(), AppError> {
    let (ctx, user) = moderator().await?;
    Ok(domain::moderation::undo_merge(&ctx.domain, &user, merge_id).await?)
}

/// Closes a report.
#[server(endpoint = "moderation/close_report")]
pub async fn close_report(report_id: i64) -> Result<(), AppError> {
    let (ctx, user) = moderator().await?;
    Ok(domain::moderation::close_report(&ctx.domain, &user, report_id).await?)
}

/// The reason templates.
#[server(endpoint = "moderation/templates")]
pub async fn get_reason_templates() -> Result<Vec<ReasonTemplate>, AppError> {
    let (ctx, _) = moderator().await?;
    Ok(domain::moderation::templates(&ctx.domain).await?)
}

/// Adds a reusable reason in both languages.
#[server(endpoint = "moderation/add_template")]
pub async fn add_reason_template(#[server(flatten)] text: TemplateInput) -> Result<(), AppError> {
    let (ctx, _) = moderator().await?;
    domain::moderation::add_template(&ctx.domain, &text).await?;
    Ok(())
}

/// Changes a reason template.
#[server(endpoint = "moderation/update_template")]
pub async fn update_reason_template(
    id: i64,
    #[server(flatten)] text: TemplateInput,
) -> Result<(), AppError> {
    let (ctx, _) = moderator().await?;
    Ok(domain::moderation::update_template(&ctx.domain, id, &text).await?)
}

/// Removes a reason template.
#[server(endpoint = "moderation/delete_template")]
pub async fn delete_reason_template(id: i64) -> Result<(), AppError> {
    let (ctx, _) = moderator().await?;
    Ok(domain::moderation::delete_template(&ctx.domain, id).await?)
}
