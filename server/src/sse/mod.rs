//! Live events as Server-Sent Events: `GET /api/events?project=<id>&after=<event id>` for one project,
//! `GET /api/events/site?after=<event id>` for site-wide events, `GET /api/events/me` for the viewer's
//! unread notification count.
//!
//! The stream first replays every stored event after the resume point (the `Last-Event-ID` header that a
//! reconnecting `EventSource` sends, else `after`), then forwards new events from the in-process bus. The
//! subscription to the bus is taken before the replay, so an event committed in between is not lost; ids
//! already sent are skipped. A stream whose resume point is already the newest event the bus has carried
//! for its scope skips the replay's two queries ([`domain::events::EventBus::is_at_head`]). A subscriber
//! that lags behind the bus re-reads the gap from the table. Streams end when the server shuts down.
//!
//! Streams are bounded: a stream replays at most the last [`REPLAY_WINDOW`] events of its scope (a client
//! further behind gets one `reload` event, whose id is the newest, and reloads the page, which carries its
//! own resume point); every stream holds a place of the [`crate::edge::StreamGate`] (per client address
//! and in total: 429/503 beyond); a project's stream ends with a `gone` event when the project stops
//! being public. A resume point that is not a non-negative number is refused with 400.
//!
//! On PostgreSQL an event can arrive after one with a higher id (two transactions committing out of order,
//! or an event relayed from another instance, see [`domain::relay`]). It is still sent, once, without an
//! `id:` line, so the browser's resume point stays at the highest id it has seen ([`Sent`]).

mod frames;

use crate::edge::StreamPermit;
use crate::state::{AppState, session_user};
use app::ssr::ClientAddress;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use domain::events;
use frames::{Sent, control, control_at, respond};
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;
use wire::LiveEvent;

/// Events read from the table per query while replaying.
const REPLAY_BATCH: u64 = 500;

/// Events a stream replays at most; a client further behind is told to reload.
pub const REPLAY_WINDOW: u64 = 1000;

/// The request's client, as the edge layer found it.
type Client = Option<Extension<ClientAddress>>;

/// A place for one more stream of the request's client: 429/503 when the caps are reached. Counted in
/// the `crowd_sse_streams{kind}` gauge while it is held.
fn admit(state: &AppState, client: &Client, kind: &'static str) -> Result<Held, StatusCode> {
    let ip = client
        .as_ref()
        .map_or(std::net::IpAddr::from([0, 0, 0, 0]), |c| c.0.0);
    let permit = state.edge.streams.admit(ip)?;
    metrics::gauge!("crowd_sse_streams", "kind" => kind).increment(1.0);
    Ok(Held {
        _permit: permit,
        kind,
    })
}

/// An open stream's place and its count in the metrics, both given back when the stream ends.
struct Held {
    _permit: StreamPermit,
    kind: &'static str,
}

impl Drop for Held {
    fn drop(&mut self) {
        metrics::gauge!("crowd_sse_streams", "kind" => self.kind).decrement(1.0);
    }
}

/// Query string of the events endpoint.
#[derive(Debug, Deserialize)]
pub struct EventsQuery {
    /// The project whose events to stream.
    pub project: i64,
    /// Resume after this event id (ignored when the `Last-Event-ID` header is present).
    pub after: Option<i64>,
}

/// `GET /api/events?project=<id>`: one public project's events.
pub async fn events_handler(
    State(state): State<AppState>,
    client: Client,
    Query(query): Query<EventsQuery>,
    headers: HeaderMap,
) -> Result<Response, StatusCode> {
    let resume = resume_point(&headers, query.after)?;
    if !still_public(&state.ctx.domain, query.project).await? {
        return Err(StatusCode::NOT_FOUND);
    }
    let permit = admit(&state, &client, "project")?;
    Ok(stream(state, Some(query.project), resume, permit))
}

/// Whether project `id` is public (a stream of it may start or go on).
async fn still_public(d: &domain::Domain, id: i64) -> Result<bool, StatusCode> {
    domain::projects::is_public_id(d, id)
        .await
        .map_err(|e| crate::state::status_of(&e, "live stream's project look-up"))
}

/// Query string of the site-wide stream.
#[derive(Debug, Deserialize)]
pub struct SiteQuery {
    /// Resume after this event id (ignored when the `Last-Event-ID` header is present).
    pub after: Option<i64>,
}

/// `GET /api/events/site`: site-wide events (the catalogue changed).
pub async fn site_events_handler(
    State(state): State<AppState>,
    client: Client,
    Query(query): Query<SiteQuery>,
    headers: HeaderMap,
) -> Result<Response, StatusCode> {
    let resume = resume_point(&headers, query.after)?;
    let permit = admit(&state, &client, "site")?;
    Ok(stream(state, None, resume, permit))
}

/// `GET /api/events/me`: the logged-in viewer's unread notification count (event `unread`), sent on
/// connect and again each time a notification of theirs is recorded. A reconnect gets the current count,
/// so nothing is missed. 401 without a session.
pub async fn my_events_handler(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
) -> Result<Response, StatusCode> {
    let user = session_user(&state, &headers, domain::Role::ALL).await?;
    let permit = admit(&state, &client, "personal")?;
    let d = state.ctx.domain.clone();
    let mut notices = d.notices.subscribe();
    let mut shutdown = state.shutdown.clone();
    let stream = async_stream::stream! {
        let _permit = permit;
        loop {
            // Boxed, here and below: an idle stream keeps only a pointer to the query it is not running.
            match Box::pin(domain::notifications::unread(&d.db, user.id)).await {
                Ok(n) => yield control(&LiveEvent::Unread(n)),
                Err(e) => tracing::warn!(error = %e, "unread count failed"),
            }
            // Wait for a notification of this user (a lag may hide one: count again then too).
            loop {
                tokio::select! {
                    received = notices.recv() => match received {
                        Ok(owner) if owner == user.id => break,
                        Ok(_) => {}
                        Err(RecvError::Lagged(_)) => break,
                        Err(RecvError::Closed) => return,
                    },
                    _ = shutdown.changed() => return,
                }
            }
        }
    };
    Ok(respond(stream))
}

/// `GET /api/events/moderation`: event `queue` on connect and whenever the moderation queue changes
/// (something submitted, commented, reported or decided), for moderators' open queues. 401/403 for
/// others.
pub async fn moderation_events_handler(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
) -> Result<Response, StatusCode> {
    session_user(&state, &headers, domain::moderation::MODERATE).await?;
    let permit = admit(&state, &client, "moderation")?;
    let d = state.ctx.domain.clone();
    let mut changes = d.queue.subscribe();
    let mut shutdown = state.shutdown.clone();
    let stream = async_stream::stream! {
        let _permit = permit;
        loop {
            yield control(&LiveEvent::QueueChanged);
            tokio::select! {
                received = changes.recv() => {
                    if let Err(RecvError::Closed) = received {
                        return;
                    }
                }
                _ = shutdown.changed() => return,
            }
        }
    };
    Ok(respond(stream))
}

/// Query string of the commission's stream.
#[derive(Debug, Deserialize)]
pub struct CommissionQuery {
    /// The project whose commission's dashboards to refresh.
    pub project: i64,
}

/// `GET /api/events/commission?project=<id>`: event `board` on connect and whenever the commission's work
/// on the project changes (scores, conflicts, shortlist, votes), for its members' open dashboards. It
/// carries no scores: each dashboard asks again and gets what that expert may see. 401 without a session,
/// 403 for anyone but the project's commission members.
pub async fn commission_events_handler(
    State(state): State<AppState>,
    client: Client,
    Query(query): Query<CommissionQuery>,
    headers: HeaderMap,
) -> Result<Response, StatusCode> {
    let expert = session_user(&state, &headers, domain::commission::JUDGE).await?;
    let d = state.ctx.domain.clone();
    let member = domain::commission::is_member(&d, &expert, query.project)
        .await
        .map_err(|e| crate::state::status_of(&e, "commission stream's membership"))?;
    if !member {
        return Err(StatusCode::FORBIDDEN);
    }
    let permit = admit(&state, &client, "commission")?;
    let mut changes = d.commission.subscribe();
    let mut shutdown = state.shutdown.clone();
    let project = query.project;
    let stream = async_stream::stream! {
        let _permit = permit;
        loop {
            yield control(&LiveEvent::BoardChanged);
            loop {
                tokio::select! {
                    received = changes.recv() => match received {
                        Ok(id) if id == project => break,
                        Ok(_) => {}
                        Err(RecvError::Lagged(_)) => break,
                        Err(RecvError::Closed) => return,
                    },
                    _ = shutdown.changed() => return,
                }
            }
        }
    };
    Ok(respond(stream))
}

/// `Last-Event-ID` when a browser reconnects, else the page's `after`, else 0; 400 when the one given
/// is not a non-negative number.
fn resume_point(headers: &HeaderMap, after: Option<i64>) -> Result<i64, StatusCode> {
    let resume = match headers.get("last-event-id") {
        Some(value) => value
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .ok_or(StatusCode::BAD_REQUEST)?,
        None => after.unwrap_or(0),
    };
    if resume < 0 {
        return Err(StatusCode::BAD_REQUEST);
    }
    Ok(resume)
}

/// What a replay starting after `sent.last` sends: the stored events, or one `reload` event when the
/// client is more than [`REPLAY_WINDOW`] events behind.
async fn replay(d: &domain::Domain, scope: Option<i64>, sent: &mut Sent) -> Vec<Bytes> {
    let mut out = Vec::new();
    match events::replay_floor(&d.db, scope, REPLAY_WINDOW).await {
        Ok(Some(floor)) if sent.last < floor => {
            let newest = events::last_id(&d.db, scope).await.unwrap_or(floor);
            sent.last = newest;
            out.push(control_at(&LiveEvent::Reload, Some(newest)));
            return out;
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, ?scope, "replay window look-up failed"),
    }
    loop {
        let batch = match events::since(&d.db, scope, sent.last, REPLAY_BATCH).await {
            Ok(batch) => batch,
            Err(e) => {
                tracing::warn!(error = %e, ?scope, "event replay failed");
                break;
            }
        };
        let full = batch.len() as u64 == REPLAY_BATCH;
        out.extend(batch.iter().filter_map(|event| sent.next(event)));
        if !full {
            break;
        }
    }
    out
}

/// Replays stored events of `scope` after `resume`, then forwards live ones, until shutdown or until
/// the project stops being public; `permit` is held as long as the stream is open.
fn stream(state: AppState, scope: Option<i64>, resume: i64, permit: Held) -> Response {
    // The stream keeps what it uses, not the whole state: every open stream holds its own copy.
    let d = state.ctx.domain.clone();
    let mut live = d.bus.subscribe();
    let mut shutdown = state.shutdown.clone();
    // The handler has just checked; the first recheck comes one period later.
    let period = state.edge.streams.recheck;
    let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + period, period);

    let stream = async_stream::stream! {
        let _permit = permit;
        let mut sent = Sent::new(resume);
        let mut replaying = true;
        loop {
            if replaying {
                replaying = false;
                // A stream at the head (most: a page rendered a moment ago) reads nothing from the table.
                if !d.bus.is_at_head(scope, sent.last) {
                    for out in Box::pin(replay(&d, scope, &mut sent)).await {
                        yield out;
                    }
                }
            }
            tokio::select! {
                received = live.recv() => match received {
                    Ok(event) => {
                        if event.project_id == scope
                            && let Some(out) = sent.next(&event)
                        {
                            yield out;
                        }
                    }
                    Err(RecvError::Lagged(_)) => replaying = true,
                    Err(RecvError::Closed) => break,
                },
                _ = recheck.tick() => {
                    if let Some(project) = scope
                        && matches!(Box::pin(still_public(&d, project)).await, Ok(false))
                    {
                        yield control(&LiveEvent::Gone);
                        break;
                    }
                }
                _ = shutdown.changed() => break,
            }
        }
    };
    respond(stream)
}
