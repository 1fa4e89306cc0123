//! The staff workspace: building a project (texts, stages, directions, commission), publishing or
//! scheduling it, previewing it as residents will see it, and the history of every edit.
//!
//! Every function here is for [`EDIT`] roles; entry points check that first. Every change is validated
//! with field-level messages before anything is written, and is recorded as a project revision (who, when,
//! what changed) in the same transaction.
//!
//! One file per part of the editor: [`texts`](texts) (texts, cover), stages, directions, members,
//! publication, preview and the workspace view; what they share (finding a project, reordering, storing a
//! picture) is here, the history of edits is [`crate::revisions`].

mod directions;
mod members;
mod preview;
mod publication;
mod stages;
mod texts;
mod workspace;

pub use directions::*;
pub use members::*;
pub use preview::*;
pub use publication::*;
pub use stages::*;
pub use texts::*;
pub use workspace::*;

use crate::auth::{Role, User};
use crate::entities::{commission_member, direction, preview_link, project, stage, user};
use crate::projects::{ProjectDetail, STAGE_KINDS, detail_of};
use crate::revisions::record;
use crate::text::{check_length, check_text};
use crate::{Domain, Error, FieldError, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use wire::{Bilingual, Change, ChangeKind, ProjectState};
pub use wire::{
    MemberInput, PreviewLinkRow, ProjectInput, RevisionRow, StaffDirection, StaffMember,
    StaffProjectRow, StaffStage, StaffWorkspace, StageForm,
};

/// Who may build and publish projects.
pub const EDIT: &[Role] = Role::EDIT;
/// Longest lifetime of a preview link, in hours.
pub const PREVIEW_MAX_HOURS: i64 = 24 * 30;

pub(super) async fn find_project<C: ConnectionTrait>(conn: &C, id: i64) -> Result<project::Model> {
    project::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// Moves row `id` of entity `E` one place up or down among the rows of one project, ordered by `position`,
/// rewriting the positions. Returns the open transaction (for the history entry), or `None` when the row
/// cannot move.
pub(super) async fn reorder<E>(
    d: &Domain,
    (project_column, project_id): (E::Column, i64),
    position: E::Column,
    id_column: E::Column,
    id: i64,
    up: bool,
) -> Result<Option<sea_orm::DatabaseTransaction>>
where
    E: EntityTrait,
{
    let ids: Vec<i64> = E::find()
        .filter(project_column.eq(project_id))
        .order_by_asc(position)
        .order_by_asc(id_column)
        .select_only()
        .column(id_column)
        .into_tuple()
        .all(&d.db)
        .await?;
    let Some(order) = moved(&ids, id, up) else {
        return Ok(None);
    };
    let txn = d.db.begin().await?;
    for (index, row) in order.into_iter().enumerate() {
        E::update_many()
            .col_expr(
                position,
                sea_orm::sea_query::Expr::value(position_value(index)),
            )
            .filter(id_column.eq(row))
            .exec(&txn)
            .await?;
    }
    Ok(Some(txn))
}

/// The order of `ids` after moving `id` one place up or down; `None` when it cannot move.
pub(super) fn moved(ids: &[i64], id: i64, up: bool) -> Option<Vec<i64>> {
    let index = ids.iter().position(|x| *x == id)?;
    let other = if up {
        index.checked_sub(1)?
    } else {
        Some(index + 1).filter(|i| *i < ids.len())?
    };
    let mut order = ids.to_vec();
    order.swap(index, other);
    Some(order)
}

pub(super) fn position_value(position: usize) -> i32 {
    i32::try_from(position).unwrap_or(i32::MAX)
}

/// What staff move up or down in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movable {
    /// A direction, by id.
    Direction(i64),
    /// A commission member, by id.
    Member(i64),
}

/// Moves a direction or a commission member one place up (`up`) or down, swapping it with its
/// neighbour, and records the move in the project's history.
pub async fn move_in_order(d: &Domain, actor: &User, item: Movable, up: bool) -> Result<()> {
    let (project_id, change, moved) = match item {
        Movable::Direction(id) => {
            let target = directions::find_direction(d, id).await?;
            let moved = reorder::<direction::Entity>(
                d,
                (direction::Column::ProjectId, target.project_id),
                direction::Column::Position,
                direction::Column::Id,
                id,
                up,
            )
            .await?;
            let kind = if up {
                ChangeKind::DirectionMovedUp
            } else {
                ChangeKind::DirectionMovedDown
            };
            (
                target.project_id,
                Change::new(kind, [&target.title_ru]),
                moved,
            )
        }
        Movable::Member(id) => {
            let target = members::find_member(d, id).await?;
            let moved = reorder::<commission_member::Entity>(
                d,
                (commission_member::Column::ProjectId, target.project_id),
                commission_member::Column::Ordering,
                commission_member::Column::Id,
                id,
                up,
            )
            .await?;
            let kind = if up {
                ChangeKind::MemberMovedUp
            } else {
                ChangeKind::MemberMovedDown
            };
            (
                target.project_id,
                Change::new(kind, [&target.name_ru]),
                moved,
            )
        }
    };
    if let Some(txn) = moved {
        record(&txn, project_id, actor, &[change], d.now()).await?;
        txn.commit().await?;
    }
    Ok(())
}
