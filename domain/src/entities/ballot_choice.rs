//! The `ballot_choices` table.

use sea_orm::entity::prelude::*;

/// A row of `ballot_choices`: one idea of a confirmed ballot (the totals count these).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballot_choices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ballot_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    pub project_id: i64,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
