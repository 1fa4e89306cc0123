//! The commission's work: conflict-of-interest declarations (an expert excluded from one idea), the
//! final votes on shortlisted ideas (one per expert per idea, with a reason), and a configurable number
//! of votes needed to select (empty: a majority of the members who may vote).

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `expert_conflicts` and `commission_votes`, adds `projects.selection_quorum`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000005_commission"
    }
}

#[derive(DeriveIden)]
enum ExpertConflicts {
    Table,
    Id,
    IdeaId,
    ExpertId,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommissionVotes {
    Table,
    Id,
    IdeaId,
    ExpertId,
    Selected,
    Reason,
    CreatedAt,
}

fn idea_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Alias::new("ideas"), Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn user_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Alias::new("users"), Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ExpertConflicts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ExpertConflicts::Id))
                    .col(big_integer(ExpertConflicts::IdeaId))
                    .col(big_integer(ExpertConflicts::ExpertId))
                    .col(text(ExpertConflicts::Reason))
                    .col(timestamp_with_time_zone(ExpertConflicts::CreatedAt))
                    .foreign_key(&mut idea_fk(
                        ExpertConflicts::Table,
                        ExpertConflicts::IdeaId,
                    ))
                    .foreign_key(&mut user_fk(
                        ExpertConflicts::Table,
                        ExpertConflicts::ExpertId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommissionVotes::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CommissionVotes::Id))
                    .col(big_integer(CommissionVotes::IdeaId))
                    .col(big_integer(CommissionVotes::ExpertId))
                    .col(boolean(CommissionVotes::Selected))
                    .col(text(CommissionVotes::Reason))
                    .col(timestamp_with_time_zone(CommissionVotes::CreatedAt))
                    .foreign_key(&mut idea_fk(
                        CommissionVotes::Table,
                        CommissionVotes::IdeaId,
                    ))
                    .foreign_key(&mut user_fk(
                        CommissionVotes::Table,
                        CommissionVotes::ExpertId,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, table) in [
            (
                "ux_expert_conflicts_idea_expert",
                Alias::new("expert_conflicts"),
            ),
            (
                "ux_commission_votes_idea_expert",
                Alias::new("commission_votes"),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(Alias::new("idea_id"))
                        .col(Alias::new("expert_id"))
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("projects"))
                    .add_column(integer_null(Alias::new("selection_quorum")))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("projects"))
                    .drop_column(Alias::new("selection_quorum"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(CommissionVotes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ExpertConflicts::Table).to_owned())
            .await
    }
}
