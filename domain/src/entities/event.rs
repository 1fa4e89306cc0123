//! The `events` table.

use sea_orm::entity::prelude::*;

/// A row of `events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: Option<i64>,
    pub actor_id: Option<i64>,
    /// The idea the event is about (also for its comments), so that moderation can redact it.
    pub idea_id: Option<i64>,
    /// The comment the event is about.
    pub comment_id: Option<i64>,
    pub kind: String,
    /// The event's JSON payload, sent as is to live subscribers.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
