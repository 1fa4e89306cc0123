//! Staff write implementation records: open or change one (department, status, percent, the reason of a
//! cancellation), set and reach milestones, publish progress reports with a photo. Each change is one
//! transaction holding the change, its decision-trail entry and the notices of the idea's followers; the
//! bells and e-mails go out once it is committed, without holding the request.

use super::*;
use crate::audit::{self, Entry};
use crate::entities::notification;
use crate::notifications::notify;
use crate::text::check_text;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set, TransactionTrait};
use wire::{About, ImplChange};

/// Department name length in characters.
pub const DEPARTMENT_LEN: (usize, usize) = (2, 200);
/// Length of a cancellation's reason.
pub const REASON_LEN: (usize, usize) = (5, 1000);
/// Milestone title length.
pub const MILESTONE_LEN: (usize, usize) = (3, 200);
/// Progress report length.
pub const REPORT_LEN: (usize, usize) = (10, 5000);

/// What staff set on a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordInput {
    /// The responsible department.
    pub department: String,
    /// Where it stands.
    pub status: ImplStatus,
    /// Why it was cancelled (required then, ignored otherwise).
    pub reason: String,
    /// Percent done, 0 to 100 (100 when done).
    pub percent: i32,
}

/// The percent typed in a form ("40", "40 %"; empty is 0), or `percent`/`not_a_number`.
pub fn parse_percent(typed: &str) -> Result<i32> {
    let digits = typed.trim().trim_end_matches('%').trim();
    if digits.is_empty() {
        return Ok(0);
    }
    digits
        .parse()
        .map_err(|_| Error::field("percent", "not_a_number"))
}

/// Idea `idea_id`, if it may have a record (`not_eligible` otherwise).
async fn eligible_idea(d: &Domain, idea_id: i64) -> Result<idea::Model> {
    let row = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    if !eligible(&d.db, &row, d.now()).await? {
        return Err(Error::field("form", "not_eligible"));
    }
    Ok(row)
}

/// The record of `row`, or `no_record` when staff have not opened one.
async fn existing<C: ConnectionTrait>(conn: &C, idea_id: i64) -> Result<implementation::Model> {
    implementation::Entity::find_by_id(idea_id)
        .one(conn)
        .await?
        .ok_or_else(|| Error::field("form", "no_record"))
}

/// A required plain text of `len` characters, trimmed.
fn text(field: &'static str, value: &str, len: (usize, usize)) -> Result<String> {
    let mut errors = Vec::new();
    check_text(field, value, len.0, len.1, &mut errors);
    Error::check(errors)?;
    Ok(value.trim().to_owned())
}

/// Writes `change` of `row`'s implementation to the trail (in the caller's transaction, after its
/// first write) and a notice for each follower but the actor; returns the notices.
async fn changed<C: ConnectionTrait>(
    conn: &C,
    actor: &User,
    row: &idea::Model,
    change: ImplChange,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Vec<notification::Model>> {
    let entry = Entry {
        project_id: row.project_id,
        idea_id: Some(row.id),
        kind: change.as_str(),
        decided_by: actor.id,
        reason: text,
    };
    audit::append(conn, &entry, now).await?;
    let about = About {
        idea_id: row.id,
        idea_title: row.title.clone(),
        by: None,
        text: (!text.is_empty()).then(|| text.to_owned()),
        link: Some(format!("/ideas/{}#implementation", row.id)),
    };
    let mut notices = Vec::new();
    for user in follow::followers(conn, row).await? {
        if user != actor.id {
            notices.push(notify(conn, user, change.as_str(), &about, now).await?);
        }
    }
    Ok(notices)
}

/// Rings the bells and sends the e-mails of committed notices, in a task of their own: an idea may have
/// hundreds of followers, and the staff member's request does not wait for their e-mails. (A failed
/// e-mail is logged; the notice stays in the bell.)
async fn tell(d: &Domain, notices: Vec<notification::Model>) {
    if notices.is_empty() {
        return;
    }
    let d = d.clone();
    tokio::spawn(async move {
        for notice in notices {
            d.notified(notice).await;
        }
    });
}

/// "department · 40 %", the particulars of a record in its trail entry.
fn particulars(department: &str, percent: i32) -> String {
    format!("{department} · {percent} %")
}

/// Opens or changes the record of idea `idea_id`. A new status is one trail entry (its reason, for a
/// cancellation); a new department or percent under the same status is another; nothing new, nothing
/// written.
pub async fn save(d: &Domain, actor: &User, idea_id: i64, input: &RecordInput) -> Result<()> {
    let row = eligible_idea(d, idea_id).await?;
    let mut errors = Vec::new();
    check_text(
        "department",
        &input.department,
        DEPARTMENT_LEN.0,
        DEPARTMENT_LEN.1,
        &mut errors,
    );
    if !(0..=100).contains(&input.percent) {
        errors.push(crate::FieldError::new("percent", "out_of_range"));
    }
    let cancelled = input.status == ImplStatus::Cancelled;
    if cancelled {
        check_text(
            "reason",
            &input.reason,
            REASON_LEN.0,
            REASON_LEN.1,
            &mut errors,
        );
    }
    Error::check(errors)?;
    let department = input.department.trim().to_owned();
    let reason = cancelled.then(|| input.reason.trim().to_owned());
    let percent = if input.status == ImplStatus::Done {
        100
    } else {
        input.percent
    };
    let notices = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        let before = implementation::Entity::find_by_id(idea_id)
            .one(&txn)
            .await?;
        let change = match &before {
            None => input.status.change(),
            Some(b) if b.status != input.status.as_str() => input.status.change(),
            Some(b) if b.department != department || b.percent != percent || b.reason != reason => {
                ImplChange::Updated
            }
            Some(_) => return Ok(Vec::new()),
        };
        match before {
            Some(b) => {
                let mut edit = b.into_active_model();
                edit.department = Set(department.clone());
                edit.status = Set(input.status.as_str().to_owned());
                edit.reason = Set(reason.clone());
                edit.percent = Set(percent);
                edit.updated_at = Set(now);
                edit.update(&txn).await?;
            }
            None => {
                implementation::ActiveModel {
                    idea_id: Set(idea_id),
                    project_id: Set(row.project_id),
                    department: Set(department.clone()),
                    status: Set(input.status.as_str().to_owned()),
                    reason: Set(reason.clone()),
                    percent: Set(percent),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(&txn)
                .await?;
            }
        }
        let text = reason
            .clone()
            .unwrap_or_else(|| particulars(&department, percent));
        let notices = changed(&txn, actor, &row, change, &text, now).await?;
        txn.commit().await?;
        Ok(notices)
    })
    .await?;
    tell(d, notices).await;
    Ok(())
}

/// Touches the record of `idea_id` (its `updated_at`), the first write of a milestone's or report's
/// transaction.
async fn touch<C: ConnectionTrait>(conn: &C, idea_id: i64, now: DateTime<Utc>) -> Result<()> {
    let mut edit = existing(conn, idea_id).await?.into_active_model();
    edit.updated_at = Set(now);
    edit.update(conn).await?;
    Ok(())
}

/// Adds a milestone `title` due on `due` (a `date` input's `YYYY-MM-DD`, Moscow) to the record of idea
/// `idea_id`; returns its id.
pub async fn add_milestone(
    d: &Domain,
    actor: &User,
    idea_id: i64,
    title: &str,
    due: &str,
) -> Result<i64> {
    let row = eligible_idea(d, idea_id).await?;
    let mut errors = Vec::new();
    check_text(
        "title",
        title,
        MILESTONE_LEN.0,
        MILESTONE_LEN.1,
        &mut errors,
    );
    let due_at = crate::time::parse_day(due);
    if due_at.is_none() {
        errors.push(crate::FieldError::new("due", "not_a_date"));
    }
    Error::check(errors)?;
    let (title, due_at) = (title.trim().to_owned(), due_at.unwrap_or_default());
    let (id, notices) = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        touch(&txn, idea_id, now).await?;
        let added = milestone::ActiveModel {
            idea_id: Set(idea_id),
            title: Set(title.clone()),
            due_at: Set(due_at),
            reached_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let text = format!("{title} · {}", crate::time::to_day(due_at));
        let notices = changed(&txn, actor, &row, ImplChange::MilestoneAdded, &text, now).await?;
        txn.commit().await?;
        Ok((added.id, notices))
    })
    .await?;
    tell(d, notices).await;
    Ok(id)
}

/// Marks milestone `milestone_id` reached on `on` (`YYYY-MM-DD`; today when empty).
pub async fn reach_milestone(d: &Domain, actor: &User, milestone_id: i64, on: &str) -> Result<()> {
    let m = milestone::Entity::find_by_id(milestone_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    if m.reached_at.is_some() {
        return Err(Error::field("form", "already_reached"));
    }
    let reached = if on.trim().is_empty() {
        crate::time::day_of(d.now())
    } else {
        crate::time::parse_day(on).ok_or_else(|| Error::field("on", "not_a_date"))?
    };
    if reached > d.now() {
        return Err(Error::field("on", "in_future"));
    }
    let row = eligible_idea(d, m.idea_id).await?;
    let notices = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        touch(&txn, m.idea_id, now).await?;
        let reached_now = milestone::Entity::update_many()
            .col_expr(
                milestone::Column::ReachedAt,
                sea_orm::sea_query::Expr::value(reached),
            )
            .filter(milestone::Column::Id.eq(milestone_id))
            .filter(milestone::Column::ReachedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !reached_now {
            return Err(Error::field("form", "already_reached"));
        }
        let text = format!("{} · {}", m.title, crate::time::to_day(reached));
        let notices = changed(&txn, actor, &row, ImplChange::MilestoneReached, &text, now).await?;
        txn.commit().await?;
        Ok(notices)
    })
    .await?;
    tell(d, notices).await;
    Ok(())
}

/// Publishes a progress report `body` on idea `idea_id`, with `photo` (an upload, checked as covers
/// are; empty for none) stored under `data_dir`; returns its id.
pub async fn report(
    d: &Domain,
    actor: &User,
    idea_id: i64,
    body: &str,
    photo: Vec<u8>,
    data_dir: &std::path::Path,
) -> Result<i64> {
    let row = eligible_idea(d, idea_id).await?;
    existing(&d.db, idea_id).await?;
    let body = text("body", body, REPORT_LEN)?;
    let photo = if photo.is_empty() {
        None
    } else {
        let owner = format!("idea-{idea_id}");
        Some(crate::media::save(crate::media::Picture::Report, photo, data_dir, owner).await?)
    };
    let (id, notices) = audit::with_retry(|| async {
        let now = d.now();
        let txn = d.db.begin().await?;
        touch(&txn, idea_id, now).await?;
        let added = progress_report::ActiveModel {
            idea_id: Set(idea_id),
            author_id: Set(actor.id),
            body: Set(body.clone()),
            photo: Set(photo.clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let excerpt = crate::cards::excerpt(&body);
        let notices = changed(&txn, actor, &row, ImplChange::Reported, &excerpt, now).await?;
        txn.commit().await?;
        Ok((added.id, notices))
    })
    .await?;
    tell(d, notices).await;
    Ok(id)
}
