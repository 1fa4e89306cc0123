//! A project's edit history: who changed what and when, one entry per change, written in the same
//! transaction as the change. Staff edits and the commission's settings both record here.

use crate::Result;
use crate::auth::User;
use crate::entities::{project, project_revision, user};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use wire::{Change, ChangeKind, RevisionRow};

/// Writes the changes into the project's edit history (nothing for none), one JSON line each, so they
/// are rendered in each reader's language.
pub(crate) async fn record<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    actor: &User,
    changes: &[Change],
    now: DateTime<Utc>,
) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = changes
        .iter()
        .map(serde_json::to_string)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| crate::Error::Internal(e.to_string()))?;
    project_revision::ActiveModel {
        project_id: Set(project_id),
        actor_id: Set(actor.id),
        summary: Set(lines.join("\n")),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    project::Entity::update_many()
        .col_expr(
            project::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(project::Column::Id.eq(project_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The history of project `project_id`, newest first.
pub async fn of_project<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<Vec<RevisionRow>> {
    let rows = project_revision::Entity::find()
        .filter(project_revision::Column::ProjectId.eq(project_id))
        .order_by_desc(project_revision::Column::Id)
        .all(conn)
        .await?;
    let actor_ids: Vec<i64> = rows.iter().map(|r| r.actor_id).collect();
    let names: std::collections::HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| RevisionRow {
            actor: names.get(&r.actor_id).cloned().unwrap_or_default(),
            at: r.created_at,
            changes: r.summary.lines().map(parsed).collect(),
        })
        .collect())
}

/// A stored history line: a change, or a line from before history was structured (free text).
fn parsed(line: &str) -> Change {
    serde_json::from_str(line).unwrap_or_else(|_| Change::new(ChangeKind::Legacy, [line]))
}
