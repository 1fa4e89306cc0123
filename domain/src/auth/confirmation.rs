//! Confirming a new account's e-mail: registration sends a link, and the account can log in only once
//! the link was opened. Until then nobody can join, propose, comment or vote in its name, so one client
//! cannot make a crowd of accounts without as many mailboxes.
//!
//! Registration answers the same whether the address is free or taken ("we sent a link"): for a taken
//! address the owner gets a message saying someone tried, so the form cannot tell who has an account.
//! Links are random 256-bit tokens, stored as their SHA-256, valid for [`LINK_HOURS`].

use super::{Lang, SessionToken, User, create_session, new_token, token_hash};
use crate::entities::{email_confirmation, user};
use crate::{Domain, Error, Result};
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// How long a confirmation link works.
pub const LINK_HOURS: i64 = 48;
/// A new link is sent on a login attempt only if the last one is older than this.
pub const RESEND_MINUTES: i64 = 5;

/// The longest `next` kept with a link.
const NEXT_MAX: usize = 2000;

/// The path of the page that confirms `token`.
pub fn link_path(token: &str) -> String {
    format!("/confirm?token={token}")
}

/// Creates a link for the account and e-mails it; `next` is where the resident goes afterwards.
pub(crate) async fn send_link(d: &Domain, account: &user::Model, next: &str) -> Result<()> {
    let token = new_token();
    let now = d.now();
    email_confirmation::ActiveModel {
        user_id: Set(account.id),
        token_hash: Set(token_hash(&token)),
        // The entry points check `next` (a local path) on the way in and again on the way out.
        next: Set(next.chars().take(NEXT_MAX).collect()),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(LINK_HOURS)),
        ..Default::default()
    }
    .insert(&d.db)
    .await?;
    if let Some(mailer) = &d.mailer {
        let lang = Lang::from_code(&account.lang);
        let message = mailer.confirmation(&account.email, &link_path(&token), lang);
        mailer
            .send(
                &message,
                &format!("confirm-{}-{}", account.id, now.timestamp_micros()),
            )
            .await?;
    }
    Ok(())
}

/// Sends a new link to an unconfirmed account that tried to log in, unless one went out lately.
pub(crate) async fn resend(d: &Domain, account: &user::Model) -> Result<()> {
    let latest = email_confirmation::Entity::find()
        .filter(email_confirmation::Column::UserId.eq(account.id))
        .order_by_desc(email_confirmation::Column::CreatedAt)
        .one(&d.db)
        .await?;
    let fresh = latest.is_some_and(|l| l.created_at > d.now() - Duration::minutes(RESEND_MINUTES));
    if fresh {
        return Ok(());
    }
    send_link(d, account, "/").await
}

/// Tells the owner of a taken address that someone tried to register with it, in the owner's language.
pub(crate) async fn tell_owner(d: &Domain, email: &str) -> Result<()> {
    if let Some(mailer) = &d.mailer {
        let lang = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(&d.db)
            .await?
            .map_or(Lang::Ru, |owner| Lang::from_code(&owner.lang));
        let message = mailer.already_registered(email, lang);
        let id = format!("taken-{}", d.now().timestamp_micros());
        mailer.send(&message, &id).await?;
    }
    Ok(())
}

/// Confirms the account of `token` and logs it in: the user, a new session, and where to go next.
/// An unknown, used or expired link is `link_invalid`.
pub async fn confirm(d: &Domain, token: &str) -> Result<(User, SessionToken, String)> {
    let now = d.now();
    let link = email_confirmation::Entity::find()
        .filter(email_confirmation::Column::TokenHash.eq(token_hash(token.trim())))
        .one(&d.db)
        .await?
        .filter(|l| l.expires_at > now)
        .ok_or_else(|| Error::field("token", "link_invalid"))?;
    let txn = d.db.begin().await?;
    user::Entity::update_many()
        .col_expr(user::Column::EmailConfirmedAt, Expr::value(now))
        .filter(user::Column::Id.eq(link.user_id))
        .filter(user::Column::EmailConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    email_confirmation::Entity::delete_many()
        .filter(email_confirmation::Column::UserId.eq(link.user_id))
        .exec(&txn)
        .await?;
    let account = user::Entity::find_by_id(link.user_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    txn.commit().await?;
    let user = User::try_from(account)?;
    let session = create_session(d, &user).await?;
    Ok((user, session, link.next))
}
