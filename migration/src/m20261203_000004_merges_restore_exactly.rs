//! `idea_merges.source_status` and `idea_merges.source_reviewed_at`: what the duplicate was before the
//! merge, so that undoing it restores exactly that (a shortlisted idea stays shortlisted, one no
//! moderator had reviewed goes back to the queue). Older rows keep them empty and undo as before.
//!
//! Also rewrites the timeline rows of merges already undone: they were stored as a publication with the
//! English note "merge undone"; they become the action `merge_undone`, which readers see in their language.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds the two columns and renames the old undo rows.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000004_merges_restore_exactly"
    }
}

#[derive(DeriveIden)]
enum IdeaMerges {
    Table,
    SourceStatus,
    SourceReviewedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(IdeaMerges::Table)
                    .add_column(string_null(IdeaMerges::SourceStatus))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IdeaMerges::Table)
                    .add_column(timestamp_with_time_zone_null(IdeaMerges::SourceReviewedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE moderation_actions SET action = 'merge_undone', reason = NULL \
                 WHERE action = 'published' AND reason = 'merge undone'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE moderation_actions SET action = 'published', reason = 'merge undone' \
                 WHERE action = 'merge_undone'",
            )
            .await?;
        for column in [IdeaMerges::SourceReviewedAt, IdeaMerges::SourceStatus] {
            manager
                .alter_table(
                    Table::alter()
                        .table(IdeaMerges::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
