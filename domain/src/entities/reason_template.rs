//! The `reason_templates` table: reusable reasons for moderators, in both languages.

use sea_orm::entity::prelude::*;

/// A row of `reason_templates`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reason_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title_ru: String,
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub text_ru: String,
    #[sea_orm(column_type = "Text")]
    pub text_en: String,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
