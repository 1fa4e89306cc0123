//! What moderation takes down leaves every public channel; live streams are bounded; the client address
//! comes from a proxy only when it is trusted.

use super::*;
use server::edge::{Edge, StreamGate};

/// A resident posts an idea (and a comment under it); returns the idea's id and the comment's.
async fn idea_and_comment(site: &Site, cookie: &str, title: &str, comment: &str) -> (i64, i64) {
    let direction = direction_id(site).await;
    let posted = site
        .call("submit_idea", &idea_form(&direction, title), Some(cookie))
        .await;
    assert_eq!(posted.status, StatusCode::OK, "{}", posted.body);
    let idea: wire::IdeaCard = serde_json::from_str(&posted.body).unwrap();
    let reply = site
        .call(
            "comment",
            &[
                ("idea_id", &idea.id.to_string()),
                ("parent_id", ""),
                ("body", comment),
            ],
            Some(cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let comment: wire::Comment = serde_json::from_str(&reply.body).unwrap();
    (idea.id, comment.id)
}

async fn moderator(site: &Site) -> String {
    user(&site.d, "mira", Role::Moderator).await;
    site.login("mira@example.org", "password-mira").await
}

/// The first `count` stored events of a project as a replay from the start sends them, as text.
async fn replay_from_start(site: &Site, project: i64, count: usize) -> String {
    let request = Request::get(format!("/api/events?project={project}&after=0"))
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let response = site.app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let events = read_events(response.into_body(), count).await;
    assert_eq!(events.len(), count);
    format!("{events:?}")
}

#[tokio::test]
async fn what_moderation_takes_down_leaves_the_replay_feed_search_api_exports_and_page() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let (idea, _) = idea_and_comment(&site, &anna, "Звоните 8-999-123-45-67", "Хорошо").await;
    let (kept, insult) = idea_and_comment(&site, &anna, "Скамейки у пруда", "Вы все дураки").await;
    let mira = moderator(&site).await;
    let before = replay_from_start(&site, project, 4).await;
    assert!(before.contains("8-999-123-45-67") && before.contains("дураки"));

    let reason = "Личные данные и оскорбления";
    let reply = site
        .call(
            "moderation/take_down_idea",
            &[("idea_id", &idea.to_string()), ("reason", reason)],
            Some(&mira),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = site
        .call(
            "moderation/review_comment",
            &[
                ("comment_id", &insult.to_string()),
                ("action", "hide"),
                ("reason", reason),
            ],
            Some(&mira),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let channels = [
        replay_from_start(&site, project, 6).await,
        site.get("/projects/parks", None).await.body,
        site.get("/projects/parks?q=8-999", None).await.body,
        site.get("/api/v1/projects/parks/ideas", None).await.body,
        site.get("/projects/parks/export/ideas.csv", None)
            .await
            .body,
        site.get("/projects/parks/export/ideas.json", None)
            .await
            .body,
        site.get(&format!("/ideas/{idea}"), None).await.body,
        site.get(&format!("/ideas/{kept}"), None).await.body,
    ];
    for (n, text) in channels.iter().enumerate() {
        assert!(!text.contains("8-999-123-45-67"), "channel {n}: {text}");
        assert!(!text.contains("дураки"), "channel {n}: {text}");
    }
    assert!(
        channels[7].contains("Скамейки у пруда"),
        "what was kept stays"
    );
}

#[tokio::test]
async fn resume_points_that_are_not_ids_are_refused() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    for path in [
        format!("/api/events?project={project}&after=-1"),
        format!("/api/events?project={project}&after=abc"),
        "/api/events/site?after=-5".to_owned(),
    ] {
        assert_eq!(
            site.get(&path, None).await.status,
            StatusCode::BAD_REQUEST,
            "{path}"
        );
    }
    let request = Request::get(format!("/api/events?project={project}"))
        .header(header::HOST, HOST)
        .header("last-event-id", "1; DROP TABLE events")
        .body(Body::empty())
        .unwrap();
    assert_eq!(site.send(request).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_client_far_behind_is_told_to_reload_instead_of_a_long_replay() {
    let site = site().await;
    let project = open_project(&site.d, "parks").await;
    let voted = wire::LiveEvent::IdeaVoted(wire::VoteCounts {
        idea_id: 1,
        support_count: 1,
        oppose_count: 0,
    });
    for _ in 0..=server::sse::REPLAY_WINDOW {
        domain::events::append(&site.d.db, Some(project), None, &voted, site.clock.now())
            .await
            .unwrap();
    }
    let newest = domain::events::last_id(&site.d.db, Some(project))
        .await
        .unwrap();
    let request = Request::get(format!("/api/events?project={project}&after=0"))
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let response = site.app.clone().oneshot(request).await.unwrap();
    let events = read_events(response.into_body(), 1).await;
    assert_eq!(events[0].1, "reload", "{events:?}");
    assert_eq!(events[0].0, newest.to_string(), "resumes from the newest");

    // Inside the window, the replay is whole.
    let after = newest - 3;
    let request = Request::get(format!("/api/events?project={project}&after={after}"))
        .header(header::HOST, HOST)
        .body(Body::empty())
        .unwrap();
    let response = site.app.clone().oneshot(request).await.unwrap();
    let events = read_events(response.into_body(), 3).await;
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e.1 == "idea_voted"));
}

fn stream_request(path: &str, client: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, HOST)
        .header("x-forwarded-for", client)
        .body(Body::empty())
        .unwrap()
}

/// An edge that believes `X-Forwarded-For` from any peer (the tests' requests have no socket).
fn behind_a_proxy(streams: StreamGate) -> Edge {
    Edge {
        trusted_proxies: vec!["0.0.0.0/0".parse().unwrap()],
        streams,
        ..Edge::default()
    }
}

/// Opens the stream at `path` as `client` (through the trusted proxy), keeping the answer (its body is
/// the open stream).
async fn open_stream(site: &Site, path: &str, client: &str) -> axum::response::Response {
    site.app
        .clone()
        .oneshot(stream_request(path, client))
        .await
        .unwrap()
}

#[tokio::test]
async fn open_streams_are_capped_per_client_and_in_total() {
    let site = site_with(behind_a_proxy(StreamGate::new(2, 3))).await;
    let project = open_project(&site.d, "parks").await;
    let path = format!("/api/events?project={project}");
    let mut open = Vec::new();
    for _ in 0..2 {
        let response = open_stream(&site, &path, "192.0.2.1").await;
        assert_eq!(response.status(), StatusCode::OK);
        open.push(response);
    }
    let third = open_stream(&site, &path, "192.0.2.1").await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    let other = open_stream(&site, "/api/events/site", "192.0.2.2").await;
    assert_eq!(other.status(), StatusCode::OK);
    open.push(other);
    let full = open_stream(&site, &path, "192.0.2.3").await;
    assert_eq!(full.status(), StatusCode::SERVICE_UNAVAILABLE);
    // A closed stream gives its place back.
    drop(open.pop());
    let again = open_stream(&site, &path, "192.0.2.3").await;
    assert_eq!(again.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_stream_of_a_project_that_stops_being_public_ends() {
    let mut gate = StreamGate::new(10, 10);
    gate.recheck = Duration::from_millis(50);
    let site = site_with(behind_a_proxy(gate)).await;
    let project = open_project(&site.d, "parks").await;
    let response = open_stream(
        &site,
        &format!("/api/events?project={project}"),
        "192.0.2.1",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    domain::entities::project::Entity::update_many()
        .col_expr(
            domain::entities::project::Column::State,
            sea_orm::sea_query::Expr::value("draft"),
        )
        .filter(domain::entities::project::Column::Id.eq(project))
        .exec(&site.d.db)
        .await
        .unwrap();
    let events = read_events(response.into_body(), 1).await;
    assert_eq!(
        events.first().map(|e| e.1.as_str()),
        Some("gone"),
        "{events:?}"
    );
}

async fn login_from(site: &Site, client: &str, password: &str) -> StatusCode {
    let request = Request::post("/api/login")
        .header(header::HOST, HOST)
        .header("x-forwarded-for", client)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(format!(
            "email=anna%40example.org&password={}&next=%2F",
            urlencode(password)
        )))
        .unwrap();
    site.send(request).await.status
}

#[tokio::test]
async fn the_login_limit_follows_the_forwarded_client_only_behind_a_trusted_proxy() {
    for (edge, other_client_gets_in) in [
        (behind_a_proxy(StreamGate::default()), true),
        (Edge::default(), false),
    ] {
        let site = site_with(edge).await;
        user(&site.d, "anna", Role::Resident).await;
        for _ in 0..domain::auth::attempts::PER_PAIR.max {
            let status = login_from(&site, "203.0.113.1", "wrong!").await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let status = login_from(&site, "203.0.113.1", "password-anna").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        let other = login_from(&site, "203.0.113.2", "password-anna").await;
        assert_eq!(
            other == StatusCode::OK,
            other_client_gets_in,
            "another forwarded client: {other}"
        );
    }
}

#[tokio::test]
async fn registration_logs_in_only_through_the_emailed_link_and_says_the_same_for_a_taken_address()
{
    let site = site().await;
    open_project(&site.d, "parks").await;
    user(&site.d, "anna", Role::Resident).await;
    let form = |email: &'static str| {
        [
            ("email", email),
            ("display_name", "Кто-то"),
            ("password", "long enough"),
            ("next", "/projects/parks"),
        ]
    };
    let taken = site.call("register", &form("anna@example.org"), None).await;
    let free = site.call("register", &form("new@example.org"), None).await;
    assert_eq!(
        (taken.status, free.status),
        (StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(
        taken.body, free.body,
        "the answers do not tell which address is taken"
    );
    let outbox = site.data_dir.join("outbox");
    assert!(domain::testing::confirmation_token(&outbox, "anna@example.org").is_none());
    let token = domain::testing::confirmation_token(&outbox, "new@example.org").unwrap();

    // Without JavaScript: the form goes on to "check your e-mail"; the link's page confirms with a post.
    let plain = Request::post("/api/register")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(
            "email=other%40example.org&display_name=Other&password=long+enough&next=%2F",
        ))
        .unwrap();
    let reply = site.send(plain).await;
    assert_eq!(header_location(&reply), "/register/sent");
    let page = site.get(&format!("/confirm?token={token}"), None).await;
    assert!(page.body.contains("name=\"token\"") && page.body.contains(&token));
    let reply = site.call("confirm_email", &[("token", &token)], None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "\"/projects/parks\"");
    let cookie = session_cookie(&reply);
    let joined = site.call("join", &[("slug", "parks")], Some(&cookie)).await;
    assert_eq!(joined.status, StatusCode::OK, "logged in by the link");
    let used = site.call("confirm_email", &[("token", &token)], None).await;
    assert_eq!(used.status, StatusCode::UNPROCESSABLE_ENTITY);
}

fn header_location(reply: &Reply) -> &str {
    reply
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn logging_out_everywhere_ends_the_sessions_of_every_device() {
    let site = site().await;
    user(&site.d, "anna", Role::Resident).await;
    let phone = site.login("anna@example.org", "password-anna").await;
    let laptop = site.login("anna@example.org", "password-anna").await;
    let reply = site
        .call("logout", &[("everywhere", "true")], Some(&laptop))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    for cookie in [&phone, &laptop] {
        let reply = site.call("notifications", &[], Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let page = site
        .get(
            "/account",
            Some(&site.login("anna@example.org", "password-anna").await),
        )
        .await;
    assert!(page.body.contains("Выйти на всех устройствах"));
}
