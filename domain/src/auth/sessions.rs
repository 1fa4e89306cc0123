//! Sessions: a random 256-bit token in the browser's cookie, its SHA-256 in `sessions`.
//!
//! A session ends [`SESSION_DAYS`] after it started, or earlier when it is not used for its idle limit
//! ([`idle_limit`]: a week for residents, [`OFFICIAL_IDLE_HOURS`] for officials, whose accounts can do
//! more harm on a shared computer). Each use pushes the end forward (written at most every
//! [`TOUCH_MINUTES`], so that reading pages does not write on every request). "Log out everywhere" ends
//! every session of an account.

use super::{Role, SessionToken, User, new_token, token_hash};
use crate::entities::{session, user};
use crate::{Domain, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, RelationDef, Set,
};

/// The longest a session lasts, used or not.
pub const SESSION_DAYS: i64 = 30;
/// A resident's session ends after this many days unused.
pub const RESIDENT_IDLE_DAYS: i64 = 7;
/// An official's (moderator, expert, staff, admin) session ends after this many hours unused.
pub const OFFICIAL_IDLE_HOURS: i64 = 12;
/// A session's end is moved forward at most this often.
pub const TOUCH_MINUTES: i64 = 5;

/// How long a session of `role` lives unused.
pub fn idle_limit(role: Role) -> Duration {
    match role {
        Role::Resident => Duration::days(RESIDENT_IDLE_DAYS),
        _ => Duration::hours(OFFICIAL_IDLE_HOURS),
    }
}

/// When a session that started at `created_at` and is used at `now` ends.
fn ends_at(role: Role, created_at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    (now + idle_limit(role)).min(created_at + Duration::days(SESSION_DAYS))
}

/// Starts a session for `user` and returns its secret token.
pub async fn create_session(d: &Domain, user: &User) -> Result<SessionToken> {
    let token = new_token();
    let now = d.now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(ends_at(user.role, now, now)),
        ..Default::default()
    }
    .insert(&d.db)
    .await?;
    Ok(SessionToken(token))
}

/// The user of a live session token, if any; using it moves the session's idle end forward.
pub async fn user_for_token(d: &Domain, token: &str) -> Result<Option<User>> {
    // The session and its account in one read (every signed-in request asks this).
    let of_user: RelationDef = session::Entity::belongs_to(user::Entity)
        .from(session::Column::UserId)
        .to(user::Column::Id)
        .into();
    let Some((session, row)) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .join(sea_orm::JoinType::InnerJoin, of_user)
        .select_also(user::Entity)
        .one(&d.db)
        .await?
    else {
        return Ok(None);
    };
    let now = d.now();
    if session.expires_at <= now {
        session::Entity::delete_by_id(session.id)
            .exec(&d.db)
            .await?;
        return Ok(None);
    }
    let Some(row) = row else {
        return Ok(None);
    };
    let user = User::try_from(row)?;
    let end = ends_at(user.role, session.created_at, now);
    if end - session.expires_at > Duration::minutes(TOUCH_MINUTES) {
        session::Entity::update_many()
            .col_expr(session::Column::ExpiresAt, Expr::value(end))
            .filter(session::Column::Id.eq(session.id))
            .exec(&d.db)
            .await?;
    }
    Ok(Some(user))
}

/// Ends the session of `token`.
pub async fn logout(d: &Domain, token: &str) -> Result<()> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .exec(&d.db)
        .await?;
    Ok(())
}

/// Ends every session of `user` (a lost phone, a shared computer): every device must log in again.
pub async fn logout_everywhere(d: &Domain, user: &User) -> Result<u64> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user.id))
        .exec(&d.db)
        .await?
        .rows_affected)
}
