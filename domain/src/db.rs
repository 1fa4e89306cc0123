//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.
//!
//! SQLite files are created on first use (with their parent folder), switched to WAL and opened with foreign
//! keys on and a busy timeout, so that concurrent writers queue instead of failing.

use crate::{Error, Result};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::time::Duration;

/// Opens a connection pool for `url` (`sqlite://path?mode=rwc`, `sqlite::memory:` or `postgres://...`).
///
/// `schema` selects a PostgreSQL schema (search path); tests use it to get a fresh database each.
pub async fn connect(url: &str, schema: Option<&str>) -> Result<DatabaseConnection> {
    if let Some(path) = sqlite_path(url)
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::Internal(format!("cannot create {}: {e}", parent.display())))?;
    }
    let mut options = ConnectOptions::new(url.to_owned());
    // SeaORM gives SQLite a single connection unless told otherwise; a file in WAL mode serves many
    // readers next to its one writer, so take a small pool (an in-memory database must stay at one).
    if sqlite_path(url).is_some() {
        options.max_connections(8);
    }
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    if let Some(schema) = schema {
        options.set_schema_search_path(schema.to_owned());
    }
    Ok(Database::connect(options).await?)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<()> {
    Migrator::up(db, None).await?;
    Ok(())
}

/// The file path of a SQLite URL, if it names a file.
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            sqlite_path("sqlite://data/crowd.sqlite?mode=rwc"),
            Some("data/crowd.sqlite")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/crowd"), None);
    }
}
