//! Implementation tracking of the ideas the commission or the residents' vote selected:
//!
//! - `implementations`: one record per idea (its key): the responsible department, the status (planned,
//!   in progress, done, cancelled with a reason) and the percent done;
//! - `milestones`: dated steps of a record, each reached (or not yet) on a day;
//! - `progress_reports`: what staff report on the way, with an optional photo;
//! - `idea_follows`: who chose to follow an idea (`follows`) or to stop following it (authors and
//!   supporters follow their ideas without asking).

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the implementation tables.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000001_implementation"
    }
}

#[derive(DeriveIden)]
enum Implementations {
    Table,
    IdeaId,
    ProjectId,
    Department,
    Status,
    Reason,
    Percent,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Milestones {
    Table,
    Id,
    IdeaId,
    Title,
    DueAt,
    ReachedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProgressReports {
    Table,
    Id,
    IdeaId,
    AuthorId,
    Body,
    Photo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdeaFollows {
    Table,
    IdeaId,
    UserId,
    Follows,
    CreatedAt,
}

fn cascade(from: (impl IntoIden, impl IntoIden), to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(Alias::new(to), Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: &[&str]) -> IndexCreateStatement {
    let mut ix = Index::create();
    ix.name(name).table(table);
    for col in cols {
        ix.col(Alias::new(*col));
    }
    ix.to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Implementations::Table)
                    .if_not_exists()
                    .col(big_integer(Implementations::IdeaId).primary_key())
                    .col(big_integer(Implementations::ProjectId))
                    .col(string(Implementations::Department))
                    .col(string(Implementations::Status))
                    .col(text_null(Implementations::Reason))
                    .col(integer(Implementations::Percent).default(0))
                    .col(timestamp_with_time_zone(Implementations::CreatedAt))
                    .col(timestamp_with_time_zone(Implementations::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (Implementations::Table, Implementations::IdeaId),
                        "ideas",
                    ))
                    .foreign_key(&mut cascade(
                        (Implementations::Table, Implementations::ProjectId),
                        "projects",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_implementations_project",
                Implementations::Table,
                &["project_id", "idea_id"],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_implementations_status",
                Implementations::Table,
                &["status", "idea_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Milestones::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Milestones::Id))
                    .col(big_integer(Milestones::IdeaId))
                    .col(string(Milestones::Title))
                    .col(timestamp_with_time_zone(Milestones::DueAt))
                    .col(timestamp_with_time_zone_null(Milestones::ReachedAt))
                    .col(timestamp_with_time_zone(Milestones::CreatedAt))
                    .foreign_key(&mut cascade(
                        (Milestones::Table, Milestones::IdeaId),
                        "ideas",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_milestones_idea",
                Milestones::Table,
                &["idea_id", "due_at"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProgressReports::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ProgressReports::Id))
                    .col(big_integer(ProgressReports::IdeaId))
                    .col(big_integer(ProgressReports::AuthorId))
                    .col(text(ProgressReports::Body))
                    .col(string_null(ProgressReports::Photo))
                    .col(timestamp_with_time_zone(ProgressReports::CreatedAt))
                    .foreign_key(&mut cascade(
                        (ProgressReports::Table, ProgressReports::IdeaId),
                        "ideas",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_progress_reports_idea",
                ProgressReports::Table,
                &["idea_id"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdeaFollows::Table)
                    .if_not_exists()
                    .col(big_integer(IdeaFollows::IdeaId))
                    .col(big_integer(IdeaFollows::UserId))
                    .col(boolean(IdeaFollows::Follows))
                    .col(timestamp_with_time_zone(IdeaFollows::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdeaFollows::IdeaId)
                            .col(IdeaFollows::UserId),
                    )
                    .foreign_key(&mut cascade(
                        (IdeaFollows::Table, IdeaFollows::IdeaId),
                        "ideas",
                    ))
                    .foreign_key(&mut cascade(
                        (IdeaFollows::Table, IdeaFollows::UserId),
                        "users",
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "idea_follows",
            "progress_reports",
            "milestones",
            "implementations",
        ] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
