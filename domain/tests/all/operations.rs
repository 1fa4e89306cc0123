//! Operating the platform: every counter maintained on write recounted from its rows (`crowd check`), and
//! mended in one transaction (`crowd check --fix`).

use domain::auth::Role;
use domain::check::{self, Drift};
use domain::moderation;
use domain::testing::{neighbours_and_an_idea, post, post_text, user};
use domain::{Domain, comments, ideas, search};
use sea_orm::ConnectionTrait;

async fn drift(d: &Domain) -> Vec<Drift> {
    check::check(&d.db, &|_, _, _| {}).await.unwrap()
}

#[tokio::test]
async fn a_lived_in_database_has_no_drift_and_broken_counters_are_found_and_mended() {
    let (d, _, anna, boris, benches) = neighbours_and_an_idea().await;
    let project = benches.project_id;
    let moderator = user(&d, "moderator", Role::Moderator).await;
    // A little of everything the counters follow: ideas, votes and a changed vote, comments (one hidden),
    // a rejected idea and a merged duplicate.
    let lamps = post(&d, &boris, "parks", "Фонари в парке").await;
    let twin = post_text(
        &d,
        &boris,
        "parks",
        "Скамейки возле пруда",
        "Нужны скамейки у пруда.",
    )
    .await;
    let rude = post(&d, &boris, "parks", "Лишняя идея").await;
    ideas::vote(&d, &boris, benches.id, -1).await.unwrap();
    ideas::vote(&d, &boris, benches.id, 1).await.unwrap();
    ideas::vote(&d, &anna, lamps.id, -1).await.unwrap();
    ideas::vote(&d, &anna, twin.id, 1).await.unwrap();
    comments::add(&d, &boris, benches.id, None, "Поддерживаю, очень нужно.")
        .await
        .unwrap();
    let hidden = comments::add(&d, &anna, lamps.id, None, "Комментарий не по теме")
        .await
        .unwrap();
    moderation::review_comment(&d, &moderator, hidden.id, Some("Не по теме идеи"))
        .await
        .unwrap();
    moderation::take_down_idea(&d, &moderator, rude.id, "Повтор без нового содержания")
        .await
        .unwrap();
    moderation::merge(
        &d,
        &moderator,
        twin.id,
        benches.id,
        "Та же идея другими словами",
    )
    .await
    .unwrap();
    assert_eq!(drift(&d).await, vec![], "the live rules keep every counter");

    // Counters broken as a crash between two writes or a hand edit would leave them.
    for sql in [
        format!(
            "UPDATE ideas SET support_count = 7 WHERE id = {}",
            benches.id
        ),
        format!("UPDATE projects SET participants_count = 0 WHERE id = {project}"),
        "UPDATE directions SET public_ideas = public_ideas + 1".to_owned(),
        "DELETE FROM term_stats WHERE term <> ''".to_owned(),
    ] {
        d.db.execute_unprepared(&sql).await.unwrap();
    }
    let found = drift(&d).await;
    let of = |counter: &str| {
        found
            .iter()
            .filter(|x| x.counter == counter)
            .collect::<Vec<_>>()
    };
    let votes = of("ideas.support_count");
    assert_eq!(
        (votes.len(), votes[0].row.clone()),
        (1, benches.id.to_string())
    );
    assert_eq!(
        (votes[0].stored, votes[0].counted),
        (7, 1),
        "anna's idea: boris's support; her own vote for the duplicate does not follow it"
    );
    let joined = of("projects.participants_count");
    assert_eq!((joined[0].stored, joined[0].counted), (0, 2));
    let public = of("directions.public_ideas");
    let public: Vec<(i64, i64)> = public.iter().map(|x| (x.stored, x.counted)).collect();
    assert_eq!(
        public,
        vec![(3, 2), (1, 0)],
        "the merged and the rejected idea do not count"
    );
    assert!(
        !of("term_stats.missing").is_empty(),
        "indexed words without their statistics"
    );
    assert!(
        of("term_stats.df").is_empty(),
        "the statistics left are right"
    );

    let mended = check::fix(&d, &|_, _, _| {}).await.unwrap();
    assert_eq!(mended, found, "the repair mends what the check found");
    assert_eq!(drift(&d).await, vec![]);
    assert_eq!(
        check::fix(&d, &|_, _, _| {}).await.unwrap(),
        vec![],
        "nothing left to mend"
    );
    let similar = search::similar(&d, project, "скамейка у пруда", None)
        .await
        .unwrap();
    assert_eq!(
        similar[0].id, benches.id,
        "the search works from the mended statistics"
    );
}

#[tokio::test]
async fn instances_starting_together_migrate_once() {
    use migration::MigratorTrait;
    let db = domain::testing::unmigrated().await;
    let (a, b, c) = tokio::join!(
        domain::db::migrate(&db),
        domain::db::migrate(&db),
        domain::db::migrate(&db)
    );
    for started in [a, b, c] {
        started.expect("each instance starts");
    }
    let applied = migration::Migrator::get_applied_migrations(&db)
        .await
        .unwrap();
    assert_eq!(
        applied.len(),
        migration::Migrator::migrations().len(),
        "each migration once"
    );
}

#[tokio::test]
async fn sqlites_memory_can_be_capped_for_the_whole_process() {
    let (d, _) = domain::testing::domain().await;
    let limit = |db: sea_orm::DatabaseConnection| async move {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                "PRAGMA soft_heap_limit",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    };
    if d.db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        domain::db::limit_sqlite_memory(&d.db, 64 << 20)
            .await
            .expect("elsewhere it changes nothing");
        return;
    }
    let before = limit(d.db.clone()).await;
    domain::db::limit_sqlite_memory(&d.db, 0).await.unwrap();
    assert_eq!(
        limit(d.db.clone()).await,
        before,
        "zero leaves SQLite's own"
    );
    domain::db::limit_sqlite_memory(&d.db, 64 << 20)
        .await
        .unwrap();
    assert_eq!(limit(d.db.clone()).await, 64 << 20);
    // The limit is the process's: the other tests get SQLite's own back.
    d.db.execute_unprepared(&format!("PRAGMA soft_heap_limit = {before}"))
        .await
        .unwrap();
}
