//! The `expert_scores` table.

use sea_orm::entity::prelude::*;

/// A row of `expert_scores`: one expert's score of one idea on one criterion.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expert_scores")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub expert_id: i64,
    /// The criterion's key (`project_criteria.key`, or a default such as `relevance`).
    pub criterion: String,
    /// 1–5.
    pub score: i16,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
