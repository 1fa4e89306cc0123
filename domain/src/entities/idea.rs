//! The `ideas` table.

use sea_orm::entity::prelude::*;

/// A row of `ideas`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ideas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub direction_id: i64,
    pub author_id: i64,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// submitted, published, rejected, merged, shortlisted, selected or not_selected.
    pub status: String,
    pub status_reason: Option<String>,
    pub merged_into_id: Option<i64>,
    pub support_count: i64,
    pub oppose_count: i64,
    pub comment_count: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    /// When a moderator reviewed it (`None`: in the moderation queue).
    pub reviewed_at: Option<DateTimeUtc>,
    /// When a moderator last corrected its text (shown as "edited by moderator").
    pub moderator_edited_at: Option<DateTimeUtc>,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
