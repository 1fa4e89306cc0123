//! `reports`: residents flag an idea or a comment for moderation, with a reason (one report per person
//! per target). Also indexes comments by author, for the per-account comment rate limit.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `reports` and `ix_comments_author`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000002_reports"
    }
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    ReporterId,
    TargetKind,
    TargetId,
    ProjectId,
    Reason,
    CreatedAt,
    ResolvedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Reports::Id))
                    .col(big_integer(Reports::ReporterId))
                    .col(string_len(Reports::TargetKind, 16))
                    .col(big_integer(Reports::TargetId))
                    .col(big_integer(Reports::ProjectId))
                    .col(text(Reports::Reason))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .col(timestamp_with_time_zone_null(Reports::ResolvedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::ReporterId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::ProjectId)
                            .to(Alias::new("projects"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_reports_reporter_target")
                    .table(Reports::Table)
                    .col(Reports::ReporterId)
                    .col(Reports::TargetKind)
                    .col(Reports::TargetId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_reports_open")
                    .table(Reports::Table)
                    .col(Reports::ProjectId)
                    .col(Reports::ResolvedAt)
                    .col(Reports::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_comments_author")
                    .table(Alias::new("comments"))
                    .col(Alias::new("author_id"))
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_comments_author")
                    .table(Alias::new("comments"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Reports::Table).to_owned())
            .await
    }
}
