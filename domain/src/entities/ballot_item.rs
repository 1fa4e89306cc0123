//! The `ballot_items` table.

use sea_orm::entity::prelude::*;

/// A row of `ballot_items`: an idea on a project's ballot.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    pub project_id: i64,
    pub direction_id: i64,
    /// Estimated cost in roubles (the budget rule needs it).
    pub cost: Option<i64>,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
