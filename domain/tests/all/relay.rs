//! The relay between server instances on one PostgreSQL database: a second instance's open pages get the
//! first one's live updates (events read back from the table, queue and commission pings, bells), and an
//! instance does not hear its own. On SQLite (one process by nature) the relay stays off.

use domain::auth::Role;
use domain::ideas::{self, NewIdea};
use domain::testing::{backend_name, domain, open_project, user};
use domain::{Domain, projects, relay};
use std::time::Duration;
use tokio::time::timeout;

/// Long enough for a NOTIFY to travel on a loaded machine; only a failure waits this long.
const PATIENCE: Duration = Duration::from_secs(10);

#[tokio::test]
async fn live_updates_reach_the_other_instance_and_not_their_sender() {
    let (a, clock) = domain().await;
    // Channels are database-wide: this test's own, so parallel tests do not hear each other.
    let channel = format!(
        "crowd_test_{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
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
