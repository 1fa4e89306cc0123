//! Merging duplicates into one idea (votes and authors follow; the duplicate's comments are shown,
//! read-only, on the idea it joined) and undoing a merge exactly.

use super::*;

/// Ideas the duplicate `idea_id` could be merged into: public ideas of its project most similar to
/// `query`, or to the duplicate's own title and text when `query` is blank; `#123` or `123` names one.
pub async fn merge_candidates(d: &Domain, idea_id: i64, query: &str) -> Result<Vec<IdeaCard>> {
    let source = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let query = query.trim();
    if let Ok(number) = query.trim_start_matches('#').parse::<i64>() {
        let named = idea::Entity::find_by_id(number)
            .filter(idea::Column::ProjectId.eq(source.project_id))
            .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
            .filter(idea::Column::Id.ne(idea_id))
            .all(&d.db)
            .await?;
        return crate::cards::cards(&d.db, named).await;
    }
    let text = if query.is_empty() {
        format!("{} {}", source.title, source.body)
    } else {
        query.to_owned()
    };
    crate::search::similar(d, source.project_id, &text, Some(idea_id)).await
}

/// Recounts an idea's support and opposition from its vote rows (after votes moved between ideas).
pub(super) async fn recount_votes<C: ConnectionTrait>(conn: &C, idea_id: i64) -> Result<()> {
    let values: Vec<i16> = idea_vote::Entity::find()
        .select_only()
        .column(idea_vote::Column::Value)
        .filter(idea_vote::Column::IdeaId.eq(idea_id))
        .into_tuple()
        .all(conn)
        .await?;
    let support = values.iter().filter(|v| **v > 0).count();
    let oppose = values.len() - support;
    idea::Entity::update_many()
        .col_expr(
            idea::Column::SupportCount,
            Expr::value(i64::try_from(support).unwrap_or(0)),
        )
        .col_expr(
            idea::Column::OpposeCount,
            Expr::value(i64::try_from(oppose).unwrap_or(0)),
        )
        .filter(idea::Column::Id.eq(idea_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Merges the duplicate `source` into `target` (same project, both public): the duplicate points to the
/// target and leaves the feed and the search; its author is credited on the target; each person's vote
/// counts once on the target (votes of people who had not voted on the target, other than its author,
/// move over, and are remembered so that [`undo_merge`] can move exactly those back). Returns the
/// merge's id.
pub async fn merge(
    d: &Domain,
    moderator: &User,
    source: i64,
    target: i64,
    reason: &str,
) -> Result<i64> {
    let reason = check_reason(reason)?;
    if source == target {
        return Err(Error::field("target", "same_idea"));
    }
    let open = IdeaStatus::VOTABLE.map(IdeaStatus::as_str);
    let from = idea::Entity::find_by_id(source)
        .filter(idea::Column::Status.is_in(open))
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let into = idea::Entity::find_by_id(target)
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .one(&d.db)
        .await?
        .ok_or_else(|| Error::field("target", "unknown"))?;
    if from.project_id != into.project_id {
        return Err(Error::field("target", "other_project"));
    }
    let (merge_id, notice, event) = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        let won = idea::Entity::update_many()
            .col_expr(
                idea::Column::Status,
                Expr::value(IdeaStatus::Merged.as_str()),
            )
            .col_expr(idea::Column::MergedIntoId, Expr::value(target))
            .col_expr(idea::Column::StatusReason, Expr::value(reason.clone()))
            .col_expr(idea::Column::ReviewedAt, Expr::value(now))
            .col_expr(idea::Column::UpdatedAt, Expr::value(now))
            .filter(idea::Column::Id.eq(source))
            .filter(idea::Column::Status.is_in(open))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !won {
            return Err(already());
        }
        let row = idea_merge::ActiveModel {
            source_idea_id: Set(source),
            target_idea_id: Set(target),
            merged_by: Set(moderator.id),
            created_at: Set(now),
            undone_at: Set(None),
            source_status: Set(Some(from.status.clone())),
            source_reviewed_at: Set(from.reviewed_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let on_target: Vec<i64> = idea_vote::Entity::find()
            .select_only()
            .column(idea_vote::Column::UserId)
            .filter(idea_vote::Column::IdeaId.eq(target))
            .into_tuple()
            .all(&txn)
            .await?;
        let moving: Vec<i64> = idea_vote::Entity::find()
            .filter(idea_vote::Column::IdeaId.eq(source))
            .all(&txn)
            .await?
            .into_iter()
            // Each person's vote counts once on the target, and its author does not vote for it.
            .filter(|v| !on_target.contains(&v.user_id) && v.user_id != into.author_id)
            .map(|v| v.id)
            .collect();
        if !moving.is_empty() {
            idea_vote::Entity::update_many()
                .col_expr(idea_vote::Column::IdeaId, Expr::value(target))
                .filter(idea_vote::Column::Id.is_in(moving.clone()))
                .exec(&txn)
                .await?;
            let remembered: Vec<idea_merge_vote::ActiveModel> = moving
                .iter()
                .map(|vote| idea_merge_vote::ActiveModel {
                    merge_id: Set(row.id),
                    vote_id: Set(*vote),
                    ..Default::default()
                })
                .collect();
            for chunk in remembered.chunks(200) {
                idea_merge_vote::Entity::insert_many(chunk.to_vec())
                    .exec_without_returning(&txn)
                    .await?;
            }
        }
        recount_votes(&txn, source).await?;
        recount_votes(&txn, target).await?;
        crate::search::unindex(&txn, from.project_id, source).await?;
        crate::ideas::count_idea(&txn, from.project_id, from.direction_id, -1).await?;
        events::redact_idea(&txn, source).await?;
        audit::decided(
            &txn,
            &Action {
                target: ("idea", source),
                action: IdeaStatus::Merged.as_str(),
                note: Some(&reason),
            },
            &Entry {
                project_id: from.project_id,
                idea_id: Some(source),
                kind: "idea_merged",
                decided_by: moderator.id,
                reason: &format!("→ #{target}: {reason}"),
            },
            now,
        )
        .await?;
        let about = About {
            link: None,
            idea_id: target,
            idea_title: into.title.clone(),
            by: None,
            text: Some(reason.clone()),
        };
        let notice = notifications::notify(
            &txn,
            from.author_id,
            IdeaStatus::Merged.as_str(),
            &about,
            now,
        )
        .await?;
        let gone = wire::Withdrawn { idea_id: source };
        let event = events::append(
            &txn,
            Some(from.project_id),
            Some(moderator.id),
            &LiveEvent::IdeaWithdrawn(gone),
            now,
        )
        .await?;
        txn.commit().await?;
        Ok((row.id, notice, event))
    })
    .await?;
    d.bus.publish(event);
    d.notified(notice).await;
    d.queue_changed();
    Ok(merge_id)
}

/// The timeline action and the notification kind of an undone merge.
pub const MERGE_UNDONE: &str = "merge_undone";

/// Undoes a merge: the duplicate is as it was before (its status, and unreviewed if no moderator had
/// reviewed it, so it is back in the queue), the votes the merge moved go back, both ideas' counts are
/// recounted from their votes, and its author is told.
pub async fn undo_merge(d: &Domain, moderator: &User, merge_id: i64) -> Result<()> {
    let m = idea_merge::Entity::find_by_id(merge_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let source = idea::Entity::find_by_id(m.source_idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    // The other idea by its number, and by its title only while it is public (a moderator may have
    // taken it down since the merge).
    let target_title = idea::Entity::find_by_id(m.target_idea_id)
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .one(&d.db)
        .await?
        .map(|t| format!(" «{}»", t.title))
        .unwrap_or_default();
    // Merges made before the status was remembered were of published ideas, reviewed by the merge.
    let status = m
        .source_status
        .as_deref()
        .and_then(IdeaStatus::parse)
        .unwrap_or(IdeaStatus::Published);
    let reviewed_at = match &m.source_status {
        Some(_) => m.source_reviewed_at,
        None => source.reviewed_at,
    };
    let notice = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        let won = idea_merge::Entity::update_many()
            .col_expr(idea_merge::Column::UndoneAt, Expr::value(now))
            .filter(idea_merge::Column::Id.eq(merge_id))
            .filter(idea_merge::Column::UndoneAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !won {
            return Err(already());
        }
        let moved: Vec<i64> = idea_merge_vote::Entity::find()
            .select_only()
            .column(idea_merge_vote::Column::VoteId)
            .filter(idea_merge_vote::Column::MergeId.eq(merge_id))
            .into_tuple()
            .all(&txn)
            .await?;
        if !moved.is_empty() {
            idea_vote::Entity::update_many()
                .col_expr(idea_vote::Column::IdeaId, Expr::value(m.source_idea_id))
                .filter(idea_vote::Column::Id.is_in(moved))
                .exec(&txn)
                .await?;
        }
        idea::Entity::update_many()
            .col_expr(idea::Column::Status, Expr::value(status.as_str()))
            .col_expr(idea::Column::MergedIntoId, Expr::value(Option::<i64>::None))
            .col_expr(
                idea::Column::StatusReason,
                Expr::value(Option::<String>::None),
            )
            .col_expr(idea::Column::ReviewedAt, Expr::value(reviewed_at))
            .col_expr(idea::Column::UpdatedAt, Expr::value(now))
            .filter(idea::Column::Id.eq(m.source_idea_id))
            .exec(&txn)
            .await?;
        recount_votes(&txn, m.source_idea_id).await?;
        recount_votes(&txn, m.target_idea_id).await?;
        crate::ideas::count_idea(&txn, source.project_id, source.direction_id, 1).await?;
        crate::search::index(
            &txn,
            source.project_id,
            source.id,
            &source.title,
            &source.body,
        )
        .await?;
        audit::decided(
            &txn,
            &Action {
                target: ("idea", source.id),
                action: MERGE_UNDONE,
                note: None,
            },
            &Entry {
                project_id: source.project_id,
                idea_id: Some(source.id),
                kind: MERGE_UNDONE,
                decided_by: moderator.id,
                reason: &format!("#{} ↛ #{}", m.source_idea_id, m.target_idea_id),
            },
            now,
        )
        .await?;
        let about = About {
            link: None,
            idea_id: source.id,
            idea_title: source.title.clone(),
            by: None,
            text: Some(format!("#{}{target_title}", m.target_idea_id)),
        };
        let notice =
            notifications::notify(&txn, source.author_id, MERGE_UNDONE, &about, now).await?;
        let card = crate::cards::fresh_card(&txn, source.id).await?;
        let event = events::append(
            &txn,
            Some(source.project_id),
            Some(moderator.id),
            &LiveEvent::IdeaPublished(card.clone()),
            now,
        )
        .await?;
        d.commit(txn, Some(event)).await?;
        Ok(notice)
    })
    .await?;
    d.notified(notice).await;
    d.queue_changed();
    Ok(())
}

/// The merges in force into `target` (their sources' authors are credited on it).
pub async fn merged_into<C: ConnectionTrait>(
    conn: &C,
    target: i64,
) -> Result<Vec<idea_merge::Model>> {
    Ok(idea_merge::Entity::find()
        .filter(idea_merge::Column::TargetIdeaId.eq(target))
        .filter(idea_merge::Column::UndoneAt.is_null())
        .order_by_asc(idea_merge::Column::Id)
        .all(conn)
        .await?)
}
