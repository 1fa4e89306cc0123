//! An idea as every list shows it: its card ([`IdeaCard`]), built for many rows at once in two batched
//! look-ups, which statuses the public sees, and how long its title and text may be. The feed, the queue,
//! search, the dashboard, results and exports read ideas through here, so none of them depends on the
//! rules of submitting ideas (and `ideas` may use them without a cycle).

use crate::entities::{direction, idea, user};
use crate::{Error, Result};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use wire::{IdeaCard, IdeaStatus};

/// Title length in characters.
pub const TITLE_LEN: (usize, usize) = (5, 140);
/// Text length in characters.
pub const BODY_LEN: (usize, usize) = (20, 5000);
/// Characters of the text shown in a feed card.
pub const EXCERPT_CHARS: usize = 300;

/// Statuses of ideas the public sees.
pub const VISIBLE: [&str; 4] = [
    IdeaStatus::VISIBLE[0].as_str(),
    IdeaStatus::VISIBLE[1].as_str(),
    IdeaStatus::VISIBLE[2].as_str(),
    IdeaStatus::VISIBLE[3].as_str(),
];

/// Statuses of ideas that can still be rated.
pub const VOTABLE: [&str; 2] = [
    IdeaStatus::VOTABLE[0].as_str(),
    IdeaStatus::VOTABLE[1].as_str(),
];

pub(crate) fn excerpt(body: &str) -> String {
    let mut chars = body.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

pub(crate) fn card(row: idea::Model, dir: &direction::Model, author: &str) -> IdeaCard {
    IdeaCard {
        id: row.id,
        project_id: row.project_id,
        direction_id: row.direction_id,
        direction_ru: dir.title_ru.clone(),
        direction_en: dir.title_en.clone(),
        excerpt: excerpt(&row.body),
        title: row.title,
        author: author.to_owned(),
        status: IdeaStatus::stored(&row.status),
        support_count: row.support_count,
        oppose_count: row.oppose_count,
        comment_count: row.comment_count,
        created_at: row.created_at,
    }
}

/// The card of one idea row.
pub async fn card_of<C: ConnectionTrait>(conn: &C, row: idea::Model) -> Result<IdeaCard> {
    cards(conn, vec![row]).await?.pop().ok_or(Error::NotFound)
}

/// The card of idea `id` as it is now (read again, e.g. inside the transaction that changed it).
pub async fn fresh_card<C: ConnectionTrait>(conn: &C, id: i64) -> Result<IdeaCard> {
    let row = idea::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    card_of(conn, row).await
}

/// Cards of `rows`, in their order: two batched look-ups (authors, directions) whatever their number.
pub async fn cards<C: ConnectionTrait>(conn: &C, rows: Vec<idea::Model>) -> Result<Vec<IdeaCard>> {
    let author_ids: Vec<i64> = rows.iter().map(|r| r.author_id).collect();
    let direction_ids: Vec<i64> = rows.iter().map(|r| r.direction_id).collect();
    let authors: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(author_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let directions: HashMap<i64, direction::Model> = direction::Entity::find()
        .filter(direction::Column::Id.is_in(direction_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|dir| (dir.id, dir))
        .collect();
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let dir = directions
            .get(&row.direction_id)
            .ok_or(Error::Internal("idea without direction".into()))?;
        let author = authors
            .get(&row.author_id)
            .map(String::as_str)
            .unwrap_or_default()
            .to_owned();
        items.push(card(row, dir, &author));
    }
    Ok(items)
}
