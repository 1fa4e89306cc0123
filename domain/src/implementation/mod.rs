//! What becomes of the selected ideas. Each idea the commission selected, or the residents' vote made a
//! winner, may get an implementation record: the responsible department, a status (planned, in
//! progress, done, cancelled with a reason), the percent done, dated milestones and progress reports with
//! photos. Staff write them ([`records`]); every change is an entry in the decision trail and a notice
//! to the idea's followers ([`follow`]: its author and supporters unless they opted out, and whoever
//! chose to follow it). The public reads them on the idea's page and in the lists "what was built",
//! per project and for the whole city ([`lists`]); an idea a moderator took down leaves every one of them.

pub mod follow;
pub mod lists;
pub mod records;

pub use follow::*;
pub use lists::*;
pub use records::*;

use crate::auth::{Role, User};
use crate::cards::VISIBLE;
use crate::entities::{idea, implementation, milestone, progress_report, project};
use crate::{Domain, Error, Result};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use wire::{IdeaImplementation, IdeaStatus, ImplStatus, Implementation, Milestone, ProgressReport};

/// Who writes implementation records: staff and admins.
pub const EDIT: &[Role] = Role::EDIT;
/// Who follows ideas: anyone logged in.
pub const FOLLOW: &[Role] = Role::ALL;

/// An idea whose page the public may see now (public status, public project), or `NotFound`.
pub(crate) async fn public_idea<C: ConnectionTrait>(
    conn: &C,
    idea_id: i64,
    now: DateTime<Utc>,
) -> Result<(idea::Model, project::Model)> {
    let row = idea::Entity::find_by_id(idea_id)
        .one(conn)
        .await?
        .filter(|i| VISIBLE.contains(&i.status.as_str()))
        .ok_or(Error::NotFound)?;
    let p = project::Entity::find_by_id(row.project_id)
        .one(conn)
        .await?
        .filter(|p| crate::projects::is_public(p, now))
        .ok_or(Error::NotFound)?;
    Ok((row, p))
}

/// Whether `row` may have an implementation record: the commission selected it, or it won the
/// residents' vote of its project.
pub(crate) async fn eligible<C: ConnectionTrait>(
    conn: &C,
    row: &idea::Model,
    now: DateTime<Utc>,
) -> Result<bool> {
    if row.status == IdeaStatus::Selected.as_str() {
        return Ok(true);
    }
    Ok(IdeaStatus::stored(&row.status).is_visible()
        && crate::vote::winners(conn, row.project_id, now)
            .await?
            .contains(&row.id))
}

/// A stored milestone as shown.
fn milestone_of(m: milestone::Model) -> Milestone {
    Milestone {
        id: m.id,
        title: m.title,
        due_at: m.due_at,
        reached_at: m.reached_at,
    }
}

/// The record of idea `idea_id` with its milestones (by due day) and reports (newest first), if any.
pub async fn record<C: ConnectionTrait>(conn: &C, idea_id: i64) -> Result<Option<Implementation>> {
    let Some(row) = implementation::Entity::find_by_id(idea_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::IdeaId.eq(idea_id))
        .order_by_asc(milestone::Column::DueAt)
        .order_by_asc(milestone::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(milestone_of)
        .collect();
    let reports = progress_report::Entity::find()
        .filter(progress_report::Column::IdeaId.eq(idea_id))
        .order_by_desc(progress_report::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| ProgressReport {
            id: r.id,
            body: r.body,
            photo: r.photo,
            at: r.created_at,
        })
        .collect();
    Ok(Some(Implementation {
        idea_id,
        department: row.department,
        status: ImplStatus::parse(&row.status).unwrap_or(ImplStatus::Planned),
        reason: row.reason,
        percent: row.percent,
        milestones,
        reports,
        updated_at: row.updated_at,
    }))
}

/// The implementation part of a public idea's page, as `viewer` sees it (`NotFound` when the idea is
/// not public).
pub async fn for_idea(
    d: &Domain,
    idea_id: i64,
    viewer: Option<&User>,
) -> Result<IdeaImplementation> {
    let (row, _) = public_idea(&d.db, idea_id, d.now()).await?;
    let record = record(&d.db, idea_id).await?;
    part(&d.db, &row, record, viewer).await
}

/// The implementation part shown on public idea `row`'s own page: `None` unless the commission
/// selected it or staff keep a record of it, so that other ideas' pages cost one look-up.
pub async fn on_page(
    d: &Domain,
    row: &idea::Model,
    viewer: Option<&User>,
) -> Result<Option<IdeaImplementation>> {
    let record = record(&d.db, row.id).await?;
    if record.is_none() && row.status != IdeaStatus::Selected.as_str() {
        return Ok(None);
    }
    Ok(Some(part(&d.db, row, record, viewer).await?))
}

/// The part of idea `row` with its `record`: who follows it, and whether `viewer` does.
async fn part<C: ConnectionTrait>(
    conn: &C,
    row: &idea::Model,
    record: Option<Implementation>,
    viewer: Option<&User>,
) -> Result<IdeaImplementation> {
    let followers = follow::followers(conn, row).await?;
    Ok(IdeaImplementation {
        record,
        following: viewer.map(|u| followers.contains(&u.id)),
        followers: followers.len() as u64,
    })
}
