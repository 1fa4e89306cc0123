//! Server functions of accounts: registration (confirmed by an e-mailed link), log in, log out (here or on
//! every device). Who: everyone, but logging out, which needs a session.

use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::{authorize, context};
use leptos::prelude::*;

/// Creates a resident account waiting for its e-mail to be confirmed, and sends the link (the answer is
/// the same for a taken address). A plain form post goes on to `/register/sent`. Who: everyone.
#[server(endpoint = "register")]
pub async fn register(
    email: String,
    display_name: String,
    password: String,
    next: String,
) -> Result<(), AppError> {
    let ctx = context()?;
    let input = domain::auth::Registration {
        email,
        display_name,
        password,
        lang: crate::ssr::request_lang(),
    };
    let address = crate::ssr::client_address();
    let next = crate::next::safe_next(&next);
    domain::auth::register(&ctx.domain, &input, &address, &next).await?;
    if crate::ssr::is_plain_form_post() {
        leptos_axum::redirect(crate::pages::auth::SENT_PATH);
    }
    Ok(())
}

/// Confirms a new account's e-mail with the link's token and logs it in; answers where to go next (a
/// plain form post is redirected there). Who: everyone holding a link.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    let ctx = context()?;
    let (_, session, next) = domain::auth::confirmation::confirm(&ctx.domain, &token).await?;
    let next = crate::next::safe_next(&next);
    crate::ssr::start_session(&ctx, &session.0, &next);
    Ok(next)
}

/// Logs in (remembering the interface language for the person's e-mails); rate limited per account and
/// per client address. Who: everyone.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: String) -> Result<(), AppError> {
    let ctx = context()?;
    let address = crate::ssr::client_address();
    let lang = crate::ssr::request_lang();
    let (_, token) = domain::auth::login(&ctx.domain, &email, &password, &address, lang).await?;
    crate::ssr::start_session(&ctx, &token.0, &next);
    Ok(())
}

/// Ends the current session, or with `everywhere` every session of the account (every device must log
/// in again). Who: any logged-in user.
#[server(endpoint = "logout")]
pub async fn logout(#[server(default)] everywhere: bool) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::Role::ALL).await?;
    if everywhere {
        domain::auth::logout_everywhere(&ctx.domain, &user).await?;
    } else if let Some(token) = crate::ssr::cookie(crate::ssr::SESSION_COOKIE) {
        domain::auth::logout(&ctx.domain, &token).await?;
    }
    crate::ssr::clear_session_cookie(&ctx);
    if crate::ssr::is_plain_form_post() {
        leptos_axum::redirect("/");
    }
    Ok(())
}
