//! The shortlist and the final vote: the quorum that selects, shortlisting with a reason, and the
//! members' votes that select an idea or not.

use super::*;

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
    let line = match quorum {
        Some(q) => wire::Change::new(wire::ChangeKind::QuorumSet, [&q.to_string()]),
        None => wire::Change::new(wire::ChangeKind::QuorumSet, []),
    };
    crate::revisions::record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    d.commission_changed(project_id);
    Ok(())
}

/// Votes needed to select an idea of `p` when `eligible` members may vote on it.
pub(super) fn needed(p: &project::Model, eligible: usize) -> u32 {
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
pub(super) async fn decide<C: sea_orm::ConnectionTrait>(
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
        link: None,
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
