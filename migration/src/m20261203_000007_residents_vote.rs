//! The residents' vote on the commission's shortlist (a stage of kind `vote`):
//!
//! - `vote_rules`: a project's ballot rule (approval of up to `max_choices` ideas per direction, or a
//!   budget per direction) and whether residents see the totals while the stage runs;
//! - `directions.vote_budget`: a direction's budget in roubles under the budget rule;
//! - `ballot_items`: the ideas on the ballot, with their estimated cost;
//! - `ballots`: one per person and project (a unique key): the draft as the resident left it, and the
//!   confirmed choices with their receipt;
//! - `ballot_choices`: the confirmed choices one row each, which the totals count.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates the vote's tables and the direction budget.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000007_residents_vote"
    }
}

#[derive(DeriveIden)]
enum VoteRules {
    Table,
    ProjectId,
    Rule,
    MaxChoices,
    ResultsLive,
}

#[derive(DeriveIden)]
enum Directions {
    Table,
    VoteBudget,
}

#[derive(DeriveIden)]
enum BallotItems {
    Table,
    IdeaId,
    ProjectId,
    DirectionId,
    Cost,
}

#[derive(DeriveIden)]
enum Ballots {
    Table,
    Id,
    ProjectId,
    UserId,
    Draft,
    DraftAt,
    Choices,
    ConfirmedAt,
    Token,
    Receipt,
    RemindedAt,
}

#[derive(DeriveIden)]
enum BallotChoices {
    Table,
    BallotId,
    IdeaId,
    ProjectId,
}

fn cascade(from: (impl IntoIden, impl IntoIden), to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(Alias::new(to), Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(VoteRules::Table)
                    .if_not_exists()
                    .col(big_integer(VoteRules::ProjectId).primary_key())
                    .col(string(VoteRules::Rule))
                    .col(integer(VoteRules::MaxChoices))
                    .col(boolean(VoteRules::ResultsLive).default(false))
                    .foreign_key(&mut cascade(
                        (VoteRules::Table, VoteRules::ProjectId),
                        "projects",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Directions::Table)
                    .add_column(big_integer_null(Directions::VoteBudget))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BallotItems::Table)
                    .if_not_exists()
                    .col(big_integer(BallotItems::IdeaId).primary_key())
                    .col(big_integer(BallotItems::ProjectId))
                    .col(big_integer(BallotItems::DirectionId))
                    .col(big_integer_null(BallotItems::Cost))
                    .foreign_key(&mut cascade(
                        (BallotItems::Table, BallotItems::IdeaId),
                        "ideas",
                    ))
                    .foreign_key(&mut cascade(
                        (BallotItems::Table, BallotItems::ProjectId),
                        "projects",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ballot_items_project")
                    .table(BallotItems::Table)
                    .col(BallotItems::ProjectId)
                    .col(BallotItems::DirectionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Ballots::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Ballots::Id))
                    .col(big_integer(Ballots::ProjectId))
                    .col(big_integer(Ballots::UserId))
                    .col(text(Ballots::Draft).default(""))
                    .col(timestamp_with_time_zone_null(Ballots::DraftAt))
                    .col(text_null(Ballots::Choices))
                    .col(timestamp_with_time_zone_null(Ballots::ConfirmedAt))
                    .col(string_null(Ballots::Token))
                    .col(string_null(Ballots::Receipt))
                    .col(timestamp_with_time_zone_null(Ballots::RemindedAt))
                    .foreign_key(&mut cascade(
                        (Ballots::Table, Ballots::ProjectId),
                        "projects",
                    ))
                    .foreign_key(&mut cascade((Ballots::Table, Ballots::UserId), "users"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_ballots_project_user")
                    .table(Ballots::Table)
                    .col(Ballots::ProjectId)
                    .col(Ballots::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ballots_project_receipt")
                    .table(Ballots::Table)
                    .col(Ballots::ProjectId)
                    .col(Ballots::Receipt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BallotChoices::Table)
                    .if_not_exists()
                    .col(big_integer(BallotChoices::BallotId))
                    .col(big_integer(BallotChoices::IdeaId))
                    .col(big_integer(BallotChoices::ProjectId))
                    .primary_key(
                        Index::create()
                            .col(BallotChoices::BallotId)
                            .col(BallotChoices::IdeaId),
                    )
                    .foreign_key(&mut cascade(
                        (BallotChoices::Table, BallotChoices::BallotId),
                        "ballots",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ballot_choices_project_idea")
                    .table(BallotChoices::Table)
                    .col(BallotChoices::ProjectId)
                    .col(BallotChoices::IdeaId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["ballot_choices", "ballots", "ballot_items", "vote_rules"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Directions::Table)
                    .drop_column(Directions::VoteBudget)
                    .to_owned(),
            )
            .await
    }
}
