//! The `implementations` table.

use sea_orm::entity::prelude::*;

/// A row of `implementations`: how a selected idea is being built.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "implementations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    pub project_id: i64,
    /// The responsible department, as staff name it.
    pub department: String,
    /// A [`wire::ImplStatus`] stored name.
    pub status: String,
    /// Why it was cancelled (only then).
    pub reason: Option<String>,
    /// Percent done, 0 to 100.
    pub percent: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
