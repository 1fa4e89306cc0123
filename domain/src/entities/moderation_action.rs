//! The `moderation_actions` table.

use sea_orm::entity::prelude::*;

/// A row of `moderation_actions`: what a moderator (or the commission) did to an idea or a comment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub moderator_id: i64,
    /// `idea` or `comment`.
    pub target_kind: String,
    pub target_id: i64,
    /// The status given: `published`, `rejected`, `merged`, `shortlisted`, `selected`, …
    pub action: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
