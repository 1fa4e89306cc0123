//! A new account confirms its e-mail before it can log in: `users.email_confirmed_at` (accounts that
//! exist already count as confirmed when they were created) and `email_confirmations`, the pending
//! links (only their SHA-256 is stored).

use sea_orm_migration::sea_orm::ConnectionTrait;
use sea_orm_migration::{prelude::*, schema::*};

/// Adds `users.email_confirmed_at` and creates `email_confirmations`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000003_email_confirmation"
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    EmailConfirmedAt,
}

#[derive(DeriveIden)]
enum EmailConfirmations {
    Table,
    Id,
    UserId,
    TokenHash,
    Next,
    CreatedAt,
    ExpiresAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_with_time_zone_null(Users::EmailConfirmedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE users SET email_confirmed_at = created_at")
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailConfirmations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EmailConfirmations::Id))
                    .col(big_integer(EmailConfirmations::UserId))
                    .col(string_len_uniq(EmailConfirmations::TokenHash, 64))
                    .col(string_len(EmailConfirmations::Next, 2048))
                    .col(timestamp_with_time_zone(EmailConfirmations::CreatedAt))
                    .col(timestamp_with_time_zone(EmailConfirmations::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailConfirmations::Table, EmailConfirmations::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_email_confirmations_user")
                    .table(EmailConfirmations::Table)
                    .col(EmailConfirmations::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailConfirmations::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::EmailConfirmedAt)
                    .to_owned(),
            )
            .await
    }
}
