//! Moderation: the queue of what no moderator has reviewed yet (ideas waiting for publication, ideas and
//! comments published without waiting, open reports), and the decisions on them — publish, reject with a
//! reason, correct a typo (marked "edited by moderator"), hide a comment, close a report — each recorded
//! in the idea's timeline and in the hash-chained decision trail ([`crate::audit`]), and told to the
//! author. Two moderators acting on one item cannot both win: every decision is a conditional update of
//! an item nobody has reviewed yet; the second gets "already moderated". An idea already published or
//! approved can still be taken down ([`take_down_idea`]), and a kept comment hidden: what is taken
//! down leaves the feed, the search, the counts and the replay of the live stream ([`events::redact_idea`]),
//! and the open reports about it are closed.

use crate::audit::{self, Action, Entry};
use crate::auth::{Role, User};
use crate::comments::Comment;
use crate::entities::{
    comment, direction, idea, idea_merge, idea_merge_vote, idea_vote, project, reason_template,
    report, user,
};
use crate::events;
use crate::ideas::IdeaCard;
use crate::notifications::{self, About};
use crate::text::check_text;
use crate::{Domain, Error, Result};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;
use wire::LiveEvent;
use wire::{Bilingual, CommentStatus, IdeaStatus, ReportTarget};
pub use wire::{
    BulkOutcome as Bulk, CommentHidden, MergeRow, ModerationQueue as Queue, OpenReport,
    QueueComment, QueueIdea, ReasonTemplate,
};

/// Who moderates.
pub const MODERATE: &[Role] = &[Role::Moderator, Role::Admin];
/// Length of a reason in characters.
pub const REASON_LEN: (usize, usize) = (5, 1000);
/// Items of each kind the queue shows at once (oldest first).
pub const QUEUE_PAGE: u64 = 100;

fn excerpt(text: &str) -> String {
    text.chars().take(200).collect()
}

/// The queue.
pub async fn queue(d: &Domain) -> Result<Queue> {
    let idea_rows = idea::Entity::find()
        .filter(idea::Column::ReviewedAt.is_null())
        .filter(idea::Column::Status.is_in([
            IdeaStatus::Submitted.as_str(),
            IdeaStatus::Published.as_str(),
        ]))
        .order_by_asc(idea::Column::Id)
        .limit(QUEUE_PAGE)
        .all(&d.db)
        .await?;
    let bodies: HashMap<i64, String> = idea_rows.iter().map(|r| (r.id, r.body.clone())).collect();
    let project_ids: Vec<i64> = idea_rows.iter().map(|r| r.project_id).collect();
    let slugs: HashMap<i64, String> = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.slug))
        .collect();
    let ideas = crate::ideas::cards(&d.db, idea_rows)
        .await?
        .into_iter()
        .map(|card| QueueIdea {
            body: bodies.get(&card.id).cloned().unwrap_or_default(),
            project_slug: slugs.get(&card.project_id).cloned().unwrap_or_default(),
            card,
        })
        .collect();

    let comment_rows = comment::Entity::find()
        .filter(comment::Column::ReviewedAt.is_null())
        .filter(comment::Column::Status.eq(CommentStatus::Published.as_str()))
        .order_by_asc(comment::Column::Id)
        .limit(QUEUE_PAGE)
        .all(&d.db)
        .await?;
    let report_rows = report::Entity::find()
        .filter(report::Column::ResolvedAt.is_null())
        .order_by_asc(report::Column::Id)
        .limit(QUEUE_PAGE)
        .all(&d.db)
        .await?;
    // Everything the comments and reports name, in one batch per table.
    let mut comment_ids: Vec<i64> = report_rows
        .iter()
        .filter(|r| r.target_kind == ReportTarget::Comment.as_str())
        .map(|r| r.target_id)
        .collect();
    comment_ids.extend(comment_rows.iter().map(|c| c.id));
    let reported_comments: HashMap<i64, comment::Model> = comment::Entity::find()
        .filter(comment::Column::Id.is_in(comment_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let merge_rows = idea_merge::Entity::find()
        .filter(idea_merge::Column::UndoneAt.is_null())
        .order_by_desc(idea_merge::Column::Id)
        .limit(20)
        .all(&d.db)
        .await?;
    let mut idea_ids: Vec<i64> = comment_rows.iter().map(|c| c.idea_id).collect();
    idea_ids.extend(merge_rows.iter().map(|m| m.source_idea_id));
    idea_ids.extend(merge_rows.iter().map(|m| m.target_idea_id));
    idea_ids.extend(reported_comments.values().map(|c| c.idea_id));
    idea_ids.extend(
        report_rows
            .iter()
            .filter(|r| r.target_kind == ReportTarget::Idea.as_str())
            .map(|r| r.target_id),
    );
    let named_ideas: HashMap<i64, idea::Model> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(idea_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut user_ids: Vec<i64> = comment_rows.iter().map(|c| c.author_id).collect();
    user_ids.extend(report_rows.iter().map(|r| r.reporter_id));
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let comments = comment_rows
        .into_iter()
        .map(|c| QueueComment {
            idea_title: named_ideas
                .get(&c.idea_id)
                .map(|i| i.title.clone())
                .unwrap_or_default(),
            comment: Comment {
                id: c.id,
                idea_id: c.idea_id,
                parent_id: c.parent_id,
                author: name(c.author_id),
                body: c.body,
                created_at: c.created_at,
            },
        })
        .collect();
    let reports = report_rows
        .into_iter()
        .map(|r| {
            let target_kind = ReportTarget::parse(&r.target_kind).unwrap_or(ReportTarget::Idea);
            let (idea_id, text) = match target_kind {
                ReportTarget::Comment => reported_comments
                    .get(&r.target_id)
                    .map(|c| (c.idea_id, c.body.clone()))
                    .unwrap_or_default(),
                ReportTarget::Idea => named_ideas
                    .get(&r.target_id)
                    .map(|i| (i.id, format!("{}. {}", i.title, i.body)))
                    .unwrap_or_default(),
            };
            OpenReport {
                id: r.id,
                target_kind,
                target_id: r.target_id,
                idea_id,
                excerpt: excerpt(&text),
                reason: r.reason,
                reporter: name(r.reporter_id),
                created_at: r.created_at,
            }
        })
        .collect();
    let templates = templates(d).await?;
    let title = |id: i64| {
        named_ideas
            .get(&id)
            .map(|i| i.title.clone())
            .unwrap_or_default()
    };
    let merges = merge_rows
        .into_iter()
        .map(|m| MergeRow {
            id: m.id,
            source_id: m.source_idea_id,
            source_title: title(m.source_idea_id),
            target_id: m.target_idea_id,
            target_title: title(m.target_idea_id),
            created_at: m.created_at,
        })
        .collect();
    Ok(Queue {
        ideas,
        comments,
        reports,
        templates,
        merges,
        now: d.now(),
    })
}

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

/// Counts one item's outcome in `bulk`; a failure other than "already decided" or "gone" stops the batch.
fn count(bulk: &mut Bulk, outcome: Result<()>) -> Result<()> {
    match outcome {
        Ok(()) => bulk.done += 1,
        Err(Error::NotFound) => bulk.skipped += 1,
        Err(Error::Invalid(errors)) if errors == [already_code()] => bulk.skipped += 1,
        Err(other) => return Err(other),
    }
    Ok(())
}

/// The ids of a bulk action: at least one, at most a queue page, each once.
fn bulk_ids(ids: &[i64]) -> Result<Vec<i64>> {
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() {
        return Err(Error::field("ids", "none_selected"));
    }
    if unique.len() > usize::try_from(QUEUE_PAGE).unwrap_or(usize::MAX) {
        return Err(Error::field("ids", "too_many_selected"));
    }
    Ok(unique)
}

fn check_reason(reason: &str) -> Result<String> {
    let mut errors = Vec::new();
    check_text("reason", reason, REASON_LEN.0, REASON_LEN.1, &mut errors);
    Error::check(errors)?;
    Ok(reason.trim().to_owned())
}

const fn already_code() -> crate::FieldError {
    crate::FieldError::new("form", "already_moderated")
}

fn already() -> Error {
    Error::Invalid(vec![already_code()])
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
enum Scope {
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

/// Runs `decide` on every id of a bulk action in turn, then tells the queue once.
async fn each<F, Fut>(d: &Domain, ids: &[i64], mut decide: F) -> Result<Bulk>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let ids = bulk_ids(ids)?;
    let mut bulk = Bulk::default();
    let mut outcome = Ok(());
    for id in ids {
        outcome = count(&mut bulk, decide(id).await);
        if outcome.is_err() {
            break;
        }
    }
    d.queue_changed();
    outcome.map(|()| bulk)
}

/// One idea's decision, without telling the queue (the callers do, once).
async fn decide_idea(
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
    let was_public = crate::ideas::VISIBLE.contains(&row.status.as_str());
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
                std::iter::once(IdeaStatus::Submitted.as_str()).chain(crate::ideas::VISIBLE),
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
                let card = crate::ideas::fresh_card(&txn, idea_id).await?;
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
                let gone = crate::ideas::Withdrawn { idea_id };
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
            uncount(&txn, &row).await?;
            close_reports(&txn, "idea", idea_id, now).await?;
        }
        // The author hears of a publication they waited for, and of every rejection.
        let notice = if reason.is_some() || !was_public {
            let about = About {
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
async fn close_reports<C: ConnectionTrait>(
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

/// Takes an idea out of its project's and direction's counts.
async fn uncount<C: ConnectionTrait>(conn: &C, row: &idea::Model) -> Result<()> {
    project::Entity::update_many()
        .col_expr(
            project::Column::IdeasCount,
            Expr::col(project::Column::IdeasCount).sub(1),
        )
        .filter(project::Column::Id.eq(row.project_id))
        .exec(conn)
        .await?;
    direction::Entity::update_many()
        .col_expr(
            direction::Column::IdeasCount,
            Expr::col(direction::Column::IdeasCount).sub(1),
        )
        .filter(direction::Column::Id.eq(row.direction_id))
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
    title: &str,
    body: &str,
    note: &str,
) -> Result<()> {
    let mut errors = Vec::new();
    let (tmin, tmax) = crate::ideas::TITLE_LEN;
    let (bmin, bmax) = crate::ideas::BODY_LEN;
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
        if crate::ideas::VISIBLE.contains(&changed.status.as_str()) {
            crate::search::reindex_idea(&txn, row.project_id, idea_id, title, body).await?;
            let card = crate::ideas::card_of(&txn, changed).await?;
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
async fn decide_comment(
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

/// A reason template's title and text in Russian and English.
#[derive(Debug, Clone, Copy)]
pub struct TemplateText<'a> {
    /// Short title in Russian (what the menu shows).
    pub title_ru: &'a str,
    /// Short title in English.
    pub title_en: &'a str,
    /// The reason in Russian.
    pub text_ru: &'a str,
    /// The reason in English.
    pub text_en: &'a str,
}

impl TemplateText<'_> {
    /// Checks every field, then writes the trimmed texts into `row`.
    fn apply(&self, row: &mut reason_template::ActiveModel) -> Result<()> {
        let mut errors = Vec::new();
        check_text("title_ru", self.title_ru, 2, 200, &mut errors);
        check_text("title_en", self.title_en, 2, 200, &mut errors);
        let (min, max) = REASON_LEN;
        check_text("text_ru", self.text_ru, min, max, &mut errors);
        check_text("text_en", self.text_en, min, max, &mut errors);
        Error::check(errors)?;
        row.title_ru = Set(self.title_ru.trim().to_owned());
        row.title_en = Set(self.title_en.trim().to_owned());
        row.text_ru = Set(self.text_ru.trim().to_owned());
        row.text_en = Set(self.text_en.trim().to_owned());
        Ok(())
    }
}

/// Adds a reason template.
pub async fn add_template(d: &Domain, text: &TemplateText<'_>) -> Result<reason_template::Model> {
    let mut row = reason_template::ActiveModel {
        created_at: Set(d.now()),
        ..Default::default()
    };
    text.apply(&mut row)?;
    let saved = row.insert(&d.db).await?;
    d.queue_changed();
    Ok(saved)
}

/// Changes a reason template (decisions already taken keep the reason they were given).
pub async fn update_template(d: &Domain, id: i64, text: &TemplateText<'_>) -> Result<()> {
    let mut row = reason_template::Entity::find_by_id(id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?
        .into_active_model();
    text.apply(&mut row)?;
    row.update(&d.db).await?;
    d.queue_changed();
    Ok(())
}

/// Removes a reason template.
pub async fn delete_template(d: &Domain, id: i64) -> Result<()> {
    let gone = reason_template::Entity::delete_by_id(id)
        .exec(&d.db)
        .await?
        .rows_affected;
    if gone == 0 {
        return Err(Error::NotFound);
    }
    d.queue_changed();
    Ok(())
}

/// The reason templates, oldest first.
pub async fn templates(d: &Domain) -> Result<Vec<ReasonTemplate>> {
    Ok(reason_template::Entity::find()
        .order_by_asc(reason_template::Column::Id)
        .all(&d.db)
        .await?
        .into_iter()
        .map(|t| ReasonTemplate {
            id: t.id,
            title: Bilingual::new(t.title_ru, t.title_en),
            text: Bilingual::new(t.text_ru, t.text_en),
        })
        .collect())
}

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
            .filter(idea::Column::Status.is_in(crate::ideas::VISIBLE))
            .filter(idea::Column::Id.ne(idea_id))
            .all(&d.db)
            .await?;
        return crate::ideas::cards(&d.db, named).await;
    }
    let text = if query.is_empty() {
        format!("{} {}", source.title, source.body)
    } else {
        query.to_owned()
    };
    crate::search::similar(d, source.project_id, &text, Some(idea_id)).await
}

/// Recounts an idea's support and opposition from its vote rows (after votes moved between ideas).
async fn recount_votes<C: ConnectionTrait>(conn: &C, idea_id: i64) -> Result<()> {
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
/// counts once on the target (votes of people who had not voted on the target move over, and are
/// remembered so that [`undo_merge`] can move exactly those back). Returns the merge's id.
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
        .filter(idea::Column::Status.is_in(crate::ideas::VISIBLE))
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
            .filter(|v| !on_target.contains(&v.user_id))
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
        let gone = crate::ideas::Withdrawn { idea_id: source };
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

/// Undoes a merge: the duplicate is public again, the votes the merge moved go back, both ideas'
/// counts are recounted from their votes.
pub async fn undo_merge(d: &Domain, moderator: &User, merge_id: i64) -> Result<()> {
    let m = idea_merge::Entity::find_by_id(merge_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let source = idea::Entity::find_by_id(m.source_idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    audit::with_retry(|| async {
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
            .col_expr(
                idea::Column::Status,
                Expr::value(IdeaStatus::Published.as_str()),
            )
            .col_expr(idea::Column::MergedIntoId, Expr::value(Option::<i64>::None))
            .col_expr(
                idea::Column::StatusReason,
                Expr::value(Option::<String>::None),
            )
            .col_expr(idea::Column::UpdatedAt, Expr::value(now))
            .filter(idea::Column::Id.eq(m.source_idea_id))
            .exec(&txn)
            .await?;
        recount_votes(&txn, m.source_idea_id).await?;
        recount_votes(&txn, m.target_idea_id).await?;
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
                action: IdeaStatus::Published.as_str(),
                note: Some("merge undone"),
            },
            &Entry {
                project_id: source.project_id,
                idea_id: Some(source.id),
                kind: "merge_undone",
                decided_by: moderator.id,
                reason: &format!("#{} ↛ #{}", m.source_idea_id, m.target_idea_id),
            },
            now,
        )
        .await?;
        let card = crate::ideas::fresh_card(&txn, source.id).await?;
        let event = events::append(
            &txn,
            Some(source.project_id),
            Some(moderator.id),
            &LiveEvent::IdeaPublished(card.clone()),
            now,
        )
        .await?;
        d.commit(txn, Some(event)).await
    })
    .await?;
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
