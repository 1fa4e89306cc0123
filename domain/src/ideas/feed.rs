//! The project's feed of public ideas: filters (direction, status, words), four orders, and keyset
//! pagination whose cursor carries the sort key, so a page costs the same at 105,000 ideas as at 1,000.

use super::{FeedPage, VISIBLE, cards};
use crate::Result;
use crate::entities::idea;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Published ideas of `project_id`, newest first, older than the idea `before` (see [`browse`]).
pub async fn feed<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    before: Option<i64>,
    limit: u64,
) -> Result<FeedPage> {
    let after = before.map(|id| id.to_string());
    browse(
        conn,
        project_id,
        &FeedQuery::default(),
        after.as_deref(),
        limit,
    )
    .await
}

/// The order of a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first.
    #[default]
    Newest,
    /// Most supporters first.
    Supported,
    /// Most comments first.
    Discussed,
}

impl Sort {
    /// Every order's name, as pages and the API spell it.
    pub const NAMES: [&'static str; 3] = ["newest", "supported", "discussed"];

    /// From its name (`newest`, `supported`, `discussed`); anything else is newest.
    pub fn parse(s: &str) -> Sort {
        Sort::named(s).unwrap_or_default()
    }

    /// From its name exactly; `None` for anything else.
    pub fn named(s: &str) -> Option<Sort> {
        match s {
            "newest" => Some(Sort::Newest),
            "supported" => Some(Sort::Supported),
            "discussed" => Some(Sort::Discussed),
            _ => None,
        }
    }

    /// Whether `after` is a cursor of a feed in this order (a page's `next`: the id when newest first,
    /// `count.id` otherwise).
    pub fn fits(self, after: &str) -> bool {
        match parse_cursor(after) {
            Some((None, _)) => self == Sort::Newest,
            Some((Some(_), _)) => self != Sort::Newest,
            None => false,
        }
    }
}

/// What a feed shows: filters, order and search words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedQuery {
    /// Only this direction.
    pub direction: Option<i64>,
    /// Only this status (one of [`VISIBLE`]).
    pub status: Option<String>,
    /// The order.
    pub sort: Sort,
    /// Words that every idea shown contains (any grammatical form; title or text).
    pub search: String,
}

/// A position in a feed: the sort key of the last idea shown (when sorted by a count) and its id.
fn parse_cursor(after: &str) -> Option<(Option<i64>, i64)> {
    match after.split_once('.') {
        Some((count, id)) => Some((Some(count.parse().ok()?), id.parse().ok()?)),
        None => Some((None, after.parse().ok()?)),
    }
}

/// A page of the public ideas of `project_id` matching `q`, after the cursor `after` (keyset pagination
/// in every order: the cost of a page does not grow with its depth). Three queries per page whatever its
/// size: the ideas, then their authors and directions in one batch each.
pub async fn browse<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    q: &FeedQuery,
    after: Option<&str>,
    limit: u64,
) -> Result<FeedPage> {
    let statuses: Vec<&str> = match q.status.as_deref() {
        Some(s) if VISIBLE.contains(&s) => vec![s],
        _ => VISIBLE.to_vec(),
    };
    let mut query = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(project_id))
        .filter(idea::Column::Status.is_in(statuses));
    if let Some(direction) = q.direction {
        query = query.filter(idea::Column::DirectionId.eq(direction));
    }
    let words = crate::search::terms(&q.search);
    if !words.is_empty() {
        let k = i64::try_from(words.len()).unwrap_or(i64::MAX);
        let mut having_all = sea_orm::sea_query::Query::select();
        having_all
            .column(crate::entities::idea_term::Column::IdeaId)
            .from(crate::entities::idea_term::Entity)
            .and_where(crate::entities::idea_term::Column::ProjectId.eq(project_id))
            .and_where(crate::entities::idea_term::Column::Term.is_in(words))
            .group_by_col(crate::entities::idea_term::Column::IdeaId)
            .and_having(
                Expr::from(sea_orm::sea_query::Func::count(Expr::col(
                    crate::entities::idea_term::Column::IdeaId,
                )))
                .eq(k),
            );
        query = query.filter(Expr::col((idea::Entity, idea::Column::Id)).in_subquery(having_all));
    }
    let count_col = match q.sort {
        Sort::Newest => None,
        Sort::Supported => Some(idea::Column::SupportCount),
        Sort::Discussed => Some(idea::Column::CommentCount),
    };
    if let Some(position) = after.and_then(parse_cursor) {
        query = match (count_col, position) {
            (Some(col), (Some(count), id)) => query.filter(
                sea_orm::Condition::any()
                    .add(col.lt(count))
                    .add(col.eq(count).and(idea::Column::Id.lt(id))),
            ),
            (_, (_, id)) => query.filter(idea::Column::Id.lt(id)),
        };
    }
    if let Some(col) = count_col {
        query = query.order_by_desc(col);
    }
    let mut rows = query
        .order_by_desc(idea::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let next = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| match q.sort {
            Sort::Newest => r.id.to_string(),
            Sort::Supported => format!("{}.{}", r.support_count, r.id),
            Sort::Discussed => format!("{}.{}", r.comment_count, r.id),
        })
    } else {
        None
    };
    Ok(FeedPage {
        items: cards(conn, rows).await?,
        next,
    })
}
