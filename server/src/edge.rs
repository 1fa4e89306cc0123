//! What the server decides about a request before any handler runs and adds to every answer: who the
//! client is (the socket's peer, or the address a trusted reverse proxy names in `X-Forwarded-For`), how
//! many live streams it and everyone together may hold open, and the security headers (pages set their
//! own Content-Security-Policy with the response's nonce, see `app::ssr::content_security_policy`).

use app::ssr::ClientAddress;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// An address or a network (`10.0.0.0/8`, `::1`) of a reverse proxy whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    base: IpAddr,
    prefix: u32,
}

impl std::str::FromStr for Network {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (address, prefix) = s.trim().split_once('/').unwrap_or((s.trim(), ""));
        let base: IpAddr = address
            .parse()
            .map_err(|_| format!("not an IP address: {address}"))?;
        let bits = if base.is_ipv4() { 32 } else { 128 };
        let prefix = if prefix.is_empty() {
            bits
        } else {
            prefix
                .parse()
                .ok()
                .filter(|p| *p <= bits)
                .ok_or_else(|| format!("not a prefix length: {prefix}"))?
        };
        Ok(Self { base, prefix })
    }
}

impl Network {
    /// Whether `ip` lies in this network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let (a, b, bits) = match (self.base, ip) {
            (IpAddr::V4(a), IpAddr::V4(b)) => {
                (u128::from(a.to_bits()), u128::from(b.to_bits()), 32)
            }
            (IpAddr::V6(a), IpAddr::V6(b)) => (a.to_bits(), b.to_bits(), 128),
            _ => return false,
        };
        let shift = bits - self.prefix;
        shift >= bits || (a >> shift) == (b >> shift)
    }
}

/// The client of a request whose socket peer is `peer`: walking `X-Forwarded-For` from the right, the
/// first address that is not a trusted proxy; the peer itself when it is not a trusted proxy.
pub fn client_of(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[Network]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_for.unwrap_or_default().rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// The streams open now: in total and per client.
#[derive(Debug, Default)]
struct Open {
    total: usize,
    per_client: HashMap<IpAddr, usize>,
}

/// Caps on open live streams: per client address and in total.
#[derive(Clone, Debug)]
pub struct StreamGate {
    per_client: usize,
    total: usize,
    open: Arc<Mutex<Open>>,
    /// How often an open stream checks that its project is still public.
    pub recheck: Duration,
}

impl StreamGate {
    /// A gate allowing `per_client` streams per address and `total` in all.
    pub fn new(per_client: usize, total: usize) -> Self {
        Self {
            per_client,
            total,
            open: Arc::default(),
            recheck: Duration::from_secs(30),
        }
    }

    /// A place for one more stream of `client`: 429 when the client holds its share, 503 when the server
    /// holds all it may. The place is given back when the permit is dropped (the stream ended).
    pub fn admit(&self, client: IpAddr) -> Result<StreamPermit, StatusCode> {
        let mut open = self.open.lock().map_err(|_| {
            tracing::error!("the stream counter's lock is poisoned");
            StatusCode::INTERNAL_SERVER_ERROR
        })?;
        if open.total >= self.total {
            return Err(StatusCode::SERVICE_UNAVAILABLE);
        }
        let held = open.per_client.entry(client).or_default();
        if *held >= self.per_client {
            return Err(StatusCode::TOO_MANY_REQUESTS);
        }
        *held += 1;
        open.total += 1;
        Ok(StreamPermit {
            client,
            open: self.open.clone(),
        })
    }

    /// Streams open now.
    pub fn open(&self) -> usize {
        self.open.lock().map_or(0, |open| open.total)
    }
}

impl Default for StreamGate {
    fn default() -> Self {
        Self::new(100, 20_000)
    }
}

/// One open stream's place; dropping it frees the place.
#[derive(Debug)]
pub struct StreamPermit {
    client: IpAddr,
    open: Arc<Mutex<Open>>,
}

impl Drop for StreamPermit {
    fn drop(&mut self) {
        if let Ok(mut open) = self.open.lock() {
            open.total = open.total.saturating_sub(1);
            if let Some(held) = open.per_client.get_mut(&self.client) {
                *held = held.saturating_sub(1);
                if *held == 0 {
                    open.per_client.remove(&self.client);
                }
            }
        }
    }
}

/// What the edge layer needs: the trusted proxies, the stream caps, who may read `/metrics`.
#[derive(Clone, Debug)]
pub struct Edge {
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<Network>,
    /// Caps on live streams.
    pub streams: StreamGate,
    /// Send `Strict-Transport-Security` (the site is served over HTTPS with secure cookies).
    pub hsts: bool,
    /// Socket addresses answered at `/metrics` (loopback unless configured).
    pub metrics_from: Vec<Network>,
}

/// The addresses that may read `/metrics` unless configured: this machine.
pub const LOOPBACK: [&str; 2] = ["127.0.0.0/8", "::1"];

impl Default for Edge {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            streams: StreamGate::default(),
            hsts: false,
            metrics_from: LOOPBACK.iter().filter_map(|n| n.parse().ok()).collect(),
        }
    }
}

/// The policy of answers that are not pages (pages send their own, with a nonce).
const DEFAULT_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// The challenge of every `401` (HTTP requires one): the site logs in through a form that sets a
/// session cookie, in the `Cookie` scheme's words (draft-broyer-http-cookie-auth), so a client knows
/// where to go.
const CHALLENGE: &str =
    "Cookie realm=\"crowd\", form-action=\"/login\", cookie-name=\"crowd_session\"";

/// Middleware: the security headers of every answer. Answers to a logged-in viewer, and answers that
/// set a cookie, are `Cache-Control: private, no-store` (personal pages stay out of shared caches and
/// the browser's back-forward history on a shared computer); static files keep their caching. Every
/// `401` carries the [`CHALLENGE`].
pub async fn security_headers(
    State(edge): State<Arc<Edge>>,
    request: Request,
    next: Next,
) -> Response {
    let personal = app::ssr::cookie_from(request.headers(), app::ssr::SESSION_COOKIE).is_some();
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let status = response.status();
    let headers = response.headers_mut();
    let fixed = [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(DEFAULT_POLICY),
        );
    }
    if status == StatusCode::UNAUTHORIZED && !headers.contains_key(header::WWW_AUTHENTICATE) {
        headers.insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(CHALLENGE),
        );
    }
    if edge.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    let static_file = path.starts_with("/pkg/") || path.starts_with("/uploads/");
    if !static_file && (personal || headers.contains_key(header::SET_COOKIE)) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

/// Middleware: puts the request's client ([`ClientAddress`]) into its extensions (requests without a socket, as in
/// tests, count as `0.0.0.0` unless a header from a trusted proxy says otherwise).
pub async fn identify_client(
    State(edge): State<Arc<Edge>>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |c| c.0.ip());
    let forwarded = request
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    let client = client_of(peer, forwarded, &edge.trusted_proxies);
    request.extensions_mut().insert(ClientAddress(client));
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<Network> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let trusted = nets(&["10.0.0.0/8", "::1"]);
        let claim = Some("203.0.113.9, 198.51.100.2");
        assert_eq!(client_of(ip("192.0.2.1"), claim, &trusted), ip("192.0.2.1"));
        assert_eq!(
            client_of(ip("10.1.2.3"), claim, &trusted),
            ip("198.51.100.2")
        );
        let through_two = Some("203.0.113.9, 10.0.0.7");
        assert_eq!(
            client_of(ip("::1"), through_two, &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(client_of(ip("10.1.2.3"), None, &trusted), ip("10.1.2.3"));
        assert_eq!(
            client_of(ip("10.1.2.3"), Some("junk"), &trusted),
            ip("10.1.2.3")
        );
        assert_eq!(client_of(ip("10.1.2.3"), claim, &[]), ip("10.1.2.3"));
    }

    #[test]
    fn networks_parse_and_match() {
        let net: Network = "192.168.0.0/16".parse().unwrap();
        assert!(net.contains(ip("192.168.4.5")));
        assert!(!net.contains(ip("192.169.0.1")));
        assert!(!net.contains(ip("::1")));
        assert!(
            "0.0.0.0/0"
                .parse::<Network>()
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
        assert!("10.0.0.0/33".parse::<Network>().is_err());
        assert!("example.org".parse::<Network>().is_err());
    }

    #[test]
    fn streams_are_capped_per_client_and_in_total_and_places_come_back() {
        let gate = StreamGate::new(2, 3);
        let a = gate.admit(ip("192.0.2.1")).unwrap();
        let _b = gate.admit(ip("192.0.2.1")).unwrap();
        assert_eq!(
            gate.admit(ip("192.0.2.1")).unwrap_err(),
            StatusCode::TOO_MANY_REQUESTS
        );
        let _c = gate.admit(ip("192.0.2.2")).unwrap();
        assert_eq!(
            gate.admit(ip("192.0.2.3")).unwrap_err(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        drop(a);
        assert_eq!(gate.open(), 2);
        gate.admit(ip("192.0.2.1")).unwrap();
    }
}
