//! The `projects` table.

use sea_orm::entity::prelude::*;

/// A row of `projects`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title_ru: String,
    pub title_en: String,
    pub summary_ru: String,
    pub summary_en: String,
    pub body_ru: String,
    pub body_en: String,
    /// draft, scheduled, published or archived.
    pub state: String,
    pub publish_at: Option<DateTimeUtc>,
    /// The publication instant this project was last announced for (see `projects::announce_publications`).
    pub announced_at: Option<DateTimeUtc>,
    pub premoderation: bool,
    pub cover_path: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub ideas_count: i64,
    pub participants_count: i64,
    pub selected_count: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Votes needed to select an idea (`None`: a majority of the members who may vote on it).
    pub selection_quorum: Option<i32>,
    /// Bumped with every score and conflict of interest on the project's ideas (the dashboard's totals
    /// are kept until it moves).
    pub commission_version: i64,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
