//! The `idea_follows` table.

use sea_orm::entity::prelude::*;

/// A row of `idea_follows`: someone chose to follow an idea (`follows`), or to stop following one they
/// followed without asking (its author, its supporters).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_follows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub follows: bool,
    pub created_at: DateTimeUtc,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
