//! `auth_attempts`: logins and registrations, counted in the database so that the rate limits hold
//! across server instances and under parallel requests.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `auth_attempts` with indexes by account, by address and by instant.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000002_auth_attempts"
    }
}

#[derive(DeriveIden)]
enum AuthAttempts {
    Table,
    Id,
    Kind,
    Account,
    Address,
    At,
    Succeeded,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuthAttempts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuthAttempts::Id))
                    .col(string_len(AuthAttempts::Kind, 16))
                    .col(string_len(AuthAttempts::Account, 320))
                    .col(string_len(AuthAttempts::Address, 64))
                    .col(timestamp_with_time_zone(AuthAttempts::At))
                    .col(boolean(AuthAttempts::Succeeded))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "ix_auth_attempts_account",
                vec![AuthAttempts::Account, AuthAttempts::At],
            ),
            (
                "ix_auth_attempts_address",
                vec![AuthAttempts::Address, AuthAttempts::At],
            ),
            ("ix_auth_attempts_at", vec![AuthAttempts::At]),
        ] {
            let mut index = Index::create();
            index.name(name).table(AuthAttempts::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuthAttempts::Table).to_owned())
            .await
    }
}
