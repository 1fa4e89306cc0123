//! The `milestones` table.

use sea_orm::entity::prelude::*;

/// A row of `milestones`: a dated step of an idea's implementation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "milestones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub title: String,
    /// The day it is due (Moscow midnight).
    pub due_at: DateTimeUtc,
    /// The day it was reached (Moscow midnight), if it was.
    pub reached_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
