//! `project_criteria`: the criteria a project's commission scores ideas on, in order, in both languages.
//! A project without rows is scored on the default three (relevance, feasibility, impact).

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `project_criteria`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000007_criteria"
    }
}

#[derive(DeriveIden)]
enum ProjectCriteria {
    Table,
    Id,
    ProjectId,
    Key,
    Position,
    TitleRu,
    TitleEn,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProjectCriteria::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ProjectCriteria::Id))
                    .col(big_integer(ProjectCriteria::ProjectId))
                    .col(string_len(ProjectCriteria::Key, 40))
                    .col(integer(ProjectCriteria::Position))
                    .col(string_len(ProjectCriteria::TitleRu, 120))
                    .col(string_len(ProjectCriteria::TitleEn, 120))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProjectCriteria::Table, ProjectCriteria::ProjectId)
                            .to(Alias::new("projects"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_project_criteria_key")
                    .table(ProjectCriteria::Table)
                    .col(ProjectCriteria::ProjectId)
                    .col(ProjectCriteria::Key)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ProjectCriteria::Table).to_owned())
            .await
    }
}
