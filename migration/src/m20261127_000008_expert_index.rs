//! Indexes to read one expert's scores and conflicts (the commission's dashboard reads its members').

use sea_orm_migration::prelude::*;

/// Creates `ix_expert_scores_expert` and `ix_expert_conflicts_expert`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000008_expert_index"
    }
}

const INDEXES: [(&str, &str); 2] = [
    ("ix_expert_scores_expert", "expert_scores"),
    ("ix_expert_conflicts_expert", "expert_conflicts"),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in INDEXES {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Alias::new(table))
                        .col(Alias::new("expert_id"))
                        .col(Alias::new("idea_id"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
