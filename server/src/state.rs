//! What the server's own handlers share (the router, live streams, open data, uploads): the state, the
//! session's user, and the one mapping of a domain error to an HTTP status — logged when it is the
//! server's fault, so no error is dropped unseen. Server functions have their own, `app::ssr::fail`.

use crate::config::Config;
use app::ssr::ServerContext;
use axum::extract::FromRef;
use axum::http::StatusCode;
use leptos::prelude::*;
use std::sync::Arc;
use tokio::sync::watch;

/// The status answering `e`: 401, 403, 404 and 400 (invalid input) as they are; anything else is the
/// server's fault — logged at ERROR with `during` (what was being done) and answered 500.
pub fn status_of(e: &domain::Error, during: &str) -> StatusCode {
    match e {
        domain::Error::Unauthorized => StatusCode::UNAUTHORIZED,
        domain::Error::Forbidden => StatusCode::FORBIDDEN,
        domain::Error::NotFound => StatusCode::NOT_FOUND,
        domain::Error::Invalid(_) => StatusCode::BAD_REQUEST,
        e => {
            tracing::error!(error = %e, during, "request failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// Everything the handlers share, behind one reference count: every layer with state and every
/// extractor clones it for each request (three times for a page from the page cache), which is then one
/// count moved instead of a copy of the domain's handles, the site's options and the edge's lists.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl From<Shared> for AppState {
    fn from(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] holds.
pub struct Shared {
    /// Leptos' options (site root, output name, hashed file names).
    pub leptos_options: LeptosOptions,
    /// Domain handles and cookie settings, also provided to server functions as context.
    pub ctx: ServerContext,
    /// Flips to `true` when the server shuts down; live streams end on it.
    pub shutdown: watch::Receiver<bool>,
    /// Origins allowed to POST besides the site's own.
    pub allowed_origins: Vec<String>,
    /// Trusted proxies and the caps on live streams (a state of its own for the edge's layers).
    pub edge: Arc<crate::edge::Edge>,
    /// Anonymous pages kept for the next reader.
    pub pages: Arc<crate::page_cache::PageCache>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Leptos options for a site folder: output name `crowd`, hashed file names when cargo-leptos wrote
/// `hash.txt` next to the binary.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|path| path.exists());
    LeptosOptions::builder()
        .output_name("crowd")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .hash_files(hash_files)
        .site_addr(config.addr)
        .build()
}

/// The user of a request's session if their role is one of `roles`: 401 without a valid session, 403
/// for another role (for the plain handlers: streams and uploads; server functions use
/// `app::ssr::authorize`).
pub async fn session_user(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    roles: &[domain::Role],
) -> Result<domain::User, StatusCode> {
    let token = app::ssr::cookie_from(headers, app::ssr::SESSION_COOKIE);
    domain::auth::authorize_token(&state.ctx.domain, token.as_deref(), roles)
        .await
        .map_err(|e| status_of(&e, "session look-up"))
}
