//! What an author may still do with their idea: change it or withdraw it, while the idea window is open
//! and nobody has answered it yet; in the author's turn, with the idea locked where it is changed.

use super::{
    IdeaCard, IdeaStatus, NewIdea, Withdrawn, check_fields, count_idea, move_direction_count,
};
use crate::auth::User;
use crate::cards::card;
use crate::entities::{idea, project};
use crate::events;
use crate::projects::{stage_open, stages};
use crate::{Domain, Error, Result};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect, Set,
};
use wire::LiveEvent;

/// The author's own idea `idea_id` if they may still change it now: while the idea window is open, and
/// while the idea waits for moderation or, published, has no votes and no comments yet (nobody has
/// answered what it says). Returns the idea and its project.
async fn own_changeable<C: ConnectionTrait>(
    conn: &C,
    user: &User,
    idea_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(idea::Model, project::Model)> {
    // Locked (PostgreSQL; on SQLite the writer's turn is the lock): a first vote or comment moves the
    // idea's counters in its own transaction, so either it committed before this read, and the idea is
    // no longer changeable, or it waits until the change is made.
    let row = idea::Entity::find_by_id(idea_id)
        .filter(idea::Column::AuthorId.eq(user.id))
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let p = project::Entity::find_by_id(row.project_id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    if !changeable(&row) {
        return Err(Error::field("form", "not_editable"));
    }
    if !stage_open(&stages(conn, p.id).await?, "ideas", now) {
        return Err(Error::field("form", "window_closed"));
    }
    Ok((row, p))
}

/// Whether an idea's status and answers still allow its author to change it (the window aside).
pub fn changeable(row: &idea::Model) -> bool {
    match IdeaStatus::stored(&row.status) {
        IdeaStatus::Submitted => true,
        IdeaStatus::Published => row.support_count + row.oppose_count + row.comment_count == 0,
        _ => false,
    }
}

/// Changes the author's idea (direction, title, text) under the same checks as submitting it.
pub async fn edit(d: &Domain, user: &User, idea_id: i64, new: &NewIdea) -> Result<IdeaCard> {
    let now = d.now();
    // In the account's turn, like a new idea: the check for a title the author already used sees every
    // idea of theirs committed before, and the idea is read (and locked) where it is changed.
    let (_turn, txn) = d.begin_account_write(user.id).await?;
    let (old, p) = own_changeable(&txn, user, idea_id, now).await?;
    let dir = check_fields(d, p.id, user.id, new, Some(idea_id)).await?;
    let public = old.status == IdeaStatus::Published.as_str();
    let old_direction = old.direction_id;
    let mut row = old.into_active_model();
    row.direction_id = Set(dir.id);
    row.title = Set(new.title.trim().to_owned());
    row.body = Set(new.body.trim().to_owned());
    row.updated_at = Set(now);
    let row = row.update(&txn).await?;
    if old_direction != dir.id {
        move_direction_count(&txn, old_direction, -1).await?;
        move_direction_count(&txn, dir.id, 1).await?;
    }
    if public {
        crate::search::reindex_idea(&txn, p.id, idea_id, &row.title, &row.body).await?;
    }
    let card = card(row, &dir, &user.display_name);
    let event = if public {
        events::restate_idea(&txn, &card).await?;
        Some(
            events::append(
                &txn,
                Some(p.id),
                Some(user.id),
                &LiveEvent::IdeaEdited(card.clone()),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    d.commit(txn, event).await?;
    Ok(card)
}

/// Withdraws the author's idea: it leaves the feed, the search and the counts; its page says so.
pub async fn withdraw(d: &Domain, user: &User, idea_id: i64) -> Result<()> {
    let now = d.now();
    let (_turn, txn) = d.begin_account_write(user.id).await?;
    let (old, p) = own_changeable(&txn, user, idea_id, now).await?;
    let public = old.status == IdeaStatus::Published.as_str();
    let direction_id = old.direction_id;
    let mut row = old.into_active_model();
    row.status = Set(IdeaStatus::Withdrawn.into());
    row.updated_at = Set(now);
    row.update(&txn).await?;
    count_idea(&txn, p.id, direction_id, -1).await?;
    crate::search::unindex(&txn, p.id, idea_id).await?;
    events::redact_idea(&txn, idea_id).await?;
    let payload = Withdrawn { idea_id };
    let event = if public {
        Some(
            events::append(
                &txn,
                Some(p.id),
                Some(user.id),
                &LiveEvent::IdeaWithdrawn(payload),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    d.commit(txn, event).await?;
    Ok(())
}
