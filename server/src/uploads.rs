//! `POST /staff/projects/{id}/cover`: a staff member uploads a project's cover picture.
//!
//! A plain multipart form post, so it works without JavaScript: the answer is always a redirect back to
//! the editor, with `?cover=saved` or `?cover_error=<code>` that the editor shows next to the file field.
//! Who: staff and admins ([`domain::staff::EDIT`]), checked before the body is read.

use crate::router::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

/// Largest request accepted; bigger pictures than [`domain::media::MAX_UPLOAD_BYTES`] still get a field
/// message as long as the request stays under this.
pub const BODY_LIMIT: usize = 2 * domain::media::MAX_UPLOAD_BYTES;

/// The handler.
pub async fn upload_cover(
    State(state): State<AppState>,
    Path(project_id): Path<i64>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let d = &state.ctx.domain;
    let token = app::ssr::cookie_from(&headers, app::ssr::SESSION_COOKIE);
    let user = match domain::auth::authorize_token(d, token.as_deref(), domain::staff::EDIT).await {
        Ok(user) => user,
        Err(domain::Error::Unauthorized) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(domain::Error::Forbidden) => return StatusCode::FORBIDDEN.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cover upload: session look-up failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let back = |query: &str| {
        Redirect::to(&format!("/staff/projects/{project_id}?{query}#cover-title")).into_response()
    };
    let mut upload = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("cover") => match field.bytes().await {
                Ok(bytes) => upload = Some(bytes.to_vec()),
                Err(_) => return back("cover_error=too_large"),
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back("cover_error=not_image"),
        }
    }
    let result = domain::staff::set_cover(
        d,
        &user,
        project_id,
        upload.unwrap_or_default(),
        &state.ctx.data_dir,
    )
    .await;
    match result {
        Ok(_) => back("cover=saved"),
        Err(domain::Error::Invalid(list)) => back(&format!(
            "cover_error={}",
            list.first().map_or("invalid", |e| e.code)
        )),
        Err(domain::Error::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cover upload failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/plain")],
                "internal error",
            )
                .into_response()
        }
    }
}
