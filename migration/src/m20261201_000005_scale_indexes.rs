//! Indexes for Moscow scale (105,000 ideas, a million votes): `events (actor_id, kind, created_at)`, so
//! that the per-account vote limit counts an account's recent vote events (every change of a vote, not
//! only the rows it leaves) with one index range read, however large the log grows.
//!
//! An index `ideas (project_id, status, direction_id)` for the dashboard's tabs was tried and dropped:
//! SQLite then chose it for the feed (`ORDER BY id` over the whole project, 0.5 ms → 424 ms at 105,000
//! ideas, `crowd bench`).

use sea_orm_migration::prelude::*;

/// Creates `ix_events_actor_kind`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000005_scale_indexes"
    }
}

/// Each index: name, table, columns.
const INDEXES: [(&str, &str, &[&str]); 1] = [(
    "ix_events_actor_kind",
    "events",
    &["actor_id", "kind", "created_at"],
)];

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
