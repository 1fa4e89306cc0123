//! Live signals across server instances. Each instance fans out its own commits in process (the event bus,
//! the bell, the moderation queue and commission pings); with several instances on one PostgreSQL database
//! the relay carries them to the others through `LISTEN`/`NOTIFY`.
//!
//! What travels is small: the id of a committed event (the others read the row from the `events` table),
//! "the queue changed", a project whose commission's work changed, or a user with a new notification.
//! Every payload names the instance that sent it, so an instance ignores its own. SQLite is one process by
//! nature: there the relay is not started.

use crate::entities::event;
use crate::events::{Live, StoredEvent};
use crate::{Domain, Result};
use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, Statement};
use std::time::Duration;
use tokio::sync::mpsc;

/// The channel the server's instances share.
pub const CHANNEL: &str = "crowd_live";

impl Live {
    /// `<kind>:<number>` after the sender's id: `e:42`, `q:0`, `c:7`, `n:3`.
    fn encode(self, origin: &str) -> String {
        let (kind, n) = match self {
            Live::Event(id) => ('e', id),
            Live::Queue => ('q', 0),
            Live::Commission(project) => ('c', project),
            Live::Notice(user) => ('n', user),
        };
        format!("{origin} {kind}:{n}")
    }

    /// The signal of a payload and its sender; `None` for anything else.
    fn decode(payload: &str) -> Option<(&str, Live)> {
        let (origin, signal) = payload.split_once(' ')?;
        let (kind, n) = signal.split_once(':')?;
        let n: i64 = n.parse().ok()?;
        let live = match kind {
            "e" => Live::Event(n),
            "q" => Live::Queue,
            "c" => Live::Commission(n),
            "n" => Live::Notice(n),
            _ => return None,
        };
        Some((origin, live))
    }
}

/// A name for this instance, unique enough among the instances of one database.
fn instance_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos:x}", std::process::id())
}

/// Starts relaying `d`'s live signals through PostgreSQL channel `channel` ([`CHANNEL`] in the server;
/// tests pick their own, as channels are database-wide). Returns `false` on SQLite, where it does nothing.
/// Runs until the process ends; a lost connection is re-established after a pause.
pub async fn start(d: &Domain, channel: &str) -> Result<bool> {
    if d.db.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(false);
    }
    let origin = instance_name();
    let (outbound, mut signals) = mpsc::unbounded_channel::<Live>();
    let mut listener =
        sea_orm::sqlx::postgres::PgListener::connect_with(d.db.get_postgres_connection_pool())
            .await
            .map_err(|e| crate::Error::Internal(format!("relay: {e}")))?;
    listener
        .listen(channel)
        .await
        .map_err(|e| crate::Error::Internal(format!("relay: {e}")))?;
    d.bus.relay_to(outbound);

    // Outbound: each local signal becomes a NOTIFY.
    let sender = d.clone();
    let (name, ch) = (origin.clone(), channel.to_owned());
    tokio::spawn(async move {
        while let Some(live) = signals.recv().await {
            let sent = sender
                .db
                .execute_raw(Statement::from_sql_and_values(
                    DatabaseBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [ch.clone().into(), live.encode(&name).into()],
                ))
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "relay: NOTIFY failed; other instances miss one live update");
            }
        }
    });

    // Inbound: the others' signals go to this instance's subscribers only.
    let receiver = d.clone();
    tokio::spawn(async move {
        loop {
            // `try_recv`, not `recv`: `recv` reconnects without saying so, and what the others sent
            // meanwhile is missed. Open pages catch up from the events table when they reconnect; the
            // bus forgets the heads that the missed events would have moved, so that new streams read
            // the table too.
            match listener.try_recv().await {
                Ok(Some(note)) => {
                    if let Some((from, live)) = Live::decode(note.payload())
                        && from != origin
                    {
                        deliver(&receiver, live).await;
                    }
                }
                Ok(None) => {
                    receiver.bus.forget_heads();
                    tracing::warn!("relay: the connection was lost; listening again");
                }
                Err(e) => {
                    receiver.bus.forget_heads();
                    tracing::warn!(error = %e, "relay: listening failed; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(true)
}

/// Hands another instance's signal to this instance's subscribers (without relaying it again).
async fn deliver(d: &Domain, live: Live) {
    match live {
        Live::Event(id) => match event::Entity::find_by_id(id).one(&d.db).await {
            Ok(Some(row)) => {
                metrics::counter!("crowd_events_relayed_total").increment(1);
                let lag = (chrono::Utc::now() - row.created_at).num_microseconds();
                metrics::histogram!("crowd_relay_lag_seconds")
                    .record(lag.map_or(0.0, |us| us.max(0) as f64 / 1e6));
                d.bus.publish_local(StoredEvent::from(row));
            }
            Ok(None) => {}
            Err(e) => {
                d.bus.forget_heads();
                tracing::warn!(error = %e, id, "relay: reading a relayed event failed");
            }
        },
        Live::Queue => {
            let _ = d.queue.send(());
        }
        Live::Commission(project) => {
            let _ = d.commission.send(project);
        }
        Live::Notice(user) => {
            let _ = d.notices.send(user);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Live;

    #[test]
    fn signals_survive_the_wire_and_garbage_is_ignored() {
        for live in [
            Live::Event(42),
            Live::Queue,
            Live::Commission(7),
            Live::Notice(3),
        ] {
            let wire = live.encode("123-abc");
            assert_eq!(Live::decode(&wire), Some(("123-abc", live)));
        }
        assert_eq!(Live::decode("nonsense"), None);
        assert_eq!(Live::decode("x e:many"), None);
        assert_eq!(Live::decode("x z:1"), None);
    }
}
