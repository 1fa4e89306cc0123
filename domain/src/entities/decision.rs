//! The `decisions` table: the hash-chained decision trail.

use sea_orm::entity::prelude::*;

/// A row of `decisions`: one moderation or selection decision, linked to the one before by its hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub idea_id: Option<i64>,
    /// What was decided: `idea_published`, `idea_rejected`, `idea_edited`, `comment_hidden`, ...
    pub kind: String,
    pub decided_by: i64,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// The previous entry's hash (64 zeros for the first).
    pub prev_hash: String,
    /// SHA-256 of this entry's fields and `prev_hash`, hex.
    pub hash: String,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
