//! Indexes for Moscow scale (105,000 ideas, a million votes):
//! - `events (actor_id, kind, created_at)`: the per-account vote limit counts an account's recent vote
//!   events (every change of a vote, not only the rows it leaves) with one index range read, however
//!   large the log grows;
//! - `ideas (project_id, status, direction_id)`: the commission dashboard's tabs count a project's public
//!   ideas per direction from the index alone, without reading 105,000 rows.

use sea_orm_migration::prelude::*;

/// Creates `ix_events_actor_kind` and `ix_ideas_tabs`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000005_scale_indexes"
    }
}

/// Each index: name, table, columns.
const INDEXES: [(&str, &str, &[&str]); 2] = [
    (
        "ix_events_actor_kind",
        "events",
        &["actor_id", "kind", "created_at"],
    ),
    (
        "ix_ideas_tabs",
        "ideas",
        &["project_id", "status", "direction_id"],
    ),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for column in columns {
                index.col(Alias::new(*column));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
