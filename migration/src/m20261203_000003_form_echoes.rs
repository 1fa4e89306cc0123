//! `form_echoes`: what was typed into a form posted without JavaScript that came back with messages,
//! kept for the one page that shows it again (taken on first read, swept after ten minutes).

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `form_echoes`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000003_form_echoes"
    }
}

#[derive(DeriveIden)]
enum FormEchoes {
    Table,
    Token,
    Fields,
    CreatedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormEchoes::Table)
                    .col(string(FormEchoes::Token).primary_key())
                    .col(text(FormEchoes::Fields))
                    .col(timestamp_with_time_zone(FormEchoes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("form_echoes_created_at")
                    .table(FormEchoes::Table)
                    .col(FormEchoes::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormEchoes::Table).to_owned())
            .await
    }
}
