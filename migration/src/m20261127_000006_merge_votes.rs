//! `idea_merge_votes`: which votes a merge moved from the merged idea to its target, so that undoing the
//! merge moves exactly those back.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `idea_merge_votes`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000006_merge_votes"
    }
}

#[derive(DeriveIden)]
enum IdeaMergeVotes {
    Table,
    Id,
    MergeId,
    VoteId,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdeaMergeVotes::Table)
                    .if_not_exists()
                    .col(big_pk_auto(IdeaMergeVotes::Id))
                    .col(big_integer(IdeaMergeVotes::MergeId))
                    .col(big_integer(IdeaMergeVotes::VoteId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(IdeaMergeVotes::Table, IdeaMergeVotes::MergeId)
                            .to(Alias::new("idea_merges"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_idea_merge_votes_merge")
                    .table(IdeaMergeVotes::Table)
                    .col(IdeaMergeVotes::MergeId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdeaMergeVotes::Table).to_owned())
            .await
    }
}
