//! On PostgreSQL, `directions.public_ideas` is kept for inserts and deletes by statement-level triggers
//! that read the statement's transition tables, instead of a row-level trigger per idea.
//!
//! A row-level trigger updated the same few `directions` rows once per idea: a bulk load of 100,000
//! ideas in one transaction left each direction row with a long chain of versions to walk, and the
//! Moscow-scale seed's ideas phase went from seconds to minutes. Per statement, each direction is updated
//! once with the net change. Updates of an idea's status or direction stay row-level (they come one at
//! a time and the column list keeps the trigger off every other update, such as a vote's counter).
//! SQLite has no statement-level triggers and keeps its row-level ones (cheap there).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Replaces the PostgreSQL insert and delete triggers of `m20261202_000001_direction_public_ideas`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000001_direction_count_per_statement"
    }
}

/// The statuses residents see (as in `m20261202_000001_direction_public_ideas`).
const VISIBLE: &str = "('published', 'shortlisted', 'selected', 'not_selected')";

/// A function that adds (`sign` 1) or takes away (-1) the visible ideas of the transition table `rows`.
fn per_statement(name: &str, rows: &str, sign: i8) -> String {
    format!(
        "CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN \
         UPDATE directions SET public_ideas = public_ideas + ({sign}) * changed.n \
         FROM (SELECT direction_id, COUNT(*) AS n FROM {rows} WHERE status IN {VISIBLE} \
         GROUP BY direction_id) AS changed WHERE directions.id = changed.direction_id; \
         RETURN NULL; END $$ LANGUAGE plpgsql"
    )
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        let statements = [
            per_statement("ideas_public_inserted", "new_rows", 1),
            per_statement("ideas_public_deleted", "old_rows", -1),
            format!(
                "CREATE OR REPLACE FUNCTION ideas_public_count() RETURNS trigger AS $$ BEGIN \
                 IF OLD.status IN {VISIBLE} THEN UPDATE directions \
                 SET public_ideas = public_ideas - 1 WHERE id = OLD.direction_id; END IF; \
                 IF NEW.status IN {VISIBLE} THEN UPDATE directions \
                 SET public_ideas = public_ideas + 1 WHERE id = NEW.direction_id; END IF; \
                 RETURN NULL; END $$ LANGUAGE plpgsql"
            ),
            "DROP TRIGGER IF EXISTS ideas_public_count ON ideas".to_owned(),
            "CREATE TRIGGER ideas_public_count AFTER UPDATE OF status, direction_id ON ideas \
             FOR EACH ROW EXECUTE FUNCTION ideas_public_count()"
                .to_owned(),
            "CREATE TRIGGER ideas_public_inserted AFTER INSERT ON ideas \
             REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT \
             EXECUTE FUNCTION ideas_public_inserted()"
                .to_owned(),
            "CREATE TRIGGER ideas_public_deleted AFTER DELETE ON ideas \
             REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT \
             EXECUTE FUNCTION ideas_public_deleted()"
                .to_owned(),
        ];
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        for statement in [
            "DROP TRIGGER IF EXISTS ideas_public_inserted ON ideas",
            "DROP TRIGGER IF EXISTS ideas_public_deleted ON ideas",
            "DROP FUNCTION IF EXISTS ideas_public_inserted()",
            "DROP FUNCTION IF EXISTS ideas_public_deleted()",
            "DROP TRIGGER IF EXISTS ideas_public_count ON ideas",
            "CREATE OR REPLACE FUNCTION ideas_public_count() RETURNS trigger AS $$ BEGIN \
             IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN \
             ('published', 'shortlisted', 'selected', 'not_selected') THEN \
             UPDATE directions SET public_ideas = public_ideas - 1 WHERE id = OLD.direction_id; END IF; \
             IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status IN \
             ('published', 'shortlisted', 'selected', 'not_selected') THEN \
             UPDATE directions SET public_ideas = public_ideas + 1 WHERE id = NEW.direction_id; END IF; \
             RETURN NULL; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER ideas_public_count AFTER INSERT OR DELETE OR UPDATE OF status, \
             direction_id ON ideas FOR EACH ROW EXECUTE FUNCTION ideas_public_count()",
        ] {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }
}
