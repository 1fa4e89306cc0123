//! The `email_confirmations` table: links sent to confirm a new account's e-mail.

use sea_orm::entity::prelude::*;

/// A row of `email_confirmations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_confirmations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: i64,
    /// SHA-256 of the link's token (the token itself is only in the e-mail).
    pub token_hash: String,
    /// Where the new resident goes after confirming.
    pub next: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
