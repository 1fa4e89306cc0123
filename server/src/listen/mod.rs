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
//!
//! A connection that opens with a live stream's request skips hyper altogether ([`streams`]).

mod streams;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tower::ServiceExt;

/// How long a client may take to send a request's head, and a kept-alive connection may stay idle
/// (slow or idle clients holding connections open). Longer than a proxy's idle upstream connections
/// live (nginx: 60 s, `deploy/nginx.conf`), so that the proxy, not this server, closes them: a proxy
/// does not resend a form post that went out on a connection closing under it.
const HEAD_DEADLINE: Duration = Duration::from_secs(75);

/// Serves `app` on `listener` until `shutdown` completes, then stops accepting, lets the answers under
/// way finish and closes the live streams, and returns once every connection is closed.
pub async fn serve(listener: TcpListener, app: Router, shutdown: impl Future<Output = ()>) {
    // Each connection holds a receiver until it is closed: sending tells them to stop, and the
    // sender's `closed()` is when the last one has.
    let (stop, _) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_DEADLINE);
    let http = Arc::new(http);
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
        tokio::spawn(connection(
            tcp,
            client,
            app.clone(),
            http.clone(),
            stop.subscribe(),
        ));
    }
    drop(listener);
    stop.send_replace(());
    stop.closed().await;
}

/// Serves one connection: a live stream's without hyper, any other through hyper, until it closes or
/// `stop` changes (then hyper finishes the answer under way; a stream ends at once).
async fn connection(
    tcp: TcpStream,
    client: SocketAddr,
    app: Router,
    http: Arc<hyper::server::conn::http1::Builder>,
    mut stop: watch::Receiver<()>,
) {
    // The first bytes are looked at within the head's deadline; hyper's own deadline for the head
    // starts once they have come.
    let opens_a_stream = tokio::select! {
        first = tokio::time::timeout(HEAD_DEADLINE, streams::opens_a_stream(&tcp)) => match first {
            Ok(Ok(opens_a_stream)) => opens_a_stream,
            Ok(Err(_)) | Err(_) => return,
        },
        _ = stop.changed() => return,
    };
    if opens_a_stream {
        return streams::serve(tcp, client, app, HEAD_DEADLINE, stop).await;
    }
    let service = app.map_request(move |request: Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(client));
        request
    });
    // Boxed: inline, hyper's connection would make every connection's task as large, a stream's too.
    let mut connection =
        Box::pin(http.serve_connection(TokioIo::new(tcp), TowerToHyperService::new(service)));
    let ended = tokio::select! {
        ended = connection.as_mut() => ended,
        _ = stop.changed() => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(e) = ended {
        tracing::trace!(error = %e, %client, "connection ended with an error");
    }
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
