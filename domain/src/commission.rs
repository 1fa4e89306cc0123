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

use crate::audit::{self, Entry};
use crate::auth::{Role, User};
use crate::entities::{
    commission_member, commission_vote, direction, expert_conflict, expert_score, idea, project,
    project_criterion, user,
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
pub const JUDGE: &[Role] = &[Role::Expert];
/// The criteria of a project that has not set its own (key, Russian, English); ideas are scored 1–5 on each.
pub const DEFAULT_CRITERIA: [(&str, &str, &str); 3] = [
    ("relevance", "Актуальность", "Relevance"),
    ("feasibility", "Реализуемость", "Feasibility"),
    ("impact", "Польза", "Impact"),
];
/// How many criteria a project may have.
pub const CRITERIA_COUNT: (usize, usize) = (1, 8);
/// Length of a criterion's title in characters.
pub const CRITERION_LEN: (usize, usize) = (2, 120);

/// The criteria of project `project_id`, in order: its own, or [`DEFAULT_CRITERIA`].
pub async fn criteria<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<Vec<Criterion>> {
    let own: Vec<Criterion> = project_criterion::Entity::find()
        .filter(project_criterion::Column::ProjectId.eq(project_id))
        .order_by_asc(project_criterion::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| Criterion {
            key: c.key,
            title: Bilingual::new(c.title_ru, c.title_en),
        })
        .collect();
    if !own.is_empty() {
        return Ok(own);
    }
    Ok(DEFAULT_CRITERIA
        .iter()
        .map(|(key, ru, en)| Criterion {
            key: (*key).to_owned(),
            title: Bilingual::new(*ru, *en),
        })
        .collect())
}

/// The ids of project `project_id`'s ideas, as a subquery.
fn ideas_of(project_id: i64) -> sea_orm::sea_query::SelectStatement {
    sea_orm::QueryTrait::into_query(
        idea::Entity::find()
            .select_only()
            .column(idea::Column::Id)
            .filter(idea::Column::ProjectId.eq(project_id)),
    )
}

/// Whether any expert has scored an idea of project `project_id` (its criteria are then fixed).
pub async fn scoring_started<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<bool> {
    Ok(expert_score::Entity::find()
        .filter(expert_score::Column::IdeaId.in_subquery(ideas_of(project_id)))
        .one(conn)
        .await?
        .is_some())
}

/// Replaces project `project_id`'s criteria by `titles` (Russian, English) in order; rows left blank in
/// both languages are dropped. Refused once scoring has started, so that every idea is judged on the same
/// criteria. Who: staff (checked by the caller).
pub async fn set_criteria(
    d: &Domain,
    actor: &User,
    project_id: i64,
    titles: &[(String, String)],
) -> Result<Vec<Criterion>> {
    let rows: Vec<(&str, &str)> = titles
        .iter()
        .map(|(ru, en)| (ru.trim(), en.trim()))
        .filter(|(ru, en)| !(ru.is_empty() && en.is_empty()))
        .collect();
    let mut errors = Vec::new();
    if !(CRITERIA_COUNT.0..=CRITERIA_COUNT.1).contains(&rows.len()) {
        errors.push(crate::FieldError::new("criteria", "criteria_count"));
    }
    let (min, max) = CRITERION_LEN;
    for (ru, en) in &rows {
        check_text("criteria", ru, min, max, &mut errors);
        check_text("criteria", en, min, max, &mut errors);
    }
    errors.dedup();
    Error::check(errors)?;
    project::Entity::find_by_id(project_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let txn = d.db.begin().await?;
    if scoring_started(&txn, project_id).await? {
        return Err(Error::field("criteria", "criteria_locked"));
    }
    project_criterion::Entity::delete_many()
        .filter(project_criterion::Column::ProjectId.eq(project_id))
        .exec(&txn)
        .await?;
    let new: Vec<project_criterion::ActiveModel> = rows
        .iter()
        .zip(1..)
        .map(|((ru, en), n)| project_criterion::ActiveModel {
            project_id: Set(project_id),
            key: Set(format!("c{n}")),
            position: Set(n),
            title_ru: Set((*ru).to_owned()),
            title_en: Set((*en).to_owned()),
            ..Default::default()
        })
        .collect();
    project_criterion::Entity::insert_many(new)
        .exec_without_returning(&txn)
        .await?;
    let saved = criteria(&txn, project_id).await?;
    let names: Vec<&str> = saved.iter().map(|c| c.title.ru.as_str()).collect();
    let line = format!("criteria: {}", names.join(", "));
    crate::staff::record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    d.commission_changed(project_id);
    Ok(saved)
}
/// Length of a reason or a comment in characters.
pub const REASON_LEN: (usize, usize) = (5, 1000);

/// Ideas the dashboard shows at once.
pub const BOARD_PAGE: u64 = 30;

/// Which ideas the dashboard shows: one direction (the first when none or an unknown one is asked for),
/// newest first, [`BOARD_PAGE`] at a time from before idea `before`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BoardPage {
    /// The direction.
    pub direction: Option<i64>,
    /// The page starts below this idea id.
    pub before: Option<i64>,
}

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
        .filter(idea::Column::Status.is_in(crate::ideas::VISIBLE))
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

/// Whether the expert has scored the idea and colleagues' scores of it are therefore shown to them: their
/// own score is then final (changing it after seeing the others' would not be blind).
async fn revealed(d: &Domain, expert_id: i64, idea_id: i64) -> Result<bool> {
    let scorers: Vec<i64> = expert_score::Entity::find()
        .select_only()
        .column(expert_score::Column::ExpertId)
        .distinct()
        .filter(expert_score::Column::IdeaId.eq(idea_id))
        .into_tuple()
        .all(&d.db)
        .await?;
    Ok(scorers.contains(&expert_id) && scorers.iter().any(|id| *id != expert_id))
}

/// Records the expert's scores of an idea on every criterion of its project (in their order), with an
/// optional comment. A score may be replaced only while no colleague has scored the idea (until then
/// nothing was revealed to its author); after that it is final (`score_final`).
pub async fn score(
    d: &Domain,
    expert: &User,
    idea_id: i64,
    scores: &[i16],
    comment: &str,
) -> Result<()> {
    let (row, _) = judged_idea(d, expert, idea_id).await?;
    let criteria = criteria(&d.db, row.project_id).await?;
    let mut errors = Vec::new();
    if scores.len() != criteria.len() || scores.iter().any(|v| !(1..=5).contains(v)) {
        errors.push(crate::FieldError::new("scores", "score_range"));
    }
    let comment = comment.trim();
    if !comment.is_empty() {
        check_text("comment", comment, 2, REASON_LEN.1, &mut errors);
    }
    Error::check(errors)?;
    if conflicted(d, expert.id, idea_id).await? {
        return Err(Error::field("form", "conflicted"));
    }
    if revealed(d, expert.id, idea_id).await? {
        return Err(Error::field("scores", "score_final"));
    }
    let now = d.now();
    let txn = d.db.begin().await?;
    expert_score::Entity::delete_many()
        .filter(expert_score::Column::IdeaId.eq(idea_id))
        .filter(expert_score::Column::ExpertId.eq(expert.id))
        .exec(&txn)
        .await?;
    let rows: Vec<expert_score::ActiveModel> = criteria
        .iter()
        .zip(scores)
        .map(|(criterion, value)| expert_score::ActiveModel {
            idea_id: Set(idea_id),
            expert_id: Set(expert.id),
            criterion: Set(criterion.key.clone()),
            score: Set(*value),
            comment: Set((!comment.is_empty()).then(|| comment.to_owned())),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    expert_score::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    d.commission_changed(row.project_id);
    Ok(())
}

/// The expert steps aside from judging an idea (conflict of interest), with a reason; their scores of it,
/// if any, are removed.
pub async fn declare_conflict(d: &Domain, expert: &User, idea_id: i64, reason: &str) -> Result<()> {
    let reason = check_reason("reason", reason)?;
    let (row, _) = judged_idea(d, expert, idea_id).await?;
    let now = d.now();
    let txn = d.db.begin().await?;
    let inserted = expert_conflict::Entity::insert(expert_conflict::ActiveModel {
        idea_id: Set(idea_id),
        expert_id: Set(expert.id),
        reason: Set(reason),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        expert_conflict::Column::IdeaId,
        expert_conflict::Column::ExpertId,
    ])
    .exec_without_returning(&txn)
    .await?;
    if !matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0) {
        return Err(Error::field("reason", "already_declared"));
    }
    expert_score::Entity::delete_many()
        .filter(expert_score::Column::IdeaId.eq(idea_id))
        .filter(expert_score::Column::ExpertId.eq(expert.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    d.commission_changed(row.project_id);
    Ok(())
}

/// The largest number of votes a project may require to select an idea.
pub const QUORUM_MAX: i32 = 50;

/// Whether any member has cast a final vote on an idea of project `project_id` (its quorum is then fixed).
pub async fn voting_started<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<bool> {
    Ok(commission_vote::Entity::find()
        .filter(commission_vote::Column::IdeaId.in_subquery(ideas_of(project_id)))
        .one(conn)
        .await?
        .is_some())
}

/// Sets how many votes select an idea of project `project_id` (`None`: a majority of the members who may
/// vote on it). Refused once the final vote has started. Who: staff (checked by the caller).
pub async fn set_quorum(
    d: &Domain,
    actor: &User,
    project_id: i64,
    quorum: Option<i32>,
) -> Result<()> {
    if quorum.is_some_and(|q| !(1..=QUORUM_MAX).contains(&q)) {
        return Err(Error::field("quorum", "quorum_range"));
    }
    let txn = d.db.begin().await?;
    if voting_started(&txn, project_id).await? {
        return Err(Error::field("quorum", "quorum_locked"));
    }
    let changed = project::Entity::update_many()
        .col_expr(project::Column::SelectionQuorum, Expr::value(quorum))
        .filter(project::Column::Id.eq(project_id))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(Error::NotFound);
    }
    let line = format!(
        "votes to select: {}",
        quorum.map_or_else(|| "majority".to_owned(), |q| q.to_string())
    );
    crate::staff::record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    d.commission_changed(project_id);
    Ok(())
}

/// Votes needed to select an idea of `p` when `eligible` members may vote on it.
fn needed(p: &project::Model, eligible: usize) -> u32 {
    let eligible = u32::try_from(eligible).unwrap_or(u32::MAX);
    match p.selection_quorum {
        Some(q) => u32::try_from(q)
            .unwrap_or(1)
            .clamp(1, Ord::max(eligible, 1)),
        None => eligible / 2 + 1,
    }
}

/// Puts an idea on the shortlist, with the reason.
pub async fn shortlist(d: &Domain, expert: &User, idea_id: i64, reason: &str) -> Result<()> {
    let reason = check_reason("reason", reason)?;
    let (row, _) = judged_idea(d, expert, idea_id).await?;
    if conflicted(d, expert.id, idea_id).await? {
        return Err(Error::field("form", "conflicted"));
    }
    let notice = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        let won = idea::Entity::update_many()
            .col_expr(
                idea::Column::Status,
                Expr::value(IdeaStatus::Shortlisted.as_str()),
            )
            .col_expr(idea::Column::UpdatedAt, Expr::value(now))
            .filter(idea::Column::Id.eq(idea_id))
            .filter(idea::Column::Status.eq(IdeaStatus::Published.as_str()))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !won {
            return Err(Error::field("form", "already_decided"));
        }
        let notice = decide(&txn, expert, &row, IdeaStatus::Shortlisted, &reason, now).await?;
        txn.commit().await?;
        Ok(notice)
    })
    .await?;
    d.notified(notice).await;
    d.commission_changed(row.project_id);
    Ok(())
}

/// Writes a decision about an idea: its timeline, the trail, the author's notification (returned, to
/// be announced after the commit).
async fn decide<C: sea_orm::ConnectionTrait>(
    txn: &C,
    expert: &User,
    row: &idea::Model,
    status: IdeaStatus,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<crate::entities::notification::Model> {
    audit::decided(
        txn,
        &audit::Action {
            target: ("idea", row.id),
            action: status.as_str(),
            note: Some(reason),
        },
        &Entry {
            project_id: row.project_id,
            idea_id: Some(row.id),
            kind: &format!("idea_{status}"),
            decided_by: expert.id,
            reason,
        },
        now,
    )
    .await?;
    let about = About {
        idea_id: row.id,
        idea_title: row.title.clone(),
        by: None,
        text: Some(reason.to_owned()),
    };
    notifications::notify(txn, row.author_id, status.as_str(), &about, now).await
}

/// The expert's final vote on a shortlisted idea, with the reason. When enough members have voted the
/// idea is selected (or not: when selection can no longer be reached), with the reasons of the side
/// that decided; returns the new status then.
pub async fn vote(
    d: &Domain,
    expert: &User,
    idea_id: i64,
    verdict: FinalVerdict,
    reason: &str,
) -> Result<Option<IdeaStatus>> {
    let select = verdict == FinalVerdict::Select;
    let reason = check_reason("reason", reason)?;
    let (row, members) = judged_idea(d, expert, idea_id).await?;
    if row.status != IdeaStatus::Shortlisted.as_str() {
        return Err(Error::field("form", "not_shortlisted"));
    }
    if conflicted(d, expert.id, idea_id).await? {
        return Err(Error::field("form", "conflicted"));
    }
    let p = project::Entity::find_by_id(row.project_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let stepped_aside: HashSet<i64> = expert_conflict::Entity::find()
        .filter(expert_conflict::Column::IdeaId.eq(idea_id))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|c| c.expert_id)
        .collect();
    let eligible = members
        .iter()
        .filter(|m| !stepped_aside.contains(m))
        .count();
    let needed = needed(&p, eligible);
    let outcome = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        let inserted = commission_vote::Entity::insert(commission_vote::ActiveModel {
            idea_id: Set(idea_id),
            expert_id: Set(expert.id),
            selected: Set(select),
            reason: Set(reason.clone()),
            created_at: Set(now),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([
            commission_vote::Column::IdeaId,
            commission_vote::Column::ExpertId,
        ])
        .exec_without_returning(&txn)
        .await?;
        if !matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0) {
            return Err(Error::field("form", "already_voted"));
        }
        let votes = commission_vote::Entity::find()
            .filter(commission_vote::Column::IdeaId.eq(idea_id))
            .all(&txn)
            .await?;
        let yes: Vec<&commission_vote::Model> = votes.iter().filter(|v| v.selected).collect();
        let no: Vec<&commission_vote::Model> = votes.iter().filter(|v| !v.selected).collect();
        let eligible = u32::try_from(eligible).unwrap_or(u32::MAX);
        let (yes_n, no_n) = (
            u32::try_from(yes.len()).unwrap_or(0),
            u32::try_from(no.len()).unwrap_or(0),
        );
        let decided = if yes_n >= needed {
            Some((IdeaStatus::Selected, yes))
        } else if no_n > eligible.saturating_sub(needed) {
            Some((IdeaStatus::NotSelected, no))
        } else {
            None
        };
        let Some((status, side)) = decided else {
            txn.commit().await?;
            return Ok((None, None));
        };
        let reasons: Vec<&str> = side.iter().map(|v| v.reason.as_str()).collect();
        let joined = reasons.join(" / ");
        let won = idea::Entity::update_many()
            .col_expr(idea::Column::Status, Expr::value(status.as_str()))
            .col_expr(idea::Column::StatusReason, Expr::value(joined.clone()))
            .col_expr(idea::Column::UpdatedAt, Expr::value(now))
            .filter(idea::Column::Id.eq(idea_id))
            .filter(idea::Column::Status.eq(IdeaStatus::Shortlisted.as_str()))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !won {
            return Err(Error::field("form", "already_decided"));
        }
        if status == IdeaStatus::Selected {
            project::Entity::update_many()
                .col_expr(
                    project::Column::SelectedCount,
                    Expr::col(project::Column::SelectedCount).add(1),
                )
                .filter(project::Column::Id.eq(row.project_id))
                .exec(&txn)
                .await?;
        }
        let notice = decide(&txn, expert, &row, status, &joined, now).await?;
        txn.commit().await?;
        Ok((Some(status), Some(notice)))
    })
    .await?;
    if let (_, Some(notice)) = &outcome {
        d.notified(notice.clone()).await;
    }
    d.commission_changed(row.project_id);
    Ok(outcome.0)
}

/// Krippendorff's alpha for interval data: `units` are the values given to each scored item (here an
/// idea on one criterion); items with fewer than two values do not count. `None` without disagreement
/// to compare to (fewer than two pairable values, or every value the same).
pub fn krippendorff_alpha(units: &[Vec<f64>]) -> Option<f64> {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    let n: usize = pairable.iter().map(|u| u.len()).sum();
    if n < 2 {
        return None;
    }
    // Σ over ordered pairs i ≠ j of (a_i − a_j)² is 2·m·Σa² − 2·(Σa)²: linear, not quadratic, in the
    // number of values, so a commission's alpha over thousands of ideas costs one pass.
    let squared_differences = |values: &mut dyn Iterator<Item = f64>| {
        let (mut count, mut sum, mut squares) = (0.0, 0.0, 0.0);
        for v in values {
            count += 1.0;
            sum += v;
            squares += v * v;
        }
        (2.0 * count * squares - 2.0 * sum * sum).max(0.0)
    };
    let observed: f64 = pairable
        .iter()
        .map(|unit| squared_differences(&mut unit.iter().copied()) / (unit.len() as f64 - 1.0))
        .sum::<f64>()
        / n as f64;
    let expected = squared_differences(&mut pairable.iter().flat_map(|u| u.iter().copied()))
        / (n as f64 * (n as f64 - 1.0));
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// The dashboard of project `slug` for `expert` (a member of its commission).
pub async fn dashboard(
    d: &Domain,
    expert: &User,
    slug: &str,
    page: BoardPage,
) -> Result<Dashboard> {
    let p = crate::projects::find_public(&d.db, slug, d.now()).await?;
    let members = members(d, p.id).await?;
    if !members.contains(&expert.id) {
        return Err(Error::Forbidden);
    }
    // The tabs: every direction with its public ideas, counted in one grouped query.
    let counts: HashMap<i64, i64> = idea::Entity::find()
        .select_only()
        .column(idea::Column::DirectionId)
        .column_as(idea::Column::Id.count(), "n")
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.is_in(crate::ideas::VISIBLE))
        .group_by(idea::Column::DirectionId)
        .into_tuple::<(i64, i64)>()
        .all(&d.db)
        .await?
        .into_iter()
        .collect();
    let directions: Vec<(direction::Model, u32)> = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(p.id))
        .order_by_asc(direction::Column::Position)
        .order_by_asc(direction::Column::Id)
        .all(&d.db)
        .await?
        .into_iter()
        .map(|x| {
            let n = counts.get(&x.id).copied().unwrap_or(0);
            (x, u32::try_from(n).unwrap_or(0))
        })
        .collect();
    let shown = page
        .direction
        .filter(|id| directions.iter().any(|(x, _)| x.id == *id))
        .or_else(|| directions.first().map(|(x, _)| x.id));
    let mut rows = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.is_in(crate::ideas::VISIBLE))
        .filter(idea::Column::DirectionId.eq(shown.unwrap_or(0)))
        .filter(idea::Column::Id.lt(page.before.unwrap_or(i64::MAX)))
        .order_by_desc(idea::Column::Id)
        .limit(BOARD_PAGE + 1)
        .all(&d.db)
        .await?;
    let next = if rows.len() > usize::try_from(BOARD_PAGE).unwrap_or(usize::MAX) {
        rows.pop();
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    // Progress and the commission's alpha are over every public idea: the members' scores and conflicts,
    // read by member (an index) and kept for this project's public ideas; votes only for the ideas shown.
    let mut scores = expert_score::Entity::find()
        .filter(expert_score::Column::ExpertId.is_in(members.clone()))
        .all(&d.db)
        .await?;
    let mut conflicts = expert_conflict::Entity::find()
        .filter(expert_conflict::Column::ExpertId.is_in(members.clone()))
        .all(&d.db)
        .await?;
    let mut named: Vec<i64> = scores.iter().map(|s| s.idea_id).collect();
    named.extend(conflicts.iter().map(|c| c.idea_id));
    named.sort_unstable();
    named.dedup();
    let mut here = HashSet::new();
    for chunk in named.chunks(1000) {
        here.extend(
            idea::Entity::find()
                .select_only()
                .column(idea::Column::Id)
                .filter(idea::Column::Id.is_in(chunk.to_vec()))
                .filter(idea::Column::ProjectId.eq(p.id))
                .filter(idea::Column::Status.is_in(crate::ideas::VISIBLE))
                .into_tuple::<i64>()
                .all(&d.db)
                .await?,
        );
    }
    scores.retain(|s| here.contains(&s.idea_id));
    conflicts.retain(|c| here.contains(&c.idea_id));
    let votes = commission_vote::Entity::find()
        .filter(commission_vote::Column::IdeaId.is_in(ids))
        .all(&d.db)
        .await?;
    let total: i64 = counts.values().sum();
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(members.clone()))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let criteria = criteria(&d.db, p.id).await?;
    let width = criteria.len();
    let mut by_idea: HashMap<i64, HashMap<i64, Given>> = HashMap::new();
    for s in &scores {
        let Some(k) = criteria.iter().position(|c| c.key == s.criterion) else {
            continue;
        };
        let entry = by_idea
            .entry(s.idea_id)
            .or_default()
            .entry(s.expert_id)
            .or_insert_with(|| (vec![0; width], None));
        entry.0[k] = s.score;
        entry.1.clone_from(&s.comment);
    }
    let stepped: HashSet<(i64, i64)> = conflicts.iter().map(|c| (c.idea_id, c.expert_id)).collect();
    // The commission's agreement, as this member may see it: over the ideas they have scored.
    let units: Vec<Vec<f64>> = by_idea
        .values()
        .filter(|experts| experts.contains_key(&expert.id))
        .flat_map(|experts| {
            (0..width).map(move |k| experts.values().map(|(s, _)| f64::from(s[k])).collect())
        })
        .collect();
    let mut judged = Vec::new();
    let cards = crate::ideas::cards(&d.db, rows).await?;
    for card in cards {
        let experts = by_idea.remove(&card.id).unwrap_or_default();
        let scoring = |(id, (s, c)): (&i64, &Given)| Scoring {
            expert: names.get(id).cloned().unwrap_or_default(),
            scores: s.clone(),
            comment: c.clone(),
        };
        let mine = experts.get_key_value(&expert.id).map(scoring);
        let is_conflicted = stepped.contains(&(card.id, expert.id));
        // Blind until the viewer has scored; one who stepped aside sees none of it.
        let reveal = mine.is_some() && !is_conflicted;
        let all = reveal.then(|| {
            let mut list: Vec<Scoring> = experts.iter().map(scoring).collect();
            list.sort_by(|a, b| a.expert.cmp(&b.expert));
            list
        });
        let means = (reveal && !experts.is_empty()).then(|| {
            let mut m = vec![0.0; width];
            for (s, _) in experts.values() {
                for (k, v) in s.iter().enumerate() {
                    m[k] += f64::from(*v) / experts.len() as f64;
                }
            }
            m
        });
        let spread = (reveal && experts.len() >= 2).then(|| {
            (0..width)
                .map(|k| {
                    let values = experts.values().map(|(s, _)| s[k]);
                    values.clone().max().unwrap_or(0) - values.min().unwrap_or(0)
                })
                .collect()
        });
        let agreement = if reveal {
            let own: Vec<Vec<f64>> = (0..width)
                .map(|k| experts.values().map(|(s, _)| f64::from(s[k])).collect())
                .collect();
            krippendorff_alpha(&own)
        } else {
            None
        };
        let idea_votes: Vec<&commission_vote::Model> =
            votes.iter().filter(|v| v.idea_id == card.id).collect();
        let eligible = members
            .iter()
            .filter(|m| !stepped.contains(&(card.id, **m)))
            .count();
        judged.push(Judged {
            votes_for: u32::try_from(idea_votes.iter().filter(|v| v.selected).count()).unwrap_or(0),
            votes_against: u32::try_from(idea_votes.iter().filter(|v| !v.selected).count())
                .unwrap_or(0),
            my_vote: idea_votes
                .iter()
                .find(|v| v.expert_id == expert.id)
                .map(|v| v.selected),
            needed: needed(&p, eligible),
            mine,
            conflicted: is_conflicted,
            all,
            means,
            spread,
            agreement,
            card,
        });
    }
    let total = u32::try_from(total).unwrap_or(0);
    let progress = members
        .iter()
        .map(|m| {
            let scored = scores
                .iter()
                .filter(|s| s.expert_id == *m)
                .map(|s| s.idea_id)
                .collect::<HashSet<_>>()
                .len();
            let aside = conflicts.iter().filter(|c| c.expert_id == *m).count();
            Progress {
                expert: names.get(m).cloned().unwrap_or_default(),
                scored: u32::try_from(scored).unwrap_or(0),
                total: total.saturating_sub(u32::try_from(aside).unwrap_or(0)),
            }
        })
        .collect();
    Ok(Dashboard {
        alpha: krippendorff_alpha(&units),
        project_id: p.id,
        slug: p.slug,
        title: Bilingual::new(p.title_ru, p.title_en),
        criteria,
        directions: directions
            .into_iter()
            .map(|(x, ideas)| BoardTab {
                id: x.id,
                title: Bilingual::new(x.title_ru, x.title_en),
                ideas,
            })
            .collect(),
        direction: shown,
        ideas: judged,
        next,
        progress,
    })
}

/// What one expert gave one idea: scores by criterion and the comment.
type Given = (Vec<i16>, Option<String>);

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

#[cfg(test)]
mod tests {
    use super::krippendorff_alpha;

    #[test]
    fn alpha_is_one_for_perfect_agreement_and_low_for_disagreement() {
        let same = vec![vec![5.0, 5.0, 5.0], vec![2.0, 2.0, 2.0], vec![4.0, 4.0]];
        assert_eq!(krippendorff_alpha(&same), Some(1.0));
        let opposite = vec![vec![1.0, 5.0], vec![5.0, 1.0], vec![1.0, 5.0]];
        assert!(krippendorff_alpha(&opposite).unwrap() < 0.0);
        // A worked example: 3 units rated by two coders.
        let units = vec![vec![1.0, 2.0], vec![3.0, 3.0], vec![5.0, 4.0]];
        let alpha = krippendorff_alpha(&units).unwrap();
        assert!((alpha - 0.8333).abs() < 0.001, "{alpha}");
        assert_eq!(krippendorff_alpha(&[vec![3.0]]), None, "nothing pairable");
    }
}
