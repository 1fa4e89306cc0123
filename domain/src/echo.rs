//! Forms posted without JavaScript (a slow phone before hydration, scripts off) that come back with
//! messages: what was typed is kept under a one-time token (in the poster's cookie) until the page they
//! return to shows it again, so nobody types a long idea twice. Passwords and tokens are never kept;
//! an echo is taken on first read and swept ten minutes after it was made, and at most
//! [`MAX_WAITING`] wait at once.

use crate::entities::form_echo;
use crate::{Domain, Error, Result};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use wire::FormEcho;

/// How long an echo waits for its page.
pub const KEPT_FOR: Duration = Duration::minutes(10);

/// Most bytes of field values kept from one post (a long idea and its title fit many times over).
pub const MAX_BYTES: usize = 32 * 1024;

/// Most echoes waiting at once: failed posts beyond it are not kept (their pages still show the
/// messages), so a flood of failing posts cannot grow the table without bound.
pub const MAX_WAITING: u64 = 2_000;

/// Keeps the fields of a post to `action` that failed (without secrets, at most [`MAX_BYTES`] of
/// values); returns the token for the poster's cookie, or `None` when nothing was typed.
pub async fn keep(
    d: &Domain,
    action: &str,
    fields: Vec<(String, String)>,
) -> Result<Option<String>> {
    let mut room = MAX_BYTES;
    let fields: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(name, _)| FormEcho::keeps(name))
        .take_while(|(name, value)| {
            let size = name.len() + value.len();
            let fits = size <= room;
            room = room.saturating_sub(size);
            fits
        })
        .collect();
    if fields.iter().all(|(_, value)| value.is_empty()) {
        return Ok(None);
    }
    let echo = FormEcho {
        action: action.to_owned(),
        fields,
        done: false,
    };
    let now = d.now();
    form_echo::Entity::delete_many()
        .filter(form_echo::Column::CreatedAt.lt(now - KEPT_FOR))
        .exec(&d.db)
        .await?;
    if form_echo::Entity::find().count(&d.db).await? >= MAX_WAITING {
        tracing::warn!("too many failed forms waiting for their pages: this one is not kept");
        return Ok(None);
    }
    let token = crate::auth::new_token();
    form_echo::ActiveModel {
        token: Set(crate::auth::token_hash(&token)),
        fields: Set(serde_json::to_string(&echo).map_err(|e| Error::Internal(e.to_string()))?),
        created_at: Set(now),
    }
    .insert(&d.db)
    .await?;
    Ok(Some(token))
}

/// The echo kept under `token`, removed as it is read; `None` when there is none (read already,
/// swept, never made).
pub async fn take(d: &Domain, token: &str) -> Result<Option<FormEcho>> {
    let key = crate::auth::token_hash(token);
    let Some(row) = form_echo::Entity::find_by_id(key.clone())
        .one(&d.db)
        .await?
    else {
        return Ok(None);
    };
    let removed = form_echo::Entity::delete_by_id(key).exec(&d.db).await?;
    if removed.rows_affected == 0 || row.created_at < d.now() - KEPT_FOR {
        return Ok(None);
    }
    let echo = serde_json::from_str(&row.fields).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Some(echo))
}
