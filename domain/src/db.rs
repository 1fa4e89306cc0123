//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.
//!
//! SQLite files are created on first use (with their parent folder), switched to WAL and opened with foreign
//! keys on and a busy timeout, so that concurrent writers queue instead of failing.

use crate::{Error, Result};
use log::LevelFilter;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
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
    let mut options = ConnectOptions::new(plain_on_loopback(url));
    // SeaORM gives SQLite a single connection unless told otherwise; a file in WAL mode serves many
    // readers next to its one writer, so take a small pool (an in-memory database must stay at one).
    if sqlite_path(url).is_some() {
        // Nor does a connection to a file need a ping each time it leaves the pool (sqlx's default,
        // for servers across a network): on SQLite a ping is one more hand-over to the connection's
        // worker thread and back, three of a vote's twelve.
        options.max_connections(8).test_before_acquire(false);
    }
    options
        .sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        })
        // sqlx then writes an event with the wait of every connection taken from the pool, which
        // the server turns into its pool-wait metric (and nothing listens to elsewhere).
        .map_sqlx_sqlite_pool_opts(|opts| opts.acquire_time_level(LevelFilter::Trace))
        .map_sqlx_postgres_pool_opts(|opts| opts.acquire_time_level(LevelFilter::Trace));
    if let Some(schema) = schema {
        options.set_schema_search_path(schema.to_owned());
    }
    Ok(Database::connect(options).await?)
}

/// On SQLite, a soft limit of `bytes` on the memory SQLite holds in the whole process (page caches and
/// prepared statements of every connection): beyond it, SQLite reuses its cached pages rather than
/// allocating more. Zero, or another database: nothing changes.
pub async fn limit_sqlite_memory(db: &DatabaseConnection, bytes: u64) -> Result<()> {
    if bytes > 0 && db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared(&format!("PRAGMA soft_heap_limit = {bytes}"))
            .await?;
    }
    Ok(())
}

/// The PostgreSQL advisory lock held while migrating (`crowd` in ASCII).
const MIGRATION_LOCK: i64 = i64::from_be_bytes(*b"\0\0\0crowd");

/// Applies every pending migration, once even when several instances start together: all of them in
/// one transaction that first takes the database's write lock (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: an
/// advisory lock), so the next instance waits, then finds nothing pending.
pub async fn migrate(db: &DatabaseConnection) -> Result<()> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            .await?;
    }
    Migrator::up(&txn, None).await?;
    txn.commit().await?;
    Ok(())
}

/// The pool's connections now: open, idle, and the most it opens (for the metrics).
pub fn pool_use(db: &DatabaseConnection) -> Option<(u32, u32, u32)> {
    let idle = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let p = db.get_sqlite_connection_pool();
            Some((
                p.size(),
                idle(p.num_idle()),
                p.options().get_max_connections(),
            ))
        }
        DbBackend::Postgres => {
            let p = db.get_postgres_connection_pool();
            Some((
                p.size(),
                idle(p.num_idle()),
                p.options().get_max_connections(),
            ))
        }
        _ => None,
    }
}

/// `url` with `sslmode=disable` added when it names PostgreSQL on this machine (`localhost`,
/// `127.0.0.1`, `[::1]`) without a `sslmode` of its own; any other URL as it is.
///
/// TLS over loopback protects nothing, and with sqlx 0.9 it costs dearly: sqlx no longer sets
/// `TCP_NODELAY` (sqlx#4335), so a statement larger than one TLS record goes out in several writes and
/// waits for the server's delayed ACK, ~40 ms each time. The word index of the Moscow-scale data took
/// 263 s over TLS and 44 s without.
fn plain_on_loopback(url: &str) -> String {
    let Some(rest) = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
    else {
        return url.to_owned();
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if host_port.starts_with('[') {
        host_port
            .split(']')
            .next()
            .map(|h| &h[1..])
            .unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    let loopback = matches!(host, "localhost" | "127.0.0.1" | "::1");
    if !loopback || url.contains("sslmode=") {
        return url.to_owned();
    }
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}sslmode=disable")
}

/// The file path of a SQLite URL, if it names a file.
pub fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

#[cfg(test)]
mod tests {
    use super::{plain_on_loopback, sqlite_path};

    #[test]
    fn postgresql_on_this_machine_goes_without_tls_unless_asked() {
        assert_eq!(
            plain_on_loopback("postgres://crowd:crowd@127.0.0.1:5432/crowd"),
            "postgres://crowd:crowd@127.0.0.1:5432/crowd?sslmode=disable"
        );
        assert_eq!(
            plain_on_loopback("postgresql://localhost/crowd?options[search_path]=t"),
            "postgresql://localhost/crowd?options[search_path]=t&sslmode=disable"
        );
        assert_eq!(
            plain_on_loopback("postgres://u:p@[::1]:5432/crowd"),
            "postgres://u:p@[::1]:5432/crowd?sslmode=disable"
        );
        for kept in [
            "postgres://crowd@127.0.0.1/crowd?sslmode=require",
            "postgres://crowd@db.city.example/crowd",
            "postgres://crowd:127.0.0.1@db.city.example/crowd",
            "sqlite://data/crowd.sqlite?mode=rwc",
        ] {
            assert_eq!(plain_on_loopback(kept), kept);
        }
    }

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
