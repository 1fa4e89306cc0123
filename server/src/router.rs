//! The HTTP surface: Leptos pages and server functions, the live event stream, health checks, the language
//! switch, static files, the metrics; and the layers around them (cross-site request refusal, compression,
//! cache headers, request ids, metrics, request tracing).

use crate::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use serde::Deserialize;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// The application router.
pub fn router(state: AppState) -> Router {
    // The process's metrics recorder, before anything is counted.
    crate::metrics::handle();
    let routes = generate_route_list(App);
    let ctx = state.ctx.clone();
    let provide = move || provide_context(ctx.clone());
    let site = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(crate::metrics::metrics_handler))
        .route("/api/v1/projects", get(crate::open_data::api_projects))
        .route(
            "/api/v1/projects/{slug}/ideas",
            get(crate::open_data::api_ideas),
        )
        .route(
            "/api/v1/projects/{slug}/results",
            get(crate::open_data::api_results),
        )
        .route("/api/v1/built", get(crate::open_data::api_built))
        .route("/api/v1/openapi.json", get(crate::open_data::api_openapi))
        .route(
            "/api/v1",
            axum::routing::any(crate::open_data::api_not_found),
        )
        .route(
            "/api/v1/{*rest}",
            axum::routing::any(crate::open_data::api_not_found),
        )
        .route(
            "/projects/{slug}/export/{file}",
            get(crate::open_data::export_handler),
        )
        .route("/lang/{code}", get(switch_language))
        .route(
            "/staff/projects/{id}/cover",
            axum::routing::post(crate::uploads::upload_cover).layer(
                axum::extract::DefaultBodyLimit::max(crate::uploads::BODY_LIMIT),
            ),
        )
        .route(
            "/staff/ideas/{id}/report",
            axum::routing::post(crate::uploads::upload_report).layer(
                axum::extract::DefaultBodyLimit::max(crate::uploads::BODY_LIMIT),
            ),
        )
        .route(
            "/staff/members/{id}/photo",
            axum::routing::post(crate::uploads::upload_photo).layer(
                axum::extract::DefaultBodyLimit::max(crate::uploads::BODY_LIMIT),
            ),
        )
        .nest_service(
            "/uploads",
            tower_http::services::ServeDir::new(state.ctx.data_dir.join("uploads")),
        )
        // The site's code and styles, precompressed at build time (`crowd precompress`): the best
        // ratio by content negotiation, never compressed again per download.
        .nest_service(
            "/pkg",
            tower_http::services::ServeDir::new(
                std::path::Path::new(&*state.leptos_options.site_root)
                    .join(&*state.leptos_options.site_pkg_dir),
            )
            .precompressed_br()
            .precompressed_gzip(),
        )
        .leptos_routes_with_context(&state, routes, provide.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .route_layer(middleware::from_fn(crate::metrics::remember_route))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide, shell));
    // The live streams are never compressed (`text/event-stream`): outside the compression layer, a
    // stream's body is not wrapped in a compressor's state it never uses (5.8 KB per open stream).
    let streams = Router::new()
        .route("/api/events", get(crate::sse::events_handler))
        .route("/api/events/site", get(crate::sse::site_events_handler))
        .route("/api/events/me", get(crate::sse::my_events_handler))
        .route(
            "/api/events/moderation",
            get(crate::sse::moderation_events_handler),
        )
        .route(
            "/api/events/commission",
            get(crate::sse::commission_events_handler),
        )
        .route_layer(middleware::from_fn(crate::metrics::remember_route));
    within_the_edge(site, &state)
        .layer(CompressionLayer::new())
        .merge(within_the_edge(streams, &state))
        .layer(TraceLayer::new_for_http().make_span_with(crate::metrics::span))
        .layer(middleware::from_fn(crate::metrics::request_id))
        .with_state(state)
}

/// The layers every answer passes, innermost first: the page cache, forms without JavaScript, the
/// cross-site refusal, cache headers, the client's address, security headers, the metrics.
fn within_the_edge(routes: Router<AppState>, state: &AppState) -> Router<AppState> {
    routes
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::page_cache::page_cache,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::plain_forms::plain_forms,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_cross_site,
        ))
        .layer(middleware::from_fn(cache_headers))
        .layer(middleware::from_fn_with_state(
            state.edge.clone(),
            crate::edge::identify_client,
        ))
        .layer(middleware::from_fn_with_state(
            state.edge.clone(),
            crate::edge::security_headers,
        ))
        .layer(middleware::from_fn(crate::metrics::measure))
}

async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.ctx.domain.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// `GET /lang/{ru|en}?next=/path`: remembers the language in a cookie (and, for a logged-in person, on
/// their account, for their e-mails) and goes back.
async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<NextQuery>,
    headers: axum::http::HeaderMap,
) -> Response {
    let lang = app::i18n::Lang::from_code(&code);
    if let Some(token) = app::ssr::cookie_from(&headers, app::ssr::SESSION_COOKIE)
        && let Err(e) = domain::auth::switch_language(&state.ctx.domain, &token, lang).await
    {
        // The cookie still switches the pages; only the e-mails stay in the old language.
        tracing::warn!(error = %e, "language not remembered on the account");
    }
    let next = app::next::safe_next(query.next.as_deref().unwrap_or("/"));
    let cookie = app::ssr::cookie_header(
        state.ctx.secure_cookies,
        app::ssr::LANG_COOKIE,
        lang.code(),
        31_536_000,
        false,
    );
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, next)
        .header(header::SET_COOKIE, cookie)
        .body(Body::empty())
        .unwrap_or_else(|e| {
            tracing::error!(error = %e, "language switch answer");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        })
}

/// The `scheme://host[:port]` part of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let rest = &url[scheme_end..];
    let end = rest.find('/').map_or(url.len(), |i| scheme_end + i);
    Some(&url[..end])
}

/// Refuses state-changing requests that a browser sent from another site: their `Origin` (or, failing
/// that, `Referer`) must name this site's host or an allowed origin. Requests with neither header do not
/// come from a browser form or script of another site and pass (the session cookie is SameSite=Lax too).
async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            headers
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .and_then(origin_of)
                .map(str::to_owned)
        });
    if let Some(origin) = claimed {
        let same_site = origin_of(&origin)
            .or(Some(origin.as_str()))
            .and_then(|o| {
                o.split_once("://")
                    .map(|(_, authority)| authority.to_owned())
            })
            .is_some_and(|authority| authority.eq_ignore_ascii_case(host));
        if !same_site
            && !state
                .allowed_origins
                .iter()
                .any(|o| o.eq_ignore_ascii_case(&origin))
        {
            tracing::warn!(%origin, %host, path = %request.uri().path(), "cross-site request refused");
            return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
        }
    }
    next.run(request).await
}

/// Long-lived caching for content-hashed assets; revalidation for everything else under `/pkg`.
async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if path.starts_with("/uploads/") && response.status().is_success() {
        // Upload names carry a hash of their content.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    } else if path.starts_with("/pkg/") && response.status().is_success() {
        let file = path.rsplit('/').next().unwrap_or_default();
        // Hashed names look like `crowd.0123abcd….wasm`: three dot-separated parts or more.
        let hashed = file.split('.').count() >= 3;
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_are_cut_from_urls() {
        assert_eq!(
            origin_of("http://127.0.0.1:3000/projects/x"),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(
            origin_of("https://evil.example"),
            Some("https://evil.example")
        );
        assert_eq!(origin_of("null"), None);
    }
}
