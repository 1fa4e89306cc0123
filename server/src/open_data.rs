//! Open data over plain HTTP, for anyone and without a session:
//!
//! - `GET /projects/{slug}/export/{ideas|votes|decisions}.{csv|json}`: a project's public ideas, its votes
//!   (anonymised) and its decision trail, streamed batch by batch ([`domain::export`]) so memory stays
//!   flat whatever the size;
//! - the read-only JSON API under `/api/v1` (see docs/api.md): projects, a project's ideas with cursor
//!   pagination, filters and search, and its results — each answer a `wire` type, the same the site's
//!   pages are made of, so the documented shape cannot drift from the code.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::export::{self, Dataset};
use serde::{Deserialize, Serialize};

fn status_of(e: &domain::Error) -> StatusCode {
    crate::state::status_of(e, "open data")
}

/// `GET /projects/{slug}/export/{file}`.
pub async fn export_handler(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Response {
    let Some((name, format)) = file.rsplit_once('.') else {
        return StatusCode::NOT_FOUND.into_response();
    };
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

/// The answer of `GET /api/v1/projects`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ApiProjects {
    /// Every public project, newest first.
    pub projects: Vec<wire::ProjectCard>,
}

/// `GET /api/v1/projects`: every public project, newest first.
pub async fn api_projects(State(state): State<AppState>) -> Response {
    let d = &state.ctx.domain;
    match domain::projects::list_public(d).await {
        Ok(projects) => axum::Json(ApiProjects { projects }).into_response(),
        Err(e) => status_of(&e).into_response(),
    }
}

/// Query of `GET /api/v1/projects/{slug}/ideas`.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct IdeasQuery {
    after: Option<String>,
    limit: Option<u64>,
    direction: Option<i64>,
    status: Option<String>,
    sort: Option<String>,
    q: Option<String>,
}

/// `GET /api/v1/projects/{slug}/ideas`: a page of the public ideas (at most 100), `next` is the cursor
/// of the following page.
pub async fn api_ideas(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<IdeasQuery>,
) -> Response {
    let d = &state.ctx.domain;
    let project = match domain::projects::find_public(&d.db, &slug, d.now()).await {
        Ok(p) => p,
        Err(e) => return status_of(&e).into_response(),
    };
    let feed = domain::ideas::FeedQuery {
        direction: query.direction,
        status: query.status,
        sort: domain::ideas::Sort::parse(query.sort.as_deref().unwrap_or("")),
        search: query.q.unwrap_or_default().chars().take(200).collect(),
    };
    let limit = query.limit.unwrap_or(20).clamp(1, 100);
    match domain::ideas::browse(&d.db, project.id, &feed, query.after.as_deref(), limit).await {
        Ok(page) => axum::Json(page).into_response(),
        Err(e) => status_of(&e).into_response(),
    }
}

/// `GET /api/v1/projects/{slug}/results`: the figures, per direction and per day, and the selected ideas.
pub async fn api_results(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let d = &state.ctx.domain;
    match domain::results::of_project(d, &slug).await {
        Ok(results) => axum::Json(results).into_response(),
        Err(e) => status_of(&e).into_response(),
    }
}
