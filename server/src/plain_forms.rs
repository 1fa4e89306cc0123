//! Forms posted without JavaScript (a page not yet hydrated, a lazy chunk still loading, a browser
//! without scripts) end on a real page, with what was typed still in the fields.
//!
//! A server function answers such a post with the page it came from in `Location` (with `__path` and
//! `__err` when it failed, so the page shows the messages next to the fields), but keeps the failure's
//! status (401, 403, 422, ...), and a browser does not follow a `Location` on a 4xx: it would show the
//! bare error body. Any answer with a `Location` to a post that accepts HTML becomes `303 See Other`,
//! which browsers follow with a `GET`.
//!
//! When the post failed, its fields (never passwords) are kept by [`domain::echo`] under a one-time token
//! in the [`ECHO_COOKIE`]; the page the browser comes back to takes them ([`wire::FormEcho`] in the
//! request's extensions, read by the form fields while rendering) and the cookie is cleared.
//!
//! When it succeeded, the [`DONE_COOKIE`] names the server function for the page the browser comes back
//! to, which says what happened ("idea sent", "report sent") instead of reloading silently; the cookie is
//! cleared by that page. The trailing `?` of an empty query is taken off the way back.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The cookie holding an echo's token between the failed post and the page it returns to.
pub const ECHO_COOKIE: &str = "crowd_echo";

/// The cookie naming the server function whose plain post succeeded, for the page it returns to.
pub const DONE_COOKIE: &str = "crowd_done";

/// Most bytes of a plain form post read to keep its fields (larger posts are refused as too large).
const MAX_POST: usize = 1 << 20;

/// Middleware: see the module's documentation.
pub async fn plain_forms(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok());
    // Browsers navigate accepting HTML (and fetch pictures, styles and scripts accepting others).
    let accepts_html = accept.is_some_and(|a| a.contains("text/html"));
    let path = request.uri().path();
    if request.method() == Method::POST && path.starts_with("/api/") && accepts_html {
        post(&state, request, next).await
    } else if request.method() == Method::GET
        && (accept.is_none() || accepts_html)
        && !["/api/", "/pkg/", "/uploads/"]
            .iter()
            .any(|p| path.starts_with(p))
    {
        page(&state, request, next).await
    } else {
        next.run(request).await
    }
}

/// A plain form post: its answer's `Location` followed with a `GET`, its fields kept when it failed.
async fn post(state: &AppState, request: Request, next: Next) -> Response {
    let urlencoded = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    let action = request.uri().path().to_owned();
    let (parts, body) = request.into_parts();
    let (body, fields) = if urlencoded {
        let Ok(bytes) = axum::body::to_bytes(body, MAX_POST).await else {
            return StatusCode::PAYLOAD_TOO_LARGE.into_response();
        };
        let fields: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
        (Body::from(bytes), fields)
    } else {
        (body, Vec::new())
    };
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let Some(location) = response.headers().get(header::LOCATION) else {
        return response;
    };
    let location = location.to_str().unwrap_or_default().to_owned();
    *response.status_mut() = StatusCode::SEE_OTHER;
    if location.contains("__err=") {
        match domain::echo::keep(&state.ctx.domain, &action, fields).await {
            Ok(Some(token)) => set_cookie(state, &mut response, ECHO_COOKIE, &token, 600),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "a failed form's fields could not be kept"),
        }
    } else {
        if let Some(bare) = location.strip_suffix('?')
            && let Ok(bare) = HeaderValue::from_str(bare)
        {
            response.headers_mut().insert(header::LOCATION, bare);
        }
        if wire::FormEcho::is_action(&action) {
            set_cookie(state, &mut response, DONE_COOKIE, &action, 60);
        }
    }
    response
}

/// A page: the echo its visitor's last failed post left, or the success of the last one, if any.
async fn page(state: &AppState, mut request: Request, next: Next) -> Response {
    let token = app::ssr::cookie_from(request.headers(), ECHO_COOKIE);
    let done = app::ssr::cookie_from(request.headers(), DONE_COOKIE);
    if token.is_none() && done.is_none() {
        return next.run(request).await;
    }
    if let Some(token) = &token {
        match domain::echo::take(&state.ctx.domain, token).await {
            Ok(Some(echo)) => {
                request.extensions_mut().insert(echo);
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "a failed form's fields could not be read"),
        }
    }
    if let Some(action) = &done
        && wire::FormEcho::is_action(action)
        && request.extensions().get::<wire::FormEcho>().is_none()
    {
        request
            .extensions_mut()
            .insert(wire::FormEcho::done(action));
    }
    let mut response = next.run(request).await;
    for (name, present) in [
        (ECHO_COOKIE, token.is_some()),
        (DONE_COOKIE, done.is_some()),
    ] {
        if present {
            set_cookie(state, &mut response, name, "", 0);
        }
    }
    response
}

/// Sets cookie `name` (or, with `max_age` 0, clears it) on `response`: never read by scripts.
fn set_cookie(state: &AppState, response: &mut Response, name: &str, value: &str, max_age: i64) {
    let cookie = app::ssr::cookie_header(state.ctx.secure_cookies, name, value, max_age, true);
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
