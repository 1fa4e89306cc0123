//! The statements the busiest write sends to the database, counted with sea-orm's metric callback: a
//! budget that fails when a change adds a round trip to every vote (the site bench's votes per second
//! follow it; on PostgreSQL each statement is a trip over the network), and on SQLite, that a statement
//! is compiled once rather than at every run.

use domain::testing::{backend_name, neighbours_and_an_idea};
use domain::{Domain, ideas};
use sea_orm::ConnectionTrait;
use std::sync::{Arc, Mutex};

/// The statements `d` sends from now on, kept in the returned list.
fn recorded(d: &mut Domain) -> Arc<Mutex<Vec<String>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    d.db.set_metric_callback(move |info| {
        log.lock().unwrap().push(info.statement.sql.clone());
    });
    seen
}

/// The statements recorded since the last call.
fn taken(seen: &Mutex<Vec<String>>) -> Vec<String> {
    std::mem::take(&mut *seen.lock().unwrap())
}

#[tokio::test]
async fn a_first_vote_is_five_statements_a_changed_one_six() {
    let (mut d, _, _, boris, idea) = neighbours_and_an_idea().await;
    let seen = recorded(&mut d);
    // PostgreSQL adds the account's advisory lock.
    let lock = usize::from(backend_name() == "postgres");
    ideas::vote(&d, &boris, idea.id, 1).await.unwrap();
    // The checks (idea, project, an open stage), the limit, the vote, the counters, the event.
    let first = taken(&seen);
    assert_eq!(first.len(), 5 + lock, "{first:#?}");
    ideas::vote(&d, &boris, idea.id, -1).await.unwrap();
    // The vote already there: inserted nothing, then changed.
    let changed = taken(&seen);
    assert_eq!(changed.len(), 6 + lock, "{changed:#?}");
}

/// SQLite compiles a statement once and keeps its plan whatever values are bound later (its query
/// planner stability guarantee, `LIBSQLITE3_FLAGS` in `.cargo/config.toml`). Without it, SQLite 3.51
/// plans `LIMIT ?` from the bound number, so every statement with one (each `.one()`, each page of a
/// list) was compiled again at every run: about a fifth of the server's CPU during the bench's votes.
#[tokio::test]
async fn sqlite_keeps_a_statements_plan_whatever_is_bound() {
    let (d, _) = domain::testing::domain().await;
    let backend = d.db.get_database_backend();
    if backend != sea_orm::DbBackend::Sqlite {
        return;
    }
    let row =
        d.db.query_one_raw(sea_orm::Statement::from_string(
            backend,
            "SELECT sqlite_compileoption_used('ENABLE_QPSG')",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get_by_index::<i64>(0).unwrap(), 1);
}
