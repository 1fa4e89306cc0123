//! `project_revisions`: the history of staff edits to a project (who, when, what changed).

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `project_revisions`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20260602_000001_project_revisions"
    }
}

#[derive(DeriveIden)]
enum ProjectRevisions {
    Table,
    Id,
    ProjectId,
    ActorId,
    Summary,
    CreatedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProjectRevisions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ProjectRevisions::Id))
                    .col(big_integer(ProjectRevisions::ProjectId))
                    .col(big_integer(ProjectRevisions::ActorId))
                    .col(text(ProjectRevisions::Summary))
                    .col(timestamp_with_time_zone(ProjectRevisions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectRevisions::Table, ProjectRevisions::ProjectId)
                            .to(Alias::new("projects"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectRevisions::Table, ProjectRevisions::ActorId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_project_revisions_project")
                    .table(ProjectRevisions::Table)
                    .col(ProjectRevisions::ProjectId)
                    .col(ProjectRevisions::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProjectRevisions::Table).to_owned())
            .await
    }
}
