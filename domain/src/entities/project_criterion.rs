//! The `project_criteria` table: what a project's commission scores ideas on.

use sea_orm::entity::prelude::*;

/// A row of `project_criteria`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_criteria")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    /// Stable key the scores refer to.
    pub key: String,
    pub position: i32,
    pub title_ru: String,
    pub title_en: String,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
