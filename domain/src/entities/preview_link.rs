//! The `preview_links` table.

use sea_orm::entity::prelude::*;

/// A row of `preview_links`: a shareable, expiring, revocable link to one project's preview.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "preview_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    /// SHA-256 of the link's secret token, hex; the token is only in the link itself.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_by: i64,
    pub expires_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
