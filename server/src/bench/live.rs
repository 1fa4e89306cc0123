//! The live-subscribers measure of `crowd bench --site`: N open streams of the running project's events,
//! one new event (a vote through HTTP), the time until each subscriber has it, and the server's memory
//! before, with the streams open, and after they leave.

use super::load::{self, Shot};
use super::site::{Bench, rss_kb};
use crate::CliError;
use bytes::Bytes;
use http::{Method, Request, header};
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Opens the streams, sends one event, and adds the figures to `table`.
pub(super) async fn subscribers(
    b: &Bench,
    table: &mut Vec<(String, String)>,
) -> Result<(), CliError> {
    let before = rss_kb(b.pid);
    let connected = Arc::new(AtomicUsize::new(0));
    let sent = Arc::new(Notify::new());
    let d = super::site::open(&b.copy).await?;
    let newest = domain::events::last_id(&d.db, Some(b.open_id)).await?;
    d.db.clone().close().await?;
    let path = format!("/api/events?project={}&after={newest}", b.open_id);
    let tasks: Vec<_> = (0..b.subscribers)
        .map(|_| {
            let (connected, sent, path) = (connected.clone(), sent.clone(), path.clone());
            tokio::spawn(subscribe(b.addr, path, connected, sent))
        })
        .collect();
    let waited = Instant::now();
    while connected.load(Ordering::Relaxed) < b.subscribers && waited.elapsed().as_secs() < 120 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let open = connected.load(Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let with = rss_kb(b.pid);
    // One new event: a vote by a generated resident (its 51st vote at most).
    let (idea_id, session) = (
        b.votable.last().copied().unwrap_or(0),
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
    let mut delays = Vec::new();
    for task in tasks {
        if let Ok(Ok(Some(at))) = tokio::time::timeout(Duration::from_secs(30), task).await {
            delays.push(at.saturating_duration_since(started).as_secs_f64() * 1000.0);
        }
    }
    delays.sort_by(f64::total_cmp);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let after = rss_kb(b.pid);
    table.push((
        format!("{} live subscribers of the project's stream", b.subscribers),
        format!(
            "{open} open; the new event (vote {}) reached {} — p50 {:.0} ms, p99 {:.0} ms; server \
             RSS {} MB before, {} MB with them ({:.1} KB each), {} MB 3 s after they left",
            vote.answers.first().map_or(0, |a| a.status),
            delays.len(),
            super::queries::percentile(&delays, 0.5),
            super::queries::percentile(&delays, 0.99),
            before / 1024,
            with / 1024,
            with.saturating_sub(before) as f64 / open.max(1) as f64,
            after / 1024
        ),
    ));
    Ok(())
}

/// One subscriber: counts itself connected once the stream's head arrived, then returns the instant the
/// first event after `sent` arrived (`None` when the stream failed or ended first).
async fn subscribe(
    addr: SocketAddr,
    path: String,
    connected: Arc<AtomicUsize>,
    sent: Arc<Notify>,
) -> Option<Instant> {
    let stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let _ = stream.set_nodelay(true);
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .ok()?;
    tokio::spawn(conn);
    let request = Request::builder()
        .method(Method::GET)
        .uri(path)
        .header(header::HOST, addr.to_string())
        .header(header::ACCEPT, "text/event-stream")
        .body(Empty::<Bytes>::new())
        .ok()?;
    let response = sender.send_request(request).await.ok()?;
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
