//! Open data: a project's ideas, votes (anonymised: no accounts, only the idea, the value and the day),
//! decisions and implementation records, read in keyset batches so that an export of any size streams in constant memory, and
//! written as CSV (RFC 4180, with cells that a spreadsheet would run as a formula neutralised) or as
//! JSON lines of one array.

use crate::entities::{decision, idea, idea_vote, implementation};
use crate::{Domain, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

/// Rows per batch.
pub const BATCH: u64 = 1000;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// Public ideas.
    Ideas,
    /// Votes on them, anonymised.
    Votes,
    /// The decision trail.
    Decisions,
    /// How the selected ideas are being built (staff's implementation records).
    Implementation,
}

impl Dataset {
    /// From its name in a URL.
    pub fn parse(s: &str) -> Option<Dataset> {
        match s {
            "ideas" => Some(Dataset::Ideas),
            "votes" => Some(Dataset::Votes),
            "decisions" => Some(Dataset::Decisions),
            "implementation" => Some(Dataset::Implementation),
            _ => None,
        }
    }

    /// The CSV header line.
    pub fn header(self) -> &'static str {
        match self {
            Dataset::Ideas => {
                "id,direction_id,title,body,status,status_reason,support_count,oppose_count,comment_count,created_at\r\n"
            }
            Dataset::Votes => "idea_id,value,day\r\n",
            Dataset::Decisions => "id,idea_id,kind,reason,created_at,prev_hash,hash\r\n",
            Dataset::Implementation => {
                "idea_id,department,status,reason,percent,created_at,updated_at\r\n"
            }
        }
    }
}

/// One exported row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Row {
    /// An idea.
    Idea {
        /// Id.
        id: i64,
        /// Direction.
        direction_id: i64,
        /// Title.
        title: String,
        /// Text.
        body: String,
        /// Status.
        status: String,
        /// Reason of the status.
        status_reason: Option<String>,
        /// Supporters.
        support_count: i64,
        /// Opponents.
        oppose_count: i64,
        /// Comments.
        comment_count: i64,
        /// Submitted at (RFC 3339).
        created_at: String,
    },
    /// A vote, without its voter.
    Vote {
        /// The idea.
        idea_id: i64,
        /// +1 or -1.
        value: i16,
        /// The day (UTC) of the vote.
        day: String,
    },
    /// A decision.
    Decision {
        /// Id.
        id: i64,
        /// The idea.
        idea_id: Option<i64>,
        /// Kind.
        kind: String,
        /// Reason.
        reason: String,
        /// When (RFC 3339).
        created_at: String,
        /// The chain's link.
        prev_hash: String,
        /// The entry's hash.
        hash: String,
    },
    /// An implementation record.
    Implementation {
        /// The idea.
        idea_id: i64,
        /// The responsible department.
        department: String,
        /// Where it stands (planned, in_progress, done, cancelled).
        status: String,
        /// Why, when cancelled.
        reason: Option<String>,
        /// Percent done.
        percent: i32,
        /// Started (RFC 3339).
        created_at: String,
        /// Last changed (RFC 3339).
        updated_at: String,
    },
}

/// A CSV cell: quoted when needed; a leading `=`, `+`, `-` or `@` gets a `'` so spreadsheets show it
/// as text instead of running it.
fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

impl Row {
    /// The row as a CSV line.
    pub fn csv(&self) -> String {
        let cells: Vec<String> = match self {
            Row::Idea {
                id,
                direction_id,
                title,
                body,
                status,
                status_reason,
                support_count,
                oppose_count,
                comment_count,
                created_at,
            } => vec![
                id.to_string(),
                direction_id.to_string(),
                cell(title),
                cell(body),
                cell(status),
                cell(status_reason.as_deref().unwrap_or("")),
                support_count.to_string(),
                oppose_count.to_string(),
                comment_count.to_string(),
                created_at.clone(),
            ],
            Row::Vote {
                idea_id,
                value,
                day,
            } => vec![idea_id.to_string(), value.to_string(), day.clone()],
            Row::Decision {
                id,
                idea_id,
                kind,
                reason,
                created_at,
                prev_hash,
                hash,
            } => vec![
                id.to_string(),
                idea_id.map(|i| i.to_string()).unwrap_or_default(),
                cell(kind),
                cell(reason),
                created_at.clone(),
                prev_hash.clone(),
                hash.clone(),
            ],
            Row::Implementation {
                idea_id,
                department,
                status,
                reason,
                percent,
                created_at,
                updated_at,
            } => vec![
                idea_id.to_string(),
                cell(department),
                cell(status),
                cell(reason.as_deref().unwrap_or("")),
                percent.to_string(),
                created_at.clone(),
                updated_at.clone(),
            ],
        };
        format!("{}\r\n", cells.join(","))
    }
}

/// The ids of project `project_id`'s public ideas: what votes and implementation records are exported
/// of (a record of an idea taken down or merged leaves the export with the idea).
fn public_ideas(project_id: i64) -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(idea::Column::Id)
        .from(idea::Entity)
        .and_where(idea::Column::ProjectId.eq(project_id))
        .and_where(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .to_owned()
}

/// The batch of `what` of project `project_id` after the cursor `after` (an id; 0 for the start), and
/// the next cursor (`None` at the end).
pub async fn batch(
    d: &Domain,
    project_id: i64,
    what: Dataset,
    after: i64,
) -> Result<(Vec<Row>, Option<i64>)> {
    let (rows, last): (Vec<Row>, Option<i64>) = match what {
        Dataset::Ideas => {
            let found = idea::Entity::find()
                .filter(idea::Column::ProjectId.eq(project_id))
                .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
                .filter(idea::Column::Id.gt(after))
                .order_by_asc(idea::Column::Id)
                .limit(BATCH)
                .all(&d.db)
                .await?;
            let last = found.last().map(|i| i.id);
            let rows = found
                .into_iter()
                .map(|i| Row::Idea {
                    id: i.id,
                    direction_id: i.direction_id,
                    title: i.title,
                    body: i.body,
                    status: i.status,
                    status_reason: i.status_reason,
                    support_count: i.support_count,
                    oppose_count: i.oppose_count,
                    comment_count: i.comment_count,
                    created_at: wire::time::format(&i.created_at),
                })
                .collect();
            (rows, last)
        }
        Dataset::Votes => {
            let found: Vec<(i64, i64, i16, chrono::DateTime<chrono::Utc>)> =
                idea_vote::Entity::find()
                    .select_only()
                    .column(idea_vote::Column::Id)
                    .column(idea_vote::Column::IdeaId)
                    .column(idea_vote::Column::Value)
                    .column(idea_vote::Column::UpdatedAt)
                    .filter(idea_vote::Column::IdeaId.in_subquery(public_ideas(project_id)))
                    .filter(idea_vote::Column::Id.gt(after))
                    .order_by_asc(idea_vote::Column::Id)
                    .limit(BATCH)
                    .into_tuple()
                    .all(&d.db)
                    .await?;
            let last = found.last().map(|v| v.0);
            let rows = found
                .into_iter()
                .map(|(_, idea_id, value, at)| Row::Vote {
                    idea_id,
                    value,
                    day: at.format("%Y-%m-%d").to_string(),
                })
                .collect();
            (rows, last)
        }
        Dataset::Decisions => {
            let found = decision::Entity::find()
                .filter(decision::Column::ProjectId.eq(project_id))
                .filter(decision::Column::Id.gt(after))
                .order_by_asc(decision::Column::Id)
                .limit(BATCH)
                .all(&d.db)
                .await?;
            let last = found.last().map(|x| x.id);
            let rows = found
                .into_iter()
                .map(|x| Row::Decision {
                    id: x.id,
                    idea_id: x.idea_id,
                    kind: x.kind,
                    reason: x.reason,
                    created_at: wire::time::format(&x.created_at),
                    prev_hash: x.prev_hash,
                    hash: x.hash,
                })
                .collect();
            (rows, last)
        }
        Dataset::Implementation => {
            let found = implementation::Entity::find()
                .filter(implementation::Column::IdeaId.in_subquery(public_ideas(project_id)))
                .filter(implementation::Column::IdeaId.gt(after))
                .order_by_asc(implementation::Column::IdeaId)
                .limit(BATCH)
                .all(&d.db)
                .await?;
            let last = found.last().map(|r| r.idea_id);
            let rows = found
                .into_iter()
                .map(|r| Row::Implementation {
                    idea_id: r.idea_id,
                    department: r.department,
                    status: r.status,
                    reason: r.reason,
                    percent: r.percent,
                    created_at: wire::time::format(&r.created_at),
                    updated_at: wire::time::format(&r.updated_at),
                })
                .collect();
            (rows, last)
        }
    };
    let next = (rows.len() as u64 == BATCH).then_some(last).flatten();
    Ok((rows, next))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn csv_cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(cell("просто"), "просто");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell("-1"), "'-1");
    }
}
