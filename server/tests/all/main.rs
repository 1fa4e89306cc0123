//! The server's integration tests, one binary: the real router, called with real HTTP requests
//! (`tower::ServiceExt::oneshot`) over a fresh database — pages rendered on the server, server functions
//! with their authorisation, the cross-site refusal, the live event stream with its resume point — here
//! and in `trust` and `hardening`; the metrics and request ids in `operations`; a kill under load in
//! `crash`; the `crowd` command line in `cli`.

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
use server::state::AppState;
use std::time::Duration;
use tower::ServiceExt;

mod api;
mod cli;
mod crash;
mod hardening;
mod implementation;
mod operations;
mod page_cache;
mod trust;
mod vote;

const HOST: &str = "localhost:3000";

struct Site {
    app: Router,
    d: Domain,
    clock: std::sync::Arc<domain::ManualClock>,
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
    let state = AppState {
        leptos_options: LeptosOptions::builder()
            .output_name("crowd")
            .site_root(site_root)
            .build(),
        ctx: ServerContext {
            domain: d.clone(),
            secure_cookies: false,
            data_dir: data_dir.clone(),
            public_url: Some("https://crowd.example.org/".into()),
        },
        shutdown: rx,
        allowed_origins: vec![],
        edge,
        pages: std::sync::Arc::new(server::page_cache::PageCache::new(1)),
    };
    Site {
        app: router(state),
        d,
        clock,
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

#[tokio::test]
async fn health_and_readiness() {
    let site = site().await;
    assert_eq!(site.get("/healthz", None).await.status, StatusCode::OK);
    let ready = site.get("/readyz", None).await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
}

#[tokio::test]
async fn a_resident_submits_and_the_page_shows_the_idea_without_javascript() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;

    let card = posted(&site, &cookie, &direction, "Скамейки у воды").await;
    assert_eq!(card.author, "Анна");

    let page = site.get("/projects/parks", None).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Тестовый проект",
        "Скамейки у воды",
        "Иван Петров",
        "Парки",
        "Приём идей",
        "<html lang=\"ru\"",
    ] {
        assert!(
            page.body.contains(expected),
            "the server-rendered page holds {expected:?}"
        );
    }
    let home = site.get("/", None).await;
    assert!(
        home.body.contains("Тестовый проект") && home.body.contains("data-total=\"ideas\">1<"),
        "{}",
        home.body
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_field_messages_and_nothing_is_stored() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let form = [
        ("slug", "parks"),
        ("direction_id", "not-a-number"),
        ("title", "<b>Жирный</b> заголовок"),
        ("body", ""),
    ];
    let reply = site.call("submit_idea", &form, Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: app::model::AppError = serde_json::from_str(&reply.body).unwrap();
    let t = app::i18n::texts_of(app::i18n::Lang::En);
    assert_eq!(error.field_message(t, "title"), Some(t.err_markup));
    assert_eq!(error.field_message(t, "body"), Some(t.err_required));
    assert_eq!(
        error.field_message(t, "direction"),
        Some(t.err_unknown_direction)
    );
    assert_eq!(site.count_ideas().await, 0);
}

#[tokio::test]
async fn roles_that_may_not_submit_get_403_and_strangers_401() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let direction = direction_id(&site).await;
    let form = idea_form(&direction, "Чужая идея");

    let anonymous = site.call("submit_idea", &form, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        header_of(&anonymous, "www-authenticate"),
        "Cookie realm=\"crowd\", form-action=\"/login\", cookie-name=\"crowd_session\"",
        "a 401 says how to authenticate"
    );
    for role in [Role::Moderator, Role::Expert, Role::Staff, Role::Admin] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        let reply = site.call("submit_idea", &form, Some(&cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{name} may not submit ideas"
        );
        let join = site.call("join", &[("slug", "parks")], Some(&cookie)).await;
        assert_eq!(join.status, StatusCode::FORBIDDEN, "{name} may not join");
        let vote = site
            .call("vote", &[("idea_id", "1"), ("value", "1")], Some(&cookie))
            .await;
        assert_eq!(vote.status, StatusCode::FORBIDDEN, "{name} may not vote");
    }
    assert_eq!(site.count_ideas().await, 0);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let form = idea_form(&direction, "Подделанный запрос");
    let reply = site
        .call_from("submit_idea", &form, Some(&cookie), "https://evil.example")
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = site
        .call_from("submit_idea", &form, Some(&cookie), "null")
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(site.count_ideas().await, 0);
    let reply = site.call("submit_idea", &form, Some(&cookie)).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "the same request from the site itself passes"
    );
}

#[tokio::test]
async fn logins_are_rate_limited() {
    let site = site().await;
    user(&site.d, "anna", Role::Resident).await;
    for _ in 0..domain::auth::attempts::PER_PAIR.max {
        let reply = site
            .call(
                "login",
                &[
                    ("email", "anna@example.org"),
                    ("password", "wrong!"),
                    ("next", "/"),
                ],
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let reply = site
        .call(
            "login",
            &[
                ("email", "anna@example.org"),
                ("password", "password-anna"),
                ("next", "/"),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn the_language_switch_renders_english() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let reply = site.get("/lang/en?next=/projects/parks", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/projects/parks");
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = site.get("/projects/parks", Some(&cookie)).await;
    assert!(
        page.body.contains("<html lang=\"en\"")
            && page.body.contains("Test project")
            && page.body.contains("Idea submission")
    );
    let evil = site.get("/lang/en?next=//evil.example", None).await;
    assert_eq!(evil.headers[header::LOCATION], "/");
}

#[tokio::test]
async fn unknown_projects_are_404() {
    let site = site().await;
    let page = site.get("/projects/nope", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let stream = site.get("/api/events?project=999", None).await;
    assert_eq!(stream.status, StatusCode::NOT_FOUND);
    let olga = user(&site.d, "olga", Role::Staff).await;
    let texts = domain::staff::ProjectInput {
        slug: "draft".into(),
        title_ru: "Черновик".into(),
        title_en: "Draft".into(),
        summary_ru: "Ещё не опубликован".into(),
        summary_en: "Not published yet".into(),
        body_ru: "Описание черновика".into(),
        body_en: "Description of a draft".into(),
    };
    let draft = domain::staff::create_project(&site.d, &olga, &texts)
        .await
        .unwrap()
        .to_string();
    let feed = site.call("feed", &[("project_id", &draft)], None).await;
    assert_eq!(
        feed.status,
        StatusCode::NOT_FOUND,
        "a draft's feed is not public"
    );
    assert_eq!(
        site.get("/projects/draft", None).await.status,
        StatusCode::NOT_FOUND
    );
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

/// A resident's new idea, submitted a moment from now (while a stream is being read).
async fn submit_idea_later(site: &Site, direction: &str, cookie: &str, title: &str) -> Reply {
    tokio::time::sleep(Duration::from_millis(200)).await;
    site.call("submit_idea", &idea_form(direction, title), Some(cookie))
        .await
}

#[tokio::test]
async fn the_event_stream_replays_after_the_resume_point_then_goes_live() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    for title in ["Первая идея", "Вторая идея"] {
        let reply = site
            .call("submit_idea", &idea_form(&direction, title), Some(&cookie))
            .await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    let stored = domain::events::since(&site.d.db, Some(project), 0, 10)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);

    // A browser reconnecting after the first event gets the second from the table, then live ones.
    let request = Request::get(format!("/api/events?project={project}&after=0"))
        .header(header::HOST, HOST)
        .header("last-event-id", stored[0].id.to_string())
        .body(Body::empty())
        .unwrap();
    let response = site.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let body = response.into_body();
    let submit_later = submit_idea_later(&site, &direction, &cookie, "Третья идея");
    let (events, reply) = tokio::join!(read_events(body, 2), submit_later);
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(
        events[0].0,
        stored[1].id.to_string(),
        "replayed from the table"
    );
    assert_eq!(events[0].1, "idea_published");
    let title = |data: &str| match serde_json::from_str::<wire::LiveEvent>(data).unwrap() {
        wire::LiveEvent::IdeaPublished(card) => card.title,
        other => panic!("expected a new idea, got {other:?}"),
    };
    assert_eq!(title(&events[1].2), "Третья идея", "then live from the bus");
    assert_eq!(title(&events[0].2), "Вторая идея");
}

#[tokio::test]
async fn a_stream_at_the_head_reads_nothing_from_the_table_and_waits_for_the_bus() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let first = site
        .call(
            "submit_idea",
            &idea_form(&direction, "Первая идея"),
            Some(&cookie),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK);
    let head = domain::events::last_id(&site.d.db, Some(project))
        .await
        .unwrap();
    // An event stored but not published yet (as another instance's, before the relay carries it).
    domain::events::append(
        &site.d.db,
        Some(project),
        None,
        &wire::LiveEvent::Redacted,
        chrono::Utc::now(),
    )
    .await
    .unwrap();

    // A page rendered at the head opens its stream: no replay, so the next event is the bus's.
    let request = Request::get(format!("/api/events?project={project}&after={head}"))
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let response = site.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let submit_later = submit_idea_later(&site, &direction, &cookie, "Вторая идея");
    let (events, reply) = tokio::join!(read_events(response.into_body(), 1), submit_later);
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        events.first().map(|e| e.1.as_str()),
        Some("idea_published"),
        "the stored, unpublished event was not read from the table: {events:?}"
    );
}

/// Every staff server function with arguments that would succeed for staff.
const STAFF_CALLS: &[(&str, &[(&str, &str)])] = &[
    ("staff/projects", &[]),
    ("staff/workspace", &[("project_id", "1")]),
    (
        "staff/create_project",
        &[
            ("slug", "intruder"),
            ("title_ru", "Чужой проект"),
            ("title_en", "Intruder"),
            ("summary_ru", "Краткое описание проекта"),
            ("summary_en", "A short summary of it"),
            ("body_ru", "Описание проекта целиком"),
            ("body_en", "The whole description"),
        ],
    ),
    (
        "staff/update_project",
        &[
            ("project_id", "1"),
            ("slug", "parks"),
            ("title_ru", "Взломанный"),
            ("title_en", "Hacked"),
            ("summary_ru", "Краткое описание проекта"),
            ("summary_en", "A short summary of it"),
            ("body_ru", "Описание проекта целиком"),
            ("body_en", "The whole description"),
        ],
    ),
    (
        "staff/add_stage",
        &[
            ("project_id", "1"),
            ("kind", "results"),
            ("starts_at", "2030-01-01T00:00"),
            ("ends_at", "2030-01-02T00:00"),
        ],
    ),
    (
        "staff/update_stage",
        &[
            ("stage_id", "1"),
            ("kind", "ideas"),
            ("starts_at", "2026-05-20T00:00"),
            ("ends_at", "2026-06-01T00:00"),
        ],
    ),
    (
        "staff/preview_stage",
        &[
            ("project_id", "1"),
            ("stage_id", "1"),
            ("kind", "ideas"),
            ("starts_at", "2026-05-20T00:00"),
            ("ends_at", "2026-06-02T00:00"),
        ],
    ),
    ("staff/delete_stage", &[("stage_id", "2")]),
    (
        "staff/preview_direction",
        &[
            ("project_id", "1"),
            ("title_ru", "Чужое"),
            ("title_en", "Foreign"),
        ],
    ),
    (
        "staff/add_direction",
        &[
            ("project_id", "1"),
            ("title_ru", "Чужое"),
            ("title_en", "Foreign"),
        ],
    ),
    (
        "staff/rename_direction",
        &[
            ("direction_id", "1"),
            ("title_ru", "Чужое"),
            ("title_en", "Foreign"),
        ],
    ),
    (
        "staff/move_direction",
        &[("direction_id", "2"), ("up", "true")],
    ),
    (
        "staff/retire_direction",
        &[("direction_id", "1"), ("retired", "true")],
    ),
    ("staff/delete_direction", &[("direction_id", "2")]),
    (
        "staff/add_member",
        &[
            ("project_id", "1"),
            ("name_ru", "Чужой"),
            ("name_en", "Stranger"),
            ("position_ru", "Никто"),
            ("position_en", "Nobody"),
            ("expert_email", ""),
        ],
    ),
    ("staff/move_member", &[("member_id", "1"), ("up", "false")]),
    (
        "staff/update_member",
        &[
            ("member_id", "1"),
            ("name_ru", "Чужой"),
            ("name_en", "Stranger"),
            ("position_ru", "Никто"),
            ("position_en", "Nobody"),
            ("expert_email", ""),
        ],
    ),
    ("staff/remove_member_photo", &[("member_id", "1")]),
    (
        "staff/preview_member",
        &[
            ("project_id", "1"),
            ("name_ru", "Чужой"),
            ("name_en", "Stranger"),
            ("position_ru", "Никто"),
            ("position_en", "Nobody"),
            ("expert_email", ""),
        ],
    ),
    ("staff/remove_member", &[("member_id", "1")]),
    (
        "staff/publication",
        &[
            ("project_id", "1"),
            ("action", "archive"),
            ("publish_at", ""),
        ],
    ),
    (
        "staff/create_preview_link",
        &[("project_id", "1"), ("hours", "5")],
    ),
    ("staff/revoke_preview_link", &[("link_id", "1")]),
    ("staff/preview", &[("project_id", "1")]),
    (
        "staff/criteria",
        &[("project_id", "1"), ("ru[0]", "Цена"), ("en[0]", "Cost")],
    ),
    ("staff/quorum", &[("project_id", "1"), ("quorum", "1")]),
    (
        "staff/premoderation",
        &[("project_id", "1"), ("premoderation", "on")],
    ),
    (
        "staff/preview_changes",
        &[
            ("project_id", "1"),
            ("slug", "parks"),
            ("title_ru", "Черновик названия"),
            ("title_en", "Draft title"),
            ("summary_ru", "Краткое описание проекта"),
            ("summary_en", "A short summary of it"),
            ("body_ru", "Описание проекта целиком"),
            ("body_en", "The whole description"),
        ],
    ),
];

#[tokio::test]
async fn residents_moderators_and_experts_cannot_call_any_staff_function() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let before = domain::staff::workspace(&site.d, 1).await.unwrap();
    for (endpoint, form) in STAFF_CALLS {
        let reply = site.call(endpoint, form, None).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {endpoint}"
        );
    }
    for role in [Role::Resident, Role::Moderator, Role::Expert] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        for (endpoint, form) in STAFF_CALLS {
            let reply = site.call(endpoint, form, Some(&cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
    }
    assert_eq!(
        domain::staff::workspace(&site.d, 1).await.unwrap(),
        before,
        "nothing changed"
    );
    assert_eq!(domain::staff::list_all(&site.d).await.unwrap().len(), 1);

    user(&site.d, "olga", Role::Staff).await;
    let cookie = site.login("olga@example.org", "password-olga").await;
    for (endpoint, form) in STAFF_CALLS {
        let reply = site.call(endpoint, form, Some(&cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "staff calling {endpoint}: {}",
            reply.body
        );
    }
}

/// Olga (staff) creates the draft "clean-air" with an ideas stage, a direction and a commission member:
/// the site, her cookie and the project's id.
async fn a_built_draft() -> (Site, String, i64) {
    let site = site().await;
    user(&site.d, "olga", Role::Staff).await;
    let staff = site.login("olga@example.org", "password-olga").await;
    let create = [
        ("slug", "clean-air"),
        ("title_ru", "Чистый воздух"),
        ("title_en", "Clean air"),
        ("summary_ru", "Идеи о чистом воздухе в городе"),
        ("summary_en", "Ideas for clean air in the city"),
        (
            "body_ru",
            "Предложите **меры** для чистого воздуха. <script>alert(1)</script> [ссылка](javascript:alert(1))",
        ),
        ("body_en", "Propose measures for clean air."),
    ];
    let reply = site
        .call("staff/create_project", &create, Some(&staff))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id: i64 = serde_json::from_str(&reply.body).unwrap();
    let pid = id.to_string();
    for (endpoint, form) in [
        (
            "staff/add_stage",
            vec![
                ("project_id", pid.as_str()),
                ("kind", "ideas"),
                ("starts_at", "2026-06-05T00:00"),
                ("ends_at", "2026-06-20T00:00"),
            ],
        ),
        (
            "staff/add_direction",
            vec![
                ("project_id", pid.as_str()),
                ("title_ru", "Транспорт"),
                ("title_en", "Transport"),
            ],
        ),
        (
            "staff/add_member",
            vec![
                ("project_id", pid.as_str()),
                ("name_ru", "Павел Смирнов"),
                ("name_en", "Pavel Smirnov"),
                ("position_ru", "Эколог"),
                ("position_en", "Ecologist"),
                ("expert_email", ""),
            ],
        ),
    ] {
        let reply = site.call(endpoint, &form, Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::OK, "{endpoint}: {}", reply.body);
    }
    (site, staff, id)
}

#[tokio::test]
async fn a_preview_says_when_a_draft_has_no_dates_and_when_the_project_is_public_already() {
    let site = site().await;
    user(&site.d, "olga", Role::Staff).await;
    let staff = site.login("olga@example.org", "password-olga").await;
    let create = [
        ("slug", "no-dates"),
        ("title_ru", "Без сроков"),
        ("title_en", "No dates"),
        ("summary_ru", "Черновик проекта без этапов"),
        ("summary_en", "A draft of a project without stages"),
        ("body_ru", "Этапы этого проекта ещё не назначены."),
        ("body_en", "The stages of this project are not set yet."),
    ];
    let reply = site
        .call("staff/create_project", &create, Some(&staff))
        .await;
    let id: i64 =
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body));
    let t = app::i18n::texts_of(app::i18n::Lang::Ru);
    let draft = site
        .get(&format!("/staff/projects/{id}/preview"), Some(&staff))
        .await;
    assert!(draft.body.contains(t.no_dates_badge) && draft.body.contains(t.no_dates_yet));
    assert!(
        !draft.body.contains(t.phase_finished) && !draft.body.contains(t.project_over),
        "not \"finished\" with today as its span"
    );
    assert!(draft.body.contains(t.no_dates_take_part));
    assert!(draft.body.contains(t.preview_banner));

    let published = open_project(&site.d, "parks").await;
    let preview = site
        .get(
            &format!("/staff/projects/{published}/preview"),
            Some(&staff),
        )
        .await;
    assert!(preview.body.contains(t.preview_banner_public));
    assert!(preview.body.contains("href=\"/projects/parks\""));
    assert!(!preview.body.contains(t.preview_banner));
}

#[tokio::test]
async fn staff_build_a_project_with_field_messages_and_preview_it_safely() {
    let (site, staff, id) = a_built_draft().await;
    let pid = id.to_string();
    let bad = site
        .call(
            "staff/add_stage",
            &[
                ("project_id", &pid),
                ("kind", "ideas"),
                ("starts_at", "2026-06-10T00:00"),
                ("ends_at", "2026-06-05T00:00"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: app::model::AppError = serde_json::from_str(&bad.body).unwrap();
    let t = app::i18n::texts_of(app::i18n::Lang::Ru);
    assert_eq!(
        error.field_message(t, "ends_at"),
        Some(t.err_end_before_start)
    );
    let preview = site
        .get(&format!("/staff/projects/{id}/preview"), Some(&staff))
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview.body.contains("<strong>меры</strong>"),
        "Markdown is rendered"
    );
    assert!(
        !preview.body.contains("<script>alert(1)") && !preview.body.contains("javascript:alert"),
        "nothing executable from the description survives"
    );
    for expected in [
        "Чистый воздух",
        "Павел Смирнов",
        "Транспорт",
        "preview-banner",
        "noindex",
    ] {
        assert!(
            preview.body.contains(expected),
            "the staff preview holds {expected:?}"
        );
    }
    assert_eq!(
        site.get("/projects/clean-air", None).await.status,
        StatusCode::NOT_FOUND,
        "still a draft"
    );
}

#[tokio::test]
async fn a_preview_link_shows_the_draft_until_it_is_revoked() {
    let (site, staff, id) = a_built_draft().await;
    let pid = id.to_string();
    let reply = site
        .call(
            "staff/create_preview_link",
            &[("project_id", &pid), ("hours", "48")],
            Some(&staff),
        )
        .await;
    let path: String = serde_json::from_str(&reply.body).unwrap();
    let shared = site.get(&path, None).await;
    assert_eq!(shared.status, StatusCode::OK);
    assert!(shared.body.contains("Павел Смирнов") && shared.body.contains("noindex"));
    let tampered = site.get(&format!("{path}x"), None).await;
    assert_eq!(tampered.status, StatusCode::NOT_FOUND);
    let link = domain::staff::workspace(&site.d, id).await.unwrap().links[0]
        .id
        .to_string();
    site.call(
        "staff/revoke_preview_link",
        &[("link_id", &link)],
        Some(&staff),
    )
    .await;
    let revoked = site.get(&path, None).await;
    assert_eq!(revoked.status, StatusCode::GONE);
    assert!(
        revoked
            .body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).err_gone)
    );
}

#[tokio::test]
async fn a_scheduled_project_appears_by_itself_at_its_moscow_time() {
    let (site, staff, id) = a_built_draft().await;
    let pid = id.to_string();
    // 1 June 2026 12:00 UTC is 15:00 in Moscow: schedule for 18:00 Moscow time.
    let reply = site
        .call(
            "staff/publication",
            &[
                ("project_id", &pid),
                ("action", "schedule"),
                ("publish_at", "2026-06-01T18:00"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(!site.get("/", None).await.body.contains("Чистый воздух"));
    site.clock.advance(chrono::Duration::hours(3));
    let home = site.get("/", None).await;
    assert!(
        home.body.contains("Чистый воздух"),
        "appears by itself at 18:00 Moscow time"
    );
    let editor = site
        .get(&format!("/staff/projects/{id}"), Some(&staff))
        .await;
    assert!(
        editor
            .body
            .contains("Публикация запланирована: 1 июня 2026, 18:00"),
        "the edit history says it in the interface's language"
    );
}

#[tokio::test]
async fn the_catalogue_filters_and_searches_without_javascript() {
    let site = site().await;
    domain::seed::demo(&site.d, &|_| {}).await.unwrap();
    let page = site
        .get(
            "/projects?phase=&year=2020&q=%D0%BA%D1%83%D0%BB%D1%8C%D1%82%D1%83%D1%80%D0%B0",
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Культура онлайн"),
        "search by a word of the title"
    );
    assert!(
        !page.body.contains("Электронные услуги Москвы"),
        "filtered out by the search"
    );
    let active = site.get("/projects?phase=active", None).await;
    assert!(active.body.contains("Город у воды") && !active.body.contains("Культура онлайн"));
    let project = site.get("/projects/city-by-the-water", None).await;
    assert!(project.body.contains("twitter:card") && project.body.contains("og:title"));
    // The demo's open window ends ten days minus two hours after loading.
    assert!(
        project
            .body
            .contains("До конца этапа «Приём идей»: 9 дн. 22 ч 0 мин"),
        "countdown"
    );
}

fn multipart(field: &str, filename: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    multipart_parts(&[(field, Some(filename), bytes)])
}

/// A multipart body of `parts` (name, file name for a file, bytes) and its content type.
fn multipart_parts(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "crowd-test-boundary";
    let mut body = Vec::new();
    for (field, filename, bytes) in parts {
        let head = match filename {
            Some(file) => format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file}\"\r\n\
                 Content-Type: image/png\r\n\r\n"
            ),
            None => {
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n")
            }
        };
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts `bytes` as the file field of `path`'s form (`…/cover` or `…/photo`).
async fn upload(
    site: &Site,
    path: &str,
    cookie: Option<&str>,
    filename: &str,
    bytes: &[u8],
) -> Reply {
    let field = if path.ends_with("/photo") {
        "photo"
    } else {
        "cover"
    };
    post_multipart(site, path, cookie, multipart(field, filename, bytes)).await
}

/// Posts a multipart `form` (its content type and body) to `path`, as a browser's form does.
async fn post_multipart(
    site: &Site,
    path: &str,
    cookie: Option<&str>,
    (content_type, body): (String, Vec<u8>),
) -> Reply {
    let mut request = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .header(header::CONTENT_TYPE, content_type);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    site.send(request.body(Body::from(body)).unwrap()).await
}

/// A project, its cover's and its first commission member's photo's upload paths, and a 1800×900 PNG:
/// the site, the project, the member, both paths and the picture.
async fn uploads_of_a_project() -> (Site, i64, i64, String, String, Vec<u8>) {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let png = png(1800, 900);
    let cover = format!("/staff/projects/{project}/cover");
    let member = domain::staff::workspace(&site.d, project)
        .await
        .unwrap()
        .commission[0]
        .id;
    let photo = format!("/staff/members/{member}/photo");
    (site, project, member, cover, photo, png)
}

/// Olga's (staff) cookie.
async fn olga(site: &Site) -> String {
    user(&site.d, "olga", Role::Staff).await;
    site.login("olga@example.org", "password-olga").await
}

#[tokio::test]
async fn only_staff_upload_covers_and_photos() {
    let (site, _, _, cover, photo, png) = uploads_of_a_project().await;
    for path in [&cover, &photo] {
        assert_eq!(
            upload(&site, path, None, "a.png", &png).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    for role in [Role::Resident, Role::Moderator, Role::Expert] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        for path in [&cover, &photo] {
            let reply = upload(&site, path, Some(&cookie), "a.png", &png).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} may not post {path}"
            );
        }
    }
}

#[tokio::test]
async fn covers_are_checked_by_content_resized_and_served() {
    let (site, project, _, cover, _, png) = uploads_of_a_project().await;
    let staff = olga(&site).await;
    let fake = upload(
        &site,
        &cover,
        Some(&staff),
        "cover.png",
        b"<svg onload=alert(1)></svg>",
    )
    .await;
    assert_eq!(fake.status, StatusCode::SEE_OTHER);
    assert!(
        fake.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("cover_error=not_image")
    );
    let editor = site
        .get(
            fake.headers[header::LOCATION].to_str().unwrap(),
            Some(&staff),
        )
        .await;
    assert!(
        editor
            .body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).err_not_image),
        "the message stands by the field"
    );
    assert_eq!(
        domain::staff::workspace(&site.d, project)
            .await
            .unwrap()
            .row
            .cover,
        None
    );

    let saved = upload(&site, &cover, Some(&staff), "photo.png", &png).await;
    assert!(
        saved.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("cover=saved")
    );
    let path = domain::staff::workspace(&site.d, project)
        .await
        .unwrap()
        .row
        .cover
        .unwrap();
    let served = site.get(&path, None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(
        served.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let page = site.get("/projects/parks", None).await;
    assert!(
        page.body.contains(&format!("src=\"{path}\"")),
        "the cover is on the page"
    );
    assert!(
        page.body.contains(&format!(
            "property=\"og:image\" content=\"https://crowd.example.org{path}\""
        )),
        "shared links get the cover as an absolute URL under the public address"
    );
    let stored = std::fs::read(site.data_dir.join(path.trim_start_matches('/'))).unwrap();
    let back = image::load_from_memory(&stored).unwrap();
    assert_eq!(
        (back.width(), back.height()),
        (1200, 600),
        "resized once on upload"
    );
}

#[tokio::test]
async fn a_members_photo_is_checked_and_shown_on_the_public_page() {
    let (site, _, member, _, photo, png) = uploads_of_a_project().await;
    let staff = olga(&site).await;
    // A commission member's photo: same checks, its message at its own field, shown on the public page.
    let fake = upload(&site, &photo, Some(&staff), "me.png", b"GIF89a").await;
    let location = fake.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.ends_with(&format!(
            "?member={member}&photo_error=not_image#member-{member}"
        )),
        "{location}"
    );
    let saved = upload(&site, &photo, Some(&staff), "me.png", &png).await;
    let location = saved.headers[header::LOCATION].to_str().unwrap();
    assert!(location.contains("photo=saved"), "{location}");
    let page = site.get("/projects/parks", None).await;
    assert!(
        page.body.contains("member-photo") && page.body.contains("src=\"/uploads/photos/member-"),
        "the photo is on the public page"
    );
    assert_eq!(
        upload(
            &site,
            "/staff/members/999/photo",
            Some(&staff),
            "me.png",
            &png
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture =
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, _| {
            image::Rgb([(x % 256) as u8, 90, 160])
        }));
    let mut png = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

#[tokio::test]
async fn open_home_pages_hear_when_a_scheduled_project_goes_public() {
    let site = site().await;
    let id = open_project(&site.d, "parks").await;
    user(&site.d, "olga", Role::Staff).await;
    let olga = domain::auth::login(
        &site.d,
        "olga@example.org",
        "password-olga",
        "test",
        wire::Lang::Ru,
    )
    .await
    .unwrap()
    .0;
    let at = site.clock.now() + chrono::Duration::minutes(10);
    domain::staff::set_publication(&site.d, &olga, id, domain::staff::Publication::Schedule(at))
        .await
        .unwrap();

    let request = Request::get("/api/events/site?after=0")
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let response = site.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut last = site.clock.now();
    let announce = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        server::announcer::announce_once(&site.d, &mut last).await;
        site.clock.advance(chrono::Duration::minutes(10));
        server::announcer::announce_once(&site.d, &mut last).await;
    };
    let (events, ()) = tokio::join!(read_events(response.into_body(), 1), announce);
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].1, "catalogue_changed");
    assert!(events[0].2.contains("parks"));
}

/// The forms a resident posts about idea `id` (direction `direction`): a comment, a report, an edit and a
/// withdrawal.
struct IdeaForms<'a> {
    comment: [(&'static str, &'a str); 3],
    report: [(&'static str, &'a str); 3],
    edit: [(&'static str, &'a str); 4],
    withdraw: [(&'static str, &'a str); 1],
}

fn idea_forms<'a>(id: &'a str, direction: &'a str) -> IdeaForms<'a> {
    IdeaForms {
        comment: [
            ("idea_id", id),
            ("parent_id", ""),
            ("body", "Отличная мысль"),
        ],
        report: [
            ("kind", "idea"),
            ("target_id", id),
            ("reason", "Это реклама"),
        ],
        edit: [
            ("idea_id", id),
            ("direction_id", direction),
            ("title", "Чужая правка"),
            ("body", "Чужая правка текста идеи целиком."),
        ],
        withdraw: [("idea_id", id)],
    }
}

#[tokio::test]
async fn the_idea_page_is_complete_without_javascript() {
    let (site, _, _, id) = an_idea("Скамейки у пруда").await;
    // The page is complete without JavaScript.
    let page = site.get(&format!("/ideas/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Скамейки у пруда") && page.body.contains("Поставить скамейки"));
    assert!(page.body.contains("href=\"/projects/parks\""));
    assert_eq!(
        site.get("/ideas/999999", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_residents_comment_report_and_handle_their_ideas() {
    let (site, _, direction, id) = an_idea("Скамейки у пруда").await;
    let IdeaForms {
        comment,
        report,
        edit,
        withdraw,
    } = idea_forms(&id, &direction);
    // Strangers get 401, officials 403.
    let mut officials = Vec::new();
    for role in [Role::Moderator, Role::Expert, Role::Staff, Role::Admin] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        officials.push((name, cookie));
    }
    for (endpoint, form) in [
        ("comment", &comment[..]),
        ("report", &report[..]),
        ("my_ideas", &[][..]),
        ("edit_idea", &edit[..]),
        ("withdraw_idea", &withdraw[..]),
    ] {
        assert_eq!(
            site.call(endpoint, form, None).await.status,
            StatusCode::UNAUTHORIZED
        );
        for (name, cookie) in &officials {
            let reply = site.call(endpoint, form, Some(cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
    }
    assert_eq!(
        site.call("notifications", &[], None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_comment_keeps_its_links_shows_markup_as_text_and_reaches_the_author() {
    let (site, anna, direction, id) = an_idea("Скамейки у пруда").await;
    let IdeaForms {
        report,
        edit,
        withdraw,
        ..
    } = idea_forms(&id, &direction);
    // A resident comments with a link and markup: the link is clickable, the markup is text.
    let odd = "Смотрите https://example.org/plan. <script>alert(1)</script>";
    let boris = register_and_confirm(&site, "boris@example.org").await;
    let reply = site
        .call(
            "comment",
            &[("idea_id", id.as_str()), ("parent_id", ""), ("body", odd)],
            Some(&boris),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let empty = site
        .call(
            "comment",
            &[("idea_id", id.as_str()), ("parent_id", ""), ("body", " ")],
            Some(&boris),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = site.get(&format!("/ideas/{id}"), None).await;
    assert!(
        page.body
            .contains("href=\"https://example.org/plan\" rel=\"nofollow ugc noopener noreferrer\"")
    );
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !page.body.contains("<script>alert(1)")
    );

    // Anna is notified; her list of ideas shows the idea with its status.
    let notes = site.call("notifications", &[], Some(&anna)).await;
    assert!(
        notes.body.contains("\"kind\":\"commented\""),
        "{}",
        notes.body
    );
    let mine = site.call("my_ideas", &[], Some(&anna)).await;
    assert!(
        mine.body.contains("Скамейки у пруда") && mine.body.contains("\"status\":\"published\"")
    );
    // Only the author edits or withdraws; once commented on, not even they.
    for (endpoint, form) in [("edit_idea", &edit[..]), ("withdraw_idea", &withdraw[..])] {
        let reply = site.call(endpoint, form, Some(&boris)).await;
        assert_eq!(
            reply.status,
            StatusCode::NOT_FOUND,
            "boris calling {endpoint}"
        );
        let reply = site.call(endpoint, form, Some(&anna)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        assert!(reply.body.contains("not_editable"));
    }
    let reported = site.call("report", &report, Some(&boris)).await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);
    let again = site.call("report", &report, Some(&boris)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already_reported"));
}

#[tokio::test]
async fn the_feed_filters_sorts_and_searches_without_javascript() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    for title in ["Велосипедные дорожки вдоль реки", "Скамейки у пруда"]
    {
        let reply = site
            .call("submit_idea", &idea_form(&direction, title), Some(&anna))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    // Another grammatical form finds the idea; the other one is not listed.
    let page = site
        .get("/projects/parks?q=%D0%B2%D0%B5%D0%BB%D0%BE%D1%81%D0%B8%D0%BF%D0%B5%D0%B4%D0%BD%D0%B0%D1%8F&sort=discussed", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Велосипедные дорожки вдоль реки"));
    assert!(!page.body.contains("Скамейки у пруда"));
    assert!(
        page.body.contains("value=\"discussed\" selected"),
        "the form keeps the order"
    );
    // The feed's own route, filtered by a direction with no ideas.
    let detail = domain::projects::detail(&site.d, "parks", None)
        .await
        .unwrap();
    let other = detail.directions[1].id;
    let page = site
        .get(&format!("/projects/parks/ideas?direction={other}"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Скамейки у пруда"));
    assert!(
        page.body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).feed_nothing_found)
    );
    // Malformed parameters are ignored, not errors.
    let page = site
        .get(
            "/projects/parks?direction=abc&sort=%27;DROP&after=x.y",
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Скамейки у пруда"));
}

/// Why the moderator rejects Anna's advertisement.
const ADVERT: &str = "Это реклама, а не идея для города.";

/// Every moderation server function with a form that would do something on idea `id`.
fn moderation_calls(id: &str) -> [(&'static str, Vec<(&'static str, &str)>); 14] {
    let why = ADVERT;
    [
        ("moderation/queue", vec![]),
        (
            "moderation/review_idea",
            vec![("idea_id", id), ("action", "reject"), ("reason", why)],
        ),
        (
            "moderation/correct_idea",
            vec![
                ("idea_id", id),
                ("title", "Исправленный заголовок"),
                ("body", "Исправленный текст идеи целиком."),
                ("reason", "Опечатка в заголовке"),
            ],
        ),
        (
            "moderation/review_comment",
            vec![("comment_id", "1"), ("action", "keep"), ("reason", "")],
        ),
        ("moderation/close_report", vec![("report_id", "1")]),
        (
            "moderation/merge",
            vec![
                ("source_id", id),
                ("target_id", "1"),
                ("reason", "Дубликат идеи"),
            ],
        ),
        ("moderation/undo_merge", vec![("merge_id", "1")]),
        (
            "moderation/add_template",
            vec![
                ("title_ru", "Реклама"),
                ("title_en", "Advertising"),
                ("text_ru", "Реклама не является идеей."),
                ("text_en", "Advertising is not an idea."),
            ],
        ),
        (
            "moderation/review_ideas",
            vec![("ids[]", id), ("action", "publish")],
        ),
        (
            "moderation/review_comments",
            vec![("ids[]", "1"), ("action", "hide"), ("reason", why)],
        ),
        (
            "moderation/merge_candidates",
            vec![("idea_id", id), ("query", "")],
        ),
        ("moderation/templates", vec![]),
        (
            "moderation/update_template",
            vec![
                ("id", "1"),
                ("title_ru", "Реклама"),
                ("title_en", "Advertising"),
                ("text_ru", "Реклама не является идеей."),
                ("text_en", "Advertising is not an idea."),
            ],
        ),
        ("moderation/delete_template", vec![("id", "1")]),
    ]
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

#[tokio::test]
async fn only_moderators_moderate() {
    let (site, anna, _, id) = an_idea("Реклама магазина").await;
    let calls = moderation_calls(&id);
    for (endpoint, form) in &calls {
        let reply = site.call(endpoint, form, None).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {endpoint}"
        );
    }
    let mut cookies = vec![("resident", anna.clone())];
    for role in [Role::Expert, Role::Staff] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        cookies.push((name, cookie));
    }
    for (name, cookie) in &cookies {
        for (endpoint, form) in &calls {
            let reply = site.call(endpoint, form, Some(cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
        let stream = site.get("/api/events/moderation", Some(cookie)).await;
        assert_eq!(
            stream.status,
            StatusCode::FORBIDDEN,
            "{name} listening to the queue"
        );
    }
    assert_eq!(
        site.get("/api/events/moderation", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        domain::audit::of_project(&site.d, "parks")
            .await
            .unwrap()
            .decisions
            .is_empty()
    );
}

#[tokio::test]
async fn a_moderator_decides_once_in_bulk_too_and_the_decisions_are_public() {
    let (site, anna, direction, id) = an_idea("Реклама магазина").await;
    let calls = moderation_calls(&id);
    let why = ADVERT;
    user(&site.d, "moderator", Role::Moderator).await;
    let mira = site
        .login("moderator@example.org", "password-moderator")
        .await;
    let queue = site.call("moderation/queue", &[], Some(&mira)).await;
    assert!(queue.body.contains("Реклама магазина"), "{}", queue.body);
    let reply = site.call(calls[1].0, &calls[1].1, Some(&mira)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let again = site.call(calls[1].0, &calls[1].1, Some(&mira)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already_moderated"));

    // Bulk: the ticked boxes arrive as `ids[]`; the rejected one is skipped, the others decided.
    let mut ids = vec![id.clone()];
    for title in ["Скамейки у пруда", "Фонтан на площади"] {
        let posted = site
            .call("submit_idea", &idea_form(&direction, title), Some(&anna))
            .await;
        let card: wire::IdeaCard = serde_json::from_str(&posted.body).unwrap();
        ids.push(card.id.to_string());
    }
    let none = site
        .call(
            "moderation/review_ideas",
            &[("action", "publish")],
            Some(&mira),
        )
        .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("none_selected"), "{}", none.body);
    let mut form: Vec<(&str, &str)> = ids.iter().map(|i| ("ids[]", i.as_str())).collect();
    form.push(("action", "publish"));
    let bulk = site
        .call("moderation/review_ideas", &form, Some(&mira))
        .await;
    assert_eq!(bulk.status, StatusCode::OK, "{}", bulk.body);
    let outcome: wire::BulkOutcome = serde_json::from_str(&bulk.body).unwrap();
    assert_eq!((outcome.done, outcome.skipped), (2, 1));
    let found = site
        .call(
            "moderation/merge_candidates",
            &[("idea_id", ids[1].as_str()), ("query", "фонтан")],
            Some(&mira),
        )
        .await;
    let found: Vec<wire::IdeaCard> = serde_json::from_str(&found.body).unwrap();
    assert_eq!(found[0].title, "Фонтан на площади");

    // The trail is public, without JavaScript, with the reason.
    let page = site.get("/projects/parks/decisions", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(why));
    assert!(
        page.body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).decision_rejected)
    );
    assert!(
        page.body.contains(&format!(
            "<span class=\"decider\">{}</span>",
            app::i18n::texts_of(app::i18n::Lang::Ru).by_moderator
        )),
        "the decider by role"
    );
}

/// Anna's idea in "parks", whose commission seats the experts Alla and Boris (Zoya is an expert of no
/// commission here): the site, the project, Anna's cookie and the idea's id.
async fn a_commission() -> (Site, i64, String, String) {
    let (site, anna, _, id) = an_idea("Скамейки у пруда").await;
    let project = domain::projects::detail(&site.d, "parks", None)
        .await
        .unwrap()
        .card
        .id;
    let olga = user(&site.d, "olga", Role::Staff).await;
    for name in ["alla", "boris"] {
        user(&site.d, name, Role::Expert).await;
        let member = domain::staff::MemberInput {
            name_ru: name.into(),
            name_en: name.into(),
            position_ru: "Эксперт".into(),
            position_en: "Expert".into(),
            expert_email: format!("{name}@example.org"),
        };
        domain::staff::add_member(&site.d, &olga, project, &member)
            .await
            .unwrap();
    }
    user(&site.d, "zoya", Role::Expert).await;
    (site, project, anna, id)
}

/// Scores 5, 4, 5 for idea `id`, as the dashboard's form posts them.
fn score_form(id: &str) -> [(&'static str, &str); 5] {
    [
        ("idea_id", id),
        ("scores[0]", "5"),
        ("scores[1]", "4"),
        ("scores[2]", "5"),
        ("comment", ""),
    ]
}

#[tokio::test]
async fn only_the_projects_commission_judges() {
    let (site, project, anna, id) = a_commission().await;
    let score = score_form(&id);
    let calls: [(&str, &[(&str, &str)]); 5] = [
        ("commission/board", &[("slug", "parks")]),
        ("commission/score", &score),
        (
            "commission/conflict",
            &[("idea_id", id.as_str()), ("reason", "Автор — мой сосед")],
        ),
        (
            "commission/shortlist",
            &[("idea_id", id.as_str()), ("reason", "Высокие оценки")],
        ),
        (
            "commission/vote",
            &[
                ("idea_id", id.as_str()),
                ("decision", "select"),
                ("reason", "Нужно городу"),
            ],
        ),
    ];
    for (endpoint, form) in calls {
        assert_eq!(
            site.call(endpoint, form, None).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let mut refused = vec![("resident", anna.clone())];
    for role in [Role::Moderator, Role::Admin] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        refused.push((name, cookie));
    }
    // An expert of no commission of this project is refused too.
    refused.push((
        "zoya",
        site.login("zoya@example.org", "password-zoya").await,
    ));
    let stream = format!("/api/events/commission?project={project}");
    for (name, cookie) in &refused {
        for (endpoint, form) in calls {
            let reply = site.call(endpoint, form, Some(cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
        assert_eq!(
            site.get(&stream, Some(cookie)).await.status,
            StatusCode::FORBIDDEN,
            "{name}"
        );
    }
    assert_eq!(
        site.get(&stream, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn scores_stay_blind_until_one_scores_and_bad_scores_are_refused() {
    let (site, _, _, id) = a_commission().await;
    let score = score_form(&id);
    // Blind: Boris does not see Alla's scores until he scores.
    let alla = site.login("alla@example.org", "password-alla").await;
    let boris = site.login("boris@example.org", "password-boris").await;
    let reply = site.call("commission/score", &score, Some(&alla)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let board = site
        .call("commission/board", &[("slug", "parks")], Some(&boris))
        .await;
    let parsed: wire::CommissionBoard = serde_json::from_str(&board.body).unwrap();
    assert!(parsed.ideas[0].all.is_none(), "blind before scoring");
    assert!(!board.body.contains("\"scores\":[5,4,5]"));
    let out_of_range = [
        ("idea_id", id.as_str()),
        ("scores[0]", "9"),
        ("scores[1]", "4"),
        ("scores[2]", "5"),
        ("comment", ""),
    ];
    let bad = site
        .call("commission/score", &out_of_range, Some(&boris))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong_type = [
        ("idea_id", id.as_str()),
        ("scores[0]", "много"),
        ("scores[1]", "4"),
        ("scores[2]", "5"),
        ("comment", ""),
    ];
    let bad = site
        .call("commission/score", &wrong_type, Some(&boris))
        .await;
    assert_ne!(bad.status, StatusCode::OK);
    site.call("commission/score", &score, Some(&boris)).await;
    let board = site
        .call("commission/board", &[("slug", "parks")], Some(&boris))
        .await;
    let parsed: wire::CommissionBoard = serde_json::from_str(&board.body).unwrap();
    assert_eq!(
        parsed.ideas[0].all.as_ref().unwrap().len(),
        2,
        "revealed after scoring"
    );
}

#[tokio::test]
async fn the_results_page_has_figures_charts_and_selected_ideas_without_javascript() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let mut ids = Vec::new();
    for title in ["Скамейки у пруда", "Фонтан в сквере"] {
        let reply = site
            .call("submit_idea", &idea_form(&direction, title), Some(&anna))
            .await;
        ids.push(
            serde_json::from_str::<wire::IdeaCard>(&reply.body)
                .unwrap()
                .id,
        );
    }
    let olga = user(&site.d, "olga", Role::Staff).await;
    let mut experts = Vec::new();
    for name in ["alla", "boris"] {
        experts.push(user(&site.d, name, Role::Expert).await);
        let member = domain::staff::MemberInput {
            name_ru: name.into(),
            name_en: name.into(),
            position_ru: "Эксперт".into(),
            position_en: "Expert".into(),
            expert_email: format!("{name}@example.org"),
        };
        domain::staff::add_member(&site.d, &olga, project, &member)
            .await
            .unwrap();
    }
    domain::commission::shortlist(&site.d, &experts[0], ids[0], "Высокие оценки")
        .await
        .unwrap();
    for expert in &experts {
        domain::commission::vote(
            &site.d,
            expert,
            ids[0],
            wire::FinalVerdict::Select,
            "Нужно жителям",
        )
        .await
        .unwrap();
    }
    let page = site.get("/projects/parks/results", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("class=\"hbars\"") && page.body.contains("class=\"column-bar\""),
        "both charts, drawn in HTML on the server"
    );
    // The per-day table names its days as readers do ("22 июня"), keeping the date for machines.
    let row = page
        .body
        .split("<th scope=\"row\"><time datetime=\"")
        .nth(1)
        .unwrap();
    let (iso, rest) = row.split_once("\">").unwrap();
    let label = rest.split("</time>").next().unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").is_ok(),
        "{iso}"
    );
    assert!(
        label.chars().any(char::is_alphabetic) && !label.contains('-'),
        "{label}"
    );
    // The anonymised votes are called votes, not scores (which are the experts').
    assert!(page.body.contains("Голоса «за» и «против» (без имён)"));
    assert!(
        page.body.contains("Скамейки у пруда")
            && page.body.contains("Нужно жителям / Нужно жителям")
    );
    assert!(
        !page.body.contains("Фонтан в сквере</a>"),
        "only selected ideas are listed"
    );
    assert!(
        page.body.contains("<dd>2</dd>") && page.body.contains("<dd>1</dd>"),
        "submitted 2, selected 1"
    );
    assert_eq!(
        site.get("/projects/nope/results", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn open_data_streams_exports_and_the_api_pages_by_cursor() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    for n in 0..3 {
        let title = format!("=Идея номер {n}, с запятой");
        site.call("submit_idea", &idea_form(&direction, &title), Some(&anna))
            .await;
    }
    let csv = site.get("/projects/parks/export/ideas.csv", None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(lines[0].starts_with("id,direction_id,title,body"));
    assert_eq!(lines.len(), 4);
    assert!(
        lines[1].contains("\"'=Идея номер 0, с запятой\""),
        "quoted, formula neutralised: {}",
        lines[1]
    );
    let json = site.get("/projects/parks/export/ideas.json", None).await;
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&json.body).unwrap();
    assert_eq!(parsed.len(), 3);
    let votes = site.get("/projects/parks/export/votes.csv", None).await;
    assert_eq!(votes.body.lines().next(), Some("idea_id,value,day"));
    assert!(!votes.body.contains("anna"), "anonymised");
    assert_eq!(
        site.get("/projects/parks/export/users.csv", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        site.get("/projects/nope/export/ideas.csv", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Every answer reads back into the `wire` type the pages use: the API's shape is the code's.
    let projects = site.get("/api/v1/projects", None).await;
    let projects: wire::ApiProjects = serde_json::from_str(&projects.body).unwrap();
    assert_eq!(projects.projects[0].slug, "parks");
    let first = site.get("/api/v1/projects/parks/ideas?limit=2", None).await;
    let page: wire::FeedPage = serde_json::from_str(&first.body).unwrap();
    assert_eq!(page.items.len(), 2);
    let next = page.next.unwrap();
    let second = site
        .get(
            &format!("/api/v1/projects/parks/ideas?limit=2&after={next}"),
            None,
        )
        .await;
    let page: wire::FeedPage = serde_json::from_str(&second.body).unwrap();
    assert_eq!(page.items.len(), 1);
    assert!(page.next.is_none());
    let results = site.get("/api/v1/projects/parks/results", None).await;
    let results: wire::ResultsData = serde_json::from_str(&results.body).unwrap();
    assert_eq!(
        (results.submitted, results.card.slug.as_str()),
        (3, "parks")
    );
}

#[tokio::test]
async fn officials_pages_refuse_visitors_with_401_and_other_roles_with_403() {
    let site = site().await;
    user(&site.d, "anna", Role::Resident).await;
    user(&site.d, "mira", Role::Moderator).await;
    let anna = site.login("anna@example.org", "password-anna").await;
    let mira = site.login("mira@example.org", "password-mira").await;
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);
    let officials = [
        "/staff",
        "/staff/projects/1",
        "/moderation",
        "/moderation/templates",
        "/commission",
        "/commission/parks",
    ];
    for path in officials {
        let visitor = site.get(path, None).await;
        assert_eq!(visitor.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(header_of(&visitor, "www-authenticate").starts_with("Cookie "));
        assert!(visitor.body.contains(ru.refusal_login_title), "{path}");
        let back = format!("/login?next={path}");
        assert!(
            visitor.body.contains(&back),
            "{path}: a login link back here"
        );
        let resident = site.get(path, Some(&anna)).await;
        assert_eq!(resident.status, StatusCode::FORBIDDEN, "{path}");
        assert!(resident.body.contains(ru.refusal_role_title), "{path}");
        let main = &resident.body[resident.body.find("<main").unwrap()..];
        assert!(
            !main.contains(ru.staff_new) && !main.contains("<form"),
            "{path}: no workspace and no form of it behind the refusal"
        );
    }
    let moderator = site.get("/moderation", Some(&mira)).await;
    assert_eq!(moderator.status, StatusCode::OK);
    assert!(!moderator.body.contains(ru.refusal_role_title));
    let en = app::i18n::texts_of(app::i18n::Lang::En);
    let english = site.get("/staff", Some(&format!("{anna}; lang=en"))).await;
    assert!(english.body.contains(en.refusal_role_title));
    let english_visitor = site.get("/commission/parks", Some("lang=en")).await;
    assert_eq!(english_visitor.status, StatusCode::UNAUTHORIZED);
    assert!(english_visitor.body.contains(en.refusal_login_title));
    assert_eq!(
        site.get("/notifications", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        site.get("/notifications", Some(&anna)).await.status,
        StatusCode::OK
    );
    // Officials propose nothing: "my ideas" is a refusal for them, not a page with an error in it.
    let theirs = site.get("/my/ideas", Some(&mira)).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    assert!(theirs.body.contains(ru.refusal_role_title));
    assert_eq!(
        site.get("/my/ideas", Some(&anna)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn officials_pages_are_whole_without_javascript() {
    let (site, project, anna, id) = a_commission().await;
    user(&site.d, "mira", Role::Moderator).await;
    let vera = register_and_confirm(&site, "vera@example.org").await;
    let joined = site.call("join", &[("slug", "parks")], Some(&vera)).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    let comment = [
        ("idea_id", id.as_str()),
        ("parent_id", ""),
        ("body", "Поддерживаю, у воды нужнее всего."),
    ];
    assert_eq!(
        site.call("comment", &comment, Some(&vera)).await.status,
        StatusCode::OK
    );
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);
    let mira = site.login("mira@example.org", "password-mira").await;
    let alla = site.login("alla@example.org", "password-alla").await;
    let olga = site.login("olga@example.org", "password-olga").await;
    let editor = format!("/staff/projects/{project}");
    // Each page's own content is in the HTML the server sends: its work can be done with scripts off.
    for (path, who, content) in [
        ("/moderation", &mira, "Скамейки у пруда"),
        (
            "/moderation",
            &mira,
            "action=\"/api/moderation/review_idea\"",
        ),
        (
            "/moderation/templates",
            &mira,
            "action=\"/api/moderation/add_template\"",
        ),
        ("/commission", &alla, "href=\"/commission/parks\""),
        ("/commission/parks", &alla, "Скамейки у пруда"),
        ("/staff", &olga, "action=\"/api/staff/create_project\""),
        (editor.as_str(), &olga, "action=\"/api/staff/add_stage\""),
        ("/my/ideas", &anna, "Скамейки у пруда"),
        ("/notifications", &anna, ru.notice_commented),
    ] {
        let page = site.get(path, Some(who)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let main = &page.body[page.body.find("<main").unwrap()..];
        assert!(main.contains(content), "{path}: {content}");
        assert!(!main.contains(ru.loading), "{path}: nothing left loading");
        assert!(
            page.body.contains("action=\"/api/logout\""),
            "{path}: the account menu"
        );
    }
    // A project created without JavaScript lands on its editor, which works the same way.
    let created = site
        .post_plain(
            "staff/create_project",
            &[
                ("slug", "clean-air"),
                ("title_ru", "Чистый воздух"),
                ("title_en", "Clean air"),
                ("summary_ru", "Идеи о чистом воздухе в городе"),
                ("summary_en", "Ideas for clean air in the city"),
                ("body_ru", "Предложите меры для чистого воздуха."),
                ("body_en", "Propose measures for clean air."),
            ],
            "/staff",
            Some(&olga),
        )
        .await;
    let editor = Site::see_other(&created);
    assert!(editor.starts_with("/staff/projects/"), "{editor}");
    let page = site.get(&editor, Some(&olga)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Чистый воздух")
            && page.body.contains("action=\"/api/staff/add_stage\"")
    );
}

impl Site {
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

#[tokio::test]
async fn a_form_posted_without_javascript_ends_back_on_its_page_with_the_outcome() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);

    // A failure: back to the page, which shows the message next to its field (never a bare error body).
    let login = site
        .post_plain(
            "login",
            &[
                ("email", "nobody@example.org"),
                ("password", "wrong"),
                ("next", "/"),
            ],
            "/login",
            None,
        )
        .await;
    let back = Site::see_other(&login);
    assert!(
        back.starts_with("/login?") && back.contains("__err="),
        "{back}"
    );
    assert!(
        site.get(&back, None)
            .await
            .body
            .contains(ru.err_bad_credentials)
    );

    let visitor = site
        .post_plain("join", &[("slug", "parks")], "/projects/parks", None)
        .await;
    let back = Site::see_other(&visitor);
    assert!(back.starts_with("/projects/parks?"), "{back}");
    assert_eq!(site.get(&back, None).await.status, StatusCode::OK);

    let cookie = resident_joined(&site).await;
    let empty = [
        ("slug", "parks"),
        ("direction_id", ""),
        ("title", ""),
        ("body", ""),
    ];
    let refused = site
        .post_plain("submit_idea", &empty, "/projects/parks", Some(&cookie))
        .await;
    let page = site.get(&Site::see_other(&refused), Some(&cookie)).await;
    assert!(
        page.body.contains(ru.err_required),
        "the field messages are on the page"
    );
    assert_eq!(site.count_ideas().await, 0);

    // A resident posting an official's form lands on the refusal, not on "Forbidden".
    let staff_form = site
        .post_plain(
            "staff/create_project",
            &[("slug", "x")],
            "/staff",
            Some(&cookie),
        )
        .await;
    let page = site.get(&Site::see_other(&staff_form), Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains(ru.refusal_role_title));

    // A success: back to the page, without an error.
    let direction = direction_id(&site).await;
    let done = site
        .post_plain(
            "submit_idea",
            &idea_form(&direction, "Скамейки у пруда"),
            "/projects/parks",
            Some(&cookie),
        )
        .await;
    assert_eq!(
        Site::see_other(&done),
        "/projects/parks",
        "no bare `?` on the way back"
    );
    assert_eq!(site.count_ideas().await, 1);
    // The page it returns to says what happened, once.
    let said = cookie_named(&done, "crowd_done");
    assert_eq!(said, "crowd_done=/api/submit_idea");
    let page = site
        .get("/projects/parks", Some(&format!("{cookie}; {said}")))
        .await;
    assert!(
        page.body.contains(ru.done_idea_sent),
        "the outcome in words"
    );
    assert!(
        header_of(&page, "set-cookie").starts_with("crowd_done=; Path=/; Max-Age=0"),
        "and forgotten"
    );
    let again = site.get("/projects/parks", Some(&cookie)).await;
    assert!(!again.body.contains(ru.done_idea_sent));
    // A cookie naming anything but a server function says nothing.
    let forged = site
        .get(
            "/projects/parks",
            Some(&format!("{cookie}; crowd_done=<script>")),
        )
        .await;
    assert!(!forged.body.contains("notice done"));
}

/// The cookie `name` that `reply` sets (not one it clears), as a `Cookie` header's pair.
fn cookie_named(reply: &Reply, name: &str) -> String {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")) && !c.starts_with(&format!("{name}=;")))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("a cookie {name} in {:?}", reply.headers))
        .to_owned()
}

/// The token a failed plain form post left in the echo cookie, as a `Cookie` header's pair.
fn echo_cookie(reply: &Reply) -> String {
    cookie_named(reply, "crowd_echo")
}

#[tokio::test]
async fn what_was_typed_into_a_form_that_came_back_is_shown_once_and_never_a_password() {
    let site = site().await;
    open_project(&site.d, "parks").await;

    // Logging in: the e-mail comes back into its field, the password does not, and only once.
    let login = site
        .post_plain(
            "login",
            &[
                ("email", "nobody@example.org"),
                ("password", "my-secret-words"),
                ("next", "/"),
            ],
            "/login",
            None,
        )
        .await;
    let (back, echo) = (Site::see_other(&login), echo_cookie(&login));
    let page = site.get(&back, Some(&echo)).await;
    assert!(
        page.body.contains("value=\"nobody@example.org\""),
        "the e-mail is in its field"
    );
    assert!(!page.body.contains("my-secret-words"));
    assert!(
        header_of(&page, "set-cookie").starts_with("crowd_echo=; Path=/; Max-Age=0"),
        "the cookie is cleared"
    );
    let again = site.get(&back, Some(&echo)).await;
    assert!(!again.body.contains("nobody@example.org"), "shown once");
    let stranger = site.get(&back, None).await;
    assert!(
        !stranger.body.contains("nobody@example.org"),
        "the page with the echo was not kept for other readers"
    );

    // Proposing: a long description and a refused title come back, to this form only.
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let body = "Поставить скамейки вдоль всех дорожек парка, через каждые сто метров. ".repeat(20);
    let refused = site
        .post_plain(
            "submit_idea",
            &[
                ("slug", "parks"),
                ("direction_id", &direction),
                ("title", "<b>Скамейки</b> у пруда"),
                ("body", &body),
            ],
            "/projects/parks",
            Some(&cookie),
        )
        .await;
    let both = format!("{cookie}; {}", echo_cookie(&refused));
    let page = site.get(&Site::see_other(&refused), Some(&both)).await;
    let form = &page.body[page.body.find("id=\"idea-title\"").unwrap()..];
    assert!(form.contains("value=\"&lt;b&gt;Скамейки&lt;/b&gt; у пруда\""));
    assert!(
        form.contains(body.trim_end()),
        "the description is in its field"
    );
    assert!(
        page.body
            .contains(&format!("value=\"{direction}\" selected>")),
        "the direction stays chosen"
    );
    assert_eq!(site.count_ideas().await, 0);
}

#[tokio::test]
async fn a_merged_duplicate_s_address_leads_to_the_idea_it_joined() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let mira = user(&site.d, "mira", Role::Moderator).await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    let boris = domain::testing::resident(&site.d, "boris", "parks").await;
    let target = domain::testing::post(&site.d, &anna, "parks", "Скамейки у пруда").await;
    let duplicate = domain::testing::post(&site.d, &boris, "parks", "Лавочки у пруда").await;
    domain::comments::add(&site.d, &anna, duplicate.id, None, "Поставьте их в тени")
        .await
        .unwrap();
    domain::moderation::merge(&site.d, &mira, duplicate.id, target.id, "Та же идея")
        .await
        .unwrap();
    let page = |path: String| {
        let request = Request::get(path)
            .header(header::HOST, HOST)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap();
        site.send(request)
    };
    let reply = page(format!("/ideas/{}", duplicate.id)).await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    assert_eq!(
        header_of(&reply, "location"),
        format!("/ideas/{}", target.id)
    );
    // What was said on the duplicate is read on the idea it joined.
    let joined = page(format!("/ideas/{}", target.id)).await;
    assert_eq!(joined.status, StatusCode::OK);
    assert!(
        joined
            .body
            .contains("Обсуждение объединённой с этой идеи «Лавочки у пруда»")
            && joined.body.contains("Поставьте их в тени"),
        "{}",
        joined.body
    );
    // An idea that never existed is still a 404.
    assert_eq!(
        page("/ideas/999999".into()).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_failure_on_our_side_says_so_and_what_to_do_next_without_its_internals() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    let idea = domain::testing::post(&site.d, &anna, "parks", "Скамейки у пруда").await;
    // The idea page reads its comments: without their table the database fails under it.
    use sea_orm::ConnectionTrait;
    site.d
        .db
        .execute_unprepared("ALTER TABLE comments RENAME TO comments_gone")
        .await
        .unwrap();
    let page = site.get(&format!("/ideas/{}", idea.id), None).await;
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);
    assert!(page.body.contains(ru.err_internal), "{}", page.body);
    assert!(
        ru.err_internal.contains("Обновите страницу"),
        "it says what to do"
    );
    let main = &page.body[page.body.find("<main").unwrap()..page.body.find("</main>").unwrap()];
    assert!(
        !main.contains("comments") && !main.contains("SQL") && !main.contains("table"),
        "no internals: {main}"
    );
}

#[tokio::test]
async fn counts_are_written_with_the_plural_form_their_number_asks_for() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = domain::testing::resident(&site.d, "anna", "parks").await;
    for title in [
        "Скамейки у пруда",
        "Фонтан в сквере",
        "Велодорожка вдоль реки",
    ] {
        domain::testing::post(&site.d, &anna, "parks", title).await;
    }
    let ru = site.get("/projects/parks", None).await.body;
    for expected in [
        "3 идеи</span>",
        "1 участник</span>",
        "0 комментариев</span>",
    ] {
        assert!(ru.contains(expected), "{expected}");
    }
    let en = site.get("/projects/parks", Some("lang=en")).await.body;
    for expected in [
        "3 ideas</span>",
        "1 participant</span>",
        "0 comments</span>",
    ] {
        assert!(en.contains(expected), "{expected}");
    }
}
