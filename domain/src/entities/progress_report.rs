//! The `progress_reports` table.

use sea_orm::entity::prelude::*;

/// A row of `progress_reports`: what staff reported on an idea's implementation, with a photo or not.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "progress_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub author_id: i64,
    pub body: String,
    /// The photo's public path (`/uploads/reports/...`).
    pub photo: Option<String>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
