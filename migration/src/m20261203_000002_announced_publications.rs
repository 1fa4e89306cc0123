//! `projects.announced_at`: the scheduled publication instant a project was last announced for, so that
//! of several instances only the one that claims it (an update from another value) announces it.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `projects.announced_at`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000002_announced_publications"
    }
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    AnnouncedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .add_column(timestamp_with_time_zone_null(Projects::AnnouncedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .drop_column(Projects::AnnouncedAt)
                    .to_owned(),
            )
            .await
    }
}
