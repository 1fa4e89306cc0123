//! Notifications: what happened to a user's ideas and comments (published, rejected with the reason,
//! commented, replied to, shortlisted, selected). Written in the same transaction as the change; each is
//! also an e-mail (see [`crate::mail`]) and, while the user has a page open, a live bump of the bell.

use crate::auth::User;
use crate::entities::notification;
use crate::{Domain, Result};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// Notifications listed at once.
pub const LIST: u64 = 30;

pub use wire::{About, Notice};

/// Records a notification for `user_id` (in the caller's transaction); returns its row.
pub async fn notify<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    kind: &str,
    about: &About,
    now: DateTime<Utc>,
) -> Result<notification::Model> {
    let payload =
        serde_json::to_string(about).map_err(|e| crate::Error::Internal(e.to_string()))?;
    Ok(notification::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.to_owned()),
        payload: Set(payload),
        read_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

fn notice(row: notification::Model) -> Notice {
    let about = serde_json::from_str(&row.payload).unwrap_or(About {
        link: None,
        idea_id: 0,
        idea_title: String::new(),
        by: None,
        text: None,
    });
    Notice {
        id: row.id,
        kind: row.kind,
        about,
        created_at: row.created_at,
        read: row.read_at.is_some(),
    }
}

/// The newest notifications of `user`.
pub async fn list(d: &Domain, user: &User) -> Result<Vec<Notice>> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user.id))
        .order_by_desc(notification::Column::Id)
        .limit(LIST)
        .all(&d.db)
        .await?
        .into_iter()
        .map(notice)
        .collect())
}

/// How many notifications of `user_id` are unread.
pub async fn unread<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<u64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(conn)
        .await?)
}

/// Marks every notification of `user` read (open pages' bells go back to zero).
pub async fn mark_read(d: &Domain, user: &User) -> Result<()> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(d.now()))
        .filter(notification::Column::UserId.eq(user.id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(&d.db)
        .await?;
    d.bell_changed(user.id);
    Ok(())
}
