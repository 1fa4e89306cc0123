//! Open data over plain HTTP, for anyone and without a session:
//!
//! - `GET /projects/{slug}/export/{ideas|votes|decisions}.{csv|json}`: a project's public ideas, its votes
//!   (anonymised) and its decision trail, streamed batch by batch ([`domain::export`]) so memory stays
//!   flat whatever the size;
//! - the read-only JSON API under `/api/v1` (see docs/api.md): projects, a project's ideas with cursor
//!   pagination, filters and search, and its results.

use crate::router::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::export::{self, Dataset};
use serde::{Deserialize, Serialize};

fn status_of(e: &domain::Error) -> StatusCode {
    match e {
        domain::Error::NotFound => StatusCode::NOT_FOUND,
        domain::Error::Invalid(_) => StatusCode::BAD_REQUEST,
        e => {
            tracing::error!(error = %e, "open data request failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
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

/// A project in the API.
#[derive(Debug, Serialize)]
pub struct ApiProject {
    slug: String,
    title_ru: String,
    title_en: String,
    phase: &'static str,
    starts_at: String,
    ends_at: String,
    ideas_count: i64,
    participants_count: i64,
    selected_count: i64,
}

impl From<domain::projects::ProjectSummary> for ApiProject {
    fn from(p: domain::projects::ProjectSummary) -> Self {
        ApiProject {
            slug: p.slug,
            title_ru: p.title.0,
            title_en: p.title.1,
            phase: p.phase.as_str(),
            starts_at: p.starts_at.to_rfc3339(),
            ends_at: p.ends_at.to_rfc3339(),
            ideas_count: p.ideas_count,
            participants_count: p.participants_count,
            selected_count: p.selected_count,
        }
    }
}

/// `GET /api/v1/projects`: every public project, newest first.
pub async fn api_projects(State(state): State<AppState>) -> Response {
    let d = &state.ctx.domain;
    match domain::projects::list_public(d).await {
        Ok(list) => {
            let list: Vec<ApiProject> = list.into_iter().map(Into::into).collect();
            axum::Json(serde_json::json!({ "projects": list })).into_response()
        }
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
        Ok(page) => axum::Json(serde_json::json!({ "ideas": page.items, "next": page.next }))
            .into_response(),
        Err(e) => status_of(&e).into_response(),
    }
}

/// `GET /api/v1/projects/{slug}/results`: the figures, per direction and per day, and the selected ideas.
pub async fn api_results(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let d = &state.ctx.domain;
    match domain::results::of_project(d, &slug).await {
        Ok(r) => {
            let directions: Vec<serde_json::Value> = r
                .directions
                .iter()
                .map(|x| {
                    serde_json::json!({
                        "title_ru": x.title.0, "title_en": x.title.1,
                        "submitted": x.submitted, "selected": x.selected,
                    })
                })
                .collect();
            let per_day: Vec<serde_json::Value> = r
                .per_day
                .iter()
                .map(|(day, n)| serde_json::json!({ "day": day.to_string(), "ideas": n }))
                .collect();
            let selected: Vec<serde_json::Value> = r
                .selected_ideas
                .iter()
                .map(|(card, reason)| serde_json::json!({ "idea": card, "reason": reason }))
                .collect();
            axum::Json(serde_json::json!({
                "project": ApiProject::from(r.summary),
                "submitted": r.submitted,
                "published": r.published,
                "selected": r.selected,
                "directions": directions,
                "per_day": per_day,
                "selected_ideas": selected,
            }))
            .into_response()
        }
        Err(e) => status_of(&e).into_response(),
    }
}
