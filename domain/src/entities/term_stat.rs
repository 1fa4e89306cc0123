//! The `term_stats` table: in how many published ideas of a project each stemmed word occurs.

use sea_orm::entity::prelude::*;

/// A row of `term_stats`; the empty term counts the project's indexed ideas.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "term_stats")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub term: String,
    /// Ideas containing the word (document frequency).
    pub df: i64,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
