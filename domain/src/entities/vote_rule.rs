//! The `vote_rules` table.

use sea_orm::entity::prelude::*;

/// A row of `vote_rules`: how a project's residents' vote counts.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vote_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: i64,
    /// `approval` or `budget` ([`wire::VoteRule`]).
    pub rule: String,
    /// Under approval: how many ideas a ballot may choose per direction.
    pub max_choices: i32,
    /// Whether residents see the totals while the stage runs.
    pub results_live: bool,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
