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
    let db = unmigrated().await;
    crate::db::migrate(&db).await.expect("migrations apply");
    let clock = Arc::new(ManualClock::new(start_instant()));
    (Domain::new(db, clock.clone()), clock)
}

/// A connection pool to a fresh, empty database (a new SQLite file, or a new PostgreSQL schema).
pub async fn unmigrated() -> sea_orm::DatabaseConnection {
    unmigrated_at().await.1
}

/// A fresh, empty database: the `DATABASE_URL` another process (a `crowd serve` under test) opens it
/// with, and a connection pool to it.
#[allow(clippy::expect_used)]
pub async fn unmigrated_at() -> (String, sea_orm::DatabaseConnection) {
    let unique = unique();
    match std::env::var(PG_URL_VAR) {
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
            let db = crate::db::connect(&url, Some(&schema))
                .await
                .expect("connect to test schema");
            let joiner = if url.contains('?') { '&' } else { '?' };
            (format!("{url}{joiner}options[search_path]={schema}"), db)
        }
        Err(_) => {
            let dir = std::env::temp_dir().join("crowd-tests");
            std::fs::create_dir_all(&dir).expect("temp dir");
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.join(format!("{unique}.sqlite")).display()
            );
            let db = crate::db::connect(&url, None).await.expect("sqlite");
            (url, db)
        }
    }
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
            lang: wire::Lang::Ru,
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
        state: wire::ProjectState::Published,
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

/// A domain like [`domain`] whose e-mails go to a fresh outbox folder, returned too.
pub async fn with_outbox() -> (Domain, Arc<ManualClock>, std::path::PathBuf) {
    let (d, clock) = domain().await;
    let outbox = scratch_dir().join("outbox");
    let d = d.with_mailer(crate::mail::Mailer {
        transport: crate::mail::Transport::Outbox(outbox.clone()),
        from: "noreply@crowd.example.org".into(),
        site_url: "https://crowd.example.org".into(),
    });
    (d, clock, outbox)
}

/// The e-mails in `outbox` to `email`, oldest first, as text.
pub fn mails_to(outbox: &std::path::Path, email: &str) -> Vec<String> {
    let mut files: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(outbox)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let text = std::fs::read_to_string(entry.path()).ok()?;
            let modified = entry.metadata().ok()?.modified().ok()?;
            text.contains(&format!("To: {email}\r\n"))
                .then_some((modified, text))
        })
        .collect();
    files.sort();
    files.into_iter().map(|(_, text)| text).collect()
}

/// The token of the newest confirmation link e-mailed to `email` in `outbox`.
pub fn confirmation_token(outbox: &std::path::Path, email: &str) -> Option<String> {
    mails_to(outbox, email).iter().rev().find_map(|text| {
        let start = text.find("/confirm?token=")? + "/confirm?token=".len();
        let token: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        Some(token)
    })
}

/// A resident `name` who joined project `slug`.
#[allow(clippy::expect_used)]
pub async fn resident(d: &Domain, name: &str, slug: &str) -> User {
    let u = user(d, name, Role::Resident).await;
    crate::projects::join(d, &u, slug).await.expect("join");
    u
}

/// A new idea titled `title` with `body` for the first direction of project `slug`.
#[allow(clippy::expect_used)]
pub async fn draft_text(d: &Domain, slug: &str, title: &str, body: &str) -> crate::ideas::NewIdea {
    let direction = crate::projects::detail(d, slug, None)
        .await
        .expect("project")
        .directions[0]
        .id;
    crate::ideas::NewIdea {
        project_slug: slug.into(),
        direction_id: Some(direction),
        title: title.into(),
        body: body.into(),
    }
}

/// A new idea titled `title` (with a text long enough) for the first direction of project `slug`.
pub async fn draft(d: &Domain, slug: &str, title: &str) -> crate::ideas::NewIdea {
    draft_text(d, slug, title, "Текст идеи достаточной длины для проверки.").await
}

/// `author` posts an idea titled `title` with `body` to project `slug`, in its first direction.
#[allow(clippy::expect_used)]
pub async fn post_text(
    d: &Domain,
    author: &User,
    slug: &str,
    title: &str,
    body: &str,
) -> wire::IdeaCard {
    let new = draft_text(d, slug, title, body).await;
    crate::ideas::submit(d, author, &new).await.expect("submit")
}

/// "parks" open, its residents Anna and Boris, and Anna's idea about benches by the pond.
pub async fn neighbours_and_an_idea() -> (Domain, Arc<ManualClock>, User, User, wire::IdeaCard) {
    let (d, clock) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let idea = post_text(
        &d,
        &anna,
        "parks",
        "Скамейки у пруда",
        "Поставить скамейки у пруда.",
    )
    .await;
    (d, clock, anna, boris, idea)
}

/// `author` posts an idea titled `title` to project `slug` (with a text long enough).
pub async fn post(d: &Domain, author: &User, slug: &str, title: &str) -> wire::IdeaCard {
    post_text(
        d,
        author,
        slug,
        title,
        "Текст идеи достаточной длины для проверки.",
    )
    .await
}

/// Alla, an expert `staffer` seats on the commission of project `project` (its only member).
#[allow(clippy::expect_used)]
pub async fn commission_member(d: &Domain, staffer: &User, project: i64) -> User {
    let expert = user(d, "alla", Role::Expert).await;
    let member = wire::MemberInput {
        name_ru: "Алла".into(),
        name_en: "Alla".into(),
        position_ru: "Член комиссии".into(),
        position_en: "Commission member".into(),
        expert_email: "alla@example.org".into(),
    };
    crate::staff::add_member(d, staffer, project, &member)
        .await
        .expect("add member");
    expert
}

/// What [`selected_idea`] built.
#[derive(Debug, Clone)]
pub struct SelectedFixture {
    /// The project ("parks").
    pub project: i64,
    /// Olga, staff.
    pub staffer: User,
    /// Alla, the commission's only member.
    pub expert: User,
    /// Pavel, the author of both ideas.
    pub author: User,
    /// Vera, who supported the selected idea.
    pub supporter: User,
    /// The idea the commission selected.
    pub idea: i64,
    /// A public idea the commission did not judge.
    pub other: i64,
}

/// Project "parks" ([`open_project`]) where Vera supported Pavel's idea and the commission selected it.
#[allow(clippy::expect_used)]
pub async fn selected_idea(d: &Domain) -> SelectedFixture {
    let project = open_project(d, "parks").await;
    let staffer = user(d, "olga", Role::Staff).await;
    let expert = commission_member(d, &staffer, project).await;
    let author = resident(d, "pavel", "parks").await;
    let supporter = resident(d, "vera", "parks").await;
    let idea = post(d, &author, "parks", "Скамейки у пруда").await.id;
    crate::ideas::vote(d, &supporter, idea, 1)
        .await
        .expect("support");
    crate::commission::shortlist(d, &expert, idea, "Полезно жителям")
        .await
        .expect("shortlist");
    crate::commission::vote(
        d,
        &expert,
        idea,
        wire::FinalVerdict::Select,
        "Отобрана для реализации",
    )
    .await
    .expect("select");
    let other = post(d, &author, "parks", "Не отобранная идея").await.id;
    SelectedFixture {
        project,
        staffer,
        expert,
        author,
        supporter,
        idea,
        other,
    }
}

/// What [`vote_running`] built.
#[derive(Debug, Clone)]
pub struct VoteFixture {
    /// The project ("parks").
    pub project: i64,
    /// Olga, the staff member who set the vote up.
    pub staffer: User,
    /// The three shortlisted ideas on the ballot (Parks), in the order posted.
    pub ideas: Vec<i64>,
    /// A public idea the commission did not shortlist.
    pub other: i64,
}

/// Project "parks" ([`open_project`]) whose commission shortlisted three ideas, with a vote stage from
/// day 20 to day 27 under `rules`, the shortlist on the ballot, and the clock moved to day 21 (the stage
/// running).
#[allow(clippy::expect_used)]
pub async fn vote_running(d: &Domain, clock: &ManualClock, rules: wire::VoteRules) -> VoteFixture {
    let project = open_project(d, "parks").await;
    let staffer = user(d, "olga", Role::Staff).await;
    let expert = commission_member(d, &staffer, project).await;
    let author = resident(d, "pavel", "parks").await;
    let mut ideas = Vec::new();
    for title in [
        "Скамейки у пруда",
        "Велодорожка вдоль реки",
        "Фонари в сквере",
    ] {
        let idea = post(d, &author, "parks", title).await;
        crate::commission::shortlist(d, &expert, idea.id, "Полезно жителям")
            .await
            .expect("shortlist");
        ideas.push(idea.id);
    }
    let other = post(d, &author, "parks", "Не в бюллетене").await.id;
    let now = d.now();
    let stage = crate::staff::StageInput {
        kind: "vote".into(),
        starts_at: Some(now + Duration::days(20)),
        ends_at: Some(now + Duration::days(27)),
    };
    crate::staff::add_stage(d, &staffer, project, &stage)
        .await
        .expect("vote stage");
    crate::vote::set_rules(d, &staffer, project, rules)
        .await
        .expect("rules");
    crate::vote::fill_ballot(d, &staffer, project, wire::BallotSource::Shortlist, None)
        .await
        .expect("ballot");
    clock.advance(Duration::days(21));
    VoteFixture {
        project,
        staffer,
        ideas,
        other,
    }
}
