//! The `commission_members` table.

use sea_orm::entity::prelude::*;

/// A row of `commission_members`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "commission_members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub user_id: Option<i64>,
    pub name_ru: String,
    pub name_en: String,
    pub position_ru: String,
    pub position_en: String,
    pub photo_path: Option<String>,
    pub ordering: i32,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
