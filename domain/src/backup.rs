//! Backups of a SQLite database: a consistent copy of the live file while the server keeps serving
//! (`crowd backup`), and a copy restored into an empty database (`crowd restore`). PostgreSQL has its
//! own tools for both (`pg_dump`, `pg_restore`; docs/deploy.md).
//!
//! The copy is SQLite's `VACUUM INTO`: one read transaction, so it holds the database as of one moment
//! (writers go on in the write-ahead log meanwhile) and is compacted. Its progress is the copy's size
//! against the database's, read while it grows.

use crate::{Domain, Error, Result};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::path::Path;
use std::time::Duration;

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How often progress is reported while a copy grows.
const TICK: Duration = Duration::from_millis(250);

/// Copies the live database to the new file `to`, reporting `(bytes written, bytes in all)` as the copy
/// grows; returns the copy's size. Refuses an existing file and a PostgreSQL database.
pub async fn backup(d: &Domain, to: &Path, progress: &dyn Fn(u64, u64)) -> Result<u64> {
    if d.db.get_database_backend() != DbBackend::Sqlite {
        return Err(Error::Internal(POSTGRES.to_owned()));
    }
    if to.exists() {
        return Err(Error::Internal(format!(
            "{} exists already; a backup never overwrites a file",
            to.display()
        )));
    }
    if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| io(parent, &e))?;
    }
    let total = pragma(d, "page_count").await? * pragma(d, "page_size").await?;
    let sql = format!("VACUUM INTO '{}'", to.to_string_lossy().replace('\'', "''"));
    let copy = d.db.execute_unprepared(&sql);
    tokio::pin!(copy);
    let mut tick = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            done = &mut copy => {
                done?;
                break;
            }
            _ = tick.tick() => {
                let written = std::fs::metadata(to).map_or(0, |m| m.len());
                progress(written.min(total), total);
            }
        }
    }
    let size = std::fs::metadata(to).map_err(|e| io(to, &e))?.len();
    progress(size, size);
    Ok(size)
}

/// Puts the backup `from` in place of the SQLite database file `to`, which must be missing or hold no
/// project, reporting `(bytes copied, bytes in all)`. The caller then opens and migrates it.
pub fn restore(from: &Path, to: &Path, progress: &dyn Fn(u64, u64)) -> Result<u64> {
    use std::io::{Read, Write};
    let mut source = std::fs::File::open(from).map_err(|e| io(from, &e))?;
    let mut header = [0u8; 16];
    if source.read_exact(&mut header).is_err() || &header != SQLITE_HEADER {
        return Err(Error::Internal(format!(
            "{} is not a SQLite database",
            from.display()
        )));
    }
    let total = source.metadata().map_err(|e| io(from, &e))?.len();
    let mut target = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(|e| io(to, &e))?;
    target.write_all(&header).map_err(|e| io(to, &e))?;
    let (mut copied, mut buffer) = (header.len() as u64, vec![0u8; 1 << 20]);
    loop {
        let n = source.read(&mut buffer).map_err(|e| io(from, &e))?;
        if n == 0 {
            break;
        }
        target.write_all(&buffer[..n]).map_err(|e| io(to, &e))?;
        copied += n as u64;
        progress(copied, total);
    }
    target.sync_all().map_err(|e| io(to, &e))?;
    Ok(copied)
}

/// Whether the SQLite database file `path` may be restored into: it is missing, or it holds no project
/// (a fresh, migrated database). Its leftover journal files are removed then.
pub async fn make_room(path: &Path) -> Result<()> {
    if path.exists() {
        let url = format!("sqlite://{}", path.display());
        let db = crate::db::connect(&url, None).await?;
        let projects = db
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'projects'",
            ))
            .await?
            .map(|r| r.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0);
        let rows = if projects > 0 {
            db.query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT COUNT(*) AS n FROM projects",
            ))
            .await?
            .map(|r| r.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0)
        } else {
            0
        };
        db.close().await?;
        if rows > 0 {
            return Err(Error::Internal(format!(
                "{} is not empty ({rows} projects); restore into a new file or an empty database",
                path.display()
            )));
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            std::fs::remove_file(&file).map_err(|e| io(&file, &e))?;
        }
    }
    Ok(())
}

/// What `crowd backup` and `crowd restore` say on PostgreSQL.
pub const POSTGRES: &str = "on PostgreSQL use its own tools: \
     pg_dump --format=custom --file=crowd.dump \"$DATABASE_URL\" to back up (consistent while the site runs), \
     pg_restore --no-owner --dbname=\"$DATABASE_URL\" crowd.dump into an empty database to restore \
     (docs/deploy.md, \"Backups\")";

/// Where a backup `file` keeps its copy of the uploaded files (`<file>-uploads/`).
pub fn uploads_of(file: &Path) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}-uploads", file.display()))
}

/// Copies the folder `from` into `to` (created when missing), sub-folders included; returns the number of
/// files copied.
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<u64> {
    std::fs::create_dir_all(to)?;
    let mut files = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            files += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
            files += 1;
        }
    }
    Ok(files)
}

async fn pragma(d: &Domain, name: &str) -> Result<u64> {
    let row =
        d.db.query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("PRAGMA {name}"),
        ))
        .await?
        .ok_or_else(|| Error::Internal(format!("PRAGMA {name} answered nothing")))?;
    let value: i64 = row.try_get_by_index(0)?;
    Ok(u64::try_from(value).unwrap_or(0))
}

fn io(path: &Path, e: &std::io::Error) -> Error {
    Error::Internal(format!("{}: {e}", path.display()))
}
