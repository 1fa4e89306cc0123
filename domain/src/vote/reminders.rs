//! Reminders: a day before a vote ends, each resident whose ballot holds a draft that does not count
//! (never confirmed, or changed since the last confirmation) is told once, on the bell and by e-mail.
//! Peers lose a fifth of their voters at the confirmation step; this is the nudge.

use super::*;
use crate::entities::project;
use sea_orm::sea_query::Expr;
use wire::About;

/// The notification kind of the reminder.
pub const REMINDER: &str = "vote_reminder";

/// How long before the end of a vote its reminders go out.
pub fn remind_before() -> chrono::Duration {
    chrono::Duration::hours(24)
}

/// Sends the reminders due now: for every public project whose vote stage runs and ends within
/// [`remind_before`], each resident with an unconfirmed draft not yet reminded. Each ballot is claimed
/// (`reminded_at`) before its reminder is written, so several instances running this send one each.
/// Returns how many were sent.
pub async fn remind(d: &Domain) -> Result<usize> {
    let now = d.now();
    let due = stage::Entity::find()
        .filter(stage::Column::Kind.eq(STAGE))
        .filter(stage::Column::StartsAt.lte(now))
        .filter(stage::Column::EndsAt.gt(now))
        .filter(stage::Column::EndsAt.lte(now + remind_before()))
        .all(&d.db)
        .await?;
    let mut sent = 0;
    for stage in due {
        let Some(p) = project::Entity::find_by_id(stage.project_id)
            .one(&d.db)
            .await?
            .filter(|p| crate::projects::is_public(p, now))
        else {
            continue;
        };
        let waiting = ballot::Entity::find()
            .filter(ballot::Column::ProjectId.eq(p.id))
            .filter(ballot::Column::RemindedAt.is_null())
            .filter(ballot::Column::Draft.ne(""))
            .all(&d.db)
            .await?;
        for b in waiting
            .into_iter()
            .filter(|b| b.choices.as_deref() != Some(b.draft.as_str()))
        {
            let (_turn, txn) = d.begin_write().await?;
            let claimed = ballot::Entity::update_many()
                .col_expr(ballot::Column::RemindedAt, Expr::value(now))
                .filter(ballot::Column::Id.eq(b.id))
                .filter(ballot::Column::RemindedAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected
                == 1;
            if !claimed {
                continue;
            }
            let about = About {
                idea_id: 0,
                idea_title: p.title_ru.clone(),
                by: None,
                text: None,
                link: Some(format!("/projects/{}/vote", p.slug)),
            };
            let row = crate::notifications::notify(&txn, b.user_id, REMINDER, &about, now).await?;
            txn.commit().await?;
            d.notified(row).await;
            sent += 1;
        }
    }
    Ok(sent)
}
