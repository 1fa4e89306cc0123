//! Test support shared by the domain's and the server's tests: a fresh migrated database per test, a manual
//! clock, and builders for users and projects.
//!
//! The database is a new SQLite file under the system temp folder, or, when `CROWD_TEST_PG_URL` is set, a new
//! schema in that PostgreSQL database: the same tests run on both backends.

use crate::auth::{Registration, Role, User};
use crate::seed::{ProjectSpec, insert_project};
use crate::{Domain, ManualClock};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The `(field, code)` pairs of a validation error; panics on any other result, naming it.
pub fn codes(err: crate::Error) -> Vec<(&'static str, &'static str)> {
    match err {
        crate::Error::Invalid(list) => list.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// The environment variable naming the PostgreSQL database for tests.
pub const PG_URL_VAR: &str = "CROWD_TEST_PG_URL";

/// A fixed, readable instant where every test's clock starts: 1 June 2026, 12:00 UTC.
pub fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Which backend the tests of this process use.
pub fn backend_name() -> &'static str {
    if std::env::var(PG_URL_VAR).is_ok() {
        "postgres"
    } else {
        "sqlite"
    }
}

fn unique() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!(
        "{}_{}_{n}",
        std::process::id(),
        Utc::now().timestamp_micros()
    )
}

/// A new empty folder under the system temp folder, for a test's files (uploads).
#[allow(clippy::expect_used)]
pub fn scratch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir()
        .join("crowd-tests")
        .join(format!("files-{}", unique()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A domain over a fresh, migrated database and a manual clock set to [`start_instant`].
#[allow(clippy::expect_used)]
pub async fn domain() -> (Domain, Arc<ManualClock>) {
    let unique = unique();
    let db = match std::env::var(PG_URL_VAR) {
        Ok(url) => {
            let schema = format!("t_{unique}");
            let admin = crate::db::connect(&url, None)
                .await
                .expect("PostgreSQL from CROWD_TEST_PG_URL is reachable");
            sea_orm::ConnectionTrait::execute_unprepared(
                &admin,
                &format!("CREATE SCHEMA \"{schema}\""),
            )
            .await
            .expect("create test schema");
            admin.close().await.expect("close admin connection");
            crate::db::connect(&url, Some(&schema))
                .await
                .expect("connect to test schema")
        }
        Err(_) => {
            let dir = std::env::temp_dir().join("crowd-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let path = dir.join(format!("{unique}.sqlite"));
            crate::db::connect(&format!("sqlite://{}?mode=rwc", path.display()), None)
                .await
                .expect("sqlite")
        }
    };
    crate::db::migrate(&db).await.expect("migrations apply");
    let clock = Arc::new(ManualClock::new(start_instant()));
    (Domain::new(db, clock.clone()), clock)
}

/// Creates an account with `role`; the password is `"password-" + name`.
#[allow(clippy::expect_used)]
pub async fn user(d: &Domain, name: &str, role: Role) -> User {
    crate::auth::create_user(
        d,
        &Registration {
            email: format!("{name}@example.org"),
            display_name: name.to_owned(),
            password: format!("password-{name}"),
        },
        role,
    )
    .await
    .expect("create user")
}

/// A published project `slug` whose ideas stage runs from one day before to ten days after `now`, followed
/// by a review stage; two directions ("Парки"/"Parks", "Транспорт"/"Transport"). Returns the project id.
#[allow(clippy::expect_used)]
pub async fn open_project(d: &Domain, slug: &'static str) -> i64 {
    let now = d.now();
    let spec = ProjectSpec {
        slug,
        title: ("Тестовый проект", "Test project"),
        summary: ("Краткое описание", "Summary"),
        body: ("Описание", "Description"),
        state: "published",
        stages: vec![
            ("ideas", now - Duration::days(1), now + Duration::days(10)),
            ("review", now + Duration::days(10), now + Duration::days(20)),
        ],
        directions: vec![("Парки", "Parks"), ("Транспорт", "Transport")],
        commission: vec![(("Иван Петров", "Ivan Petrov"), ("Председатель", "Chair"))],
    };
    insert_project(&d.db, &spec, now)
        .await
        .expect("insert project")
        .id
}
