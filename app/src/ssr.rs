//! Server-side plumbing of the server functions: the shared context, the session cookie, authorisation and
//! the mapping of domain errors to [`AppError`] with the right HTTP status.
//!
//! Every server function starts with [`authorize`] (or [`viewer`] for public reads), then makes one domain
//! call and returns its result with `?`: `From<domain::Error> for AppError` ([`fail`]) sets the status.

use crate::model::{AppError, FieldMessage};
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use domain::{Domain, Role, User};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "crowd_session";
/// The language cookie's name.
pub const LANG_COOKIE: &str = "lang";

/// What server functions and SSR need from the server process; provided as Leptos context, and cloned
/// by each look-up of it (so its fields are reference-counted handles, none copied).
#[derive(Clone)]
pub struct ServerContext {
    /// The domain handles.
    pub domain: Domain,
    /// Whether cookies get the `Secure` attribute (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Where uploads are stored (`<data_dir>/uploads`, served at `/uploads`).
    pub data_dir: std::sync::Arc<std::path::Path>,
    /// The site's public address, for absolute URLs in shared links' meta (`None`: site-relative).
    pub public_url: Option<std::sync::Arc<str>>,
}

impl ServerContext {
    /// `path` (starting with `/`) as an absolute URL under the public address, when one is configured.
    pub fn public(&self, path: &str) -> String {
        match &self.public_url {
            Some(base) => format!("{}{path}", base.trim_end_matches('/')),
            None => path.to_owned(),
        }
    }
}

/// The server context, or `Internal` when a server function runs outside the server (a wiring bug).
pub fn context() -> Result<ServerContext, AppError> {
    use_context::<ServerContext>().ok_or_else(|| {
        tracing::error!("ServerContext missing from the Leptos context");
        AppError::Internal
    })
}

/// The value of cookie `name` in `headers`.
pub fn cookie_from(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The value of cookie `name` in the current request.
pub fn cookie(name: &str) -> Option<String> {
    use_context::<Parts>().and_then(|parts| cookie_from(&parts.headers, name))
}

/// The language of the current request (its `lang` cookie; Russian without one).
pub fn request_lang() -> wire::Lang {
    cookie(LANG_COOKIE)
        .map(|c| wire::Lang::from_code(&c))
        .unwrap_or_default()
}

/// The logged-in user of the current request, if any.
pub async fn viewer(ctx: &ServerContext) -> Result<Option<User>, AppError> {
    match cookie(SESSION_COOKIE) {
        Some(token) => Ok(domain::auth::user_for_token(&ctx.domain, &token).await?),
        None => Ok(None),
    }
}

/// The current user if their role is one of `allowed`; `Unauthorized` (401) or `Forbidden` (403) otherwise.
pub async fn authorize(ctx: &ServerContext, allowed: &[Role]) -> Result<User, AppError> {
    let token = cookie(SESSION_COOKIE);
    Ok(domain::auth::authorize_token(&ctx.domain, token.as_deref(), allowed).await?)
}

/// A domain error becomes the public error: `?` in every server function.
impl From<domain::Error> for AppError {
    fn from(err: domain::Error) -> Self {
        fail(err)
    }
}

/// Maps a domain error to the public error, sets the response status, and logs what must not be shown.
pub fn fail(err: domain::Error) -> AppError {
    if let domain::Error::Merged { into } = err {
        // A page asked for in a browser is redirected (302); the site's own call gets the redirect
        // header, and the router follows it.
        leptos_axum::redirect(&format!("/ideas/{into}"));
        return AppError::Merged { into };
    }
    let (status, public) = match err {
        domain::Error::NotFound => (StatusCode::NOT_FOUND, AppError::NotFound),
        domain::Error::Unauthorized => (StatusCode::UNAUTHORIZED, AppError::Unauthorized),
        domain::Error::Forbidden => (StatusCode::FORBIDDEN, AppError::Forbidden),
        domain::Error::Gone => (StatusCode::GONE, AppError::Gone),
        domain::Error::Merged { into } => (StatusCode::NOT_FOUND, AppError::Merged { into }),
        domain::Error::Invalid(list) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Validation(
                list.into_iter()
                    .map(|e| FieldMessage {
                        field: e.field.into(),
                        code: e.code.into(),
                    })
                    .collect(),
            ),
        ),
        domain::Error::RateLimited { retry_after_secs } => {
            (StatusCode::TOO_MANY_REQUESTS, retry_after(retry_after_secs))
        }
        domain::Error::Busy { retry_after_secs } => (
            StatusCode::SERVICE_UNAVAILABLE,
            retry_after(retry_after_secs),
        ),
        err @ (domain::Error::Db(_) | domain::Error::Internal(_)) => {
            tracing::error!(error = %err, "request failed");
            (StatusCode::INTERNAL_SERVER_ERROR, AppError::Internal)
        }
    };
    if let Some(res) = use_context::<ResponseOptions>() {
        res.set_status(status);
    }
    public
}

/// The Content-Security-Policy of a page rendered now: scripts only from the site and the inline ones
/// Leptos writes with this response's nonce (hydration, streamed resources), WebAssembly compiled from
/// the site's module; nothing framed, posted or based elsewhere.
pub fn content_security_policy() {
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    );
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&policy),
    ) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Sets `Retry-After` and says when to try again.
fn retry_after(retry_after_secs: u64) -> AppError {
    if let Some(res) = use_context::<ResponseOptions>() {
        res.insert_header(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    }
    AppError::RateLimited { retry_after_secs }
}

/// A `Set-Cookie` value for this site: `Path=/`, `SameSite=Lax`, `HttpOnly` unless the page's scripts
/// read it, `Secure` when the site is served over HTTPS (`secure`); `max_age` 0 removes the cookie.
pub fn cookie_header(
    secure: bool,
    name: &str,
    value: &str,
    max_age: i64,
    http_only: bool,
) -> String {
    format!(
        "{name}={value}; Path=/; Max-Age={max_age}{}; SameSite=Lax{}",
        if http_only { "; HttpOnly" } else { "" },
        if secure { "; Secure" } else { "" }
    )
}

/// Sets the session cookie: HttpOnly, SameSite=Lax, Secure when configured, for the session's lifetime.
pub fn set_session_cookie(ctx: &ServerContext, token: &str) {
    let max_age = domain::auth::SESSION_DAYS * 24 * 3600;
    set_cookie(ctx, SESSION_COOKIE, token, max_age);
}

/// Sets the session cookie of a new session and, for a plain form post, redirects to `next`.
pub fn start_session(ctx: &ServerContext, token: &str, next: &str) {
    set_session_cookie(ctx, token);
    if is_plain_form_post() {
        leptos_axum::redirect(&crate::next::safe_next(next));
    }
}

/// Removes the session cookie.
pub fn clear_session_cookie(ctx: &ServerContext) {
    set_cookie(ctx, SESSION_COOKIE, "", 0);
}

fn set_cookie(ctx: &ServerContext, name: &str, value: &str, max_age: i64) {
    let value = cookie_header(ctx.secure_cookies, name, value, max_age, true);
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        res.append_header(header::SET_COOKIE, value);
    }
}

/// The client's address, as the server's edge layer determined it (the socket peer, or the address a
/// trusted reverse proxy forwarded): put into every request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);

/// The client's address, for rate limits ("unknown" when the edge layer did not run).
pub fn client_address() -> String {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddress>().map(|c| c.0))
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// Whether the request is a plain HTML form post (no JavaScript): then success answers with a redirect.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The domain's feed query for a filter from the page's query string.
pub fn feed_query(f: &wire::FeedFilter) -> domain::ideas::FeedQuery {
    domain::ideas::FeedQuery {
        direction: f.direction.trim().parse().ok(),
        status: Some(f.status.trim().to_owned()).filter(|s| !s.is_empty()),
        sort: domain::ideas::Sort::parse(f.sort.trim()),
        search: f.q.chars().take(200).collect(),
    }
}

/// The project page's data: the project and the feed page after `after` with `filter`.
pub async fn page_data(
    ctx: &ServerContext,
    detail: wire::ProjectDetail,
    after: Option<String>,
    filter: wire::FeedFilter,
) -> Result<wire::ProjectData, AppError> {
    let feed = domain::ideas::browse(
        &ctx.domain.db,
        detail.card.id,
        &feed_query(&filter),
        after.as_deref(),
        domain::ideas::FEED_PAGE,
    )
    .await?;
    Ok(project_data(ctx, detail, feed, filter))
}

/// The project page made of a project (public or previewed) and a feed page.
pub fn project_data(
    ctx: &ServerContext,
    detail: wire::ProjectDetail,
    feed: wire::FeedPage,
    filter: wire::FeedFilter,
) -> wire::ProjectData {
    wire::ProjectData {
        share_image: detail.card.cover.as_deref().map(|path| ctx.public(path)),
        detail,
        feed,
        filter,
        now: ctx.domain.now(),
        limits: wire::IdeaLimits {
            title_max: domain::ideas::TITLE_LEN.1,
            body_max: domain::ideas::BODY_LEN.1,
        },
    }
}
