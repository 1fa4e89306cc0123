//! `directions.public_ideas`: how many of a direction's ideas residents can see (published, shortlisted,
//! selected, not selected), for the commission dashboard's tabs, which counted them over every idea of
//! the project on each request (about 100 ms at 105,000 ideas).
//!
//! The database keeps the counter itself: triggers on `ideas` (insert, delete, and an update of its
//! status or direction) add and take away in the same transaction as the write, so no code path that
//! changes an idea can forget it. SQLite and PostgreSQL each get their own trigger syntax.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// Adds `directions.public_ideas`, fills it, and creates the triggers that keep it.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000001_direction_public_ideas"
    }
}

/// The statuses residents see (`wire::IdeaStatus::VISIBLE`; a domain test checks the two agree).
const VISIBLE: &str = "('published', 'shortlisted', 'selected', 'not_selected')";

/// The statements that create the triggers on `backend`.
fn triggers(backend: DatabaseBackend) -> Vec<String> {
    let less = "UPDATE directions SET public_ideas = public_ideas - 1 WHERE id = OLD.direction_id";
    let more = "UPDATE directions SET public_ideas = public_ideas + 1 WHERE id = NEW.direction_id";
    match backend {
        DatabaseBackend::Postgres => vec![
            format!(
                "CREATE OR REPLACE FUNCTION ideas_public_count() RETURNS trigger AS $$ BEGIN \
                 IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN {VISIBLE} THEN {less}; END IF; \
                 IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status IN {VISIBLE} THEN {more}; END IF; \
                 RETURN NULL; END $$ LANGUAGE plpgsql"
            ),
            "CREATE TRIGGER ideas_public_count AFTER INSERT OR DELETE OR UPDATE OF status, \
             direction_id ON ideas FOR EACH ROW EXECUTE FUNCTION ideas_public_count()"
                .to_owned(),
        ],
        _ => vec![
            format!(
                "CREATE TRIGGER ideas_public_insert AFTER INSERT ON ideas \
                 WHEN NEW.status IN {VISIBLE} BEGIN {more}; END"
            ),
            format!(
                "CREATE TRIGGER ideas_public_delete AFTER DELETE ON ideas \
                 WHEN OLD.status IN {VISIBLE} BEGIN {less}; END"
            ),
            format!(
                "CREATE TRIGGER ideas_public_update AFTER UPDATE OF status, direction_id ON ideas \
                 BEGIN {less} AND OLD.status IN {VISIBLE}; {more} AND NEW.status IN {VISIBLE}; END"
            ),
        ],
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE directions ADD COLUMN public_ideas BIGINT NOT NULL DEFAULT 0",
        )
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE directions SET public_ideas = (SELECT COUNT(*) FROM ideas \
             WHERE ideas.direction_id = directions.id AND ideas.status IN {VISIBLE})"
        ))
        .await?;
        for statement in triggers(manager.get_database_backend()) {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let drops: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Postgres => &[
                "DROP TRIGGER IF EXISTS ideas_public_count ON ideas",
                "DROP FUNCTION IF EXISTS ideas_public_count()",
            ],
            _ => &[
                "DROP TRIGGER IF EXISTS ideas_public_insert",
                "DROP TRIGGER IF EXISTS ideas_public_delete",
                "DROP TRIGGER IF EXISTS ideas_public_update",
            ],
        };
        for statement in drops {
            db.execute_unprepared(statement).await?;
        }
        db.execute_unprepared("ALTER TABLE directions DROP COLUMN public_ideas")
            .await?;
        Ok(())
    }
}
