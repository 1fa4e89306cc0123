//! The server's integration tests, one binary: the real router, called with real HTTP requests
//! (`tower::ServiceExt::oneshot`) over a fresh database. Here the harness ([`Site`] and the requests a
//! browser sends); in the modules, one feature each: the basics, live `streams`, `staff`, `uploads`,
//! resident `ideas`, `moderation`, the `commission`, `pages`, forms without JavaScript (`no_js`), the
//! open data `api`, the `page_cache`, the residents' `vote`, `implementation` records; what moderation
//! takes down and the edge in `trust` and `hardening`; the accept loop on a real port in `listen`; the metrics and request ids in `operations`; a
//! kill under load in `crash`; the `crowd` command line in `cli`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic with the error

use app::ssr::ServerContext;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::testing::{domain, open_project, user};
use domain::{Clock, Domain, Role};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::router::router;
use server::state::{AppState, Shared};
use std::time::Duration;
use tower::ServiceExt;

use commission::a_commission;
use uploads::{multipart_parts, png, post_multipart};

mod api;
mod basics;
mod cli;
mod commission;
mod crash;
mod hardening;
mod ideas;
mod implementation;
mod listen;
mod moderation;
mod no_js;
mod operations;
mod page_cache;
mod pages;
mod staff;
mod streams;
mod trust;
mod uploads;
mod vote;

const HOST: &str = "localhost:3000";

struct Site {
    app: Router,
    d: Domain,
    clock: std::sync::Arc<domain::ManualClock>,
    pages: std::sync::Arc<server::page_cache::PageCache>,
    _shutdown: tokio::sync::watch::Sender<bool>,
    data_dir: std::path::PathBuf,
}

async fn site() -> Site {
    site_with(server::edge::Edge::default()).await
}

/// A site whose edge (trusted proxies, stream caps) is `edge`.
async fn site_with(edge: server::edge::Edge) -> Site {
    site_from(edge, "target/site").await
}

/// A site whose edge is `edge`, serving its files (`pkg/`) from `site_root`.
async fn site_from(edge: server::edge::Edge, site_root: &str) -> Site {
    let (d, clock) = domain().await;
    let (tx, rx) = tokio::sync::watch::channel(false);
    let data_dir = domain::testing::scratch_dir();
    let d = d.with_mailer(domain::mail::Mailer {
        transport: domain::mail::Transport::Outbox(data_dir.join("outbox")),
        from: "noreply@crowd.example.org".into(),
        site_url: "https://crowd.example.org".into(),
    });
    let pages = std::sync::Arc::new(server::page_cache::PageCache::new(1));
    let state = AppState::from(Shared {
        leptos_options: LeptosOptions::builder()
            .output_name("crowd")
            .site_root(site_root)
            .build(),
        ctx: ServerContext {
            domain: d.clone(),
            secure_cookies: false,
            data_dir: data_dir.as_path().into(),
            public_url: Some("https://crowd.example.org/".into()),
        },
        shutdown: rx,
        allowed_origins: vec![],
        edge: std::sync::Arc::new(edge),
        pages: pages.clone(),
    });
    Site {
        app: router(state),
        d,
        clock,
        pages,
        _shutdown: tx,
        data_dir,
    }
}

/// A header of an answer, empty when missing.
fn header_of<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
    /// The body's bytes as they came (compressed answers).
    bytes: Vec<u8>,
}

impl Site {
    async fn send(&self, request: Request<Body>) -> Reply {
        let what = format!("{} {}", request.method(), request.uri());
        let response =
            tokio::time::timeout(Duration::from_secs(30), self.app.clone().oneshot(request))
                .await
                .unwrap_or_else(|_| panic!("{what} did not answer within 30 s"))
                .unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = tokio::time::timeout(Duration::from_secs(30), response.into_body().collect())
            .await
            .unwrap_or_else(|_| panic!("the body of {what} did not end within 30 s"))
            .unwrap()
            .to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::get(path).header(header::HOST, HOST);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// Calls a server function the way the hydrated page does (same-origin fetch, JSON answer).
    async fn call(&self, endpoint: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        self.call_from(endpoint, form, cookie, &format!("http://{HOST}"))
            .await
    }

    async fn call_from(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
        origin: &str,
    ) -> Reply {
        let request =
            form_post(endpoint, cookie, origin).header(header::ACCEPT, "application/json");
        self.send(request.body(form_body(form)).unwrap()).await
    }

    /// Logs in through the server function and returns the `Cookie` header value of the new session.
    async fn login(&self, email: &str, password: &str) -> String {
        let reply = self
            .call(
                "login",
                &[("email", email), ("password", password), ("next", "/")],
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        session_cookie(&reply)
    }

    async fn count_ideas(&self) -> u64 {
        domain::projects::totals(&self.d).await.unwrap().ideas
    }

    /// Posts `form` to a server function as a browser without JavaScript does: a plain form post from
    /// the page `from`, accepting HTML.
    async fn post_plain(
        &self,
        endpoint: &str,
        form: &[(&str, &str)],
        from: &str,
        cookie: Option<&str>,
    ) -> Reply {
        let request = form_post(endpoint, cookie, &format!("http://{HOST}"))
            .header(header::REFERER, format!("http://{HOST}{from}"))
            .header(header::ACCEPT, "text/html,application/xhtml+xml");
        self.send(request.body(form_body(form)).unwrap()).await
    }

    /// Where a `303 See Other` sends the browser, as a path.
    fn see_other(reply: &Reply) -> String {
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        let location = reply.headers[header::LOCATION].to_str().unwrap();
        location
            .strip_prefix(&format!("http://{HOST}"))
            .unwrap_or(location)
            .to_owned()
    }
}

/// A form post to the server function `endpoint` from `origin`, with the session `cookie` if any.
fn form_post(endpoint: &str, cookie: Option<&str>, origin: &str) -> axum::http::request::Builder {
    let request = Request::post(format!("/api/{endpoint}"))
        .header(header::HOST, HOST)
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    match cookie {
        Some(cookie) => request.header(header::COOKIE, cookie),
        None => request,
    }
}

/// `form` as an `application/x-www-form-urlencoded` body.
fn form_body(form: &[(&str, &str)]) -> Body {
    let pairs: Vec<String> = form
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
    Body::from(pairs.join("&"))
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn session_cookie(reply: &Reply) -> String {
    let set = reply
        .headers
        .get(header::SET_COOKIE)
        .expect("a session cookie")
        .to_str()
        .unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    set.split(';').next().unwrap().to_owned()
}

/// Registers `email` and opens the link e-mailed to it: the session cookie.
async fn register_and_confirm(site: &Site, email: &str) -> String {
    let reply = site
        .call(
            "register",
            &[
                ("email", email),
                ("display_name", "Анна"),
                ("password", "long enough"),
                ("next", "/"),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        reply.headers.get(header::SET_COOKIE).is_none(),
        "not logged in before confirming"
    );
    let token = domain::testing::confirmation_token(&site.data_dir.join("outbox"), email)
        .expect("a confirmation link was e-mailed");
    let reply = site.call("confirm_email", &[("token", &token)], None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    session_cookie(&reply)
}

async fn resident_joined(site: &Site) -> String {
    let cookie = register_and_confirm(site, "anna@example.org").await;
    let reply = site.call("join", &[("slug", "parks")], Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    cookie
}

async fn direction_id(site: &Site) -> String {
    let detail = domain::projects::detail(&site.d, "parks", None)
        .await
        .unwrap();
    detail.directions[0].id.to_string()
}

fn idea_form<'a>(direction: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("slug", "parks"),
        ("direction_id", direction),
        ("title", title),
        (
            "body",
            "Поставить скамейки и навесы вдоль всей набережной парка.",
        ),
    ]
}

/// Olga's (staff) cookie.
async fn olga(site: &Site) -> String {
    user(&site.d, "olga", Role::Staff).await;
    site.login("olga@example.org", "password-olga").await
}

/// A project with Anna's idea `title` in it: the site, Anna's cookie, the direction and the idea's id.
async fn an_idea(title: &str) -> (Site, String, String, String) {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let idea = posted(&site, &anna, &direction, title).await;
    (site, anna, direction, idea.id.to_string())
}

/// Posts an idea titled `title` as the resident of `cookie`, through the server function; its card.
async fn posted(site: &Site, cookie: &str, direction: &str, title: &str) -> wire::IdeaCard {
    let reply = site
        .call("submit_idea", &idea_form(direction, title), Some(cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

/// Reads SSE frames until `count` events have arrived (or a timeout).
async fn read_events(body: Body, count: usize) -> Vec<(String, String, String)> {
    let mut body = body;
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let mut events = Vec::new();
    while events.len() < count {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .expect("events arrive in time");
        let Some(Ok(frame)) = frame else { break };
        if let Ok(data) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
        events = text
            .split("\n\n")
            .filter(|block| block.contains("data:"))
            .map(|block| {
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|l| l.strip_prefix(name))
                        .unwrap_or_default()
                        .trim()
                        .to_owned()
                };
                (field("id:"), field("event:"), field("data:"))
            })
            .collect();
    }
    events
}
