//! The `idea_votes` table.

use sea_orm::entity::prelude::*;

/// A row of `idea_votes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_votes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub user_id: i64,
    /// +1 supports the idea, -1 opposes it.
    pub value: i16,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
