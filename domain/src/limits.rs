//! Per-account rate limits on residents' writes: ideas, comments and votes.
//!
//! Counted from the rows themselves (the last ones inside the window), so every server instance sees the
//! same figures and nothing is kept in memory. A refusal says when the next attempt will succeed. Each
//! check runs inside the write it guards, in the account's turn ([`crate::Domain::begin_account_write`]):
//! checked before it, requests arriving together all counted the same earlier writes and all passed.

use crate::entities::{comment, event, idea};
use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// At most `max` writes in any `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Writes allowed in the window.
    pub max: u64,
    /// The sliding window, in seconds.
    pub window_secs: i64,
}

/// Ideas per account: 5 an hour.
pub const IDEAS: Limit = Limit {
    max: 5,
    window_secs: 3600,
};
/// Comments per account: 10 in 10 minutes.
pub const COMMENTS: Limit = Limit {
    max: 10,
    window_secs: 600,
};
/// Votes per account: 60 in 10 minutes, every change of a vote counted (flipping one vote back and forth
/// is as many votes, each sent live to every open feed).
pub const VOTES: Limit = Limit {
    max: 60,
    window_secs: 600,
};

/// `Ok` when fewer than `limit.max` of the instants `recent` (oldest first, those inside the window) exist.
fn judge(limit: Limit, recent: &[DateTime<Utc>], now: DateTime<Utc>) -> Result<()> {
    if (recent.len() as u64) < limit.max {
        return Ok(());
    }
    metrics::counter!("crowd_rate_limited_total", "limit" => "writes").increment(1);
    let oldest = recent.first().copied().unwrap_or(now);
    let free_at = oldest + Duration::seconds(limit.window_secs);
    Err(Error::RateLimited {
        retry_after_secs: u64::try_from((free_at - now).num_seconds().max(1)).unwrap_or(1),
    })
}

/// The instants of `user_id`'s latest writes inside the window (oldest first), as many as count.
async fn recent<E, C>(
    conn: &C,
    (who, at): (E::Column, E::Column),
    user_id: i64,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<()>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let since = now - Duration::seconds(limit.window_secs);
    let instants: Vec<DateTime<Utc>> = E::find()
        .select_only()
        .column(at)
        .filter(who.eq(user_id))
        .filter(at.gt(since))
        .order_by_asc(at)
        .limit(limit.max)
        .into_tuple()
        .all(conn)
        .await?;
    judge(limit, &instants, now)
}

/// Whether `user_id` may post another idea now.
pub async fn ideas<C: ConnectionTrait>(conn: &C, user_id: i64, now: DateTime<Utc>) -> Result<()> {
    let columns = (idea::Column::AuthorId, idea::Column::CreatedAt);
    recent::<idea::Entity, _>(conn, columns, user_id, IDEAS, now).await
}

/// Whether `user_id` may comment again now.
pub async fn comments<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let columns = (comment::Column::AuthorId, comment::Column::CreatedAt);
    recent::<comment::Entity, _>(conn, columns, user_id, COMMENTS, now).await
}

/// The kind of the event every effective vote (or change of vote) appends, which the vote limit counts.
const VOTED: &str = "idea_voted";

/// Whether `user_id` may vote (or change a vote) again now: counted from the account's vote events, one
/// per change (the `ix_events_actor_kind` index), not from the vote rows, which a change only updates.
pub async fn votes<C: ConnectionTrait>(conn: &C, user_id: i64, now: DateTime<Utc>) -> Result<()> {
    let since = now - Duration::seconds(VOTES.window_secs);
    let instants: Vec<DateTime<Utc>> = event::Entity::find()
        .select_only()
        .column(event::Column::CreatedAt)
        .filter(event::Column::ActorId.eq(user_id))
        .filter(event::Column::Kind.eq(VOTED))
        .filter(event::Column::CreatedAt.gt(since))
        .order_by_asc(event::Column::CreatedAt)
        .limit(VOTES.max)
        .into_tuple()
        .all(conn)
        .await?;
    judge(VOTES, &instants, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vote_limit_counts_the_kind_of_event_a_vote_appends() {
        let counts = wire::VoteCounts {
            idea_id: 1,
            support_count: 1,
            oppose_count: 0,
        };
        assert_eq!(wire::LiveEvent::IdeaVoted(counts).kind(), VOTED);
    }

    #[test]
    fn the_refusal_says_when_the_oldest_write_leaves_the_window() {
        let now = Utc::now();
        let limit = Limit {
            max: 2,
            window_secs: 600,
        };
        assert!(judge(limit, &[now - Duration::seconds(100)], now).is_ok());
        let full = [now - Duration::seconds(100), now - Duration::seconds(10)];
        match judge(limit, &full, now) {
            Err(Error::RateLimited { retry_after_secs }) => assert_eq!(retry_after_secs, 500),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
