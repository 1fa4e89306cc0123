//! Migrations that change stored data, run on a database that holds rows written before them (SQLite).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic with the error

use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

/// A fresh SQLite file migrated up to (not including) the migration named `before`.
async fn database_before(before: &str) -> DatabaseConnection {
    let dir = std::env::temp_dir().join("crowd-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "upgrade-{}-{}.sqlite",
        std::process::id(),
        nanos_now()
    ));
    let db = Database::connect(format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap();
    let steps = Migrator::migrations()
        .iter()
        .position(|m| m.name() == before)
        .expect("the migration exists");
    Migrator::up(&db, Some(u32::try_from(steps).unwrap()))
        .await
        .unwrap();
    db
}

fn nanos_now() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

async fn payloads(db: &DatabaseConnection) -> Vec<String> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT payload FROM events ORDER BY id",
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|row| row.try_get::<String>("", "payload").unwrap())
    .collect()
}

#[tokio::test]
async fn stored_payloads_are_wrapped_in_their_kind() {
    let db = database_before("m20261201_000004_live_event_payloads").await;
    db.execute_unprepared(
        "INSERT INTO events (project_id, actor_id, kind, payload, created_at) VALUES \
         (NULL, NULL, 'catalogue_changed', '{\"project_id\":1,\"slug\":\"parks\"}', '2026-06-01 12:00:00'), \
         (NULL, NULL, 'redacted', '{}', '2026-06-01 12:00:01')",
    )
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();
    assert_eq!(
        payloads(&db).await,
        vec![
            r#"{"kind":"catalogue_changed","data":{"project_id":1,"slug":"parks"}}"#.to_owned(),
            r#"{"kind":"redacted"}"#.to_owned(),
        ]
    );
}

#[tokio::test]
async fn events_get_their_subjects_and_what_is_no_longer_public_is_redacted() {
    let db = database_before("m20261201_000001_event_subjects").await;
    // With foreign keys off for these statements, the ideas need no project, direction or author rows.
    db.execute_unprepared(
        "PRAGMA foreign_keys = OFF; \
         INSERT INTO ideas (id, project_id, direction_id, author_id, title, body, status, created_at, \
         updated_at) VALUES \
         (1, 1, 1, 1, 'Phone 8-999', 'Body', 'rejected', '2026-06-01 12:00:00', '2026-06-01 12:00:00'), \
         (2, 1, 1, 1, 'Benches', 'Body', 'published', '2026-06-01 12:00:00', '2026-06-01 12:00:00'); \
         INSERT INTO comments (id, idea_id, author_id, body, status, created_at) VALUES \
         (5, 2, 1, 'Insult', 'hidden', '2026-06-01 12:00:00'); \
         INSERT INTO events (project_id, actor_id, kind, payload, created_at) VALUES \
         (1, 1, 'idea_published', '{\"id\":1,\"title\":\"Phone 8-999\"}', '2026-06-01 12:00:00'), \
         (1, 1, 'idea_published', '{\"id\":2,\"title\":\"Bencehs\"}', '2026-06-01 12:00:01'), \
         (1, 1, 'idea_edited', '{\"id\":2,\"title\":\"Benches\"}', '2026-06-01 12:00:02'), \
         (1, 1, 'comment_added', '{\"comment\":{\"id\":5,\"idea_id\":2,\"body\":\"Insult\"},\"comment_count\":1}', \
          '2026-06-01 12:00:03'); \
         PRAGMA foreign_keys = ON",
    )
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();
    let stored = payloads(&db).await;
    assert_eq!(
        stored[0], r#"{"kind":"redacted"}"#,
        "the rejected idea's text is gone"
    );
    assert!(
        stored[1].contains("\"Benches\"") && !stored[1].contains("Bencehs"),
        "an edited idea's earlier event carries its latest text: {}",
        stored[1]
    );
    assert_eq!(
        stored[3], r#"{"kind":"redacted"}"#,
        "the hidden comment is gone"
    );
}
