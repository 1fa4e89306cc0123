//! Server functions of an idea's life: submitting it, its page, votes, similar ideas while typing,
//! comments, reports, and the resident's notifications and own ideas.

use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::{authorize, context, viewer};
use leptos::prelude::*;
use wire::{Comment, IdeaCard, IdeaFields, IdeaPage, MyIdea, Notice, ReportTarget, VoteCounts};

/// An idea's page. Who: everyone for public ideas; the author also for their idea before or after
/// moderation.
#[server(endpoint = "idea")]
pub async fn get_idea(idea_id: i64) -> Result<IdeaPage, AppError> {
    let ctx = context()?;
    let user = viewer(&ctx).await?;
    Ok(domain::ideas::page(&ctx.domain, idea_id, user.as_ref()).await?)
}

/// The published ideas of a public project most similar to what is typed (title and text, up to 2,000
/// characters are read). Who: everyone (only public ideas are shown).
#[server(endpoint = "similar")]
pub async fn similar_ideas(project_id: i64, text: String) -> Result<Vec<IdeaCard>, AppError> {
    let ctx = context()?;
    if !domain::projects::is_public_id(&ctx.domain, project_id).await? {
        return Err(domain::Error::NotFound.into());
    }
    let text: String = text.chars().take(2000).collect();
    Ok(domain::search::similar(&ctx.domain, project_id, &text, None).await?)
}

/// Comments on an idea; `parent_id` (empty for none) makes it a reply. Who: residents
/// ([`domain::comments::COMMENT`]).
#[server(endpoint = "comment")]
pub async fn add_comment(
    idea_id: i64,
    parent_id: String,
    body: String,
) -> Result<Comment, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::comments::COMMENT).await?;
    let parent = match parent_id.trim() {
        "" => None,
        id => Some(
            id.parse()
                .map_err(|_| AppError::from(domain::Error::field("body", "unknown_parent")))?,
        ),
    };
    Ok(domain::comments::add(&ctx.domain, &user, idea_id, parent, &body).await?)
}

/// Reports an idea (`kind` = `idea`) or a comment (`comment`) to the moderators. Who: residents
/// ([`domain::reports::REPORT`]).
#[server(endpoint = "report")]
pub async fn report_content(
    kind: ReportTarget,
    target_id: i64,
    reason: String,
) -> Result<(), AppError> {
    use domain::reports::Target;
    let ctx = context()?;
    let user = authorize(&ctx, domain::reports::REPORT).await?;
    let target = match kind {
        ReportTarget::Idea => Target::Idea(target_id),
        ReportTarget::Comment => Target::Comment(target_id),
    };
    Ok(domain::reports::file(&ctx.domain, &user, target, &reason).await?)
}

/// The viewer's newest notifications. Who: any logged-in user.
#[server(endpoint = "notifications")]
pub async fn get_notifications() -> Result<Vec<Notice>, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::Role::ALL).await?;
    Ok(domain::notifications::list(&ctx.domain, &user).await?)
}

/// Marks the viewer's notifications read. Who: any logged-in user.
#[server(endpoint = "notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::Role::ALL).await?;
    Ok(domain::notifications::mark_read(&ctx.domain, &user).await?)
}

/// Every idea of the viewer with its status and reason. Who: residents ([`domain::ideas::SUBMIT`]).
#[server(endpoint = "my_ideas")]
pub async fn my_ideas() -> Result<Vec<MyIdea>, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::ideas::SUBMIT).await?;
    Ok(domain::ideas::mine(&ctx.domain, &user).await?)
}

/// Changes the viewer's own idea while it may still change (see [`domain::ideas::edit`]). Who: residents
/// ([`domain::ideas::SUBMIT`]), and only the author.
#[server(endpoint = "edit_idea")]
pub async fn edit_idea(
    idea_id: i64,
    #[server(flatten)] idea: IdeaFields,
) -> Result<IdeaCard, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::ideas::SUBMIT).await?;
    let new = domain::ideas::NewIdea::from_fields(String::new(), idea);
    Ok(domain::ideas::edit(&ctx.domain, &user, idea_id, &new).await?)
}

/// Withdraws the viewer's own idea while it may still change. Who: residents, and only the author.
#[server(endpoint = "withdraw_idea")]
pub async fn withdraw_idea(idea_id: i64) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::ideas::SUBMIT).await?;
    domain::ideas::withdraw(&ctx.domain, &user, idea_id).await?;
    if crate::ssr::is_plain_form_post() {
        // As with JavaScript: on to the author's list, where the page says it is withdrawn.
        leptos_axum::redirect("/my/ideas");
    }
    Ok(())
}

/// Submits an idea to the project `slug`. `direction_id` comes from a `<select>` and may be empty. Who:
/// residents ([`domain::ideas::SUBMIT`]).
#[server(endpoint = "submit_idea")]
pub async fn submit_idea(
    slug: String,
    #[server(flatten)] idea: IdeaFields,
) -> Result<IdeaCard, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::ideas::SUBMIT).await?;
    let new = domain::ideas::NewIdea::from_fields(slug, idea);
    Ok(domain::ideas::submit(&ctx.domain, &user, &new).await?)
}

/// Supports (`1`) or opposes (`-1`) an idea. Who: residents ([`domain::ideas::VOTE`]).
#[server(endpoint = "vote")]
pub async fn vote_idea(idea_id: i64, value: i16) -> Result<VoteCounts, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::ideas::VOTE).await?;
    Ok(domain::ideas::vote(&ctx.domain, &user, idea_id, value).await?)
}
