//! Every counter the platform maintains on write, recounted from its rows (`crowd check`), and repaired
//! in one transaction (`crowd check --fix`).
//!
//! The counters: per project its ideas, participants and selected ideas; per direction its ideas and
//! public ideas; per idea its support, opposition and comments; per project and word the ideas that
//! contain it (the search statistics of [`crate::search`]), and no indexed word without its statistic.
//! Each is an SQL expression over the rows, written once here and used both to find drift and to mend it,
//! so the check and the repair cannot disagree. The rules are those the live code follows: an idea
//! counts for its project until it is rejected, merged or withdrawn; a comment counts while it is
//! published; the empty word counts a project's public (indexed) ideas.

use crate::{Domain, Result};
use sea_orm::{ConnectionTrait, Statement};
use wire::{CommentStatus, IdeaStatus};

/// One counter whose stored value differs from its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// `table.column`.
    pub counter: &'static str,
    /// The row: its id, or `project/word` for the search statistics.
    pub row: String,
    /// What the counter says.
    pub stored: i64,
    /// What the rows say.
    pub counted: i64,
}

/// A maintained counter: where it is kept, how a row is named, and its count from the rows (an SQL
/// expression evaluated for each row of `table`).
struct Counter {
    name: &'static str,
    table: &'static str,
    column: &'static str,
    row: &'static str,
    counted: String,
}

/// The statuses in SQL, quoted and separated by commas.
fn listed(statuses: &[IdeaStatus]) -> String {
    statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every maintained counter.
fn counters() -> Vec<Counter> {
    use IdeaStatus::{Merged, Rejected, Selected, Withdrawn};
    let uncounted = listed(&[Rejected, Merged, Withdrawn]);
    let public = listed(&IdeaStatus::VISIBLE);
    let ideas_of = |owner: &str, condition: &str| {
        format!("(SELECT COUNT(*) FROM ideas WHERE ideas.{owner} AND ideas.status {condition})")
    };
    let votes = |value: i8| {
        format!(
            "(SELECT COUNT(*) FROM idea_votes WHERE idea_votes.idea_id = ideas.id AND idea_votes.value = {value})"
        )
    };
    vec![
        Counter {
            name: "projects.ideas_count",
            table: "projects",
            column: "ideas_count",
            row: "CAST(projects.id AS TEXT)",
            counted: ideas_of("project_id = projects.id", &format!("NOT IN ({uncounted})")),
        },
        Counter {
            name: "projects.participants_count",
            table: "projects",
            column: "participants_count",
            row: "CAST(projects.id AS TEXT)",
            counted: "(SELECT COUNT(*) FROM participations \
                      WHERE participations.project_id = projects.id)"
                .to_owned(),
        },
        Counter {
            name: "projects.selected_count",
            table: "projects",
            column: "selected_count",
            row: "CAST(projects.id AS TEXT)",
            counted: ideas_of(
                "project_id = projects.id",
                &format!("= '{}'", Selected.as_str()),
            ),
        },
        Counter {
            name: "directions.ideas_count",
            table: "directions",
            column: "ideas_count",
            row: "CAST(directions.id AS TEXT)",
            counted: ideas_of(
                "direction_id = directions.id",
                &format!("NOT IN ({uncounted})"),
            ),
        },
        Counter {
            name: "directions.public_ideas",
            table: "directions",
            column: "public_ideas",
            row: "CAST(directions.id AS TEXT)",
            counted: ideas_of("direction_id = directions.id", &format!("IN ({public})")),
        },
        Counter {
            name: "ideas.support_count",
            table: "ideas",
            column: "support_count",
            row: "CAST(ideas.id AS TEXT)",
            counted: votes(1),
        },
        Counter {
            name: "ideas.oppose_count",
            table: "ideas",
            column: "oppose_count",
            row: "CAST(ideas.id AS TEXT)",
            counted: votes(-1),
        },
        Counter {
            name: "ideas.comment_count",
            table: "ideas",
            column: "comment_count",
            row: "CAST(ideas.id AS TEXT)",
            counted: format!(
                "(SELECT COUNT(*) FROM comments WHERE comments.idea_id = ideas.id \
                   AND comments.status = '{}')",
                CommentStatus::Published.as_str()
            ),
        },
        Counter {
            name: "term_stats.df",
            table: "term_stats",
            column: "df",
            row: "CAST(term_stats.project_id AS TEXT) || '/' || term_stats.term",
            counted: format!(
                "CASE WHEN term_stats.term = '' THEN {} \
                 ELSE (SELECT COUNT(*) FROM idea_terms WHERE idea_terms.project_id = term_stats.project_id \
                   AND idea_terms.term = term_stats.term) END",
                ideas_of(
                    "project_id = term_stats.project_id",
                    &format!("IN ({public})")
                )
            ),
        },
    ]
}

/// Indexed words of a project that have no statistic: `(row, ideas)`.
const UNCOUNTED_WORDS: &str = "SELECT CAST(t.project_id AS TEXT) || '/' || t.term AS label, COUNT(*) AS counted \
     FROM idea_terms t WHERE NOT EXISTS (SELECT 1 FROM term_stats s \
       WHERE s.project_id = t.project_id AND s.term = t.term) \
     GROUP BY t.project_id, t.term";

/// Recounts every counter, reporting `(counter, done, counters in all)` after each; returns the drift
/// found (empty when every counter agrees with its rows).
pub async fn check<C: ConnectionTrait>(
    conn: &C,
    progress: &dyn Fn(&str, usize, usize),
) -> Result<Vec<Drift>> {
    let counters = counters();
    let total = counters.len() + 1;
    let mut drift = Vec::new();
    for (n, c) in counters.iter().enumerate() {
        let sql = format!(
            "SELECT label, stored, counted FROM (SELECT {row} AS label, {table}.{column} AS stored, \
               {counted} AS counted FROM {table}) AS x WHERE stored <> counted ORDER BY label",
            row = c.row,
            table = c.table,
            column = c.column,
            counted = c.counted
        );
        drift.extend(read(conn, c.name, &sql).await?);
        progress(c.name, n + 1, total);
    }
    let missing = format!(
        "SELECT label, CAST(0 AS BIGINT) AS stored, counted FROM ({UNCOUNTED_WORDS}) AS x ORDER BY label"
    );
    drift.extend(read(conn, "term_stats.missing", &missing).await?);
    progress("term_stats.missing", total, total);
    Ok(drift)
}

/// Recounts every counter and sets each that drifted to its rows' count, in one transaction (a
/// writer's turn on SQLite); returns the drift it mended.
pub async fn fix(d: &Domain, progress: &dyn Fn(&str, usize, usize)) -> Result<Vec<Drift>> {
    let (_turn, txn) = d.begin_write().await?;
    let drift = check(&txn, progress).await?;
    if !drift.is_empty() {
        for c in counters() {
            txn.execute_unprepared(&format!(
                "UPDATE {table} SET {column} = {counted} WHERE {column} <> {counted}",
                table = c.table,
                column = c.column,
                counted = c.counted
            ))
            .await?;
        }
        txn.execute_unprepared(
            "INSERT INTO term_stats (project_id, term, df) \
             SELECT t.project_id, t.term, COUNT(*) FROM idea_terms t WHERE NOT EXISTS \
               (SELECT 1 FROM term_stats s WHERE s.project_id = t.project_id AND s.term = t.term) \
             GROUP BY t.project_id, t.term",
        )
        .await?;
    }
    txn.commit().await?;
    Ok(drift)
}

async fn read<C: ConnectionTrait>(
    conn: &C,
    counter: &'static str,
    sql: &str,
) -> Result<Vec<Drift>> {
    let rows = conn
        .query_all_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await?;
    let mut drift = Vec::with_capacity(rows.len());
    for r in rows {
        drift.push(Drift {
            counter,
            row: r.try_get("", "label")?,
            stored: r.try_get("", "stored")?,
            counted: r.try_get("", "counted")?,
        });
    }
    Ok(drift)
}
