//! The page cache: anonymous readers are most of the traffic, and they all get the same page for the same
//! address and language. A rendered page is kept and served again until something changes or it is
//! [`Config::page_cache_ms`](crate::config::Config) old (2 s by default), whichever comes first.
//!
//! "Something changes" is a counter that moves on every live event of the bus (a new idea, a vote, a
//! comment, a takedown — here or, through the relay, in another instance) and on every write request this
//! instance carries out (POST and the like answered 2xx or 3xx: staff edits, decisions, uploads), so a
//! change made here is never served stale; the age limit bounds what the counter cannot see (the clock opening a stage, a change
//! made by another instance without an event).
//!
//! Only answers that are the same for every anonymous reader are kept: GET of a page (not `/api`, `/pkg`,
//! `/uploads` or the streams), without a session cookie, rendered (it has a nonce), answered 200 with
//! HTML and no cookie set. Each
//! page carries its own Content-Security-Policy nonce: a kept page is served with a fresh nonce written
//! over the one it was rendered with, in the body and in the header, so no two answers share one.

use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Bytes of kept pages at most; beyond it no more pages are kept until some die. Only pages that may
/// still be served are kept (see [`Entries`]), so this bounds a burst of distinct addresses within the
/// time to live.
const MAX_BYTES: usize = 16 << 20;

/// A page larger than this is not kept.
const MAX_PAGE: usize = 4 << 20;

/// Kept pages by address and language.
#[derive(Debug)]
pub struct PageCache {
    /// For how many seconds of the clock a page may be served again (zero: never kept).
    ttl: i64,
    /// Write requests answered by this instance.
    writes: AtomicU64,
    entries: Mutex<Entries>,
}

/// The kept pages: only those that may still be served. A page is served again only while the change
/// counter has not moved and it is younger than the cache's time to live; the counter never goes back,
/// so a page rendered before the last change is dead, and one rendered before the time to live is too.
/// Dead pages are dropped as the next page is kept, so the cache holds what the last seconds rendered,
/// not every address a crawler ever asked for.
#[derive(Debug, Default)]
struct Entries {
    pages: HashMap<(String, String), Arc<Page>>,
    bytes: usize,
    /// The change counter the kept pages reflect.
    changes: u64,
    /// The clock's second of the oldest kept page.
    oldest: i64,
}

impl Entries {
    /// Drops what can no longer be served once the counter is at `changes` and the clock at `now`.
    fn drop_dead(&mut self, changes: u64, now: i64, ttl: i64) {
        if changes != self.changes {
            *self = Self {
                changes,
                oldest: now,
                ..Self::default()
            };
        } else if now - self.oldest >= ttl {
            self.pages.retain(|_, page| now - page.at < ttl);
            self.bytes = self.pages.values().map(|page| page.body.len()).sum();
            self.oldest = self.pages.values().map(|page| page.at).min().unwrap_or(now);
        }
    }
}

/// A rendered page and the change counter it reflects.
#[derive(Debug)]
struct Page {
    changes: u64,
    /// The clock's second when it was rendered.
    at: i64,
    headers: HeaderMap,
    body: Bytes,
    /// The nonce it was rendered with, and where it stands in `body`.
    nonce: Option<Stamp>,
    /// The route that rendered it, for the metrics of the answers served from here.
    route: Option<crate::metrics::Route>,
}

impl PageCache {
    /// A cache keeping pages for at most `ttl_secs` seconds of the clock.
    pub fn new(ttl_secs: u64) -> Self {
        Self {
            ttl: i64::try_from(ttl_secs).unwrap_or(i64::MAX),
            writes: AtomicU64::new(0),
            entries: Mutex::default(),
        }
    }

    fn changes(&self, state: &AppState) -> u64 {
        self.writes.load(Ordering::Acquire) + state.ctx.domain.bus.changes()
    }

    fn get(&self, key: &(String, String), changes: u64, now: i64) -> Option<Arc<Page>> {
        let entries = self.entries.lock().ok()?;
        let page = entries.pages.get(key)?;
        let young = (0..self.ttl).contains(&(now - page.at));
        (page.changes == changes && young).then(|| page.clone())
    }

    fn put(&self, key: (String, String), page: Page) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        // A page whose render began before a change another one already reflects is dead already.
        if page.changes < entries.changes {
            return;
        }
        entries.drop_dead(page.changes, page.at, self.ttl);
        if entries.bytes + page.body.len() > MAX_BYTES {
            return;
        }
        entries.bytes += page.body.len();
        entries.oldest = entries.oldest.min(page.at);
        if let Some(old) = entries.pages.insert(key, Arc::new(page)) {
            entries.bytes -= old.body.len();
        }
    }

    /// How many pages are kept, and their bytes (for the metrics).
    pub fn kept(&self) -> (usize, usize) {
        self.entries
            .lock()
            .map_or((0, 0), |e| (e.pages.len(), e.bytes))
    }
}

/// The cache's key of a request it may answer: address with query, and the language cookie.
fn key_of(request: &Request) -> Option<(String, String)> {
    let path = request.uri().path();
    let kept = request.method() == Method::GET
        && !["/api/", "/pkg/", "/uploads/", "/lang/"]
            .iter()
            .any(|p| path.starts_with(p))
        && !matches!(path, "/healthz" | "/readyz")
        && app::ssr::cookie_from(request.headers(), app::ssr::SESSION_COOKIE).is_none()
        // A page showing what its reader typed into a form that failed is theirs alone.
        && request.extensions().get::<wire::FormEcho>().is_none();
    kept.then(|| {
        let lang = app::ssr::cookie_from(request.headers(), app::ssr::LANG_COOKIE);
        let uri = request.uri().path_and_query().map_or(path, |p| p.as_str());
        (uri.to_owned(), lang.unwrap_or_default())
    })
}

/// The nonce of a page's policy (`'nonce-…'`).
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    Some(policy[start..start + len].to_owned())
}

/// Middleware: answers anonymous page requests from the cache, keeps what it may, and counts writes.
pub async fn page_cache(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = &state.pages;
    let Some(key) = key_of(&request).filter(|_| cache.ttl > 0) else {
        let write = !matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS
        );
        let response = next.run(request).await;
        // A refused request changed nothing (and cannot be used to keep the cache empty).
        let done = response.status().is_success() || response.status().is_redirection();
        if write && done {
            cache.writes.fetch_add(1, Ordering::AcqRel);
        }
        return response;
    };
    let changes = cache.changes(&state);
    let now = state.ctx.domain.now().timestamp();
    if let Some(page) = cache.get(&key, changes, now) {
        return served(&page);
    }
    let response = next.run(request).await;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // Rendered pages carry their nonce; files served from the site folder do not, and stay out.
    let nonce = nonce_of(response.headers());
    if response.status() != StatusCode::OK
        || !html
        || nonce.is_none()
        || response.headers().contains_key(header::SET_COOKIE)
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, MAX_PAGE).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, page = key.0, "a page could not be read for the cache");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    cache.put(
        key,
        Page {
            changes,
            at: now,
            nonce: nonce.map(|nonce| Stamp::new(nonce, &body)),
            headers: parts.headers.clone(),
            body: body.clone(),
            route: parts.extensions.get::<crate::metrics::Route>().cloned(),
        },
    );
    Response::from_parts(parts, Body::from(body))
}

/// A kept page with a fresh nonce.
fn served(page: &Page) -> Response {
    let mut headers = page.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    let body = match &page.nonce {
        Some(stamp) => {
            let fresh = leptos::nonce::Nonce::new().to_string();
            if let Some(policy) = headers
                .get(header::CONTENT_SECURITY_POLICY)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| HeaderValue::from_str(&v.replace(&stamp.nonce, &fresh)).ok())
            {
                headers.insert(header::CONTENT_SECURITY_POLICY, policy);
            }
            stamp.over(&page.body, &fresh)
        }
        None => page.body.clone(),
    };
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = headers;
    if let Some(route) = page.route.clone() {
        response.extensions_mut().insert(route);
    }
    response
}

/// A page's nonce and the byte offsets where it stands in the page, found once when the page is kept:
/// each answer from the cache is then the page copied with a fresh nonce written at those places, with
/// no search and no check of the text (the check alone was 11 % of the site bench's CPU).
#[derive(Debug)]
struct Stamp {
    nonce: String,
    at: Vec<usize>,
}

impl Stamp {
    fn new(nonce: String, body: &[u8]) -> Self {
        let mut at = Vec::new();
        let needle = nonce.as_bytes();
        if needle.is_empty() {
            return Self { nonce, at };
        }
        let mut from = 0;
        while let Some(found) = body
            .get(from..)
            .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
        {
            at.push(from + found);
            from += found + needle.len();
        }
        Self { nonce, at }
    }

    /// `body` with `fresh` in place of the nonce.
    fn over(&self, body: &Bytes, fresh: &str) -> Bytes {
        let mut out = Vec::with_capacity(body.len() + self.at.len() * fresh.len());
        let mut from = 0;
        for &at in &self.at {
            out.extend_from_slice(body.get(from..at).unwrap_or_default());
            out.extend_from_slice(fresh.as_bytes());
            from = at + self.nonce.len();
        }
        out.extend_from_slice(body.get(from..).unwrap_or_default());
        Bytes::from(out)
    }
}
