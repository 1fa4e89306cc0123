//! `projects.commission_version`: bumped with every score and every conflict of interest declared on
//! the project's ideas, so that the commission's dashboard can keep the totals it computed over every
//! score (progress, agreement) until they change, on every instance.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `projects.commission_version`, 0 for every project.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000006_commission_version"
    }
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    CommissionVersion,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .add_column(big_integer(Projects::CommissionVersion).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Projects::Table)
                    .drop_column(Projects::CommissionVersion)
                    .to_owned(),
            )
            .await
    }
}
