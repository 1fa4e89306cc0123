//! The accept loop (`server::listen`) on a real loopback port, clients on raw sockets: a live stream
//! opened as a connection's first request is answered without hyper, with the same router (the same
//! refusals), delimited by the connection's end, and gives its place back as soon as the client
//! leaves; a stream on a kept-alive connection is still hyper's; bad heads are refused; shutting down
//! ends the streams.

use super::*;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

/// `site` served on a loopback port by the real accept loop until the sender is used or dropped.
async fn served(site: &Site) -> (SocketAddr, tokio::sync::oneshot::Sender<()>, JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(server::listen::serve(listener, site.app.clone(), async {
        let _ = stopped.await;
    }));
    (addr, stop, serving)
}

/// A connection that has sent `request`.
async fn sent(addr: SocketAddr, request: &str) -> TcpStream {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    tcp.write_all(request.as_bytes()).await.unwrap();
    tcp
}

/// Reads from `tcp` until what was read contains `needle` (or the connection closes, or 5 s pass);
/// everything read.
async fn read_until(tcp: &mut TcpStream, needle: &str) -> String {
    let mut text = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while !String::from_utf8_lossy(&text).contains(needle) {
        match tokio::time::timeout_at(deadline, tcp.read(&mut buf)).await {
            Ok(Ok(0)) | Err(_) => break,
            Ok(Ok(n)) => text.extend_from_slice(&buf[..n]),
            Ok(Err(e)) => panic!("reading failed: {e}"),
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

/// Everything the server sends until it closes the connection (at most 5 s).
async fn read_to_close(tcp: &mut TcpStream) -> String {
    read_until(tcp, "\u{0}never sent").await
}

fn stream_request(project: i64) -> String {
    format!(
        "GET /api/events?project={project} HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n\r\n"
    )
}

/// Waits up to 5 s for `gate` to count `open` streams.
async fn until_open(gate: &server::edge::StreamGate, open: usize) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while gate.open() != open && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(gate.open(), open, "streams open");
}

#[tokio::test]
async fn a_stream_opened_on_a_fresh_connection_carries_live_events_until_the_client_leaves() {
    let gate = server::edge::StreamGate::new(10, 100);
    let site = site_with(server::edge::Edge {
        streams: gate.clone(),
        ..Default::default()
    })
    .await;
    let project = open_project(&site.d, "parks").await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    let (addr, _stop, _serving) = served(&site).await;

    let mut tcp = sent(addr, &stream_request(project)).await;
    let head = read_until(&mut tcp, "\r\n\r\n").await;
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    let head = head.to_ascii_lowercase();
    assert!(head.contains("content-type: text/event-stream"), "{head}");
    assert!(head.contains("connection: close"), "{head}");
    assert!(!head.contains("transfer-encoding"), "{head}");
    // The router's layers ran: the security headers are there.
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    until_open(&gate, 1).await;

    domain::testing::post(&site.d, &anna, "parks", "Скамейки у пруда").await;
    let events = read_until(&mut tcp, "Скамейки у пруда").await;
    assert!(events.contains("event: idea_published"), "{events}");

    // The client leaves: its place is given back at once, not at the next keep-alive comment.
    drop(tcp);
    until_open(&gate, 0).await;
}

#[tokio::test]
async fn a_stream_on_a_fresh_connection_is_refused_as_on_any_other() {
    let site = site().await;
    let (addr, _stop, _serving) = served(&site).await;
    // No such project: 404, on a fresh connection and after another request on a kept-alive one.
    let mut fresh = sent(addr, &stream_request(999_999)).await;
    let answer = read_to_close(&mut fresh).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    let mut kept = sent(
        addr,
        &format!("GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n"),
    )
    .await;
    read_until(&mut kept, "ok").await;
    kept.write_all(stream_request(999_999).as_bytes())
        .await
        .unwrap();
    let answer = read_until(&mut kept, "\r\n\r\n").await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
}

#[tokio::test]
async fn a_stream_on_a_kept_alive_connection_is_still_served_by_hyper() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    let (addr, _stop, _serving) = served(&site).await;
    let mut tcp = sent(
        addr,
        &format!("GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n"),
    )
    .await;
    let health = read_until(&mut tcp, "ok").await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");

    tcp.write_all(stream_request(project).as_bytes())
        .await
        .unwrap();
    let head = read_until(&mut tcp, "\r\n\r\n").await.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
    domain::testing::post(&site.d, &anna, "parks", "Фонтан в сквере").await;
    let events = read_until(&mut tcp, "Фонтан в сквере").await;
    assert!(events.contains("event: idea_published"), "{events}");
}

#[tokio::test]
async fn a_bad_head_for_a_stream_is_refused_and_the_connection_closed() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let (addr, _stop, _serving) = served(&site).await;
    let many_headers: String = (0..70).map(|i| format!("X-H{i}: {i}\r\n")).collect();
    let huge_cookie = format!("Cookie: {}\r\n", "a".repeat(20_000));
    let cases = [
        (
            "a control character in the path",
            format!("GET /api/events?project=\u{1}{project} HTTP/1.1\r\nHost: {HOST}\r\n\r\n"),
            "400",
        ),
        (
            "a body announced",
            format!(
                "GET /api/events?project={project} HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: 5\r\n\r\nhello"
            ),
            "400",
        ),
        (
            "too many headers",
            format!(
                "GET /api/events?project={project} HTTP/1.1\r\nHost: {HOST}\r\n{many_headers}\r\n"
            ),
            "431",
        ),
        (
            "a head past 16 KB",
            format!(
                "GET /api/events?project={project} HTTP/1.1\r\nHost: {HOST}\r\n{huge_cookie}\r\n"
            ),
            "431",
        ),
    ];
    for (what, request, status) in cases {
        let mut tcp = sent(addr, &request).await;
        let answer = read_to_close(&mut tcp).await;
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{what}: {answer}"
        );
    }
}

#[tokio::test]
async fn shutting_down_ends_the_open_streams_and_returns() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let (addr, stop, serving) = served(&site).await;
    let mut streams = Vec::new();
    for _ in 0..3 {
        let mut tcp = sent(addr, &stream_request(project)).await;
        read_until(&mut tcp, "\r\n\r\n").await;
        streams.push(tcp);
    }
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), serving)
        .await
        .expect("the accept loop returns once the streams are closed")
        .unwrap();
    for mut tcp in streams {
        let rest = read_to_close(&mut tcp).await;
        assert!(!rest.contains("HTTP/1.1"), "{rest}");
        assert_eq!(tcp.read(&mut [0u8; 8]).await.unwrap(), 0, "closed");
    }
}
