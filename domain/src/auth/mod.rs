//! Accounts, roles, sessions and the login rate limit.
//!
//! Passwords are hashed with argon2id, a few at a time ([`hashing`]); every login and registration is
//! counted before its password is looked at ([`attempts`]); a new account confirms its e-mail before it
//! can log in ([`confirmation`]); sessions end when unused ([`sessions`]). A session is a random 256-bit
//! token kept in the browser's cookie; the database stores only its SHA-256, so a copy of the database
//! does not let anyone log in. Every operation of the platform names the roles allowed to call it (for
//! example `ideas::SUBMIT`), and the entry point checks them with [`require`] before anything
//! else.

pub mod attempts;
pub mod confirmation;
pub mod hashing;
pub mod sessions;

pub use sessions::{SESSION_DAYS, create_session, logout, logout_everywhere, user_for_token};

use crate::entities::user;
use crate::text::check_text;
use crate::{Domain, Error, FieldError, Result};
use base64::Engine;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

/// Minimum password length, in characters.
pub const PASSWORD_MIN: usize = 10;
pub use wire::{Lang, Role};

/// A logged-in account, as the rest of the platform sees it (no password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Account id.
    pub id: i64,
    /// Login e-mail, lower-cased.
    pub email: String,
    /// The name shown next to the user's ideas and comments.
    pub display_name: String,
    /// The account's role.
    pub role: Role,
}

impl TryFrom<user::Model> for User {
    type Error = Error;

    fn try_from(m: user::Model) -> Result<Self> {
        let role = Role::parse(&m.role)
            .ok_or_else(|| Error::Internal(format!("unknown role {}", m.role)))?;
        Ok(User {
            id: m.id,
            email: m.email,
            display_name: m.display_name,
            role,
        })
    }
}

/// Checks that someone is logged in and has one of `allowed` roles: `Unauthorized` or `Forbidden` otherwise.
pub fn require<'u>(user: Option<&'u User>, allowed: &[Role]) -> Result<&'u User> {
    let user = user.ok_or(Error::Unauthorized)?;
    if allowed.contains(&user.role) {
        Ok(user)
    } else {
        Err(Error::Forbidden)
    }
}

/// A new session's secret token: goes into the cookie and nowhere else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionToken(pub String);

/// The input of registration.
#[derive(Debug, Clone)]
pub struct Registration {
    /// E-mail used to log in.
    pub email: String,
    /// Public name.
    pub display_name: String,
    /// Plain password, at least [`PASSWORD_MIN`] characters.
    pub password: String,
    /// The language the person registers in: their e-mails are written in it.
    pub lang: Lang,
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn validate_email(email: &str, errors: &mut Vec<FieldError>) {
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, host)| {
            !local.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
        })
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if email.is_empty() {
        errors.push(FieldError::new("email", "required"));
    } else if !valid {
        errors.push(FieldError::new("email", "email_invalid"));
    }
}

/// Checks a registration form; every broken rule becomes a field error.
pub fn validate_registration(input: &Registration) -> Vec<FieldError> {
    let mut errors = Vec::new();
    validate_email(&normalise_email(&input.email), &mut errors);
    check_text("display_name", &input.display_name, 2, 80, &mut errors);
    let pw_len = input.password.chars().count();
    if pw_len == 0 {
        errors.push(FieldError::new("password", "required"));
    } else if pw_len < PASSWORD_MIN {
        errors.push(FieldError::new("password", "password_short"));
    } else if pw_len > 256 {
        errors.push(FieldError::new("password", "too_long"));
    }
    errors
}

/// Creates an account with the given role, its e-mail taken as confirmed, without a session (used by
/// `crowd create-user`, the demo data and tests: whoever runs them vouches for the address).
pub async fn create_user(d: &Domain, input: &Registration, role: Role) -> Result<User> {
    User::try_from(insert_user(d, input, role, true).await?)
}

async fn insert_user(
    d: &Domain,
    input: &Registration,
    role: Role,
    confirmed: bool,
) -> Result<user::Model> {
    Error::check(validate_registration(input))?;
    let email = normalise_email(&input.email);
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&d.db)
        .await?;
    if taken.is_some() {
        return Err(Error::field("email", "email_taken"));
    }
    let hash = hashing::hash(input.password.clone()).await?;
    let now = d.now();
    user::ActiveModel {
        email: Set(email),
        display_name: Set(input.display_name.trim().to_owned()),
        password_hash: Set(hash),
        role: Set(role.as_str().to_owned()),
        created_at: Set(now),
        email_confirmed_at: Set(confirmed.then_some(now)),
        lang: Set(input.lang.code().to_owned()),
        ..Default::default()
    }
    .insert(&d.db)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Error::field("email", "email_taken"),
        _ => Error::Db(e),
    })
}

/// Registers a resident from client address `address`: the account waits for its e-mail to be
/// confirmed through the link sent to it ([`confirmation`]); `next` is where the link leads afterwards.
/// A taken address gets the same answer (its owner is told instead), so the form does not reveal who
/// has an account. Registrations per address are limited ([`attempts::REGISTRATIONS`]).
pub async fn register(d: &Domain, input: &Registration, address: &str, next: &str) -> Result<()> {
    Error::check(validate_registration(input))?;
    attempts::begin_registration(&d.db, address, d.now()).await?;
    match insert_user(d, input, Role::Resident, false).await {
        Ok(account) => confirmation::send_link(d, &account, next).await,
        Err(Error::Invalid(errors)) if errors.iter().any(|e| e.code == "email_taken") => {
            // As long as a new account takes: a hash.
            hashing::hash(input.password.clone()).await?;
            confirmation::tell_owner(d, &normalise_email(&input.email)).await
        }
        Err(e) => Err(e),
    }
}

/// Logs in by e-mail and password from client address `address`, in language `lang` (remembered for
/// the person's e-mails), subject to the login rate limit ([`attempts`]). The attempt is counted before the password is checked, so parallel guesses cannot pass
/// the limit; an unknown e-mail costs the same time as a known one, so answers do not tell which exist.
pub async fn login(
    d: &Domain,
    email: &str,
    password: &str,
    address: &str,
    lang: Lang,
) -> Result<(User, SessionToken)> {
    let email = normalise_email(email);
    let attempt = attempts::begin_login(&d.db, &email, address, d.now()).await?;
    let row = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&d.db)
        .await?;
    let hash = match &row {
        Some(row) => row.password_hash.clone(),
        None => hashing::dummy_hash().await?,
    };
    let verified = hashing::verify(password.to_owned(), hash).await?;
    match row {
        Some(row) if verified && row.email_confirmed_at.is_none() => {
            attempts::succeeded(&d.db, &attempt).await?;
            confirmation::resend(d, &row).await?;
            Err(Error::field("email", "unconfirmed"))
        }
        Some(row) if verified => {
            attempts::succeeded(&d.db, &attempt).await?;
            if row.lang != lang.code() {
                remember_language(&d.db, row.id, lang).await?;
            }
            let user = User::try_from(row)?;
            let token = create_session(d, &user).await?;
            Ok((user, token))
        }
        _ => {
            metrics::counter!("crowd_login_failures_total").increment(1);
            Err(Error::field("password", "bad_credentials"))
        }
    }
}

/// Remembers that account `user_id` uses the site in `lang` (at login and when they switch language).
pub async fn remember_language<C: sea_orm::ConnectionTrait>(
    conn: &C,
    user_id: i64,
    lang: Lang,
) -> Result<()> {
    user::Entity::update_many()
        .col_expr(user::Column::Lang, Expr::value(lang.code()))
        .filter(user::Column::Id.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The language of the session `token`'s account switches to `lang` (nothing happens without a live
/// session).
pub async fn switch_language(d: &Domain, token: &str, lang: Lang) -> Result<()> {
    if let Some(user) = user_for_token(d, token).await? {
        remember_language(&d.db, user.id, lang).await?;
    }
    Ok(())
}

/// SHA-256 of a secret token, hex: what the database keeps instead of the token.
pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new random 256-bit secret, URL-safe (session tokens, preview links).
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The user of the session `token` if their role is one of `allowed`: `Unauthorized` without a live
/// session, `Forbidden` for another role. Every entry point authorises through this.
pub async fn authorize_token(d: &Domain, token: Option<&str>, allowed: &[Role]) -> Result<User> {
    let user = match token {
        Some(token) => user_for_token(d, token).await?,
        None => None,
    };
    require(user.as_ref(), allowed)?;
    user.ok_or(Error::Unauthorized)
}
