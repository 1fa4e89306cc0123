//! The `idea_merges` table.

use sea_orm::entity::prelude::*;

/// A row of `idea_merges`: a moderator merged a duplicate (source) into another idea (target).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_merges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub source_idea_id: i64,
    pub target_idea_id: i64,
    pub merged_by: i64,
    pub created_at: DateTimeUtc,
    /// When the merge was undone (`None`: in force).
    pub undone_at: Option<DateTimeUtc>,
    /// The duplicate's status before the merge (`None`: merged before this was kept; it was public).
    pub source_status: Option<String>,
    /// When a moderator had reviewed the duplicate before the merge (`None` with a status: never).
    pub source_reviewed_at: Option<DateTimeUtc>,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
