//! Server functions of the expert commission. Who: experts ([`domain::commission::JUDGE`]); the domain
//! then requires membership of the project's commission (403 otherwise) and keeps scores blind.

use crate::model::AppError;
use leptos::prelude::*;
use wire::{CommissionBoard, FinalVerdict, IdeaStatus, ProjectCard};
#[cfg(feature = "ssr")]
use {
    crate::ssr::{ServerContext, authorize, context},
    domain::User,
};

#[cfg(feature = "ssr")]
async fn expert() -> Result<(ServerContext, User), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::commission::JUDGE).await?;
    Ok((ctx, user))
}

/// The projects whose commission the viewer sits on.
#[server(endpoint = "commission/projects")]
pub async fn my_commissions() -> Result<Vec<ProjectCard>, AppError> {
    let (ctx, user) = expert().await?;
    Ok(domain::commission::my_projects(&ctx.domain, &user).await?)
}

/// The dashboard of project `slug`: one direction (the first by default), newest first, a page from
/// before idea `before`.
#[server(endpoint = "commission/board")]
pub async fn get_commission_board(
    slug: String,
    #[server(default)] direction: Option<i64>,
    #[server(default)] before: Option<i64>,
) -> Result<CommissionBoard, AppError> {
    let (ctx, user) = expert().await?;
    let page = domain::commission::BoardPage { direction, before };
    Ok(domain::commission::dashboard(&ctx.domain, &user, &slug, page).await?)
}

/// Scores an idea 1–5 on each of its project's criteria (`scores[0]`, `scores[1]`, … in their order), with
/// an optional comment.
#[server(endpoint = "commission/score")]
pub async fn score_idea(
    idea_id: i64,
    #[server(default)] scores: Vec<i16>,
    comment: String,
) -> Result<(), AppError> {
    let (ctx, user) = expert().await?;
    Ok(domain::commission::score(&ctx.domain, &user, idea_id, &scores, &comment).await?)
}

/// Steps aside from an idea (conflict of interest), with the reason.
#[server(endpoint = "commission/conflict")]
pub async fn declare_conflict(idea_id: i64, reason: String) -> Result<(), AppError> {
    let (ctx, user) = expert().await?;
    Ok(domain::commission::declare_conflict(&ctx.domain, &user, idea_id, &reason).await?)
}

/// Shortlists an idea, with the reason.
#[server(endpoint = "commission/shortlist")]
pub async fn shortlist_idea(idea_id: i64, reason: String) -> Result<(), AppError> {
    let (ctx, user) = expert().await?;
    Ok(domain::commission::shortlist(&ctx.domain, &user, idea_id, &reason).await?)
}

/// The final vote on a shortlisted idea (`decision` = `select` or `reject`), with the reason; returns the
/// idea's new status when the vote decided it.
#[server(endpoint = "commission/vote")]
pub async fn final_vote(
    idea_id: i64,
    decision: FinalVerdict,
    reason: String,
) -> Result<Option<IdeaStatus>, AppError> {
    let (ctx, user) = expert().await?;
    Ok(domain::commission::vote(&ctx.domain, &user, idea_id, decision, &reason).await?)
}
