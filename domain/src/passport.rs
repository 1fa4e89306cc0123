//! An idea's passport: its whole story on one timeline, from submission to the last milestone — the
//! moderators' decisions with their reasons, merges, the commission's shortlist and selection with the
//! reasons (and the commission's mean score once the review is over), the residents' vote's result, the
//! implementation's changes, and the milestones still ahead. Each step that is a decision links to its
//! entry in the hash-chained trail, so "why was my idea (not) chosen, and what happened next" is answered
//! on one page and can be checked.

use crate::Result;
use crate::entities::{decision, expert_score, idea, milestone, moderation_action, project};
use crate::moderation::MERGE_UNDONE;
use crate::projects::stages;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use wire::{IdeaStatus, ImplChange, Step};

/// A step of `status` at `at`, nothing else known yet.
fn step(status: impl Into<String>, at: DateTime<Utc>) -> Step {
    Step {
        status: status.into(),
        at,
        reason: None,
        decision: None,
        votes: None,
        mean_score: None,
        ahead: false,
    }
}

/// The trail kind that records a moderation action (`published` → `idea_published`).
fn kind_of(action: &str) -> String {
    if action == MERGE_UNDONE {
        action.to_owned()
    } else {
        format!("idea_{action}")
    }
}

/// The commission's mean score of idea `idea_id` over every criterion and member, in tenths.
async fn mean_score<C: ConnectionTrait>(conn: &C, idea_id: i64) -> Result<Option<i32>> {
    let scores: Vec<i16> = expert_score::Entity::find()
        .select_only()
        .column(expert_score::Column::Score)
        .filter(expert_score::Column::IdeaId.eq(idea_id))
        .into_tuple()
        .all(conn)
        .await?;
    if scores.is_empty() {
        return Ok(None);
    }
    let sum: i64 = scores.iter().map(|s| i64::from(*s)).sum();
    let n = i64::try_from(scores.len()).unwrap_or(1);
    Ok(i32::try_from((sum * 10 + n / 2) / n).ok())
}

/// The passport of idea `row` of project `p` at `now`, in time order, the milestones ahead last.
pub async fn timeline<C: ConnectionTrait>(
    conn: &C,
    row: &idea::Model,
    p: &project::Model,
    now: DateTime<Utc>,
) -> Result<Vec<Step>> {
    let mut timeline = vec![step(IdeaStatus::Submitted, row.created_at)];
    let actions = moderation_action::Entity::find()
        .filter(moderation_action::Column::TargetKind.eq("idea"))
        .filter(moderation_action::Column::TargetId.eq(row.id))
        .order_by_asc(moderation_action::Column::Id)
        .all(conn)
        .await?;
    let entries = decision::Entity::find()
        .filter(decision::Column::IdeaId.eq(row.id))
        .order_by_asc(decision::Column::Id)
        .all(conn)
        .await?;
    // Published on submission (no moderation action says so) or by a moderator (the action does).
    if !actions
        .iter()
        .any(|a| a.action == IdeaStatus::Published.as_str())
        && let Some(at) = row.published_at
    {
        timeline.push(step(IdeaStatus::Published, at));
    }
    let review_over = stages(conn, p.id)
        .await?
        .iter()
        .filter(|s| s.kind == "review")
        .all(|s| s.ends_at <= now);
    let mut used = vec![false; entries.len()];
    for a in actions {
        // Both rows of a decision are written in one transaction, in the same order: the first entry
        // of its kind not yet paired is this action's.
        let kind = kind_of(&a.action);
        let entry = entries
            .iter()
            .enumerate()
            .find(|(i, e)| !used[*i] && e.kind == kind)
            .map(|(i, e)| {
                used[i] = true;
                e.id
            });
        let decided = matches!(
            IdeaStatus::parse(&a.action),
            Some(IdeaStatus::Selected | IdeaStatus::NotSelected)
        );
        let score = if decided && review_over {
            mean_score(conn, row.id).await?
        } else {
            None
        };
        timeline.push(Step {
            reason: a.reason,
            decision: entry,
            mean_score: score,
            ..step(a.action, a.created_at)
        });
    }
    if let Some((at, votes, won)) = crate::vote::result_of(conn, row, now).await? {
        let status = if won { "vote_won" } else { "vote_lost" };
        timeline.push(Step {
            votes: Some(votes),
            ..step(status, at)
        });
    }
    timeline.extend(
        entries
            .into_iter()
            .filter(|e| ImplChange::parse(&e.kind).is_some())
            .map(|e| Step {
                reason: (!e.reason.is_empty()).then_some(e.reason),
                decision: Some(e.id),
                ..step(e.kind, e.created_at)
            }),
    );
    if row.status == IdeaStatus::Withdrawn.as_str() {
        timeline.push(step(IdeaStatus::Withdrawn, row.updated_at));
    }
    timeline.sort_by_key(|s| s.at);
    let ahead = milestone::Entity::find()
        .filter(milestone::Column::IdeaId.eq(row.id))
        .filter(milestone::Column::ReachedAt.is_null())
        .order_by_asc(milestone::Column::DueAt)
        .all(conn)
        .await?;
    timeline.extend(ahead.into_iter().map(|m| Step {
        reason: Some(m.title),
        ahead: true,
        ..step("milestone_due", m.due_at)
    }));
    Ok(timeline)
}
