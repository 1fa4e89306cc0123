//! `POST /staff/projects/{id}/cover`, `POST /staff/members/{id}/photo` and `POST /staff/ideas/{id}/report`:
//! a staff member uploads a project's cover, a commission member's photo, or an implementation's progress
//! report with its photo.
//!
//! Plain multipart form posts, so they work without JavaScript: the answer is always a redirect back to
//! the editor, with `?cover=saved` / `?cover_error=<code>` (or `?member=<id>&photo=saved` /
//! `&photo_error=<code>`) that the editor shows next to the file field; a report goes back to the idea's
//! implementation editor with `?report=saved` or `?report_error=<code>&report_field=<field>`.
//! Who: staff and admins ([`domain::staff::EDIT`]), checked before the body is read.

use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::User;

/// Largest request accepted; bigger pictures than [`domain::media::MAX_UPLOAD_BYTES`] still get a field
/// message as long as the request stays under this.
pub const BODY_LIMIT: usize = 2 * domain::media::MAX_UPLOAD_BYTES;

/// The staff user of the request, or the status refusing it.
async fn staff(state: &AppState, headers: &HeaderMap) -> Result<User, Response> {
    crate::state::session_user(state, headers, domain::staff::EDIT)
        .await
        .map_err(IntoResponse::into_response)
}

/// The status for an error that is not a field message.
fn refused(e: &domain::Error) -> Response {
    match crate::state::status_of(e, "upload") {
        StatusCode::INTERNAL_SERVER_ERROR => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain")],
            "internal error",
        )
            .into_response(),
        status => status.into_response(),
    }
}

/// The bytes of each of the form's `fields`, in their order, empty when missing; or the error code of a
/// broken body.
async fn read_fields<const N: usize>(
    form: &mut Multipart,
    fields: [&str; N],
) -> Result<[Vec<u8>; N], &'static str> {
    let mut read: [Vec<u8>; N] = std::array::from_fn(|_| Vec::new());
    loop {
        match form.next_field().await {
            Ok(Some(part)) => {
                let Some(slot) = fields.iter().position(|f| part.name() == Some(f)) else {
                    continue;
                };
                match part.bytes().await {
                    Ok(bytes) => read[slot] = bytes.to_vec(),
                    Err(_) => return Err("too_large"),
                }
            }
            Ok(None) => return Ok(read),
            Err(_) => return Err("not_image"),
        }
    }
}

/// The bytes of the form's `field` (see [`read_fields`]).
async fn read_field(form: &mut Multipart, field: &str) -> Result<Vec<u8>, &'static str> {
    let [bytes] = read_fields(form, [field]).await?;
    Ok(bytes)
}

/// The redirect back to the editor: the query starts with `prefix`, then says `<field>=saved` on success
/// or `<field>_error=<code>`.
fn back<T>(
    project_id: i64,
    anchor: &str,
    prefix: &str,
    field: &str,
    result: domain::Result<T>,
) -> Response {
    let outcome = match result {
        Ok(_) => format!("{prefix}{field}=saved"),
        Err(domain::Error::Invalid(list)) => {
            let code = list.first().map_or("invalid", |e| e.code);
            format!("{prefix}{field}_error={code}")
        }
        Err(e) => return refused(&e),
    };
    let url = format!("/staff/projects/{project_id}?{outcome}#{anchor}");
    Redirect::to(&url).into_response()
}

/// The cover handler.
pub async fn upload_cover(
    State(state): State<AppState>,
    Path(project_id): Path<i64>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let user = match staff(&state, &headers).await {
        Ok(user) => user,
        Err(refusal) => return refusal,
    };
    let result = match read_field(&mut form, "cover").await {
        Ok(upload) => {
            let d = &state.ctx.domain;
            domain::staff::set_cover(d, &user, project_id, upload, &state.ctx.data_dir).await
        }
        Err(code) => Err(domain::Error::field("cover", code)),
    };
    back(project_id, "cover-title", "", "cover", result)
}

/// The photo handler.
pub async fn upload_photo(
    State(state): State<AppState>,
    Path(member_id): Path<i64>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let user = match staff(&state, &headers).await {
        Ok(user) => user,
        Err(refusal) => return refusal,
    };
    let d = &state.ctx.domain;
    let project_id = match domain::staff::member_project(d, member_id).await {
        Ok(id) => id,
        Err(e) => return refused(&e),
    };
    let result = match read_field(&mut form, "photo").await {
        Ok(upload) => {
            domain::staff::set_member_photo(d, &user, member_id, upload, &state.ctx.data_dir).await
        }
        Err(code) => Err(domain::Error::field("photo", code)),
    };
    let (anchor, prefix) = (
        format!("member-{member_id}"),
        format!("member={member_id}&"),
    );
    back(project_id, &anchor, &prefix, "photo", result)
}

/// The progress report handler: the report's text (`body`) and its optional photo (`photo`).
pub async fn upload_report(
    State(state): State<AppState>,
    Path(idea_id): Path<i64>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let user = match staff(&state, &headers).await {
        Ok(user) => user,
        Err(refusal) => return refusal,
    };
    let result = match read_fields(&mut form, ["body", "photo"]).await {
        Ok([body, photo]) => {
            let d = &state.ctx.domain;
            let body = String::from_utf8_lossy(&body);
            let dir = &state.ctx.data_dir;
            domain::implementation::report(d, &user, idea_id, &body, photo, dir).await
        }
        Err(code) => Err(domain::Error::field("photo", code)),
    };
    let outcome = match result {
        Ok(_) => "report=saved".to_owned(),
        Err(domain::Error::Invalid(list)) => {
            let (field, code) = list
                .first()
                .map_or(("form", "invalid"), |e| (e.field, e.code));
            format!("report_error={code}&report_field={field}")
        }
        Err(e) => return refused(&e),
    };
    let url = format!("/staff/ideas/{idea_id}/implementation?{outcome}#report-edit");
    Redirect::to(&url).into_response()
}
