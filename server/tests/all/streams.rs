//! The live event streams: replay after the resume point then live events, a stream at the head reading
//! nothing from the table, open home pages hearing a scheduled project go public.

use super::*;

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
