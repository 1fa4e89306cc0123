//! The rate limits of logins and registrations, kept in the database (`auth_attempts`) so that every
//! server instance enforces the same figures.
//!
//! An attempt is recorded *before* its password is checked and refused when it breaks a rule, counting
//! itself and every attempt recorded before it; so parallel guesses cannot slip past a limit (the k-th
//! attempt to be recorded sees at least k). A refused attempt removes its own row again, so hammering a
//! closed door does not keep it closed longer. The rules:
//! - per account and client address ([`PER_PAIR`]): guessing one account from one place;
//! - per client address ([`PER_ADDRESS`]): trying many accounts from one place;
//! - per account from addresses that never logged into it ([`PER_ACCOUNT`], a slower back-off): guessing
//!   one account from many places. Addresses where the account logged in during the last
//!   [`KNOWN_DAYS`] days are exempt, so that nobody else's failures lock the owner out.
//!
//! Registrations are limited per client address ([`REGISTRATIONS`]).

use crate::entities::auth_attempt;
use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

/// At most `max` attempts in any `window_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Attempts allowed in the window.
    pub max: u64,
    /// The sliding window, in seconds.
    pub window_secs: i64,
}

/// Failed logins per account and address: 5 in 15 minutes.
pub const PER_PAIR: Rule = Rule {
    max: 5,
    window_secs: 15 * 60,
};
/// Failed logins per address, whatever the account: 20 in 15 minutes.
pub const PER_ADDRESS: Rule = Rule {
    max: 20,
    window_secs: 15 * 60,
};
/// Failed logins per account from addresses that are not known to it: 20 an hour.
pub const PER_ACCOUNT: Rule = Rule {
    max: 20,
    window_secs: 60 * 60,
};
/// Registrations per address: 20 an hour (a library or a school shares one address).
pub const REGISTRATIONS: Rule = Rule {
    max: 20,
    window_secs: 60 * 60,
};
/// An address where an account logged in stays known to it for this many days.
pub const KNOWN_DAYS: i64 = 30;

const LOGIN: &str = "login";
const REGISTER: &str = "register";

/// A login attempt recorded and allowed: pass it to [`succeeded`] when the password was right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    id: i64,
    account: String,
    address: String,
}

/// Records a login attempt on `account` (the normalised e-mail, known or not) from `address`, before the
/// password is checked; `RateLimited` (and nothing recorded) when it breaks a rule.
pub async fn begin_login<C: ConnectionTrait>(
    conn: &C,
    account: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Attempt> {
    prune(conn, now).await?;
    let id = record(conn, LOGIN, account, address, now).await?;
    let failures = || {
        auth_attempt::Entity::find()
            .filter(auth_attempt::Column::Kind.eq(LOGIN))
            .filter(auth_attempt::Column::Succeeded.eq(false))
    };
    let pair = failures()
        .filter(auth_attempt::Column::Account.eq(account))
        .filter(auth_attempt::Column::Address.eq(address));
    let mut verdict = judge(conn, pair, PER_PAIR, now).await;
    if verdict.is_ok() {
        let from_address = failures().filter(auth_attempt::Column::Address.eq(address));
        verdict = judge(conn, from_address, PER_ADDRESS, now).await;
    }
    if verdict.is_ok() && !known(conn, account, address, now).await? {
        let strangers = failures()
            .filter(auth_attempt::Column::Account.eq(account))
            .filter(
                auth_attempt::Column::Address.is_not_in(known_addresses(conn, account, now).await?),
            );
        verdict = judge(conn, strangers, PER_ACCOUNT, now).await;
    }
    match verdict {
        Ok(()) => Ok(Attempt {
            id,
            account: account.to_owned(),
            address: address.to_owned(),
        }),
        Err(e) => {
            auth_attempt::Entity::delete_by_id(id).exec(conn).await?;
            Err(e)
        }
    }
}

/// Marks a login attempt as successful: its address becomes known to the account, and the failures of
/// this account from this address are forgotten.
pub async fn succeeded<C: ConnectionTrait>(conn: &C, attempt: &Attempt) -> Result<()> {
    auth_attempt::Entity::update_many()
        .col_expr(auth_attempt::Column::Succeeded, Expr::value(true))
        .filter(auth_attempt::Column::Id.eq(attempt.id))
        .exec(conn)
        .await?;
    auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::Kind.eq(LOGIN))
        .filter(auth_attempt::Column::Succeeded.eq(false))
        .filter(auth_attempt::Column::Account.eq(attempt.account.as_str()))
        .filter(auth_attempt::Column::Address.eq(attempt.address.as_str()))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records a registration from `address`; `RateLimited` (and nothing recorded) when the address has
/// registered too often.
pub async fn begin_registration<C: ConnectionTrait>(
    conn: &C,
    address: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    prune(conn, now).await?;
    let id = record(conn, REGISTER, "", address, now).await?;
    let from_address = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Kind.eq(REGISTER))
        .filter(auth_attempt::Column::Address.eq(address));
    if let Err(e) = judge(conn, from_address, REGISTRATIONS, now).await {
        auth_attempt::Entity::delete_by_id(id).exec(conn).await?;
        return Err(e);
    }
    Ok(())
}

async fn record<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    account: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let row = auth_attempt::ActiveModel {
        kind: Set(kind.to_owned()),
        account: Set(account.to_owned()),
        address: Set(address.to_owned()),
        at: Set(now),
        succeeded: Set(false),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(row.id)
}

/// `RateLimited` when more than `rule.max` rows of `rows` lie inside the window, saying when the oldest
/// of them leaves it.
async fn judge<C: ConnectionTrait>(
    conn: &C,
    rows: sea_orm::Select<auth_attempt::Entity>,
    rule: Rule,
    now: DateTime<Utc>,
) -> Result<()> {
    let inside =
        rows.filter(auth_attempt::Column::At.gt(now - Duration::seconds(rule.window_secs)));
    if inside.clone().count(conn).await? <= rule.max {
        return Ok(());
    }
    let oldest: Option<DateTime<Utc>> = inside
        .select_only()
        .column(auth_attempt::Column::At)
        .order_by_asc(auth_attempt::Column::At)
        .into_tuple()
        .one(conn)
        .await?;
    let free_at = oldest.unwrap_or(now) + Duration::seconds(rule.window_secs);
    metrics::counter!("crowd_rate_limited_total", "limit" => "login").increment(1);
    Err(Error::RateLimited {
        retry_after_secs: u64::try_from((free_at - now).num_seconds().max(1)).unwrap_or(1),
    })
}

fn known_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Duration::days(KNOWN_DAYS)
}

/// Whether `account` logged in from `address` lately.
async fn known<C: ConnectionTrait>(
    conn: &C,
    account: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Kind.eq(LOGIN))
        .filter(auth_attempt::Column::Succeeded.eq(true))
        .filter(auth_attempt::Column::Account.eq(account))
        .filter(auth_attempt::Column::Address.eq(address))
        .filter(auth_attempt::Column::At.gt(known_since(now)))
        .count(conn)
        .await?
        > 0)
}

/// The addresses `account` logged in from lately (their failures are not strangers' failures).
async fn known_addresses<C: ConnectionTrait>(
    conn: &C,
    account: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    Ok(auth_attempt::Entity::find()
        .select_only()
        .column(auth_attempt::Column::Address)
        .distinct()
        .filter(auth_attempt::Column::Kind.eq(LOGIN))
        .filter(auth_attempt::Column::Succeeded.eq(true))
        .filter(auth_attempt::Column::Account.eq(account))
        .filter(auth_attempt::Column::At.gt(known_since(now)))
        .limit(100)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Forgets failures older than every window and successes older than [`KNOWN_DAYS`].
async fn prune<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> Result<()> {
    let longest = [PER_PAIR, PER_ADDRESS, PER_ACCOUNT, REGISTRATIONS]
        .iter()
        .map(|r| r.window_secs)
        .max()
        .unwrap_or(3600);
    auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::Succeeded.eq(false))
        .filter(auth_attempt::Column::At.lt(now - Duration::seconds(longest)))
        .exec(conn)
        .await?;
    auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::Succeeded.eq(true))
        .filter(auth_attempt::Column::At.lt(known_since(now)))
        .exec(conn)
        .await?;
    Ok(())
}
