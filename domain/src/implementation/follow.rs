//! Who follows an idea: its author and its supporters without asking (until they opt out), and anyone
//! who chose to follow it. Followers get a notice (bell and e-mail) at each change of its implementation.

use super::*;
use crate::entities::{idea_follow, idea_vote};
use sea_orm::QuerySelect;
use sea_orm::sea_query::OnConflict;
use std::collections::BTreeSet;

/// The followers of `row`, by user id.
pub async fn followers<C: ConnectionTrait>(conn: &C, row: &idea::Model) -> Result<BTreeSet<i64>> {
    let supporters: Vec<i64> = idea_vote::Entity::find()
        .select_only()
        .column(idea_vote::Column::UserId)
        .filter(idea_vote::Column::IdeaId.eq(row.id))
        .filter(idea_vote::Column::Value.gt(0))
        .into_tuple()
        .all(conn)
        .await?;
    let chosen: Vec<(i64, bool)> = idea_follow::Entity::find()
        .select_only()
        .column(idea_follow::Column::UserId)
        .column(idea_follow::Column::Follows)
        .filter(idea_follow::Column::IdeaId.eq(row.id))
        .into_tuple()
        .all(conn)
        .await?;
    let mut out: BTreeSet<i64> = supporters.into_iter().collect();
    out.insert(row.author_id);
    for (user, follows) in chosen {
        if follows {
            out.insert(user);
        } else {
            out.remove(&user);
        }
    }
    Ok(out)
}

/// `user` follows public idea `idea_id` (or stops, when `follows` is false); returns the new state.
pub async fn set_follow(d: &Domain, user: &User, idea_id: i64, follows: bool) -> Result<bool> {
    let (row, _) = public_idea(&d.db, idea_id, d.now()).await?;
    idea_follow::Entity::insert(idea_follow::ActiveModel {
        idea_id: sea_orm::Set(row.id),
        user_id: sea_orm::Set(user.id),
        follows: sea_orm::Set(follows),
        created_at: sea_orm::Set(d.now()),
    })
    .on_conflict(
        OnConflict::columns([idea_follow::Column::IdeaId, idea_follow::Column::UserId])
            .update_columns([idea_follow::Column::Follows, idea_follow::Column::CreatedAt])
            .to_owned(),
    )
    .exec_without_returning(&d.db)
    .await?;
    Ok(follows)
}
