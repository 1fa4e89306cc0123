//! Open data over plain HTTP, for anyone and without a session:
//!
//! - `GET /projects/{slug}/export/{ideas|votes|decisions}.{csv|json}`: a project's public ideas, its votes
//!   (anonymised) and its decision trail, streamed batch by batch ([`domain::export`]) so memory stays
//!   flat whatever the size;
//! - `GET /projects/{slug}/export/ballots.{csv|json}` and `ballots-{direction}.pb`: the residents'
//!   vote's ballots without voters, for a recount;
//! - the read-only JSON API under `/api/v1` (see docs/api.md): projects, a project's ideas with cursor
//!   pagination, filters and search, its results, and "what was built" (the implementation records of
//!   public ideas, across projects) — each answer a `wire` type, the same the site's
//!   pages are made of, and described at `/api/v1/openapi.json` by schemas derived from those same
//!   types ([`openapi`]), so the description cannot drift from the code. Every parameter is checked;
//!   every error is a JSON [`wire::ApiError`] with a code.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::export::{self, Dataset};
use serde::Deserialize;
use wire::{ApiError, ApiErrorCode, ApiProjects};

fn status_of(e: &domain::Error) -> StatusCode {
    crate::state::status_of(e, "open data")
}

/// An error answer of the API: `status` with an [`ApiError`] body.
fn api_error(
    status: StatusCode,
    code: ApiErrorCode,
    parameter: Option<&str>,
    message: impl Into<String>,
) -> Response {
    let body = ApiError {
        code,
        parameter: parameter.map(str::to_owned),
        message: message.into(),
    };
    (status, axum::Json(body)).into_response()
}

/// A malformed parameter: 400.
fn bad(parameter: &str, message: impl Into<String>) -> Response {
    api_error(
        StatusCode::BAD_REQUEST,
        ApiErrorCode::BadParameter,
        Some(parameter),
        message,
    )
}

/// A domain error as an API answer: 404 for a project that is not public, 500 otherwise.
fn failed(e: &domain::Error) -> Response {
    match status_of(e) {
        StatusCode::NOT_FOUND => api_error(
            StatusCode::NOT_FOUND,
            ApiErrorCode::NotFound,
            None,
            "no such public project",
        ),
        status => api_error(status, ApiErrorCode::Internal, None, "the server failed"),
    }
}

/// Any other address under `/api/v1`: a JSON 404, not the site's page.
pub async fn api_not_found() -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        ApiErrorCode::NotFound,
        None,
        "no such address in the API (see /api/v1/openapi.json)",
    )
}

/// `GET /projects/{slug}/export/{file}`.
pub async fn export_handler(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Response {
    let Some((name, format)) = file.rsplit_once('.') else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if name == "ballots" || name.starts_with("ballots-") {
        return ballots(&state, &slug, name, format, &file).await;
    }
    let (Some(what), true) = (Dataset::parse(name), matches!(format, "csv" | "json")) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let d = state.ctx.domain.clone();
    let project = match domain::projects::find_public(&d.db, &slug, d.now()).await {
        Ok(p) => p,
        Err(e) => return status_of(&e).into_response(),
    };
    let csv = format == "csv";
    let stream = async_stream::stream! {
        yield Ok::<_, std::io::Error>(if csv { what.header().to_owned() } else { "[\n".to_owned() });
        let (mut after, mut first) = (0i64, true);
        loop {
            let (rows, next) = match export::batch(&d, project.id, what, after).await {
                Ok(batch) => batch,
                Err(e) => {
                    tracing::error!(error = %e, "export failed midway");
                    yield Err(std::io::Error::other("export failed"));
                    return;
                }
            };
            let mut chunk = String::new();
            for row in &rows {
                if csv {
                    chunk.push_str(&row.csv());
                } else {
                    if !first {
                        chunk.push_str(",\n");
                    }
                    first = false;
                    chunk.push_str(&serde_json::to_string(row).unwrap_or_default());
                }
            }
            yield Ok(chunk);
            match next {
                Some(id) => after = id,
                None => break,
            }
        }
        if !csv {
            yield Ok("\n]\n".to_owned());
        }
    };
    let content_type = if csv {
        "text/csv; charset=utf-8"
    } else {
        "application/json"
    };
    let disposition = format!("attachment; filename=\"{slug}-{file}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

/// `GET /projects/{slug}/export/ballots.{csv|json}` and `.../ballots-{direction}.pb`: the confirmed
/// ballots of the residents' vote without their voters (receipt, token, choices), once its totals are
/// public, or one direction of a budget vote in the Pabulib format ([`domain::vote`]).
async fn ballots(state: &AppState, slug: &str, name: &str, format: &str, file: &str) -> Response {
    let d = &state.ctx.domain;
    let answer = match (name.strip_prefix("ballots-"), format) {
        (Some(direction), "pb") => match direction.parse::<i64>() {
            Ok(direction) => domain::vote::pabulib(d, slug, direction)
                .await
                .map(|text| ("text/plain; charset=utf-8", text)),
            Err(_) => Err(domain::Error::NotFound),
        },
        (None, "csv") => domain::vote::published(d, slug).await.map(|list| {
            let mut out = String::from("receipt,token,choices\r\n");
            for b in list {
                let choices: Vec<String> = b.choices.iter().map(i64::to_string).collect();
                out.push_str(&format!(
                    "{},{},{}\r\n",
                    b.receipt,
                    b.token,
                    choices.join(" ")
                ));
            }
            ("text/csv; charset=utf-8", out)
        }),
        (None, "json") => domain::vote::published(d, slug).await.map(|list| {
            (
                "application/json",
                serde_json::to_string(&list).unwrap_or_default(),
            )
        }),
        _ => Err(domain::Error::NotFound),
    };
    match answer {
        Ok((content_type, body)) => (
            [
                (header::CONTENT_TYPE, content_type.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{slug}-{file}\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => status_of(&e).into_response(),
    }
}

/// `GET /api/v1/projects`: every public project, newest first.
pub async fn api_projects(State(state): State<AppState>) -> Response {
    let d = &state.ctx.domain;
    match domain::projects::list_public(d).await {
        Ok(projects) => axum::Json(ApiProjects { projects }).into_response(),
        Err(e) => failed(&e),
    }
}

/// Query of `GET /api/v1/projects/{slug}/ideas`; any other parameter is refused.
#[derive(Debug, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct IdeasQuery {
    after: Option<String>,
    limit: Option<u64>,
    direction: Option<i64>,
    status: Option<String>,
    sort: Option<String>,
    q: Option<String>,
}

/// Most ideas on one page of the API.
pub const MAX_LIMIT: u64 = 100;

/// Most characters of search words.
pub const MAX_QUERY: usize = 200;

/// A parameter at fault and what is wrong with it.
type Fault = (&'static str, String);

/// The checked feed query, cursor and page size of `query`, or the parameter at fault.
fn checked(query: IdeasQuery) -> Result<(domain::ideas::FeedQuery, Option<String>, u64), Fault> {
    let limit = query.limit.unwrap_or(20);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(("limit", format!("limit is 1 to {MAX_LIMIT}")));
    }
    if let Some(status) = &query.status
        && !wire::IdeaStatus::VISIBLE
            .iter()
            .any(|s| s.as_str() == status)
    {
        return Err((
            "status",
            "status is published, shortlisted, selected or not_selected".into(),
        ));
    }
    let sort = match query.sort.as_deref() {
        None => domain::ideas::Sort::Newest,
        Some(name) => domain::ideas::Sort::named(name)
            .ok_or_else(|| ("sort", "sort is newest, supported or discussed".into()))?,
    };
    if let Some(after) = &query.after
        && !sort.fits(after)
    {
        return Err((
            "after",
            "after is the next of a page in the same order".into(),
        ));
    }
    let search = query.q.unwrap_or_default();
    if search.chars().count() > MAX_QUERY {
        return Err(("q", format!("q is at most {MAX_QUERY} characters")));
    }
    let feed = domain::ideas::FeedQuery {
        direction: query.direction,
        status: query.status,
        sort,
        search,
    };
    Ok((feed, query.after, limit))
}

/// `GET /api/v1/projects/{slug}/ideas`: a page of the public ideas (at most [`MAX_LIMIT`]), `next` is the
/// cursor of the following page.
pub async fn api_ideas(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    query: Result<Query<IdeasQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let (feed, after, limit) = match accepted(query, checked) {
        Ok(checked) => checked,
        Err(refused) => return *refused,
    };
    let d = &state.ctx.domain;
    let project = match domain::projects::find_public(&d.db, &slug, d.now()).await {
        Ok(p) => p,
        Err(e) => return failed(&e),
    };
    match domain::ideas::browse(&d.db, project.id, &feed, after.as_deref(), limit).await {
        Ok(page) => axum::Json(page).into_response(),
        Err(e) => failed(&e),
    }
}

/// A query string read and checked by `check`, or the 400 naming the parameter at fault.
fn accepted<Q, T>(
    query: Result<Query<Q>, axum::extract::rejection::QueryRejection>,
    check: impl FnOnce(Q) -> Result<T, Fault>,
) -> Result<T, Box<Response>> {
    let refused = |parameter: &str, message: String| Box::new(bad(parameter, message));
    let Query(query) = query.map_err(|rejection| {
        refused(&parameter_in(&rejection.body_text()), rejection.body_text())
    })?;
    check(query).map_err(|(parameter, message)| refused(parameter, message))
}

/// The parameter a query rejection is about (serde names it in backquotes: "unknown field `limt`",
/// "limit: invalid digit"), or `query`.
fn parameter_in(message: &str) -> String {
    let quoted = message
        .split('`')
        .nth(1)
        .filter(|name| !name.is_empty() && name.len() < 40);
    let before_colon = message
        .rsplit_once(": ")
        .and_then(|(head, _)| head.rsplit(' ').next())
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    quoted.or(before_colon).unwrap_or("query").to_owned()
}

/// `GET /api/v1/projects/{slug}/results`: the figures, per direction and per day, and the selected ideas.
pub async fn api_results(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let d = &state.ctx.domain;
    match domain::results::of_project(d, &slug).await {
        Ok(results) => axum::Json(results).into_response(),
        Err(e) => failed(&e),
    }
}

/// Query of `GET /api/v1/built`; any other parameter is refused.
#[derive(Debug, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BuiltQuery {
    status: Option<String>,
    project: Option<String>,
    department: Option<String>,
    after: Option<i64>,
}

/// Most characters of a department's name in a filter.
pub const MAX_DEPARTMENT: usize = 200;

/// The checked filter and cursor of `query`, or the parameter at fault.
fn checked_built(query: BuiltQuery) -> Result<(wire::BuiltFilter, Option<i64>), Fault> {
    let status = match query.status.as_deref() {
        None => None,
        Some(name) => Some(wire::ImplStatus::parse(name).ok_or_else(|| {
            (
                "status",
                "status is planned, in_progress, done or cancelled".to_owned(),
            )
        })?),
    };
    if query
        .department
        .as_ref()
        .is_some_and(|d| d.chars().count() > MAX_DEPARTMENT)
    {
        return Err((
            "department",
            format!("department is at most {MAX_DEPARTMENT} characters"),
        ));
    }
    let filter = wire::BuiltFilter {
        status,
        project: query.project,
        department: query.department,
    };
    Ok((filter, query.after))
}

/// `GET /api/v1/built`: "what was built", the implementation records of public ideas in public projects
/// (of one project, one status or one department when asked), newest idea first, a page at a time;
/// `next` is the cursor (`after`) of the following page.
pub async fn api_built(
    State(state): State<AppState>,
    query: Result<Query<BuiltQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let (filter, after) = match accepted(query, checked_built) {
        Ok(checked) => checked,
        Err(refused) => return *refused,
    };
    match domain::implementation::built(&state.ctx.domain, &filter, after).await {
        Ok(page) => axum::Json(page).into_response(),
        Err(e) => failed(&e),
    }
}

/// The OpenAPI 3.1 description of `/api/v1`, built once from the answers' own types.
pub async fn api_openapi() -> Response {
    static DOCUMENT: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    axum::Json(DOCUMENT.get_or_init(crate::openapi::document)).into_response()
}
