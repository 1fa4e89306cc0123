//! The `auth_attempts` table: logins and registrations, counted for their rate limits.

use sea_orm::entity::prelude::*;

/// A row of `auth_attempts`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "auth_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `login` or `register`.
    pub kind: String,
    /// The normalised e-mail tried (empty for a registration).
    pub account: String,
    /// The client address.
    pub address: String,
    pub at: DateTimeUtc,
    /// Whether the login succeeded (its address is then known to the account).
    pub succeeded: bool,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
