//! Server functions of the expert commission. Who: experts ([`domain::commission::JUDGE`]); the domain
//! then requires membership of the project's commission (403 otherwise) and keeps scores blind.

use crate::model::{AppError, CommissionBoard, ProjectCard};
use leptos::prelude::*;
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

#[cfg(feature = "ssr")]
fn score_row(s: domain::commission::Scoring) -> crate::model::ScoreRow {
    crate::model::ScoreRow {
        expert: s.expert,
        scores: s.scores,
        comment: s.comment,
    }
}

/// The projects whose commission the viewer sits on.
#[server(endpoint = "commission/projects")]
pub async fn my_commissions() -> Result<Vec<ProjectCard>, AppError> {
    let (ctx, user) = expert().await?;
    let now = ctx.domain.now();
    Ok(domain::commission::my_projects(&ctx.domain, &user)
        .await?
        .into_iter()
        .map(|p| domain::projects::summary(p, now).into())
        .collect())
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
    let b = domain::commission::dashboard(&ctx.domain, &user, &slug, page).await?;
    Ok(CommissionBoard {
        project_id: b.project.id,
        slug: b.project.slug.clone(),
        title: (b.project.title_ru.clone(), b.project.title_en.clone()).into(),
        criteria: b.criteria.into_iter().map(Into::into).collect(),
        directions: b
            .directions
            .into_iter()
            .map(|(x, ideas)| crate::model::BoardTab {
                id: x.id,
                title: (x.title_ru, x.title_en).into(),
                ideas,
            })
            .collect(),
        direction: b.direction,
        next: b.next,
        ideas: b
            .ideas
            .into_iter()
            .map(|j| crate::model::JudgedIdea {
                card: j.card,
                mine: j.mine.map(score_row),
                conflicted: j.conflicted,
                all: j.all.map(|list| list.into_iter().map(score_row).collect()),
                means: j.means,
                spread: j.spread,
                agreement: j.agreement,
                votes_for: j.votes.0,
                votes_against: j.votes.1,
                my_vote: j.my_vote,
                needed: j.needed,
            })
            .collect(),
        progress: b
            .progress
            .into_iter()
            .map(|p| crate::model::ProgressRow {
                expert: p.expert,
                scored: p.scored,
                total: p.total,
            })
            .collect(),
        alpha: b.alpha,
    })
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
    decision: String,
    reason: String,
) -> Result<Option<String>, AppError> {
    let (ctx, user) = expert().await?;
    let select = match decision.as_str() {
        "select" => true,
        "reject" => false,
        _ => return Err(domain::Error::field("form", "invalid").into()),
    };
    Ok(domain::commission::vote(&ctx.domain, &user, idea_id, select, &reason).await?)
}
