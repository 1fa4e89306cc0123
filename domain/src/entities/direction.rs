//! The `directions` table.

use sea_orm::entity::prelude::*;

/// A row of `directions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "directions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub title_ru: String,
    pub title_en: String,
    pub position: i32,
    pub retired: bool,
    pub ideas_count: i64,
    /// Ideas residents can see; kept by triggers on `ideas` (migration `direction_public_ideas`).
    pub public_ideas: i64,
    /// The direction's budget in roubles when the residents' vote has the budget rule.
    pub vote_budget: Option<i64>,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
