//! The `ballots` table.

use sea_orm::entity::prelude::*;

/// A row of `ballots`: one person's ballot in one project (unique), its draft and its confirmed choices.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ballots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub user_id: i64,
    /// The ideas chosen so far, as the resident left them: ids in ascending order, comma-separated.
    pub draft: String,
    pub draft_at: Option<DateTimeUtc>,
    /// The confirmed choices, in the same form (`None`: never confirmed).
    pub choices: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    /// The random salt of the last confirmation, published with the ballot.
    pub token: Option<String>,
    /// The receipt of the last confirmation ([`crate::vote::receipt`]).
    pub receipt: Option<String>,
    /// When the resident was reminded of an unconfirmed draft.
    pub reminded_at: Option<DateTimeUtc>,
}

/// No relations are declared: services join explicitly and batch their look-ups.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
