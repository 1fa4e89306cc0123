//! The accept loop: every connection served as HTTP/1.1 by hyper directly, with `TCP_NODELAY`, the
//! client's address for the router (`ConnectInfo`), a deadline for a request's head (which also closes
//! a kept-alive connection that stays idle that long; a live stream, once answered, is not reading a
//! head and stays open), and a graceful shutdown that finishes the answers under way.
//!
//! `axum::serve` does the same through hyper-util's "auto" connection, which first reads a few bytes to
//! tell HTTP/2 from HTTP/1.1 and hands them back to hyper's parser. hyper then grows its read buffer for
//! the rest of the head from 8 KB to 16 KB (`Vec` doubling), and keeps it as long as the connection
//! lives: 8 KB more per open connection, a live stream's largest single cost (measured with
//! `server/tests/heap.rs`). The site is served to browsers over HTTP/1.1 (a TLS proxy in front speaks
//! HTTP/2 to them), so the detection buys nothing here.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a client may take to send a request's head, and a kept-alive connection may stay idle
/// (slow or idle clients holding connections open). Longer than a proxy's idle upstream connections
/// live (nginx: 60 s, `deploy/nginx.conf`), so that the proxy, not this server, closes them: a proxy
/// does not resend a form post that went out on a connection closing under it.
const HEAD_DEADLINE: Duration = Duration::from_secs(75);

/// Serves `app` on `listener` until `shutdown` completes, then stops accepting and waits for the
/// connections' answers under way to finish.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_DEADLINE);
    loop {
        let (tcp, client) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    refused(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Answers go out at once: without TCP_NODELAY, Nagle's algorithm and the browser's delayed
        // ACK held the next response on a reused connection for ~40 ms.
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "could not set TCP_NODELAY");
        }
        let service = app.clone().map_request(move |request: Request<Incoming>| {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(client));
            request
        });
        let connection =
            http.serve_connection(TokioIo::new(tcp), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::trace!(error = %e, %client, "connection ended with an error");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// After a failed accept: a connection that went away before it was accepted is nobody's concern; any
/// other failure (out of file descriptors) is logged, and the loop waits a second before trying again.
async fn refused(e: &std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
