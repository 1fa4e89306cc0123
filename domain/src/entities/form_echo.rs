//! The `form_echoes` table.

use sea_orm::entity::prelude::*;

/// A row of `form_echoes`: the fields of one form post that failed, until its page shows them again.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_echoes")]
pub struct Model {
    /// SHA-256 of the token in the poster's cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub token: String,
    /// The [`wire::FormEcho`] as JSON.
    #[sea_orm(column_type = "Text")]
    pub fields: String,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
