//! The live-subscribers measure of `crowd bench --site`: N open streams of the running project's events,
//! one new event (a vote through HTTP), the time until each subscriber has it, and the server's memory
//! before, with the streams open, and after they leave. Then the same number of idle keep-alive
//! connections (one answered `GET /healthz` each), so the table shows what a connection costs beside
//! what a stream does.
//!
//! Loopback has about 28,000 ephemeral ports per pair of addresses: connections are spread over source
//! addresses 127.0.0.1, 127.0.0.2, … so that 50,000 can be open at once. Each open connection is a file
//! on both sides: the bench raises its open-files limit (the server it starts inherits it) and opens
//! fewer when the system does not allow enough, saying so.

use super::load::{self, Shot};
use super::site::{Bench, Table, file_kb, rss_kb, threads};
use crate::CliError;
use bytes::Bytes;
use http::{Method, Request, header};
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, Semaphore};

/// Connections per source address. A socket bound before it connects takes an ephemeral port of its
/// own, and Linux gives binds only half of the range (the odd ports: ~14,000 of 32768–60999).
const PER_SOURCE: usize = 12_000;

/// Streams being opened at once. Subscribers arrive over time; all 10,000 at the same instant measured
/// the server's peak of half-answered requests (each waits for its project's look-up in the database),
/// which the allocator keeps, more than what an open stream costs: 5.3 and 25.1 KB per stream in two
/// runs of one binary (2026-12-04).
const OPENING: usize = 500;

/// A streams' keep-alive comes every 15 s: a stream served by hyper notices that its client left at the
/// next one at the latest (one served without hyper, at once), so memory "after" is read once that has
/// passed.
const NOTICED: Duration = Duration::from_secs(17);

/// Opens `wanted` streams, sends one event, then opens as many idle connections, and adds the figures
/// to `table`.
pub(super) async fn subscribers(
    b: &Bench,
    wanted: usize,
    run: usize,
    table: &mut Table,
) -> Result<(), CliError> {
    let allowed = super::site::open_files().saturating_sub(1_000) as usize;
    let count = wanted.min(allowed);
    let limited = if count < wanted {
        format!(
            " ({wanted} asked: the open-files limit allows {allowed}; raising the hard limit, `ulimit -Hn`, \
             needs CAP_SYS_RESOURCE)"
        )
    } else {
        String::new()
    };
    let (before, code, threads_before) = (rss_kb(b.pid), file_kb(b.pid), threads(b.pid));
    let connected = Arc::new(AtomicUsize::new(0));
    let sent = Arc::new(Notify::new());
    let d = super::site::open(&b.copy).await?;
    let newest = domain::events::last_id(&d.db, Some(b.open_id)).await?;
    d.db.clone().close().await?;
    let path = format!("/api/events?project={}&after={newest}", b.open_id);
    let opening = Arc::new(Semaphore::new(OPENING));
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let (connected, sent, path) = (connected.clone(), sent.clone(), path.clone());
            tokio::spawn(subscribe(b.addr, i, path, opening.clone(), connected, sent))
        })
        .collect();
    let open = wait_for(&connected, count).await;
    let with = rss_kb(b.pid);
    // One new event: a new vote by a generated resident (its 51st vote at most, and a different idea
    // each run: the same vote again changes nothing and sends no event).
    let (idea_id, session) = (
        b.votable.iter().rev().nth(run).copied().unwrap_or(0),
        b.residents.last().map(|r| r.1.clone()),
    );
    let shot = Shot {
        method: Method::POST,
        path: "/api/vote".into(),
        session,
        form: Some(format!("idea_id={idea_id}&value=1")),
    };
    let started = Instant::now();
    sent.notify_waiters();
    let once = std::sync::atomic::AtomicBool::new(false);
    let plan: load::Plan =
        Arc::new(move |_, _| (!once.swap(true, Ordering::Relaxed)).then(|| shot.clone()));
    let vote = load::run(b.addr, 1, Duration::from_secs(10), plan).await;
    // Thirty seconds for all: a subscriber without the event by then did not get it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let mut delays = Vec::new();
    for task in tasks {
        let abort = task.abort_handle();
        match tokio::time::timeout_at(deadline, task).await {
            Ok(Ok(Some(at))) => {
                delays.push(at.saturating_duration_since(started).as_secs_f64() * 1000.0);
            }
            Ok(_) => {}
            Err(_) => abort.abort(),
        }
    }
    delays.sort_by(f64::total_cmp);
    tokio::time::sleep(NOTICED).await;
    let after = rss_kb(b.pid);
    // mimalloc hands freed pages back to the system when a thread allocates again after its purge delay:
    // an idle server keeps them, one that goes on serving returns them. So memory is also read after
    // a second of ordinary page requests.
    let page = Shot::get("/");
    let pages: load::Plan = Arc::new(move |_, _| Some(page.clone()));
    load::run(b.addr, 4, Duration::from_secs(1), pages).await;
    let serving = rss_kb(b.pid);
    // Measured after the streams: memory the allocator keeps from the connections is then not counted
    // again as the streams' "before".
    let idle = idle_connections(b, count).await;
    let each = |more: u64, n: usize| more as f64 / n.max(1) as f64;
    table.push((
        format!("{count} live subscribers of the project's stream{limited}"),
        format!(
            "{open} open; the new event (vote {}) reached {} — p50 {:.0} ms, p99 {:.0} ms",
            vote.answers.first().map_or(0, |a| a.status),
            delays.len(),
            super::queries::percentile(&delays, 0.5),
            super::queries::percentile(&delays, 0.99),
        ),
    ));
    table.push((
        "  server memory (RSS)".into(),
        format!(
            "{open} streams: {} MB before ({} MB of it mapped from the program's file; {threads_before} \
             threads), {} MB with them ({:.1} KB each), {} MB {}s after they left (idle), {} MB after one more second \
             of page requests; then {idle_open} idle keep-alive connections: {:.1} KB each",
            before / 1024,
            code / 1024,
            with / 1024,
            each(with.saturating_sub(before), open),
            after / 1024,
            NOTICED.as_secs(),
            serving / 1024,
            each(idle.more_kb, idle.open),
            idle_open = idle.open,
        ),
    ));
    let p99 = super::queries::percentile(&delays, 0.99);
    table.goal(
        &format!("{wanted} live subscribers: a new event reaches all, p99 < 1 s"),
        count == wanted && delays.len() == count && p99 < 1_000.0,
        format!(
            "{} of {count} streams got it, p99 {p99:.0} ms",
            delays.len()
        ),
        || {
            if count < wanted {
                format!(
                    "Blocked: only {count} could be opened, as the open-files limit allows {allowed} \
                     (each stream is an open file on both sides) and raising the hard limit needs \
                     CAP_SYS_RESOURCE"
                )
            } else {
                super::site::UNEXPLAINED.into()
            }
        },
    );
    if wanted == 10_000 {
        // Returned: at most a tenth of what the streams took is still held after they left.
        let took = with.saturating_sub(before);
        table.goal(
            "10,000 live subscribers: server memory < 120 MB, returned after they leave",
            with < 120 * 1024 && serving.saturating_sub(before) <= took / 10,
            format!(
                "{} MB with them open, {} MB before, {} MB after",
                with / 1024,
                before / 1024,
                serving / 1024
            ),
            || super::site::UNEXPLAINED.into(),
        );
    }
    Ok(())
}

/// What idle connections cost the server.
struct Idle {
    open: usize,
    more_kb: u64,
}

/// Opens `count` connections that each had one `GET /healthz` answered, reads the server's memory with
/// them, closes them and waits until the server has let them go.
async fn idle_connections(b: &Bench, count: usize) -> Idle {
    // From source addresses the streams did not use: their ports wait a minute in TIME_WAIT after the
    // streams closed.
    let first = count.div_ceil(PER_SOURCE) * PER_SOURCE;
    let before = rss_kb(b.pid);
    let connected = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(Notify::new());
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let (connected, release) = (connected.clone(), release.clone());
            let addr = b.addr;
            tokio::spawn(async move {
                let mut sender = connect(addr, first + i).await?;
                let response = sender.send_request(request(addr, "/healthz")?).await.ok()?;
                response.into_body().collect().await.ok()?;
                let released = release.notified();
                connected.fetch_add(1, Ordering::Relaxed);
                released.await;
                Some(())
            })
        })
        .collect();
    let open = wait_for(&connected, count).await;
    let with = rss_kb(b.pid);
    release.notify_waiters();
    // Ten seconds for all to close; one still waiting for its answer is dropped.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    for task in tasks {
        let abort = task.abort_handle();
        if tokio::time::timeout_at(deadline, task).await.is_err() {
            abort.abort();
        }
    }
    // Closed connections are seen at once (the server is reading them).
    tokio::time::sleep(Duration::from_secs(2)).await;
    Idle {
        open,
        more_kb: with.saturating_sub(before),
    }
}

/// Waits (two minutes at most) until `count` have connected, then a second for the server to settle;
/// how many did.
async fn wait_for(connected: &AtomicUsize, count: usize) -> usize {
    let waited = Instant::now();
    while connected.load(Ordering::Relaxed) < count && waited.elapsed().as_secs() < 120 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    connected.load(Ordering::Relaxed)
}

/// Connection number `i` to `addr`, from source address 127.0.0.(1 + i / [`PER_SOURCE`]).
async fn connect(addr: SocketAddr, i: usize) -> Option<SendRequest<Empty<Bytes>>> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    let host = u8::try_from(1 + i / PER_SOURCE).ok()?;
    socket
        .bind(SocketAddr::from((Ipv4Addr::new(127, 0, 0, host), 0)))
        .ok()?;
    let stream = socket.connect(addr).await.ok()?;
    let _ = stream.set_nodelay(true);
    let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .ok()?;
    tokio::spawn(conn);
    Some(sender)
}

/// A GET of `path` asking for an event stream.
fn request(addr: SocketAddr, path: &str) -> Option<Request<Empty<Bytes>>> {
    Request::builder()
        .method(Method::GET)
        .uri(path)
        .header(header::HOST, addr.to_string())
        .header(header::ACCEPT, "text/event-stream")
        .body(Empty::<Bytes>::new())
        .ok()
}

/// Subscriber `i`: counts itself connected once the stream's head arrived, then returns the instant the
/// first event after `sent` arrived (`None` when the stream failed or ended first).
async fn subscribe(
    addr: SocketAddr,
    i: usize,
    path: String,
    opening: Arc<Semaphore>,
    connected: Arc<AtomicUsize>,
    sent: Arc<Notify>,
) -> Option<Instant> {
    let turn = opening.acquire_owned().await.ok()?;
    let mut sender = connect(addr, i).await?;
    let response = sender.send_request(request(addr, &path)?).await.ok()?;
    drop(turn);
    if !response.status().is_success() {
        return None;
    }
    let notified = sent.notified();
    connected.fetch_add(1, Ordering::Relaxed);
    notified.await;
    let mut body = response.into_body();
    while let Some(frame) = body.frame().await {
        let frame = frame.ok()?;
        if frame
            .data_ref()
            .is_some_and(|d| d.windows(5).any(|w| w == b"data:"))
        {
            return Some(Instant::now());
        }
    }
    None
}
