//! The `users` table.

use sea_orm::entity::prelude::*;

/// A row of `users`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    pub display_name: String,
    /// The argon2id PHC string; this type never derives Serialize.
    pub password_hash: String,
    pub role: String,
    pub created_at: DateTimeUtc,
    /// When the owner opened the confirmation link (`None`: not yet; such an account cannot log in).
    pub email_confirmed_at: Option<DateTimeUtc>,
    /// The language the person last used the site in (`ru`, `en`): their e-mails are written in it.
    pub lang: String,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
