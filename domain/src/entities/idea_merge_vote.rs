//! The `idea_merge_votes` table.

use sea_orm::entity::prelude::*;

/// A row of `idea_merge_votes`: a vote a merge moved to the target idea.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_merge_votes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub merge_id: i64,
    pub vote_id: i64,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
