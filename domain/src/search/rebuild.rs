//! The whole word index rebuilt from the public ideas (`crowd reindex`, or at start-up when a database
//! from before the index has public ideas but no terms), with the keys of `idea_terms` read from the
//! catalog, dropped while the rows are written, and put back.

use super::weighted;
use crate::entities::{idea, idea_term, term_stat};
use crate::{Domain, Result};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Ideas read per batch when rebuilding the index.
const REINDEX_BATCH: u64 = 2_000;

/// Rebuilds the whole index from the public ideas, in one transaction, reporting progress as
/// `(ideas done, ideas in all)`. Term counts are gathered in memory and written once at the end.
pub async fn reindex(d: &Domain, progress: &dyn Fn(u64, u64)) -> Result<u64> {
    use sea_orm::{PaginatorTrait, TransactionTrait};
    let txn = d.db.begin().await?;
    idea_term::Entity::delete_many().exec(&txn).await?;
    term_stat::Entity::delete_many().exec(&txn).await?;
    // PostgreSQL writes millions of rows into a table without keys several times faster than into its
    // three B-trees row by row; the keys are then built once, sorted (see `keys`).
    let keys = keys(&txn).await?;
    let bulk = txn.get_database_backend() == DbBackend::Postgres;
    if bulk {
        for (name, _, constraint) in keys.iter().rev() {
            let sql = if *constraint {
                format!("ALTER TABLE idea_terms DROP CONSTRAINT \"{name}\"")
            } else {
                format!("DROP INDEX \"{name}\"")
            };
            txn.execute_unprepared(&sql).await?;
        }
    }
    let total = idea::Entity::find()
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .count(&txn)
        .await?;
    let mut df: HashMap<(i64, String), i64> = HashMap::new();
    let (mut done, mut after) = (0u64, 0i64);
    loop {
        let batch: Vec<(i64, i64, String, String)> = idea::Entity::find()
            .select_only()
            .columns([
                idea::Column::Id,
                idea::Column::ProjectId,
                idea::Column::Title,
                idea::Column::Body,
            ])
            .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
            .filter(idea::Column::Id.gt(after))
            .order_by_asc(idea::Column::Id)
            .limit(REINDEX_BATCH)
            .into_tuple()
            .all(&txn)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        let mut rows = Vec::new();
        for (id, project_id, title, body) in &batch {
            *df.entry((*project_id, String::new())).or_default() += 1;
            for (term, weight) in weighted(title, body) {
                *df.entry((*project_id, term.clone())).or_default() += 1;
                rows.push(idea_term::ActiveModel {
                    project_id: sea_orm::Set(*project_id),
                    term: sea_orm::Set(term),
                    idea_id: sea_orm::Set(*id),
                    weight: sea_orm::Set(weight),
                });
            }
        }
        for chunk in rows.chunks(500) {
            idea_term::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        done += batch.len() as u64;
        progress(done, total);
    }
    let stats: Vec<term_stat::ActiveModel> = df
        .into_iter()
        .map(|((project_id, term), df)| term_stat::ActiveModel {
            project_id: sea_orm::Set(project_id),
            term: sea_orm::Set(term),
            df: sea_orm::Set(df),
        })
        .collect();
    for chunk in stats.chunks(500) {
        term_stat::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    if bulk {
        for (name, definition, constraint) in &keys {
            let sql = if *constraint {
                format!("ALTER TABLE idea_terms ADD CONSTRAINT \"{name}\" {definition}")
            } else {
                definition.clone()
            };
            txn.execute_unprepared(&sql).await?;
        }
    }
    txn.commit().await?;
    Ok(done)
}

/// The keys of the word index (`idea_terms`) as `(name, SQL definition, is a constraint)`, in the order
/// they are built: on PostgreSQL its constraints (primary key first) and then the indexes no constraint
/// owns, read from the catalog of the current schema so that a rebuild puts back exactly what the
/// migrations made; on SQLite its indexes' SQL.
pub async fn keys<C: ConnectionTrait>(conn: &C) -> Result<Vec<(String, String, bool)>> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT conname::text AS name, pg_get_constraintdef(oid) AS definition, true AS is_constraint, \
               CASE contype WHEN 'p' THEN 0 ELSE 1 END AS rank \
             FROM pg_constraint WHERE conrelid = 'idea_terms'::regclass AND contype IN ('p', 'u', 'f') \
             UNION ALL \
             SELECT indexname::text, indexdef, false, 2 FROM pg_indexes \
             WHERE schemaname = current_schema() AND tablename = 'idea_terms' AND indexname NOT IN \
               (SELECT conname FROM pg_constraint WHERE conrelid = 'idea_terms'::regclass) \
             ORDER BY rank, name"
        }
        _ => {
            "SELECT name, COALESCE(sql, '') AS definition, false AS is_constraint FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = 'idea_terms' ORDER BY name"
        }
    };
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(backend, sql))
        .await?;
    let mut keys = Vec::with_capacity(rows.len());
    for row in rows {
        keys.push((
            row.try_get("", "name")?,
            row.try_get("", "definition")?,
            row.try_get("", "is_constraint")?,
        ));
    }
    Ok(keys)
}

/// Whether public ideas exist but the index is empty (a database from before the index existed).
pub async fn needs_reindex(d: &Domain) -> Result<bool> {
    use sea_orm::PaginatorTrait;
    if term_stat::Entity::find().count(&d.db).await? > 0 {
        return Ok(false);
    }
    Ok(idea::Entity::find()
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .count(&d.db)
        .await?
        > 0)
}
