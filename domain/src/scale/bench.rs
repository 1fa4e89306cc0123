//! What `crowd bench --site` reads from and checks in its copy of the Moscow-scale data: sessions of
//! generated residents, the running project's ideas, and whether votes and counters agree.

use crate::entities::{idea, idea_vote, project, user};
use crate::{Domain, Error, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Sessions of the first `n` generated residents: account id and session token.
pub async fn sessions(d: &Domain, n: u64) -> Result<Vec<(i64, String)>> {
    let rows = user::Entity::find()
        .filter(user::Column::Email.like("resident%@moscow.example"))
        .order_by_asc(user::Column::Id)
        .limit(n)
        .all(&d.db)
        .await?;
    let mut tokens = Vec::new();
    for row in rows {
        let who = crate::User::try_from(row)?;
        let token = crate::auth::sessions::create_session(d, &who).await?.0;
        tokens.push((who.id, token));
    }
    Ok(tokens)
}

/// Project `slug`'s id and its newest `n` published ideas.
pub async fn published(d: &Domain, slug: &str, n: u64) -> Result<(i64, Vec<i64>)> {
    let p = project::Entity::find()
        .filter(project::Column::Slug.eq(slug))
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let ids = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.eq(wire::IdeaStatus::Published.as_str()))
        .order_by_desc(idea::Column::Id)
        .limit(n)
        .into_tuple()
        .all(&d.db)
        .await?;
    Ok((p.id, ids))
}

/// The stored votes of `voters`: `(voter, idea) → value`.
pub async fn votes_of(d: &Domain, voters: &[i64]) -> Result<HashMap<(i64, i64), i16>> {
    let mut out = HashMap::new();
    for chunk in voters.chunks(500) {
        let rows = idea_vote::Entity::find()
            .filter(idea_vote::Column::UserId.is_in(chunk.to_vec()))
            .all(&d.db)
            .await?;
        out.extend(rows.into_iter().map(|v| ((v.user_id, v.idea_id), v.value)));
    }
    Ok(out)
}

/// How many of `ideas` have support or objection counters that differ from their vote rows.
pub async fn counters_disagree(d: &Domain, ideas: &[i64]) -> Result<usize> {
    let mut wrong = 0;
    for chunk in ideas.chunks(500) {
        let mut tally: HashMap<i64, (i64, i64)> = HashMap::new();
        for v in idea_vote::Entity::find()
            .filter(idea_vote::Column::IdeaId.is_in(chunk.to_vec()))
            .all(&d.db)
            .await?
        {
            let t = tally.entry(v.idea_id).or_default();
            if v.value > 0 {
                t.0 += 1;
            } else {
                t.1 += 1;
            }
        }
        wrong += idea::Entity::find()
            .filter(idea::Column::Id.is_in(chunk.to_vec()))
            .all(&d.db)
            .await?
            .into_iter()
            .filter(|x| {
                tally.get(&x.id).copied().unwrap_or_default() != (x.support_count, x.oppose_count)
            })
            .count();
    }
    Ok(wrong)
}
