//! `users.lang`: the language a person last used the site in (`ru` or `en`), so that each e-mail they get
//! is written wholly in it.

use sea_orm_migration::{prelude::*, schema::*};

/// Adds `users.lang`, Russian for everyone until they use the site in English.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000005_reader_language"
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Lang,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(string_len(Users::Lang, 2).default("ru"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::Lang)
                    .to_owned(),
            )
            .await
    }
}
