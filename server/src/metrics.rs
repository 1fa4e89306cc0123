//! `GET /metrics`: the server's figures in Prometheus' text format, recorded through the `metrics` facade
//! (the domain records its own: events appended and relayed, relay lag, login failures, rate-limit
//! refusals, e-mails) and rendered by `metrics-exporter-prometheus`. Answered only to the addresses of
//! `CROWD_METRICS_FROM` (loopback by default) and never through a proxy, so the public never sees it.
//!
//! Every request gets an id: the `x-request-id` header of the answer, and a field of every log line
//! written while serving it.

use crate::edge::Network;
use crate::state::AppState;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Latency buckets, in seconds: a cached page (≈0.2 ms) to a slow export.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// How often histograms are compacted.
pub const UPKEEP: Duration = Duration::from_secs(5);

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's recorder, installed on first use (one per process: the tests build many routers).
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let built = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &BUCKETS)
                .and_then(PrometheusBuilder::install_recorder);
            match built {
                Ok(handle) => Some(handle),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics are off: no recorder");
                    None
                }
            }
        })
        .as_ref()
}

/// Compacts the histograms every [`UPKEEP`], for the life of the process.
pub async fn upkeep() {
    let mut tick = tokio::time::interval(UPKEEP);
    loop {
        tick.tick().await;
        if let Some(h) = handle() {
            h.run_upkeep();
        }
    }
}

/// The route a request matched, kept in the answer for [`measure`] (which runs outside routing, and
/// outside the page cache, which keeps it with the page).
#[derive(Clone, Debug)]
pub struct Route(String);

/// Route layer: remembers which route answered.
pub async fn remember_route(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(Route(route));
    }
    response
}

/// Middleware: counts each answer by route and status and records how long it took.
pub async fn measure(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<Route>()
        .map_or_else(|| "unmatched".to_owned(), |r| r.0.clone());
    let status = response.status().as_u16().to_string();
    metrics::counter!("crowd_http_requests_total", "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("crowd_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// A request's id.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Ids are this process's random prefix and a counter: unique across instances, cheap to make.
fn next_id() -> String {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        std::process::id().rotate_left(16) ^ nanos
    });
    format!("{prefix:08x}-{:x}", COUNT.fetch_add(1, Ordering::Relaxed))
}

/// Outermost middleware: gives the request its id (for the log span) and the answer its
/// `x-request-id`.
pub async fn request_id(mut request: Request, next: Next) -> Response {
    let id = next_id();
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// The log span of a request: its id, method and path (not the query, which may carry tokens).
pub fn span(request: &Request) -> tracing::Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .map_or("", |r| r.0.as_str());
    tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path())
}

/// `GET /metrics`: the figures, to an allowed address that did not come through a proxy; 404 to
/// anyone else (nothing tells them it exists).
pub async fn metrics_handler(State(state): State<AppState>, request: Request) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let proxied = request.headers().contains_key("x-forwarded-for");
    let allowed = peer.is_some_and(|ip| allowed(&state.edge.metrics_from, ip));
    let Some(handle) = handle().filter(|_| allowed && !proxied) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let d = &state.ctx.domain;
    metrics::gauge!("crowd_sse_streams_open").set(state.edge.streams.open() as f64);
    let (pages, bytes) = state.pages.kept();
    metrics::gauge!("crowd_page_cache_pages").set(pages as f64);
    metrics::gauge!("crowd_page_cache_bytes").set(bytes as f64);
    if let Some((size, idle, max)) = domain::db::pool_use(&d.db) {
        metrics::gauge!("crowd_db_pool_connections", "state" => "idle").set(f64::from(idle));
        metrics::gauge!("crowd_db_pool_connections", "state" => "busy")
            .set(f64::from(size.saturating_sub(idle)));
        metrics::gauge!("crowd_db_pool_max_connections").set(f64::from(max));
    }
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// Whether `ip` may read the metrics.
fn allowed(from: &[Network], ip: std::net::IpAddr) -> bool {
    from.iter().any(|n| n.contains(ip))
}

/// The tracing target of sqlx's event about each connection taken from the pool.
const ACQUIRE_TARGET: &str = "sqlx::pool::acquire";

/// Records how long each database query waited for a pool connection
/// (`crowd_db_pool_acquire_seconds`), from the event sqlx writes after every acquire (the pool is
/// told to write it by [`domain::db::connect`]); it sees no other events.
pub fn pool_wait<S>() -> impl tracing_subscriber::Layer<S>
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
{
    use tracing_subscriber::Layer;
    PoolWait.with_filter(
        tracing_subscriber::filter::Targets::new()
            .with_target(ACQUIRE_TARGET, tracing::Level::TRACE),
    )
}

/// The layer behind [`pool_wait`].
struct PoolWait;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for PoolWait {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut waited = AcquiredAfter(None);
        event.record(&mut waited);
        if let Some(seconds) = waited.0 {
            metrics::histogram!("crowd_db_pool_acquire_seconds").record(seconds);
        }
    }
}

/// The `acquired_after_secs` field of sqlx's acquire event.
struct AcquiredAfter(Option<f64>);

impl tracing::field::Visit for AcquiredAfter {
    fn record_f64(&mut self, field: &tracing::field::Field, value: f64) {
        if field.name() == "acquired_after_secs" {
            self.0 = Some(value);
        }
    }

    fn record_debug(&mut self, _: &tracing::field::Field, _: &dyn std::fmt::Debug) {}
}

/// Sets up the process's logging: `filter`'s lines in `format` on standard output, and the pool-wait
/// figures for `/metrics`.
pub fn init_logs(format: crate::config::LogFormat, filter: tracing_subscriber::EnvFilter) {
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let lines = tracing_subscriber::fmt::layer().with_target(false);
    let lines = match format {
        crate::config::LogFormat::Json => lines.json().with_filter(filter).boxed(),
        crate::config::LogFormat::Text => lines.with_filter(filter).boxed(),
    };
    tracing_subscriber::registry()
        .with(lines)
        .with(pool_wait())
        .init();
}
