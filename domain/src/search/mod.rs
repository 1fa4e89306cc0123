//! Finding ideas by their words, in Russian and English: the word index written when an idea becomes
//! public, "similar ideas" while a resident types, and the feed's search.
//!
//! Words are lower-cased (ё read as е), stop words dropped, and reduced to their stems with the Snowball
//! stemmers (Russian for Cyrillic words, English for Latin ones), so "библиотеки" and "библиотека" are
//! one term. Each published idea's terms are rows of `idea_terms` (weight 2 when in the title);
//! `term_stats` counts, per project, the ideas containing each term, maintained on write.
//!
//! Similar ideas are ranked by the BM25 weight of the words they share with what is typed
//! ([`similar`]): the rarest typed words are looked up first, each through one range of a covering index
//! capped at [`POSTINGS_CAP`] rows, so the cost does not grow with the number of ideas.

mod rebuild;
mod similar;
mod words;

pub use rebuild::{keys, needs_reindex, reindex};
pub use similar::{similar, similar_ids};
pub use words::terms;

use crate::Result;
use crate::entities::{idea_term, term_stat};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use words::weighted;

/// Ideas shown as similar.
pub const SIMILAR: usize = 5;
/// Most index rows read per typed word.
pub const POSTINGS_CAP: u64 = 4_000;
/// Most typed words looked up (the rarest ones).
pub const QUERY_TERMS: usize = 8;

/// Adds one to the document frequency of each of `terms` (and of the project's idea count, the empty
/// term) — or takes one off when `delta` is -1.
async fn count<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    terms: impl Iterator<Item = String>,
    delta: i64,
) -> Result<()> {
    let rows: Vec<term_stat::ActiveModel> = std::iter::once(String::new())
        .chain(terms)
        .map(|term| term_stat::ActiveModel {
            project_id: sea_orm::Set(project_id),
            term: sea_orm::Set(term),
            df: sea_orm::Set(Ord::max(delta, 0)),
        })
        .collect();
    for chunk in rows.chunks(200) {
        term_stat::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([term_stat::Column::ProjectId, term_stat::Column::Term])
                    .value(
                        term_stat::Column::Df,
                        Expr::col((term_stat::Entity, term_stat::Column::Df)).add(delta),
                    )
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Writes the terms of a public idea (in the caller's transaction).
pub async fn index<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    idea_id: i64,
    title: &str,
    body: &str,
) -> Result<()> {
    let terms = weighted(title, body);
    let rows: Vec<idea_term::ActiveModel> = terms
        .iter()
        .map(|(term, weight)| idea_term::ActiveModel {
            project_id: sea_orm::Set(project_id),
            term: sea_orm::Set(term.clone()),
            idea_id: sea_orm::Set(idea_id),
            weight: sea_orm::Set(*weight),
        })
        .collect();
    for chunk in rows.chunks(200) {
        idea_term::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(conn)
            .await?;
    }
    count(conn, project_id, terms.into_keys(), 1).await
}

/// Removes an idea's terms (when it is edited, withdrawn, rejected or merged), in the caller's
/// transaction. Nothing happens for an idea that was not indexed.
pub async fn unindex<C: ConnectionTrait>(conn: &C, project_id: i64, idea_id: i64) -> Result<()> {
    let old: Vec<String> = idea_term::Entity::find()
        .select_only()
        .column(idea_term::Column::Term)
        .filter(idea_term::Column::IdeaId.eq(idea_id))
        .into_tuple()
        .all(conn)
        .await?;
    if old.is_empty() {
        return Ok(());
    }
    idea_term::Entity::delete_many()
        .filter(idea_term::Column::IdeaId.eq(idea_id))
        .exec(conn)
        .await?;
    for chunk in old.chunks(200) {
        term_stat::Entity::update_many()
            .col_expr(
                term_stat::Column::Df,
                Expr::col(term_stat::Column::Df).sub(1),
            )
            .filter(term_stat::Column::ProjectId.eq(project_id))
            .filter(term_stat::Column::Term.is_in(chunk.to_vec()))
            .exec(conn)
            .await?;
    }
    term_stat::Entity::update_many()
        .col_expr(
            term_stat::Column::Df,
            Expr::col(term_stat::Column::Df).sub(1),
        )
        .filter(term_stat::Column::ProjectId.eq(project_id))
        .filter(term_stat::Column::Term.eq(""))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces an edited idea's terms with those of its new title and text.
pub async fn reindex_idea<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    idea_id: i64,
    title: &str,
    body: &str,
) -> Result<()> {
    unindex(conn, project_id, idea_id).await?;
    index(conn, project_id, idea_id, title, body).await
}
