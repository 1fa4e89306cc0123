//! The `crowd` command line against a real SQLite file: `verify-audit` passes on an intact decision
//! trail and names the entry someone altered in the database.

use clap::Parser;
use domain::auth::Role;
use domain::entities::decision;
use domain::testing::{open_project, scratch_dir, user};
use domain::{Domain, SystemClock};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use server::cli::{Cli, run};
use std::sync::Arc;

async fn verify(url: &str) -> Result<(), String> {
    let cli = Cli::try_parse_from(["crowd", "--database-url", url, "verify-audit"]).unwrap();
    run(cli).await.map_err(|e| e.to_string())
}

#[tokio::test]
async fn verify_audit_catches_a_row_altered_in_the_database() {
    let path = scratch_dir().join("audit.sqlite");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let db = domain::db::connect(&url, None).await.unwrap();
    domain::db::migrate(&db).await.unwrap();
    let d = Domain::new(db, Arc::new(SystemClock));
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
