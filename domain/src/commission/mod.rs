//! The expert commission's work on a project: blind scoring of ideas on the project's criteria, conflict
//! of interest declarations, the agreement of the commission (Krippendorff's alpha), the shortlist, and
//! the final vote that selects ideas or not, with reasons.
//!
//! Who: experts who are members of the project's commission (a commission member linked to their
//! account); an expert of another project gets 403. Scores are blind: the server returns the others'
//! scores of an idea only to an expert who has scored it (never to one who declared a conflict on it),
//! and a score is final once colleagues' scores are shown to its author; the commission's agreement
//! shown to a member is computed over the ideas that member has scored. Every shortlisting
//! and final decision goes into the hash-chained trail ([`crate::audit`]) and is told to the author.
//!
//! One file per part: criteria, scoring, selection and the dashboard; what they share (the members, the
//! idea an expert may judge, reasons) is here.

mod criteria;
mod dashboard;
mod scoring;
mod selection;

pub use criteria::*;
pub use dashboard::*;
pub use scoring::*;
pub use selection::*;

use crate::audit::{self, Entry};

use crate::auth::{Role, User};

use crate::entities::{
    commission_member, commission_vote, direction, expert_conflict, expert_score, idea, project,
    project_criterion,
};

use crate::notifications::{self, About};

use crate::text::check_text;

use crate::{Domain, Error, Result};

use chrono::{DateTime, Utc};

use sea_orm::sea_query::{Expr, ExprTrait};

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

use std::collections::{HashMap, HashSet};

use wire::{Bilingual, FinalVerdict, IdeaStatus};

pub use wire::{
    BoardTab, CommissionBoard as Dashboard, Criterion, JudgedIdea as Judged,
    ProgressRow as Progress, ScoreRow as Scoring,
};

/// Who judges.
pub const JUDGE: &[Role] = Role::JUDGE;

/// Length of a reason or a comment in characters.
pub const REASON_LEN: (usize, usize) = (5, 1000);

/// The project's commission: member accounts (expert users) in order.
async fn members(d: &Domain, project_id: i64) -> Result<Vec<i64>> {
    Ok(commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(project_id))
        .filter(commission_member::Column::UserId.is_not_null())
        .order_by_asc(commission_member::Column::Ordering)
        .all(&d.db)
        .await?
        .into_iter()
        .filter_map(|m| m.user_id)
        .collect())
}

/// The project of an idea the expert may judge: a public idea of a project whose commission they sit on.
async fn judged_idea(d: &Domain, expert: &User, idea_id: i64) -> Result<(idea::Model, Vec<i64>)> {
    let row = idea::Entity::find_by_id(idea_id)
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let members = members(d, row.project_id).await?;
    if !members.contains(&expert.id) {
        return Err(Error::Forbidden);
    }
    Ok((row, members))
}

fn check_reason(field: &'static str, value: &str) -> Result<String> {
    let mut errors = Vec::new();
    check_text(field, value, REASON_LEN.0, REASON_LEN.1, &mut errors);
    Error::check(errors)?;
    Ok(value.trim().to_owned())
}

async fn conflicted(d: &Domain, expert_id: i64, idea_id: i64) -> Result<bool> {
    Ok(expert_conflict::Entity::find()
        .filter(expert_conflict::Column::IdeaId.eq(idea_id))
        .filter(expert_conflict::Column::ExpertId.eq(expert_id))
        .one(&d.db)
        .await?
        .is_some())
}

/// Whether `expert` sits on the commission of project `project_id`.
pub async fn is_member(d: &Domain, expert: &User, project_id: i64) -> Result<bool> {
    Ok(members(d, project_id).await?.contains(&expert.id))
}

/// The projects whose commission `expert` sits on (public ones), for their start page.
pub async fn my_projects(d: &Domain, expert: &User) -> Result<Vec<wire::ProjectCard>> {
    let ids: Vec<i64> = commission_member::Entity::find()
        .filter(commission_member::Column::UserId.eq(expert.id))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|m| m.project_id)
        .collect();
    let now = d.now();
    Ok(project::Entity::find()
        .filter(project::Column::Id.is_in(ids))
        .order_by_desc(project::Column::StartsAt)
        .all(&d.db)
        .await?
        .into_iter()
        .filter(|p| crate::projects::is_public(p, now))
        .map(|p| crate::projects::summary(p, now))
        .collect())
}
