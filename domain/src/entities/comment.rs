//! The `comments` table.

use sea_orm::entity::prelude::*;

/// A row of `comments`: plain text on an idea; `parent_id` makes it a reply (one level deep).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub author_id: i64,
    pub parent_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// `published` or `hidden` (by moderation).
    pub status: String,
    pub created_at: DateTimeUtc,
    /// When a moderator reviewed it (`None`: in the moderation queue).
    pub reviewed_at: Option<DateTimeUtc>,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
