//! Indexes for the feed's orders "most supported" and "most discussed" (keyset pagination on the count
//! and the id within a project).

use sea_orm_migration::prelude::*;

/// Creates `ix_ideas_supported` and `ix_ideas_discussed`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261127_000003_feed_orders"
    }
}

const INDEXES: [(&str, &str); 2] = [
    ("ix_ideas_supported", "support_count"),
    ("ix_ideas_discussed", "comment_count"),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, count) in INDEXES {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Alias::new("ideas"))
                        .col(Alias::new("project_id"))
                        .col(Alias::new(count))
                        .col(Alias::new("id"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager
                .drop_index(
                    Index::drop()
                        .name(name)
                        .table(Alias::new("ideas"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
