//! The word index of ideas: `idea_terms` (which stemmed words each published idea contains, and whether in
//! its title) and `term_stats` (in how many ideas of a project each word occurs, kept on write; the row
//! with the empty term counts the project's indexed ideas). Similar ideas and the feed's search read them.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates `idea_terms` and `term_stats`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000001_search"
    }
}

#[derive(DeriveIden)]
enum IdeaTerms {
    Table,
    ProjectId,
    Term,
    IdeaId,
    Weight,
}

#[derive(DeriveIden)]
enum TermStats {
    Table,
    ProjectId,
    Term,
    Df,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdeaTerms::Table)
                    .if_not_exists()
                    .col(big_integer(IdeaTerms::ProjectId))
                    .col(string_len(IdeaTerms::Term, 64))
                    .col(big_integer(IdeaTerms::IdeaId))
                    .col(small_integer(IdeaTerms::Weight))
                    // The posting list of a word is one range of this key, newest ideas last.
                    .primary_key(
                        Index::create()
                            .col(IdeaTerms::ProjectId)
                            .col(IdeaTerms::Term)
                            .col(IdeaTerms::IdeaId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(IdeaTerms::Table, IdeaTerms::IdeaId)
                            .to(Alias::new("ideas"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Covers the posting-list read (ids and weights) so it never visits the table.
        manager
            .create_index(
                Index::create()
                    .name("ix_idea_terms_posting")
                    .table(IdeaTerms::Table)
                    .col(IdeaTerms::ProjectId)
                    .col(IdeaTerms::Term)
                    .col(IdeaTerms::IdeaId)
                    .col(IdeaTerms::Weight)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_idea_terms_idea")
                    .table(IdeaTerms::Table)
                    .col(IdeaTerms::IdeaId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TermStats::Table)
                    .if_not_exists()
                    .col(big_integer(TermStats::ProjectId))
                    .col(string_len(TermStats::Term, 64))
                    .col(big_integer(TermStats::Df))
                    .primary_key(
                        Index::create()
                            .col(TermStats::ProjectId)
                            .col(TermStats::Term),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdeaTerms::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TermStats::Table).to_owned())
            .await
    }
}
