//! Moderation: when a moderator reviewed each idea and comment (the queue is what nobody has reviewed),
//! the "edited by moderator" mark, reusable reason templates in both languages, and a unique key on the
//! decision chain's links (two decisions can never follow the same one: the chain cannot fork).

use sea_orm_migration::{prelude::*, schema::*};

/// Adds the review columns, `reason_templates` and `ux_decisions_prev_hash`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000004_moderation"
    }
}

#[derive(DeriveIden)]
enum ReasonTemplates {
    Table,
    Id,
    TitleRu,
    TitleEn,
    TextRu,
    TextEn,
    CreatedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for (table, column) in [
            ("ideas", "reviewed_at"),
            ("ideas", "moderator_edited_at"),
            ("comments", "reviewed_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(timestamp_with_time_zone_null(Alias::new(column)))
                        .to_owned(),
                )
                .await?;
        }
        for (name, table) in [
            ("ix_ideas_unreviewed", "ideas"),
            ("ix_comments_unreviewed", "comments"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Alias::new(table))
                        .col(Alias::new("reviewed_at"))
                        .col(Alias::new("id"))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ux_decisions_prev_hash")
                    .table(Alias::new("decisions"))
                    .col(Alias::new("prev_hash"))
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReasonTemplates::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ReasonTemplates::Id))
                    .col(string_len(ReasonTemplates::TitleRu, 200))
                    .col(string_len(ReasonTemplates::TitleEn, 200))
                    .col(text(ReasonTemplates::TextRu))
                    .col(text(ReasonTemplates::TextEn))
                    .col(timestamp_with_time_zone(ReasonTemplates::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReasonTemplates::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ux_decisions_prev_hash")
                    .table(Alias::new("decisions"))
                    .to_owned(),
            )
            .await?;
        for (name, table) in [
            ("ix_ideas_unreviewed", "ideas"),
            ("ix_comments_unreviewed", "comments"),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        for (table, column) in [
            ("ideas", "reviewed_at"),
            ("ideas", "moderator_edited_at"),
            ("comments", "reviewed_at"),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Alias::new(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
