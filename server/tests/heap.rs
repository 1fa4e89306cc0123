//! What an open connection and a live stream cost the server's heap, counted by dhat as the global
//! allocator (hence a test binary of its own): the real router behind [`server::listen::serve`] on a
//! loopback port, clients on raw sockets. Sizes are those of this (debug) build; the bounds sit between
//! what was measured before and after the change each one guards (docs/architecture.md, "What a
//! stream costs").

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic with the error

use app::ssr::ServerContext;
use leptos::prelude::LeptosOptions;
use server::state::{AppState, Shared};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Clients of each kind measured.
const N: usize = 500;

const HEALTH: &str = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
const SITE_STREAM: &str =
    "GET /api/events/site HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n";

/// A connection that sent `request` and has read its answer's head (a 200).
async fn connected(addr: SocketAddr, request: &str) -> TcpStream {
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    tcp.write_all(request.as_bytes()).await.unwrap();
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tcp.read(&mut buf).await.unwrap();
        assert!(n > 0, "closed before the answer's head");
        head.extend_from_slice(&buf[..n]);
    }
    assert!(
        head.starts_with(b"HTTP/1.1 200"),
        "{}",
        String::from_utf8_lossy(&head)
    );
    tcp
}

/// The heap's growth per connection while `n` more clients send `request` and stay connected.
async fn heap_per_client(addr: SocketAddr, request: &str, held: &mut Vec<TcpStream>) -> usize {
    let before = dhat::HeapStats::get().curr_bytes;
    for _ in 0..N {
        held.push(connected(addr, request).await);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    (dhat::HeapStats::get().curr_bytes - before) / N
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_alive_connection_and_a_live_stream_cost_the_server_little_heap() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let (d, _clock) = domain::testing::domain().await;
    let (_stop, shutdown) = tokio::sync::watch::channel(false);
    let state = AppState::from(Shared {
        leptos_options: LeptosOptions::builder()
            .output_name("crowd")
            .site_root("target/site")
            .build(),
        ctx: ServerContext {
            domain: d,
            secure_cookies: false,
            data_dir: domain::testing::scratch_dir().into(),
            public_url: None,
        },
        shutdown,
        allowed_origins: vec![],
        edge: std::sync::Arc::new(server::edge::Edge {
            streams: server::edge::StreamGate::new(10 * N, 10 * N),
            ..Default::default()
        }),
        pages: std::sync::Arc::new(server::page_cache::PageCache::new(1)),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(server::listen::serve(
        listener,
        server::router::router(state),
        std::future::pending(),
    ));
    // The first ones allocate what stays (the runtime's, the router's); not counted.
    let mut held = Vec::new();
    for _ in 0..50 {
        held.push(connected(addr, HEALTH).await);
        held.push(connected(addr, SITE_STREAM).await);
    }
    let connection = heap_per_client(addr, HEALTH, &mut held).await;
    let stream = heap_per_client(addr, SITE_STREAM, &mut held).await;
    println!("heap per kept-alive connection {connection} B, per live stream {stream} B");
    // hyper's 8 KB read and 8 KB write buffers, the connection's task and socket. Through hyper-util's
    // HTTP/2-or-1 detection, the read buffer grew to 16 KB: 28.4 KB.
    assert!(connection < 24 * 1024, "{connection} B per connection");
    // A stream opened as its connection's first request, answered without hyper (`listen::streams`):
    // its task, socket and body, 4.6 KB. Through hyper, with its two 8 KB buffers: 23.2 KB; inside the
    // compression layer, also wrapped in the compressor's state: 31.4 KB (37.2 KB with the detection).
    assert!(stream < 8 * 1024, "{stream} B per stream");
}
