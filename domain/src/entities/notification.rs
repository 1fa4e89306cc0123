//! The `notifications` table.

use sea_orm::entity::prelude::*;

/// A row of `notifications`: something that happened to a user's idea or comment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// `commented`, `replied`, `published`, `rejected`, `shortlisted`, `selected`.
    pub kind: String,
    /// JSON: the idea (id, title), and the comment or reason when there is one.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub read_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
