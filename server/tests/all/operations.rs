//! What an operator watches: `/metrics` in Prometheus' text format (requests by route and status with
//! their latency, live streams, events, the database pool), answered only to allowed addresses that
//! did not come through a proxy; an id on every answer; and the process keeping its memory in small pages.

use super::*;
use axum::extract::ConnectInfo;
use std::net::SocketAddr;

/// `GET /metrics` from the socket address `peer`, with `X-Forwarded-For` when `forwarded`.
async fn scrape(site: &Site, peer: Option<[u8; 4]>, forwarded: bool) -> Reply {
    let mut request = Request::get("/metrics").header(header::HOST, HOST);
    if forwarded {
        request = request.header("x-forwarded-for", "203.0.113.7");
    }
    let mut request = request.body(Body::empty()).unwrap();
    if let Some(ip) = peer {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
    }
    site.send(request).await
}

/// The value of one line of the text format.
fn sample(line: &str) -> f64 {
    line.rsplit(' ').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_for_this_machine_only() {
    use tracing_subscriber::layer::SubscriberExt;
    // As `crowd serve` sets up its logs (on this test's thread: the runtime has only one).
    let _logs = tracing::subscriber::set_default(
        tracing_subscriber::registry().with(server::metrics::pool_wait()),
    );
    let site = site().await;
    open_project(&site.d, "parks").await;
    for _ in 0..2 {
        assert_eq!(
            site.get("/projects/parks", None).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(
        site.get("/projects/nowhere", None).await.status,
        StatusCode::NOT_FOUND
    );

    let reply = scrape(&site, Some([127, 0, 0, 1]), false).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(header_of(&reply, "content-type").starts_with("text/plain; version=0.0.4"));
    let page = reply
        .body
        .lines()
        .find(|l| {
            l.starts_with("crowd_http_requests_total{")
                && l.contains("route=\"/projects/{slug}\"")
                && l.contains("status=\"200\"")
        })
        .unwrap_or_else(|| panic!("the project page is counted by its route:\n{}", reply.body));
    assert!(sample(page) >= 2.0, "{page}");
    let waits = reply
        .body
        .lines()
        .find(|l| l.starts_with("crowd_db_pool_acquire_seconds_count"))
        .unwrap_or_else(|| {
            panic!(
                "each wait for a pool connection is measured:\n{}",
                reply.body
            )
        });
    assert!(sample(waits) >= 2.0, "{waits}");
    for family in [
        "crowd_http_request_duration_seconds_bucket{",
        "crowd_db_pool_connections{state=\"idle\"}",
        "crowd_db_pool_max_connections",
        "crowd_sse_streams_open",
        "crowd_page_cache_pages",
        "crowd_page_cache_bytes",
    ] {
        assert!(reply.body.contains(family), "{family} in\n{}", reply.body);
    }

    // Not for the public: another address, a request through a proxy, a request without a socket.
    for (peer, forwarded) in [
        (Some([203, 0, 113, 7]), false),
        (Some([127, 0, 0, 1]), true),
        (None, false),
    ] {
        let refused = scrape(&site, peer, forwarded).await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "{peer:?} forwarded={forwarded}"
        );
        assert!(!refused.body.contains("crowd_http"));
    }
}

#[tokio::test]
async fn every_answer_has_its_own_request_id() {
    let site = site().await;
    let ids: Vec<String> = [
        site.get("/", None).await,
        site.get("/", None).await,
        site.get("/no/such/page", None).await,
    ]
    .iter()
    .map(|r| header_of(r, "x-request-id").to_owned())
    .collect();
    assert!(ids.iter().all(|id| id.len() > 8), "{ids:?}");
    assert!(ids[0] != ids[1] && ids[1] != ids[2], "{ids:?}");
}

#[tokio::test]
async fn the_server_keeps_its_memory_in_small_pages() {
    use super::crash::{crowd_serve, free_addr, started};
    let (url, db) = domain::testing::unmigrated_at().await;
    domain::db::migrate(&db).await.unwrap();
    let addr = free_addr();
    let child = started(
        crowd_serve(&url, addr, &domain::testing::scratch_dir()),
        addr,
    )
    .await;
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id().unwrap())).unwrap();
    // A kernel built without transparent huge pages has no such line, and nothing to turn off.
    if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
        assert_eq!(
            line.split_whitespace().nth(1),
            Some("0"),
            "transparent huge pages are on for `crowd serve`"
        );
    }
}

#[tokio::test]
async fn json_logs_carry_each_request_s_id_and_path() {
    use super::crash::{crowd_serve, free_addr, started};
    use tokio::io::AsyncReadExt;
    let (url, db) = domain::testing::unmigrated_at().await;
    domain::db::migrate(&db).await.unwrap();
    let addr = free_addr();
    let mut command = crowd_serve(&url, addr, &domain::testing::scratch_dir());
    command
        .env("CROWD_LOG_FORMAT", "json")
        .env("RUST_LOG", "warn,server=info,tower_http=debug")
        .stdout(std::process::Stdio::piped());
    let mut child = started(command, addr).await;
    let (status, _) = server::bench::load::get(addr, "/healthz").await.unwrap();
    assert_eq!(status, 200);
    child.start_kill().unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .await
        .unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let request = lines
        .iter()
        .find(|l| l["span"]["path"] == "/healthz")
        .unwrap_or_else(|| panic!("a line about the request:\n{out}"));
    let id = request["span"]["id"].as_str().unwrap();
    let (prefix, count) = id.split_once('-').unwrap();
    assert!(
        prefix.len() == 8 && u64::from_str_radix(count, 16).is_ok(),
        "{id}"
    );
}
