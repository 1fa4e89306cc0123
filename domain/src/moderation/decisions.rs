//! Decisions on ideas and comments: publish, reject, take down, correct, hide, keep, close a report —
//! one at a time or in bulk, each recorded in the trail and told to the author.

use super::*;

/// What a moderator decides about an idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Public (or kept public).
    Publish,
    /// Rejected, with the reason its author is told.
    Reject(String),
}

impl Verdict {
    /// The reason, checked (none to publish).
    fn reason(&self) -> Result<Option<String>> {
        match self {
            Self::Publish => Ok(None),
            Self::Reject(reason) => check_reason(reason).map(Some),
        }
    }
}

/// Publishes or rejects an idea nobody has reviewed yet.
pub async fn review_idea(
    d: &Domain,
    moderator: &User,
    idea_id: i64,
    verdict: &Verdict,
) -> Result<()> {
    let reason = verdict.reason()?;
    decide_idea(d, moderator, idea_id, reason, Scope::Unreviewed).await?;
    d.queue_changed();
    Ok(())
}

/// Takes down an idea that is public or waiting, reviewed or not (personal data, insults found later,
/// a report): rejected with a reason, told to the author, in the trail; it leaves every public channel.
pub async fn take_down_idea(
    d: &Domain,
    moderator: &User,
    idea_id: i64,
    reason: &str,
) -> Result<()> {
    let reason = check_reason(reason)?;
    decide_idea(d, moderator, idea_id, Some(reason), Scope::Any).await?;
    d.queue_changed();
    Ok(())
}

/// Which ideas a decision may still change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    /// Only ideas nobody has reviewed (the queue's decisions: two moderators cannot both win).
    Unreviewed,
    /// Any idea that is public or waiting (a take-down).
    Any,
}

/// Publishes or rejects every idea of `ids` nobody has reviewed yet, with one reason for all; the ones
/// another moderator decided first are counted as skipped. At most [`QUEUE_PAGE`] at once.
pub async fn review_ideas(
    d: &Domain,
    moderator: &User,
    ids: &[i64],
    verdict: &Verdict,
) -> Result<Bulk> {
    let reason = verdict.reason()?;
    each(d, ids, |id| {
        decide_idea(d, moderator, id, reason.clone(), Scope::Unreviewed)
    })
    .await
}

/// One idea's decision, without telling the queue (the callers do, once).
pub(super) async fn decide_idea(
    d: &Domain,
    moderator: &User,
    idea_id: i64,
    reason: Option<String>,
    scope: Scope,
) -> Result<()> {
    let row = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let was_public = crate::cards::VISIBLE.contains(&row.status.as_str());
    let told = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        // The decision itself, first: only one moderator's update finds the idea unreviewed.
        let mut update = idea::Entity::update_many()
            .col_expr(idea::Column::ReviewedAt, Expr::value(now))
            .col_expr(idea::Column::UpdatedAt, Expr::value(now));
        update = match &reason {
            None => update
                .col_expr(
                    idea::Column::Status,
                    Expr::value(IdeaStatus::Published.as_str()),
                )
                .col_expr(
                    idea::Column::PublishedAt,
                    Expr::value(row.published_at.unwrap_or(now)),
                ),
            Some(reason) => update
                .col_expr(
                    idea::Column::Status,
                    Expr::value(IdeaStatus::Rejected.as_str()),
                )
                .col_expr(idea::Column::StatusReason, Expr::value(reason.clone())),
        };
        let decidable = match scope {
            Scope::Unreviewed => Condition::all()
                .add(idea::Column::ReviewedAt.is_null())
                .add(idea::Column::Status.is_in([
                    IdeaStatus::Submitted.as_str(),
                    IdeaStatus::Published.as_str(),
                ])),
            Scope::Any => Condition::all().add(idea::Column::Status.is_in(
                std::iter::once(IdeaStatus::Submitted.as_str()).chain(crate::cards::VISIBLE),
            )),
        };
        let won = update
            .filter(idea::Column::Id.eq(idea_id))
            .filter(decidable)
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !won {
            return Err(already());
        }
        let (action, kind) = match &reason {
            None => (IdeaStatus::Published.as_str(), "idea_published"),
            Some(_) => (IdeaStatus::Rejected.as_str(), "idea_rejected"),
        };
        audit::decided(
            &txn,
            &Action {
                target: ("idea", idea_id),
                action,
                note: reason.as_deref(),
            },
            &Entry {
                project_id: row.project_id,
                idea_id: Some(idea_id),
                kind,
                decided_by: moderator.id,
                reason: reason.as_deref().unwrap_or(""),
            },
            now,
        )
        .await?;
        let mut event = None;
        match (&reason, was_public) {
            // Newly public: indexed, announced.
            (None, false) => {
                crate::search::index(&txn, row.project_id, idea_id, &row.title, &row.body).await?;
                let card = crate::cards::fresh_card(&txn, idea_id).await?;
                event = Some(
                    events::append(
                        &txn,
                        Some(row.project_id),
                        Some(moderator.id),
                        &LiveEvent::IdeaPublished(card.clone()),
                        now,
                    )
                    .await?,
                );
            }
            // Taken down: out of the search, the counts, open feeds and the replay of earlier events.
            (Some(_), true) => {
                crate::search::unindex(&txn, row.project_id, idea_id).await?;
                events::redact_idea(&txn, idea_id).await?;
                let gone = wire::Withdrawn { idea_id };
                event = Some(
                    events::append(
                        &txn,
                        Some(row.project_id),
                        Some(moderator.id),
                        &LiveEvent::IdeaWithdrawn(gone),
                        now,
                    )
                    .await?,
                );
            }
            _ => {}
        }
        if reason.is_some() {
            crate::ideas::count_idea(&txn, row.project_id, row.direction_id, -1).await?;
            close_reports(&txn, "idea", idea_id, now).await?;
        }
        // The author hears of a publication they waited for, and of every rejection.
        let notice = if reason.is_some() || !was_public {
            let about = About {
                link: None,
                idea_id,
                idea_title: row.title.clone(),
                by: None,
                text: reason.clone(),
            };
            Some(notifications::notify(&txn, row.author_id, action, &about, now).await?)
        } else {
            None
        };
        d.commit(txn, event).await?;
        Ok(notice)
    })
    .await?;
    if let Some(notice) = told {
        d.notified(notice).await;
    }
    Ok(())
}

/// Closes the open reports about an idea or comment that was just taken down: the reports are answered.
pub(super) async fn close_reports<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    target_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    report::Entity::update_many()
        .col_expr(report::Column::ResolvedAt, Expr::value(now))
        .filter(report::Column::TargetKind.eq(kind))
        .filter(report::Column::TargetId.eq(target_id))
        .filter(report::Column::ResolvedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Corrects a typo in an idea's title or text; the idea shows "edited by moderator" from then on, and
/// the note says what was corrected.
pub async fn correct_idea(
    d: &Domain,
    moderator: &User,
    idea_id: i64,
    correction: &IdeaCorrection,
) -> Result<()> {
    let IdeaCorrection {
        title,
        body,
        reason: note,
    } = correction;
    let (title, body, note) = (title.as_str(), body.as_str(), note.as_str());
    let mut errors = Vec::new();
    let (tmin, tmax) = crate::cards::TITLE_LEN;
    let (bmin, bmax) = crate::cards::BODY_LEN;
    check_text("title", title, tmin, tmax, &mut errors);
    check_text("body", body, bmin, bmax, &mut errors);
    check_text("reason", note, REASON_LEN.0, REASON_LEN.1, &mut errors);
    Error::check(errors)?;
    let row = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let (title, body, note) = (title.trim(), body.trim(), note.trim());
    audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        let mut changed = row.clone().into_active_model();
        changed.title = Set(title.to_owned());
        changed.body = Set(body.to_owned());
        changed.moderator_edited_at = Set(Some(now));
        changed.updated_at = Set(now);
        let changed = changed.update(&txn).await?;
        audit::decided(
            &txn,
            &Action {
                target: ("idea", idea_id),
                action: "edited",
                note: Some(note),
            },
            &Entry {
                project_id: row.project_id,
                idea_id: Some(idea_id),
                kind: "idea_edited",
                decided_by: moderator.id,
                reason: note,
            },
            now,
        )
        .await?;
        let mut event = None;
        if crate::cards::VISIBLE.contains(&changed.status.as_str()) {
            crate::search::reindex_idea(&txn, row.project_id, idea_id, title, body).await?;
            let card = crate::cards::card_of(&txn, changed).await?;
            events::restate_idea(&txn, &card).await?;
            event = Some(
                events::append(
                    &txn,
                    Some(row.project_id),
                    Some(moderator.id),
                    &LiveEvent::IdeaEdited(card.clone()),
                    now,
                )
                .await?,
            );
        }
        d.commit(txn, event).await?;
        Ok(())
    })
    .await
}

/// Keeps (`hide: None`) or hides (`Some(reason)`) a comment nobody has reviewed yet.
pub async fn review_comment(
    d: &Domain,
    moderator: &User,
    comment_id: i64,
    hide: Option<&str>,
) -> Result<()> {
    let reason = hide.map(check_reason).transpose()?;
    decide_comment(d, moderator, comment_id, reason).await?;
    d.queue_changed();
    Ok(())
}

/// Keeps or hides every comment of `ids` nobody has reviewed yet, with one reason for all; the ones
/// another moderator decided first are counted as skipped. At most [`QUEUE_PAGE`] at once.
pub async fn review_comments(
    d: &Domain,
    moderator: &User,
    ids: &[i64],
    hide: Option<&str>,
) -> Result<Bulk> {
    let reason = hide.map(check_reason).transpose()?;
    each(d, ids, |id| {
        decide_comment(d, moderator, id, reason.clone())
    })
    .await
}

/// One comment's decision, without telling the queue.
pub(super) async fn decide_comment(
    d: &Domain,
    moderator: &User,
    comment_id: i64,
    reason: Option<String>,
) -> Result<()> {
    let row = comment::Entity::find_by_id(comment_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let target = idea::Entity::find_by_id(row.idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        let mut update =
            comment::Entity::update_many().col_expr(comment::Column::ReviewedAt, Expr::value(now));
        if reason.is_some() {
            update = update.col_expr(
                comment::Column::Status,
                Expr::value(CommentStatus::Hidden.as_str()),
            );
        }
        let won = update
            .filter(comment::Column::Id.eq(comment_id))
            .filter(comment::Column::Status.eq(CommentStatus::Published.as_str()))
            .filter(
                // A reported comment may be hidden after it was first kept.
                if reason.is_some() {
                    comment::Column::Id.eq(comment_id)
                } else {
                    comment::Column::ReviewedAt.is_null()
                },
            )
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !won {
            return Err(already());
        }
        let Some(reason) = &reason else {
            txn.commit().await?;
            return Ok(());
        };
        events::redact_comment(&txn, comment_id).await?;
        close_reports(&txn, "comment", comment_id, now).await?;
        idea::Entity::update_many()
            .col_expr(
                idea::Column::CommentCount,
                Expr::col(idea::Column::CommentCount).sub(1),
            )
            .filter(idea::Column::Id.eq(row.idea_id))
            .exec(&txn)
            .await?;
        audit::decided(
            &txn,
            &Action {
                target: ("comment", comment_id),
                action: CommentStatus::Hidden.as_str(),
                note: Some(reason),
            },
            &Entry {
                project_id: target.project_id,
                idea_id: Some(row.idea_id),
                kind: "comment_hidden",
                decided_by: moderator.id,
                reason,
            },
            now,
        )
        .await?;
        let count = idea::Entity::find_by_id(row.idea_id)
            .one(&txn)
            .await?
            .map_or(0, |i| i.comment_count);
        let payload = CommentHidden {
            comment_id,
            idea_id: row.idea_id,
            comment_count: count,
        };
        let event = events::append(
            &txn,
            Some(target.project_id),
            Some(moderator.id),
            &LiveEvent::CommentHidden(payload),
            now,
        )
        .await?;
        txn.commit().await?;
        d.bus.publish(event);
        Ok(())
    })
    .await
}

/// Closes a report (after acting on its target, or finding nothing wrong).
pub async fn close_report(d: &Domain, _moderator: &User, report_id: i64) -> Result<()> {
    let closed = report::Entity::update_many()
        .col_expr(report::Column::ResolvedAt, Expr::value(d.now()))
        .filter(report::Column::Id.eq(report_id))
        .filter(report::Column::ResolvedAt.is_null())
        .exec(&d.db)
        .await?
        .rows_affected;
    if closed == 0 {
        return Err(already());
    }
    d.queue_changed();
    Ok(())
}
