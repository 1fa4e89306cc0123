//! Server functions of implementation tracking. Reading a record, the lists "what was built": everyone
//! (public ideas of public projects only). Following an idea: anyone logged in
//! ([`domain::implementation::FOLLOW`]). Writing records, milestones: staff
//! ([`domain::implementation::EDIT`]); progress reports with a photo are a multipart form handled by the
//! server crate (`POST /staff/ideas/{id}/report`).

use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::{authorize, context, viewer};
use leptos::prelude::*;
use wire::{BuiltFilter, BuiltPage, IdeaImplementation, ImplStatus, ImplementationEditor};

/// The implementation part of idea `idea_id`'s page.
#[server(endpoint = "implementation/idea")]
pub async fn get_idea_implementation(idea_id: i64) -> Result<IdeaImplementation, AppError> {
    let ctx = context()?;
    let user = viewer(&ctx).await?;
    Ok(domain::implementation::for_idea(&ctx.domain, idea_id, user.as_ref()).await?)
}

/// A page of "what was built" through `filter`, after the idea `after`.
#[server(endpoint = "implementation/built")]
pub async fn get_built(
    #[server(default)] filter: BuiltFilter,
    #[server(default)] after: Option<i64>,
) -> Result<BuiltPage, AppError> {
    let ctx = context()?;
    Ok(domain::implementation::built(&ctx.domain, &filter, after).await?)
}

/// The viewer follows idea `idea_id`, or stops when `follow` is false; returns the new state.
#[server(endpoint = "implementation/follow")]
pub async fn follow_idea(idea_id: i64, #[server(default)] follow: bool) -> Result<bool, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::implementation::FOLLOW).await?;
    Ok(domain::implementation::set_follow(&ctx.domain, &user, idea_id, follow).await?)
}

/// The editor of idea `idea_id`'s record.
#[server(endpoint = "staff/implementation")]
pub async fn get_implementation_editor(idea_id: i64) -> Result<ImplementationEditor, AppError> {
    let ctx = context()?;
    authorize(&ctx, domain::implementation::EDIT).await?;
    Ok(domain::implementation::editor(&ctx.domain, idea_id).await?)
}

/// Opens or changes idea `idea_id`'s record.
#[server(endpoint = "staff/implementation_save")]
pub async fn save_implementation(
    idea_id: i64,
    department: String,
    status: ImplStatus,
    #[server(default)] reason: String,
    #[server(default)] percent: String,
) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::implementation::EDIT).await?;
    let input = domain::implementation::RecordInput {
        department,
        status,
        reason,
        percent: domain::implementation::parse_percent(&percent)?,
    };
    Ok(domain::implementation::save(&ctx.domain, &user, idea_id, &input).await?)
}

/// Adds a milestone `title` due on `due` (`YYYY-MM-DD`) to idea `idea_id`'s record.
#[server(endpoint = "staff/milestone_add")]
pub async fn add_milestone(idea_id: i64, title: String, due: String) -> Result<i64, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::implementation::EDIT).await?;
    Ok(domain::implementation::add_milestone(&ctx.domain, &user, idea_id, &title, &due).await?)
}

/// Marks milestone `milestone_id` reached on `on` (`YYYY-MM-DD`; today when empty).
#[server(endpoint = "staff/milestone_reached")]
pub async fn reach_milestone(
    milestone_id: i64,
    #[server(default)] on: String,
) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::implementation::EDIT).await?;
    Ok(domain::implementation::reach_milestone(&ctx.domain, &user, milestone_id, &on).await?)
}
