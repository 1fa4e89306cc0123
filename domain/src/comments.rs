//! Comments on ideas: plain text (links become clickable only when shown, safely), replies one level
//! deep, counted on the idea on write, announced live, and notified to the idea's author and to the
//! author of the comment replied to.
//!
//! Rules, in order: the caller is a resident; the idea is public in a public, running project; the text
//! is 2–2,000 characters; the account is under its comment rate limit; the parent, if any, is a
//! published comment on the same idea whose thread is published too (a reply to a reply is filed under
//! the first comment).

use crate::auth::{Role, User};
use crate::entities::{comment, idea, project, user};
use crate::events;
use crate::notifications::{self, About};
use crate::projects::{Phase, is_public};
use crate::text::check_length;
use crate::{Domain, Error, Result};
use wire::CommentStatus;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::HashMap;
use wire::LiveEvent;
pub use wire::{Comment, CommentAdded};

/// Who may comment.
pub const COMMENT: &[Role] = &[Role::Resident];
/// Length of a comment in characters.
pub const BODY_LEN: (usize, usize) = (2, 2000);
/// Characters of a comment quoted in a notification.
const QUOTE_CHARS: usize = 200;

/// The idea `idea_id` if the public may see it and its project: `NotFound` otherwise.
pub(crate) async fn public_idea(d: &Domain, idea_id: i64) -> Result<(idea::Model, project::Model)> {
    let target = idea::Entity::find_by_id(idea_id)
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let p = project::Entity::find_by_id(target.project_id)
        .one(&d.db)
        .await?
        .filter(|p| is_public(p, d.now()))
        .ok_or(Error::NotFound)?;
    Ok((target, p))
}

/// Adds `user`'s comment to an idea (a reply when `parent_id` is given).
pub async fn add(
    d: &Domain,
    user: &User,
    idea_id: i64,
    parent_id: Option<i64>,
    body: &str,
) -> Result<Comment> {
    let now = d.now();
    let (target, p) = public_idea(d, idea_id).await?;
    if Phase::at(p.starts_at, p.ends_at, now) == Phase::Finished {
        return Err(Error::field("body", "comments_closed"));
    }
    let mut errors = Vec::new();
    check_length("body", body, BODY_LEN.0, BODY_LEN.1, &mut errors);
    Error::check(errors)?;
    let (_turn, txn) = d.begin_account_write(user.id).await?;
    crate::limits::comments(&txn, user.id, now).await?;
    let parent = match parent_id {
        Some(id) => Some(published_parent(&txn, idea_id, id).await?),
        None => None,
    };
    // One level deep: a reply to a reply is filed under the first comment.
    let filed_under = parent.as_ref().map(|c| c.parent_id.unwrap_or(c.id));
    let row = comment::ActiveModel {
        idea_id: Set(idea_id),
        author_id: Set(user.id),
        parent_id: Set(filed_under),
        body: Set(body.trim().to_owned()),
        status: Set(CommentStatus::Published.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // Counted only while the idea is still public: one withdrawn or taken down since the checks above
    // is not found, and the comment is rolled back with the transaction.
    let counted = idea::Entity::update_many()
        .col_expr(
            idea::Column::CommentCount,
            Expr::col(idea::Column::CommentCount).add(1),
        )
        .filter(idea::Column::Id.eq(idea_id))
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .exec(&txn)
        .await?;
    if counted.rows_affected == 0 {
        return Err(Error::NotFound);
    }
    let view = Comment {
        id: row.id,
        idea_id,
        parent_id: filed_under,
        author: user.display_name.clone(),
        body: row.body.clone(),
        created_at: now,
    };
    let quote: String = row.body.chars().take(QUOTE_CHARS).collect();
    let about = About {
        link: None,
        idea_id,
        idea_title: target.title.clone(),
        by: Some(user.display_name.clone()),
        text: Some(quote),
    };
    let mut told = Vec::new();
    if target.author_id != user.id {
        told.push(notifications::notify(&txn, target.author_id, "commented", &about, now).await?);
    }
    if let Some(parent) = &parent
        && parent.author_id != user.id
        && parent.author_id != target.author_id
    {
        told.push(notifications::notify(&txn, parent.author_id, "replied", &about, now).await?);
    }
    // Read back inside the transaction: concurrent comments each announce the count they made.
    let comment_count = idea::Entity::find_by_id(idea_id)
        .one(&txn)
        .await?
        .map_or(0, |i| i.comment_count);
    let payload = CommentAdded {
        comment: view.clone(),
        comment_count,
    };
    let event = events::append(
        &txn,
        Some(p.id),
        Some(user.id),
        &LiveEvent::CommentAdded(payload),
        now,
    )
    .await?;
    txn.commit().await?;
    d.bus.publish(event);
    for notice in told {
        d.notified(notice).await;
    }
    d.queue_changed();
    Ok(view)
}

/// Comment `id` of idea `idea_id` if it, and the comment its thread starts with, are published: else
/// `unknown_parent`. Read inside the reply's transaction and locked until it ends (PostgreSQL; on
/// SQLite the writer's turn is the lock): a moderator hiding either has done so before this read, or
/// waits until the reply is in, so no reply is filed under a comment the public no longer sees.
async fn published_parent<C: ConnectionTrait>(
    conn: &C,
    idea_id: i64,
    id: i64,
) -> Result<comment::Model> {
    let published = |id: i64| {
        comment::Entity::find_by_id(id)
            .filter(comment::Column::IdeaId.eq(idea_id))
            .filter(comment::Column::Status.eq(CommentStatus::Published.as_str()))
            .lock_shared()
    };
    let unknown = || Error::field("body", "unknown_parent");
    let parent = published(id).one(conn).await?.ok_or_else(unknown)?;
    if let Some(root) = parent.parent_id {
        published(root).one(conn).await?.ok_or_else(unknown)?;
    }
    Ok(parent)
}

/// The published comments of an idea, oldest first (replies follow their comment in the page's
/// grouping); authors in one batched look-up.
pub async fn list<C: ConnectionTrait>(conn: &C, idea_id: i64) -> Result<Vec<Comment>> {
    list_of(conn, &[idea_id]).await
}

/// The published comments of `ideas`, oldest first (two queries however many ideas).
pub async fn list_of<C: ConnectionTrait>(conn: &C, ideas: &[i64]) -> Result<Vec<Comment>> {
    if ideas.is_empty() {
        return Ok(Vec::new());
    }
    let rows = comment::Entity::find()
        .filter(comment::Column::IdeaId.is_in(ideas.to_vec()))
        .filter(comment::Column::Status.eq(CommentStatus::Published.as_str()))
        .order_by_asc(comment::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.author_id).collect();
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|c| Comment {
            id: c.id,
            idea_id: c.idea_id,
            parent_id: c.parent_id,
            author: names.get(&c.author_id).cloned().unwrap_or_default(),
            body: c.body,
            created_at: c.created_at,
        })
        .collect())
}
