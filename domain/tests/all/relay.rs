//! The relay between server instances on one PostgreSQL database: a second instance's open pages get the
//! first one's live updates (events read back from the table, queue and commission pings, bells), and an
//! instance does not hear its own. On SQLite (one process by nature) the relay stays off. What the bus
//! takes for the newest event of each scope: recalled from the table at start, forgotten when the relay
//! stops hearing the others.

use domain::auth::Role;
use domain::ideas::{self, NewIdea};
use domain::testing::{backend_name, domain, open_project, post, resident, user};
use domain::{Domain, events, projects, relay};
use sea_orm::ConnectionTrait;
use std::time::Duration;
use tokio::time::timeout;

/// Long enough for a NOTIFY to travel on a loaded machine; only a failure waits this long.
const PATIENCE: Duration = Duration::from_secs(10);

/// A channel of the test's own: channels are database-wide, so parallel tests do not hear each other.
fn own_channel() -> String {
    format!(
        "crowd_test_{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

#[tokio::test]
async fn live_updates_reach_the_other_instance_and_not_their_sender() {
    let (a, clock) = domain().await;
    let channel = own_channel();
    let started = relay::start(&a, &channel).await.unwrap();
    if backend_name() != "postgres" {
        assert!(!started, "no relay on SQLite");
        return;
    }
    // Another instance: the same database, its own bus and channels.
    let b = Domain::new(a.db.clone(), clock);
    assert!(relay::start(&b, &channel).await.unwrap());
    let mut events = b.bus.subscribe();
    let mut queue = b.queue.subscribe();
    let mut boards = b.commission.subscribe();
    let mut bells = b.notices.subscribe();
    let mut own = a.bus.subscribe();

    let project = open_project(&a, "parks").await;
    let anna = user(&a, "anna", Role::Resident).await;
    projects::join(&a, &anna, "parks").await.unwrap();
    let direction = projects::detail(&a, "parks", None)
        .await
        .unwrap()
        .directions[0]
        .id;
    let new = NewIdea {
        project_slug: "parks".into(),
        direction_id: Some(direction),
        title: "Скамейки у пруда".into(),
        body: "Текст идеи достаточной длины для ленты.".into(),
    };
    let card = ideas::submit(&a, &anna, &new).await.unwrap();

    let relayed = timeout(PATIENCE, events.recv()).await.unwrap().unwrap();
    assert_eq!(relayed.kind, "idea_published");
    assert_eq!(relayed.project_id, Some(project));
    assert!(relayed.payload.contains("Скамейки у пруда"));
    timeout(PATIENCE, queue.recv()).await.unwrap().unwrap();
    a.commission_changed(project);
    assert_eq!(
        timeout(PATIENCE, boards.recv()).await.unwrap().unwrap(),
        project
    );
    a.bell_changed(anna.id);
    assert_eq!(
        timeout(PATIENCE, bells.recv()).await.unwrap().unwrap(),
        anna.id
    );

    // The sender's own subscribers had the event once, from its own bus, not again from the relay.
    let first = own.recv().await.unwrap();
    assert_eq!(first.id, relayed.id);
    assert!(card.id > 0);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(own.try_recv().is_err(), "no echo of its own signal");
}

#[tokio::test]
async fn an_instance_started_again_knows_the_newest_event_of_each_project_and_of_the_site() {
    let (d, clock) = domain().await;
    let parks = open_project(&d, "parks").await;
    let quiet = open_project(&d, "quiet").await;
    let anna = resident(&d, "anna", "parks").await;
    post(&d, &anna, "parks", "Скамейки у пруда").await;
    let head = events::last_id(&d.db, Some(parks)).await.unwrap();
    let site_head = events::last_id(&d.db, None).await.unwrap();

    // Started again: a new bus over the same database knows nothing until it recalls.
    let again = Domain::new(d.db.clone(), clock);
    assert!(!again.bus.is_at_head(Some(parks), head));
    let scopes = events::recall_heads(&again).await.unwrap();
    assert!(again.bus.is_at_head(Some(parks), head));
    assert!(
        !again.bus.is_at_head(Some(parks), head - 1),
        "one event behind"
    );
    assert!(
        !again.bus.is_at_head(Some(quiet), i64::MAX),
        "a project without events has no head"
    );
    assert_eq!(again.bus.is_at_head(None, site_head), site_head > 0);
    assert_eq!(scopes, 1 + usize::from(site_head > 0));
}

#[tokio::test]
async fn an_instance_that_stops_hearing_the_others_forgets_the_newest_events() {
    let (d, _) = domain().await;
    let channel = own_channel();
    if !relay::start(&d, &channel).await.unwrap() {
        return; // SQLite: one instance, nothing to miss
    }
    d.bus.know_heads([(Some(1), 10)]);
    assert!(d.bus.is_at_head(Some(1), 10));
    // The listener's connection is cut (PostgreSQL restarted, a proxy's idle timeout): whatever the
    // others publish until it listens again never reaches this bus.
    d.db.execute_unprepared(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN%{channel}%'"
    ))
    .await
    .unwrap();
    timeout(PATIENCE, async {
        while d.bus.is_at_head(Some(1), 10) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the bus forgot its heads once the relay's connection was lost");
}
