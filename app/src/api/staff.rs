//! Server functions of the staff workspace. Who: staff and admins ([`domain::staff::EDIT`]), checked first
//! in every one; the preview by link is the exception: whoever holds a valid link may see that one preview.
//!
//! A form with several fields posts one `wire` input (`ProjectInput`, `StageForm`, `MemberInput`),
//! flattened: the fields keep their names, so plain HTML forms post them without JavaScript.

use crate::model::AppError;
use leptos::prelude::*;
use wire::{
    MemberInput, ProjectData, ProjectInput, PublicationAction, StaffProjectRow, StaffWorkspace,
    StageForm,
};
#[cfg(feature = "ssr")]
use {
    crate::ssr::{ServerContext, authorize, context},
    domain::User,
};

/// The context and the staff user, or 401/403.
#[cfg(feature = "ssr")]
async fn staff() -> Result<(ServerContext, User), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::staff::EDIT).await?;
    Ok((ctx, user))
}

/// Every project, whatever its state.
#[server(endpoint = "staff/projects")]
pub async fn staff_projects() -> Result<Vec<StaffProjectRow>, AppError> {
    let (ctx, _) = staff().await?;
    Ok(domain::staff::list_all(&ctx.domain).await?)
}

/// One project's editor data.
#[server(endpoint = "staff/workspace")]
pub async fn get_staff_workspace(project_id: i64) -> Result<StaffWorkspace, AppError> {
    let (ctx, _) = staff().await?;
    Ok(domain::staff::workspace(&ctx.domain, project_id).await?)
}

/// Creates a draft project; returns its id.
#[server(endpoint = "staff/create_project")]
pub async fn create_project(#[server(flatten)] texts: ProjectInput) -> Result<i64, AppError> {
    let (ctx, user) = staff().await?;
    let id = domain::staff::create_project(&ctx.domain, &user, &texts).await?;
    if crate::ssr::is_plain_form_post() {
        leptos_axum::redirect(&format!("/staff/projects/{id}"));
    }
    Ok(id)
}

/// Replaces a project's texts.
#[server(endpoint = "staff/update_project")]
pub async fn update_project(
    project_id: i64,
    #[server(flatten)] texts: ProjectInput,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::update_project(&ctx.domain, &user, project_id, &texts).await?)
}

/// Adds a stage; times are Moscow time as a `datetime-local` input sends them.
#[server(endpoint = "staff/add_stage")]
pub async fn add_stage(
    project_id: i64,
    #[server(flatten)] stage: StageForm,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    let input = domain::staff::StageInput::from_form(&stage);
    Ok(domain::staff::add_stage(&ctx.domain, &user, project_id, &input).await?)
}

/// Changes a stage.
#[server(endpoint = "staff/update_stage")]
pub async fn update_stage(
    stage_id: i64,
    #[server(flatten)] stage: StageForm,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    let input = domain::staff::StageInput::from_form(&stage);
    Ok(domain::staff::update_stage(&ctx.domain, &user, stage_id, &input).await?)
}

/// Removes a stage.
#[server(endpoint = "staff/delete_stage")]
pub async fn delete_stage(stage_id: i64) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::delete_stage(&ctx.domain, &user, stage_id).await?)
}

/// Adds a direction.
#[server(endpoint = "staff/add_direction")]
pub async fn add_direction(
    project_id: i64,
    title_ru: String,
    title_en: String,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::add_direction(&ctx.domain, &user, project_id, &title_ru, &title_en).await?)
}

/// Renames a direction.
#[server(endpoint = "staff/rename_direction")]
pub async fn rename_direction(
    direction_id: i64,
    title_ru: String,
    title_en: String,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(
        domain::staff::rename_direction(&ctx.domain, &user, direction_id, &title_ru, &title_en)
            .await?,
    )
}

/// Moves a direction up or down.
#[server(endpoint = "staff/move_direction")]
pub async fn move_direction(direction_id: i64, up: bool) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    let item = domain::staff::Movable::Direction(direction_id);
    Ok(domain::staff::move_in_order(&ctx.domain, &user, item, up).await?)
}

/// Retires (or restores) a direction.
#[server(endpoint = "staff/retire_direction")]
pub async fn retire_direction(direction_id: i64, retired: bool) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::set_direction_retired(&ctx.domain, &user, direction_id, retired).await?)
}

/// Deletes a direction without ideas.
#[server(endpoint = "staff/delete_direction")]
pub async fn delete_direction(direction_id: i64) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::delete_direction(&ctx.domain, &user, direction_id).await?)
}

/// Adds a commission member, optionally linked to an expert account by e-mail.
#[server(endpoint = "staff/add_member")]
pub async fn add_member(
    project_id: i64,
    #[server(flatten)] member: MemberInput,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::add_member(&ctx.domain, &user, project_id, &member).await?)
}

/// Changes a commission member's name, position or linked expert account.
#[server(endpoint = "staff/update_member")]
pub async fn update_member(
    member_id: i64,
    #[server(flatten)] member: MemberInput,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::update_member(&ctx.domain, &user, member_id, &member).await?)
}

/// Removes a commission member's photo (uploading one is `POST /staff/members/{id}/photo`).
#[server(endpoint = "staff/remove_member_photo")]
pub async fn remove_member_photo(member_id: i64) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::remove_member_photo(&ctx.domain, &user, member_id).await?)
}

/// Moves a commission member up or down.
#[server(endpoint = "staff/move_member")]
pub async fn move_member(member_id: i64, up: bool) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    let item = domain::staff::Movable::Member(member_id);
    Ok(domain::staff::move_in_order(&ctx.domain, &user, item, up).await?)
}

/// Removes a commission member.
#[server(endpoint = "staff/remove_member")]
pub async fn remove_member(member_id: i64) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::remove_member(&ctx.domain, &user, member_id).await?)
}

/// Publishes now (`publish`), schedules (`schedule`, with `publish_at` in Moscow time), unpublishes
/// (`unpublish`) or archives (`archive`).
#[server(endpoint = "staff/publication")]
pub async fn set_publication(
    project_id: i64,
    action: PublicationAction,
    publish_at: String,
) -> Result<(), AppError> {
    use domain::staff::Publication;
    let (ctx, user) = staff().await?;
    let what = match action {
        PublicationAction::Publish => Publication::PublishNow,
        PublicationAction::Schedule => match domain::time::parse_local(&publish_at) {
            Some(at) => Publication::Schedule(at),
            None => return Err(domain::Error::field("publish_at", "required").into()),
        },
        PublicationAction::Unpublish => Publication::Unpublish,
        PublicationAction::Archive => Publication::Archive,
    };
    Ok(domain::staff::set_publication(&ctx.domain, &user, project_id, what).await?)
}

/// Creates a preview link valid for `hours`; returns its path (`/preview/<token>`), shown once.
#[server(endpoint = "staff/create_preview_link")]
pub async fn create_preview_link(project_id: i64, hours: i64) -> Result<String, AppError> {
    let (ctx, user) = staff().await?;
    let (_, token) =
        domain::staff::create_preview_link(&ctx.domain, &user, project_id, hours).await?;
    Ok(format!("/preview/{token}"))
}

/// Revokes a preview link.
#[server(endpoint = "staff/revoke_preview_link")]
pub async fn revoke_preview_link(link_id: i64) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    Ok(domain::staff::revoke_preview_link(&ctx.domain, &user, link_id).await?)
}

/// The project's page as it would look with these texts saved; nothing is saved.
#[server(endpoint = "staff/preview_changes")]
pub async fn preview_changes(
    project_id: i64,
    #[server(flatten)] texts: ProjectInput,
) -> Result<ProjectData, AppError> {
    preview_pending(project_id, domain::staff::Pending::Texts(texts)).await
}

/// The page with one unsaved edit applied, for staff.
#[cfg(feature = "ssr")]
async fn preview_pending(
    project_id: i64,
    pending: domain::staff::Pending,
) -> Result<ProjectData, AppError> {
    let (ctx, _) = staff().await?;
    let detail = domain::staff::preview_pending(&ctx.domain, project_id, &pending).await?;
    crate::ssr::page_data(&ctx, detail, None, Default::default()).await
}

/// The project's page with a stage changed (`stage_id`) or added (none); nothing is saved.
#[server(endpoint = "staff/preview_stage")]
pub async fn preview_stage(
    project_id: i64,
    stage_id: Option<i64>,
    #[server(flatten)] stage: StageForm,
) -> Result<ProjectData, AppError> {
    let input = domain::staff::StageInput::from_form(&stage);
    preview_pending(project_id, domain::staff::Pending::Stage(stage_id, input)).await
}

/// The project's page with a direction renamed (`direction_id`) or added (none); nothing is saved.
#[server(endpoint = "staff/preview_direction")]
pub async fn preview_direction(
    project_id: i64,
    direction_id: Option<i64>,
    title_ru: String,
    title_en: String,
) -> Result<ProjectData, AppError> {
    let pending = domain::staff::Pending::Direction(direction_id, title_ru, title_en);
    preview_pending(project_id, pending).await
}

/// The project's page with a commission member changed (`member_id`) or added (none); nothing is saved.
#[server(endpoint = "staff/preview_member")]
pub async fn preview_member(
    project_id: i64,
    member_id: Option<i64>,
    #[server(flatten)] member: MemberInput,
) -> Result<ProjectData, AppError> {
    preview_pending(
        project_id,
        domain::staff::Pending::Member(member_id, member),
    )
    .await
}

/// A project's page whatever its state, as residents will see it.
/// Replaces the criteria the commission scores the project's ideas on: row `n` is `ru[n]`, `en[n]`; rows
/// blank in both languages are dropped. Refused once scoring has started.
#[server(endpoint = "staff/criteria")]
pub async fn set_criteria(
    project_id: i64,
    #[server(default)] ru: Vec<String>,
    #[server(default)] en: Vec<String>,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    let rows: Vec<(String, String)> = ru.into_iter().zip(en).collect();
    domain::commission::set_criteria(&ctx.domain, &user, project_id, &rows).await?;
    Ok(())
}

/// Sets how many votes select an idea (`quorum` blank: a majority of the members who may vote). Refused
/// once the final vote has started.
#[server(endpoint = "staff/quorum")]
pub async fn set_quorum(project_id: i64, quorum: String) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    let quorum = match quorum.trim() {
        "" => None,
        n => Some(
            n.parse::<i32>()
                .map_err(|_| AppError::from(domain::Error::field("quorum", "quorum_range")))?,
        ),
    };
    Ok(domain::commission::set_quorum(&ctx.domain, &user, project_id, quorum).await?)
}

/// Turns premoderation on or off (`premoderation` is present when the box is ticked).
#[server(endpoint = "staff/premoderation")]
pub async fn set_premoderation(
    project_id: i64,
    #[server(default)] premoderation: Option<String>,
) -> Result<(), AppError> {
    let (ctx, user) = staff().await?;
    let on = premoderation.is_some();
    Ok(domain::staff::set_premoderation(&ctx.domain, &user, project_id, on).await?)
}

/// A staff preview of the saved project.
#[server(endpoint = "staff/preview")]
pub async fn staff_preview(project_id: i64) -> Result<ProjectData, AppError> {
    let (ctx, _) = staff().await?;
    let detail = domain::staff::preview(&ctx.domain, project_id).await?;
    crate::ssr::page_data(&ctx, detail, None, Default::default()).await
}

/// The preview behind a shared link. Who: whoever holds a valid link (404 unknown, 410 expired or revoked).
#[server(endpoint = "preview")]
pub async fn link_preview(token: String) -> Result<ProjectData, AppError> {
    let ctx = context()?;
    let detail = domain::staff::preview_by_token(&ctx.domain, &token).await?;
    crate::ssr::page_data(&ctx, detail, None, Default::default()).await
}
