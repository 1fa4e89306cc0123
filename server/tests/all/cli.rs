//! The `crowd` command line against real SQLite files: `verify-audit` passes on an intact decision
//! trail and names the entry someone altered in the database; `backup` under writes and `restore` give
//! back a whole database; `check` finds a drifted counter and `--fix` mends it.

use clap::Parser;
use domain::auth::Role;
use domain::entities::decision;
use domain::testing::{open_project, scratch_dir, user};
use domain::{Domain, SystemClock};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use server::cli::{Cli, run};
use std::sync::Arc;

/// Runs the `crowd` command line with `args`; the error as text.
/// The URL of the SQLite file at `path`.
fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// A migrated SQLite file at `path` (its URL) and a domain over it.
async fn file_domain(path: &std::path::Path) -> (String, Domain) {
    let url = sqlite_url(path);
    let db = domain::db::connect(&url, None).await.unwrap();
    domain::db::migrate(&db).await.unwrap();
    (url, Domain::new(db, Arc::new(SystemClock)))
}

async fn verify(url: &str) -> Result<(), String> {
    crowd(&["--database-url", url, "verify-audit"]).await
}

#[tokio::test]
async fn verify_audit_catches_a_row_altered_in_the_database() {
    let (url, d) = file_domain(&scratch_dir().join("audit.sqlite")).await;
    let project = open_project(&d, "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    for n in 0..3 {
        let txn = d.db.begin().await.unwrap();
        let entry = domain::audit::Entry {
            project_id: project,
            idea_id: None,
            kind: "idea_rejected",
            decided_by: mira.id,
            reason: &format!("Причина номер {n}"),
        };
        domain::audit::append(&txn, &entry, d.now()).await.unwrap();
        txn.commit().await.unwrap();
    }
    verify(&url).await.unwrap();

    let second = decision::Entity::find().all(&d.db).await.unwrap()[1].id;
    decision::Entity::update_many()
        .col_expr(
            decision::Column::Reason,
            Expr::value("Причина задним числом"),
        )
        .filter(decision::Column::Id.eq(second))
        .exec(&d.db)
        .await
        .unwrap();
    let error = verify(&url).await.unwrap_err();
    assert!(
        error.contains(&format!("broken at entry {second}")),
        "{error}"
    );
}

async fn crowd(args: &[&str]) -> Result<(), String> {
    let cli = Cli::try_parse_from(std::iter::once("crowd").chain(args.iter().copied())).unwrap();
    run(cli).await.map_err(|e| e.to_string())
}

async fn count(d: &Domain) -> (u64, u64) {
    let totals = domain::projects::totals(d).await.unwrap();
    (totals.participants, totals.ideas)
}

#[tokio::test]
async fn a_backup_taken_under_writes_restores_whole_with_counters_and_trail_intact() {
    let dir = scratch_dir();
    let (live, d) = file_domain(&dir.join("live.sqlite")).await;
    open_project(&d, "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let first = domain::testing::resident(&d, "first", "parks").await;
    let idea = domain::testing::post(&d, &first, "parks", "Скамейки у пруда").await;
    domain::moderation::take_down_idea(&d, &mira, idea.id, "Повтор без нового содержания")
        .await
        .unwrap();
    let uploads = dir.join("data/uploads/covers");
    std::fs::create_dir_all(&uploads).unwrap();
    std::fs::write(uploads.join("parks.jpg"), b"jpeg").unwrap();

    // Residents keep joining and proposing while the backup is taken.
    let before = count(&d).await;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = tokio::spawn({
        let (d, stop) = (d.clone(), stop.clone());
        async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let who = domain::testing::resident(&d, &format!("r{n}"), "parks").await;
                domain::testing::post(&d, &who, "parks", &format!("Идея номер {n}")).await;
                n += 1;
            }
            n
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let file = dir.join("backups/crowd.sqlite");
    let data = dir.join("data");
    let (data, file_arg) = (data.to_str().unwrap(), file.to_str().unwrap());
    crowd(&[
        "--database-url",
        &live,
        "--data-dir",
        data,
        "backup",
        file_arg,
    ])
    .await
    .unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = load.await.unwrap();
    let after = count(&d).await;
    assert!(written > 0 && after > before, "writes went on: {written}");
    let again = crowd(&["--database-url", &live, "backup", file_arg]).await;
    assert!(
        again.unwrap_err().contains("exists already"),
        "never overwritten"
    );

    // Restored into a new file: a moment between the start and the end of the writes, whole.
    let copy = sqlite_url(&dir.join("restored.sqlite"));
    let restored = dir.join("restored-data");
    let restored_arg = restored.to_str().unwrap();
    crowd(&[
        "--database-url",
        &copy,
        "--data-dir",
        restored_arg,
        "restore",
        file_arg,
    ])
    .await
    .unwrap();
    let r = Domain::new(
        domain::db::connect(&copy, None).await.unwrap(),
        Arc::new(SystemClock),
    );
    let (participants, ideas) = count(&r).await;
    assert!(
        (before.0..=after.0).contains(&participants),
        "{before:?} ≤ {participants} ≤ {after:?}"
    );
    assert!(
        (before.1..=after.1).contains(&ideas),
        "{before:?} ≤ {ideas} ≤ {after:?}"
    );
    assert_eq!(
        domain::check::check(&r.db, &|_, _, _| {}).await.unwrap(),
        vec![],
        "every counter agrees with its rows"
    );
    for command in ["check", "verify-audit"] {
        crowd(&["--database-url", &copy, command]).await.unwrap();
    }
    assert_eq!(
        std::fs::read(restored.join("uploads/covers/parks.jpg")).unwrap(),
        b"jpeg",
        "the uploaded files come back with the database"
    );
    let twice = crowd(&["--database-url", &copy, "restore", file_arg]).await;
    assert!(
        twice.unwrap_err().contains("is not empty"),
        "never over data"
    );
}

#[tokio::test]
async fn crowd_check_reports_a_drifted_counter_and_mends_it_with_fix() {
    let (url, d) = file_domain(&scratch_dir().join("check.sqlite")).await;
    open_project(&d, "parks").await;
    domain::testing::resident(&d, "anna", "parks").await;
    crowd(&["--database-url", &url, "check"]).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &d.db,
        "UPDATE projects SET participants_count = 5",
    )
    .await
    .unwrap();
    let error = crowd(&["--database-url", &url, "check"]).await.unwrap_err();
    assert!(error.contains("1 counters disagree"), "{error}");
    crowd(&["--database-url", &url, "check", "--fix"])
        .await
        .unwrap();
    crowd(&["--database-url", &url, "check"]).await.unwrap();
}

#[tokio::test]
async fn real_mail_needs_the_public_address_its_links_point_to() {
    let dir = scratch_dir();
    let (url, _) = file_domain(&dir.join("mail.sqlite")).await;
    let refused = crowd(&[
        "--database-url",
        &url,
        "--smtp",
        "127.0.0.1:2525",
        "verify-audit",
    ])
    .await
    .unwrap_err();
    assert!(refused.contains("CROWD_PUBLIC_URL"), "{refused}");
    crowd(&[
        "--database-url",
        &url,
        "--smtp",
        "127.0.0.1:2525",
        "--public-url",
        "https://crowd.example.org",
        "verify-audit",
    ])
    .await
    .unwrap();
    // Files in the outbox (trying the site out) link to this machine, not to 0.0.0.0.
    let cli = Cli::try_parse_from(["crowd", "--addr", "0.0.0.0:3000", "migrate"]).unwrap();
    let mailer = cli.config.mailer().unwrap();
    assert_eq!(mailer.site_url, "http://127.0.0.1:3000");
}
