//! The event log and the live bus.
//!
//! A write that others should see appends a row to `events` inside its own transaction ([`append`]); after the
//! commit the caller hands the row to the [`EventBus`], which fans it out to live subscribers (the SSE
//! endpoint). Event ids increase monotonically, so a browser that reconnects with the id of the last event it
//! saw gets every later event from [`since`]: nothing is lost between a disconnect and a reconnect.
//!
//! A row stores one [`LiveEvent`] (its kind, and the whole event as JSON: what the stream sends as `data:`)
//! and names the idea and comment it is about. When moderation takes an idea or a
//! comment down, or its text is corrected, the earlier rows that carry its text are rewritten in the same
//! transaction ([`redact_idea`], [`redact_comment`], [`restate_idea`]): their ids stay, so resume points
//! still work, but a replay no longer shows what was taken down.

use crate::Result;
use crate::entities::event;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;
use std::sync::Arc;
use tokio::sync::broadcast;
use wire::{IdeaCard, LiveEvent};

/// A committed event, as sent to live subscribers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Monotonically increasing id: the SSE `id:` and the resume point.
    pub id: i64,
    /// The project the event belongs to, if any.
    pub project_id: Option<i64>,
    /// What happened (`idea_published`, ...): the SSE `event:` name.
    pub kind: String,
    /// JSON payload: the SSE `data:`.
    pub payload: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// The event as its live streams send it (one Server-Sent Events frame), written by the first
    /// stream that sends it and shared by all the others: one copy for 10,000 subscribers.
    pub frame: std::sync::OnceLock<bytes::Bytes>,
}

impl From<event::Model> for StoredEvent {
    fn from(m: event::Model) -> Self {
        StoredEvent {
            id: m.id,
            project_id: m.project_id,
            kind: m.kind,
            payload: m.payload,
            created_at: m.created_at,
            frame: std::sync::OnceLock::new(),
        }
    }
}

/// Appends an event inside the caller's transaction and returns it; publish it on the bus after the commit.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    project_id: Option<i64>,
    actor_id: Option<i64>,
    event: &LiveEvent,
    now: DateTime<Utc>,
) -> Result<StoredEvent> {
    let row = event::ActiveModel {
        project_id: Set(project_id),
        actor_id: Set(actor_id),
        idea_id: Set(event.idea_id()),
        comment_id: Set(event.comment_id()),
        kind: Set(event.kind().to_owned()),
        payload: Set(json(event)?),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    metrics::counter!("crowd_events_appended_total", "kind" => event.kind()).increment(1);
    Ok(row.into())
}

fn json(payload: &impl Serialize) -> Result<String> {
    serde_json::to_string(payload).map_err(|e| crate::Error::Internal(e.to_string()))
}

/// Blanks every stored event that carries the text of idea `idea_id` or of one of its comments (the idea
/// was rejected, withdrawn or merged away). Call inside the transaction that takes the idea down.
pub async fn redact_idea<C: ConnectionTrait>(conn: &C, idea_id: i64) -> Result<u64> {
    redact(conn, event::Column::IdeaId.eq(idea_id)).await
}

/// Blanks every stored event that carries the text of comment `comment_id` (it was hidden).
pub async fn redact_comment<C: ConnectionTrait>(conn: &C, comment_id: i64) -> Result<u64> {
    redact(conn, event::Column::CommentId.eq(comment_id)).await
}

async fn redact<C: ConnectionTrait>(conn: &C, about: Expr) -> Result<u64> {
    Ok(event::Entity::update_many()
        .col_expr(event::Column::Kind, Expr::value(LiveEvent::Redacted.kind()))
        .col_expr(
            event::Column::Payload,
            Expr::value(json(&LiveEvent::Redacted)?),
        )
        .filter(about)
        .filter(event::Column::Kind.is_in(LiveEvent::TEXT_KINDS))
        .exec(conn)
        .await?
        .rows_affected)
}

/// Rewrites the earlier `idea_published`/`idea_edited` events of an idea whose text changed (edited by its
/// author, corrected by a moderator) to carry `card`, its current version: an earlier version is no longer
/// replayed. Call inside the transaction that changes the idea.
pub async fn restate_idea<C: ConnectionTrait>(conn: &C, card: &IdeaCard) -> Result<()> {
    for kind in [
        LiveEvent::IdeaPublished(card.clone()),
        LiveEvent::IdeaEdited(card.clone()),
    ] {
        event::Entity::update_many()
            .col_expr(event::Column::Payload, Expr::value(json(&kind)?))
            .filter(event::Column::IdeaId.eq(card.id))
            .filter(event::Column::Kind.eq(kind.kind()))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// The condition selecting one project's events (`Some(id)`) or the site-wide ones (`None`).
fn in_scope(scope: Option<i64>) -> Expr {
    match scope {
        Some(project_id) => event::Column::ProjectId.eq(project_id),
        None => event::Column::ProjectId.is_null(),
    }
}

/// Events of one project (`Some(id)`) or site-wide events (`None`) with an id greater than `after`,
/// oldest first, at most `limit`.
pub async fn since<C: ConnectionTrait>(
    conn: &C,
    scope: Option<i64>,
    after: i64,
    limit: u64,
) -> Result<Vec<StoredEvent>> {
    Ok(event::Entity::find()
        .filter(in_scope(scope))
        .filter(event::Column::Id.gt(after))
        .order_by_asc(event::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(StoredEvent::from)
        .collect())
}

/// The id of the event `window` places before the newest of a project (`Some(id)`) or of the site-wide
/// events: a stream resuming before it is too far behind to replay (it is told to reload instead).
pub async fn replay_floor<C: ConnectionTrait>(
    conn: &C,
    scope: Option<i64>,
    window: u64,
) -> Result<Option<i64>> {
    Ok(event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(in_scope(scope))
        .order_by_desc(event::Column::Id)
        .offset(window)
        .limit(1)
        .into_tuple()
        .one(conn)
        .await?)
}

/// The id of the newest event of a project (`Some(id)`) or of the site-wide events (`None`), or 0: where a
/// page rendered now should resume its live stream.
pub async fn last_id<C: ConnectionTrait>(conn: &C, scope: Option<i64>) -> Result<i64> {
    Ok(event::Entity::find()
        .filter(in_scope(scope))
        .order_by_desc(event::Column::Id)
        .one(conn)
        .await?
        .map_or(0, |e| e.id))
}

/// Tells `d`'s bus the newest event of every project and of the site-wide events, read in one statement
/// (a seek of `ix_events_project` per project): after a restart, the streams that reconnect at the head
/// then skip their replay instead of all reading the table at once. Returns how many scopes have events.
pub async fn recall_heads(d: &crate::Domain) -> Result<usize> {
    let sql = "SELECT p.id AS scope, (SELECT MAX(e.id) FROM events e WHERE e.project_id = p.id) AS head \
               FROM projects p \
               UNION ALL SELECT NULL, (SELECT MAX(e.id) FROM events e WHERE e.project_id IS NULL)";
    let rows =
        d.db.query_all_raw(sea_orm::Statement::from_string(
            d.db.get_database_backend(),
            sql,
        ))
        .await?;
    let mut heads = Vec::with_capacity(rows.len());
    for row in rows {
        let scope: Option<i64> = row.try_get("", "scope")?;
        if let Some(head) = row.try_get::<Option<i64>>("", "head")? {
            heads.push((scope, head));
        }
    }
    let known = heads.len();
    d.bus.know_heads(heads);
    Ok(known)
}

/// A live signal: what this instance tells the others when the relay runs (see the `relay` module, which
/// carries it over PostgreSQL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Live {
    /// An event was committed (its id in `events`).
    Event(i64),
    /// The moderation queue changed.
    Queue,
    /// The commission's work on a project changed (the project id).
    Commission(i64),
    /// A user has a new notification (the user id).
    Notice(i64),
}

/// In-process fan-out of committed events.
///
/// Subscribers that fall behind by more than the channel's capacity are told they lagged and re-read the gap
/// from the events table, so a slow browser costs memory only up to the capacity.
#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Arc<StoredEvent>>,
    /// Where live signals go for the other instances, once the relay runs.
    outbound: Arc<std::sync::OnceLock<tokio::sync::mpsc::UnboundedSender<Live>>>,
    /// Events and signals sent so far (the page cache's notion of "something changed").
    changes: Arc<std::sync::atomic::AtomicU64>,
    /// The highest event id published so far in each scope (a project, or `None` for the site-wide
    /// events); a scope with nothing published since start is absent.
    newest: Arc<std::sync::Mutex<std::collections::HashMap<Option<i64>, i64>>>,
}

impl EventBus {
    /// Events kept for slow subscribers before they must catch up from the database.
    pub const CAPACITY: usize = 1024;

    /// A bus with no subscribers.
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(Self::CAPACITY);
        Self {
            sender,
            outbound: Arc::default(),
            changes: Arc::default(),
            newest: Arc::default(),
        }
    }

    /// Whether a stream of `scope` that has every event up to `resume` has nothing to read from the
    /// table: an event of the scope was published since start and none with a higher id. (An event
    /// committed but not yet published, here or by another instance, reaches the stream through the
    /// bus, to which it subscribed first.) `false` when nothing of the scope was published since start.
    pub fn is_at_head(&self, scope: Option<i64>, resume: i64) -> bool {
        self.newest
            .lock()
            .map(|newest| newest.get(&scope).is_some_and(|&id| resume >= id))
            .unwrap_or(false)
    }

    /// Takes `heads` (a scope and the id of its newest event, as [`recall_heads`] reads them from the
    /// table) as published, so that streams resuming at the head skip the replay after a restart too.
    /// Only once this instance hears the others' events (the relay listens): an event committed
    /// elsewhere before that would be neither in `heads` nor on the bus.
    pub fn know_heads(&self, heads: impl IntoIterator<Item = (Option<i64>, i64)>) {
        if let Ok(mut newest) = self.newest.lock() {
            for (scope, id) in heads {
                let known = newest.entry(scope).or_insert(id);
                *known = (*known).max(id);
            }
        }
    }

    /// Forgets the newest event of every scope: streams read the table again until events are published.
    /// For when this instance stopped hearing the others (the relay's listener failed): their events of
    /// that time never reach the bus, so what it took for the head may be behind the table.
    pub fn forget_heads(&self) {
        if let Ok(mut newest) = self.newest.lock() {
            newest.clear();
        }
    }

    /// How many events and signals this bus has carried (it only grows).
    pub fn changes(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Sends a committed event to every current subscriber, here and (through the relay) in the other
    /// instances.
    pub fn publish(&self, event: StoredEvent) {
        self.relay(Live::Event(event.id));
        self.publish_local(event);
    }

    /// Sends a committed event to this instance's subscribers only.
    pub fn publish_local(&self, event: StoredEvent) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        self.know_heads([(event.project_id, event.id)]);
        // An error only means nobody is listening right now; the event is in the table for later readers.
        let _ = self.sender.send(Arc::new(event));
    }

    /// Tells the other instances (when the relay runs).
    pub fn relay(&self, live: Live) {
        self.changes
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        if let Some(outbound) = self.outbound.get() {
            let _ = outbound.send(live);
        }
    }

    /// Sends this bus's signals to `outbound` from now on (set once, by the relay when it starts).
    pub fn relay_to(&self, outbound: tokio::sync::mpsc::UnboundedSender<Live>) {
        let _ = self.outbound.set(outbound);
    }

    /// A receiver of every event published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<StoredEvent>> {
        self.sender.subscribe()
    }
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: i64, project_id: Option<i64>) -> StoredEvent {
        StoredEvent {
            id,
            project_id,
            kind: "redacted".into(),
            payload: "null".into(),
            created_at: Utc::now(),
            frame: std::sync::OnceLock::new(),
        }
    }

    #[test]
    fn the_bus_knows_the_newest_event_of_each_scope_even_when_they_arrive_out_of_order() {
        let bus = EventBus::new();
        assert!(
            !bus.is_at_head(Some(1), 100),
            "nothing published since start: read the table"
        );
        bus.publish_local(event(7, Some(1)));
        bus.publish_local(event(5, Some(1)));
        bus.publish_local(event(9, None));
        assert!(bus.is_at_head(Some(1), 7));
        assert!(!bus.is_at_head(Some(1), 6), "one event behind");
        assert!(
            !bus.is_at_head(Some(2), 7),
            "another project: nothing published"
        );
        assert!(bus.is_at_head(None, 9));
        assert!(!bus.is_at_head(None, 8));
    }

    #[test]
    fn heads_known_from_the_table_count_until_forgotten() {
        let bus = EventBus::new();
        bus.know_heads([(Some(1), 40), (None, 12)]);
        bus.publish_local(event(30, Some(1)));
        assert!(
            bus.is_at_head(Some(1), 40),
            "an older event moves no head back"
        );
        assert!(!bus.is_at_head(Some(1), 39));
        assert!(bus.is_at_head(None, 12));
        bus.forget_heads();
        assert!(!bus.is_at_head(Some(1), 40), "forgotten: read the table");
        assert!(!bus.is_at_head(None, 12));
    }
}
