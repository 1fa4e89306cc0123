//! Live streams answered without hyper's connection: a connection whose first request is
//! `GET /api/events…` has its head read and parsed here (httparse, as hyper does), is answered by the
//! same router with every layer (the session, visibility, limits, metrics), and its answer is written
//! straight to the socket, delimited by closing the connection (`Connection: close`, RFC 9112 §6.3).
//!
//! Why: hyper keeps an 8 KB read buffer and an 8 KB write buffer for as long as a connection lives,
//! and a stream's connection lives for an hour doing nothing but write a few events: 16 KB of a
//! stream's ~23 KB were hyper's buffers (`server/tests/heap.rs`). Here a stream holds its socket, its
//! body and a 64-byte scratch buffer; the head's buffer is freed once it is parsed.
//!
//! A stream requested on a connection that already carried other requests (a browser reusing its
//! page's connection) is served by hyper as before; the proxy in front opens a fresh connection for
//! every stream (`deploy/nginx.conf`), so behind it every stream takes this path.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode, Uri, Version, header};
use http_body_util::BodyExt;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tower::ServiceExt;

/// The start of every live stream's request line (`server::router`'s `/api/events` routes).
const STREAM_REQUEST: &[u8] = b"GET /api/events";

/// The largest request head read here; a longer one is answered 431. Cookies are the bulk of a head.
const MAX_HEAD: usize = 16 * 1024;

/// Headers accepted in a head (hyper's default is 100; a browser sends about fifteen).
const MAX_HEADERS: usize = 64;

/// How long writing one event may wait for a client that stopped reading.
const WRITE_DEADLINE: Duration = Duration::from_secs(60);

/// Whether the first request on `tcp` is for a live stream, judged from the bytes the client has sent
/// without taking them off the socket. `false` when too few bytes have arrived to tell (hyper then
/// serves the connection, which is always correct).
pub(super) async fn opens_a_stream(tcp: &TcpStream) -> io::Result<bool> {
    let mut first = [0u8; STREAM_REQUEST.len()];
    let n = tcp.peek(&mut first).await?;
    Ok(first[..n] == *STREAM_REQUEST)
}

/// Reads the request on `tcp`, answers it through `app`, and closes the connection when the answer
/// ends, the client leaves, or `stop` changes (the server is shutting down).
pub(super) async fn serve(
    mut tcp: TcpStream,
    client: SocketAddr,
    app: Router,
    head_deadline: Duration,
    mut stop: watch::Receiver<()>,
) {
    let head = tokio::select! {
        head = tokio::time::timeout(head_deadline, read_head(&mut tcp)) => head,
        _ = stop.changed() => return,
    };
    let (response, head_only, refused) = match head {
        Ok(Ok(Ok(mut request))) => {
            let head_only = request.method() == Method::HEAD;
            request.extensions_mut().insert(ConnectInfo(client));
            // Boxed so that the router's future is freed once answered, not kept in this task's
            // state for the stream's life.
            let response = match Box::pin(app.oneshot(request)).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            (response, head_only, false)
        }
        Ok(Ok(Err(status))) => (refusal(status), false, true),
        // The client left or went quiet before finishing its head.
        Ok(Err(_)) | Err(_) => return,
    };
    if let Err(e) = answer(&mut tcp, response, head_only, &mut stop).await {
        tracing::trace!(error = %e, %client, "a stream ended with an error");
    }
    if refused {
        linger(&mut tcp).await;
    }
}

/// Closes our side and reads what the client still sends (the rest of a refused head or body) until
/// it closes its side or two seconds pass: closing with unread bytes would reset the connection, and
/// the client could lose the refusal before reading it.
async fn linger(tcp: &mut TcpStream) {
    let _ = tcp.shutdown().await;
    let mut scratch = [0u8; 512];
    let drained = async { while matches!(tcp.read(&mut scratch).await, Ok(n) if n > 0) {} };
    let _ = tokio::time::timeout(Duration::from_secs(2), drained).await;
}

/// Reads until the head is complete: the request, or the status refusing it.
async fn read_head(tcp: &mut TcpStream) -> io::Result<Result<Request<Body>, StatusCode>> {
    let mut buf = Vec::with_capacity(1024);
    loop {
        if buf.len() >= MAX_HEAD {
            return Ok(Err(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE));
        }
        buf.reserve(1024);
        if tcp.read_buf(&mut buf).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        if let Some(parsed) = parse(&buf) {
            return Ok(parsed);
        }
    }
}

/// The request in `buf`, `None` while its head is incomplete, or the status refusing it.
fn parse(buf: &[u8]) -> Option<Result<Request<Body>, StatusCode>> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(buf) {
        Ok(httparse::Status::Partial) => None,
        Ok(httparse::Status::Complete(_)) => Some(request(&parsed)),
        Err(httparse::Error::TooManyHeaders) => {
            Some(Err(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE))
        }
        Err(_) => Some(Err(StatusCode::BAD_REQUEST)),
    }
}

/// An `http` request from a parsed head. A stream's request has no body: one announcing a body is
/// refused rather than read (the connection closes after the answer, so nothing is left unread on it
/// for a next request).
fn request(parsed: &httparse::Request<'_, '_>) -> Result<Request<Body>, StatusCode> {
    let method = Method::from_bytes(parsed.method.unwrap_or_default().as_bytes()).map_err(bad)?;
    let uri: Uri = parsed.path.unwrap_or_default().parse().map_err(bad)?;
    let version = match parsed.version {
        Some(0) => Version::HTTP_10,
        _ => Version::HTTP_11,
    };
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .version(version)
        .body(Body::empty())
        .map_err(bad)?;
    for h in parsed.headers.iter() {
        let name = HeaderName::from_bytes(h.name.as_bytes()).map_err(bad)?;
        let value = HeaderValue::from_bytes(h.value).map_err(bad)?;
        request.headers_mut().append(name, value);
    }
    let announces_a_body = request.headers().contains_key(header::TRANSFER_ENCODING)
        || request
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length != "0");
    if announces_a_body {
        return Err(StatusCode::BAD_REQUEST);
    }
    Ok(request)
}

/// Any malformed part of a head: 400.
fn bad<E>(_: E) -> StatusCode {
    StatusCode::BAD_REQUEST
}

/// An empty answer with `status`.
fn refusal(status: StatusCode) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

/// Writes `response`'s head, then its body as it comes, until it ends, the client leaves or `stop`
/// changes.
async fn answer(
    tcp: &mut TcpStream,
    response: Response<Body>,
    head_only: bool,
    stop: &mut watch::Receiver<()>,
) -> io::Result<()> {
    let (parts, mut body) = response.into_parts();
    let head = head_bytes(parts.status, &parts.headers);
    let bodiless = head_only
        || parts.status == StatusCode::NO_CONTENT
        || parts.status == StatusCode::NOT_MODIFIED;
    // Not kept for the stream's life: the answer's headers and extensions were 1.5 KB of a stream.
    drop(parts);
    tcp.write_all(&head).await?;
    drop(head);
    if bodiless {
        return Ok(());
    }
    let (mut reader, mut writer) = tcp.split();
    let mut scratch = [0u8; 64];
    loop {
        tokio::select! {
            frame = body.frame() => {
                let Some(frame) = frame else { return Ok(()) };
                let Ok(data) = frame.map_err(io::Error::other)?.into_data() else { continue };
                tokio::select! {
                    written = tokio::time::timeout(WRITE_DEADLINE, writer.write_all(&data)) => {
                        written.map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
                    }
                    _ = stop.changed() => return Ok(()),
                }
            }
            // A client does not send on a stream's connection; reading notices when it leaves.
            read = reader.read(&mut scratch) => if read? == 0 { return Ok(()) },
            _ = stop.changed() => return Ok(()),
        }
    }
}

/// The status line and headers, with `Connection: close` (the end of the connection ends the body
/// when it has no length).
fn head_bytes(status: StatusCode, headers: &http::HeaderMap) -> Vec<u8> {
    let mut head = Vec::with_capacity(512);
    head.extend_from_slice(b"HTTP/1.1 ");
    head.extend_from_slice(status.as_str().as_bytes());
    head.push(b' ');
    head.extend_from_slice(status.canonical_reason().unwrap_or("").as_bytes());
    head.extend_from_slice(b"\r\n");
    for (name, value) in headers {
        if name == header::CONNECTION || name == header::TRANSFER_ENCODING {
            continue;
        }
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(b"connection: close\r\n\r\n");
    head
}
