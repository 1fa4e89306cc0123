//! Server functions of the residents' vote. Reading the ballot and checking a receipt: everyone. Filling
//! in and confirming a ballot: residents ([`domain::vote::VOTE`]; officials do not vote). Setting up the
//! vote: staff ([`domain::staff::EDIT`]).

use crate::model::AppError;
use leptos::prelude::*;
use wire::{BallotSource, MyBallot, PublishedBallot, VotePage, VoteRule, VoteSetup};
#[cfg(feature = "ssr")]
use {
    crate::ssr::{authorize, context, viewer},
    wire::VoteRules,
};

/// The vote page of project `slug`, as the viewer sees it.
#[server(endpoint = "ballot/page")]
pub async fn get_vote(slug: String) -> Result<VotePage, AppError> {
    let ctx = context()?;
    let user = viewer(&ctx).await?;
    Ok(domain::vote::page(&ctx.domain, &slug, user.as_ref()).await?)
}

/// Saves the viewer's choice of `ideas` in project `slug` as a draft, and confirms it when `confirm`.
#[server(endpoint = "ballot/save")]
pub async fn save_ballot(
    slug: String,
    #[server(default)] ideas: Vec<i64>,
    #[server(default)] confirm: bool,
) -> Result<MyBallot, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::vote::VOTE).await?;
    Ok(domain::vote::save(&ctx.domain, &user, &slug, &ideas, confirm).await?)
}

/// The counted ballot with `receipt` in project `slug`, if there is one.
#[server(endpoint = "ballot/receipt")]
pub async fn check_receipt(
    slug: String,
    receipt: String,
) -> Result<Option<PublishedBallot>, AppError> {
    let ctx = context()?;
    Ok(domain::vote::check_receipt(&ctx.domain, &slug, &receipt).await?)
}

/// The staff's view of project `project_id`'s vote.
#[server(endpoint = "staff/vote")]
pub async fn get_vote_setup(project_id: i64) -> Result<VoteSetup, AppError> {
    let ctx = context()?;
    authorize(&ctx, domain::staff::EDIT).await?;
    Ok(domain::vote::setup(&ctx.domain, project_id).await?)
}

/// Sets the rule of project `project_id`'s vote.
#[server(endpoint = "staff/vote_rules")]
pub async fn set_vote_rules(
    project_id: i64,
    rule: VoteRule,
    max_choices: i32,
    #[server(default)] results_live: bool,
) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::staff::EDIT).await?;
    let rules = VoteRules {
        rule,
        max_choices,
        results_live,
    };
    Ok(domain::vote::set_rules(&ctx.domain, &user, project_id, rules).await?)
}

/// Puts the commission's shortlist or selection on project `project_id`'s ballot (of one direction when
/// `direction_id` is given); returns how many ideas were added.
#[server(endpoint = "staff/fill_ballot")]
pub async fn fill_ballot(
    project_id: i64,
    source: BallotSource,
    #[server(default)] direction_id: Option<i64>,
) -> Result<u64, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::staff::EDIT).await?;
    let added =
        domain::vote::fill_ballot(&ctx.domain, &user, project_id, source, direction_id).await?;
    Ok(added)
}

/// Takes idea `idea_id` off its ballot.
#[server(endpoint = "staff/remove_from_ballot")]
pub async fn remove_from_ballot(idea_id: i64) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::staff::EDIT).await?;
    Ok(domain::vote::remove_from_ballot(&ctx.domain, &user, idea_id).await?)
}

/// Sets an idea's estimated cost on the ballot (roubles as typed; empty clears it).
#[server(endpoint = "staff/ballot_cost")]
pub async fn set_ballot_cost(idea_id: i64, cost: String) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::staff::EDIT).await?;
    Ok(domain::vote::set_cost(&ctx.domain, &user, idea_id, &cost).await?)
}

/// Sets a direction's budget for the vote (roubles as typed; empty clears it).
#[server(endpoint = "staff/vote_budget")]
pub async fn set_vote_budget(direction_id: i64, budget: String) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::staff::EDIT).await?;
    Ok(domain::vote::set_budget(&ctx.domain, &user, direction_id, &budget).await?)
}
