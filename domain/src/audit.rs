//! The decision trail: every moderation and selection decision, with who, when, what and why, in one
//! hash chain. Each entry stores the previous entry's hash and its own, SHA-256 over its fields and that
//! link, so altering, removing or inserting a row breaks the chain from there on; [`verify`] recomputes
//! it and names the first entry that does not match. A unique key on `prev_hash` keeps the chain from
//! forking when two decisions are made at once (the second retries on the new end).

use crate::auth::Role;
use crate::entities::{decision, moderation_action, user};
use crate::{Domain, Error, Result};
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A decision to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The project.
    pub project_id: i64,
    /// The idea, if the decision is about one (or about one of its comments).
    pub idea_id: Option<i64>,
    /// What was decided.
    pub kind: &'a str,
    /// Who decided.
    pub decided_by: i64,
    /// Why.
    pub reason: &'a str,
}

/// What a decision did to one idea or comment, for that item's timeline (`moderation_actions`).
#[derive(Debug, Clone, Copy)]
pub struct Action<'a> {
    /// `("idea", id)` or `("comment", id)`.
    pub target: (&'a str, i64),
    /// What happened to it (`published`, `rejected`, `hidden`, `shortlisted`, ...).
    pub action: &'a str,
    /// The note its author sees, if any.
    pub note: Option<&'a str>,
}

/// Records a decision in both places it is read: the item's timeline and the hash-chained trail.
pub async fn decided<C: ConnectionTrait>(
    conn: &C,
    action: &Action<'_>,
    entry: &Entry<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    moderation_action::ActiveModel {
        moderator_id: Set(entry.decided_by),
        target_kind: Set(action.target.0.to_owned()),
        target_id: Set(action.target.1),
        action: Set(action.action.to_owned()),
        reason: Set(action.note.map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    append(conn, entry, now).await?;
    Ok(())
}

/// The hash of an entry's fields after `prev_hash`.
pub fn hash(
    prev_hash: &str,
    project_id: i64,
    idea_id: Option<i64>,
    kind: &str,
    decided_by: i64,
    reason: &str,
    at: DateTime<Utc>,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev_hash.to_owned(),
        project_id.to_string(),
        idea_id.map(|i| i.to_string()).unwrap_or_default(),
        kind.to_owned(),
        decided_by.to_string(),
        reason.to_owned(),
        at.to_rfc3339_opts(SecondsFormat::Micros, true),
    ] {
        // Length-prefixed, so that moving characters between fields changes the hash.
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The hash of the chain's last entry ([`GENESIS`] when it is empty).
pub async fn last_hash<C: ConnectionTrait>(conn: &C) -> Result<String> {
    Ok(decision::Entity::find()
        .select_only()
        .column(decision::Column::Hash)
        .order_by_desc(decision::Column::Id)
        .limit(1)
        .into_tuple::<String>()
        .one(conn)
        .await?
        .unwrap_or_else(|| GENESIS.to_owned()))
}

/// Appends `entry` to the chain in the caller's transaction. Call it after the transaction's first
/// write, so that on SQLite the chain's end cannot move under it; on PostgreSQL a concurrent append
/// fails on the unique link and the caller's transaction is retried by [`with_retry`].
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    entry: &Entry<'_>,
    now: DateTime<Utc>,
) -> Result<decision::Model> {
    let prev = last_hash(conn).await?;
    // Stored at microsecond precision, so that the hash recomputes from what the database gives back.
    let at = DateTime::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now);
    let digest = hash(
        &prev,
        entry.project_id,
        entry.idea_id,
        entry.kind,
        entry.decided_by,
        entry.reason,
        at,
    );
    Ok(decision::ActiveModel {
        project_id: Set(entry.project_id),
        idea_id: Set(entry.idea_id),
        kind: Set(entry.kind.to_owned()),
        decided_by: Set(entry.decided_by),
        reason: Set(entry.reason.to_owned()),
        prev_hash: Set(prev),
        hash: Set(digest),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// Whether an error is a lost race on the chain's unique link (or another unique key).
fn is_conflict(e: &Error) -> bool {
    matches!(e, Error::Db(db) if db.to_string().to_lowercase().contains("unique"))
}

/// Runs `attempt` (a whole transaction that appends a decision) again when it lost a race for the
/// chain's end, up to five times.
pub async fn with_retry<T, F, Fut>(mut attempt: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T>>,
{
    let mut left = 5;
    loop {
        match attempt().await {
            Err(e) if left > 0 && is_conflict(&e) => left -= 1,
            other => return other,
        }
    }
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every entry matches; the number of entries.
    Intact(u64),
    /// The first entry (by id) whose link or hash does not match.
    Broken {
        /// Its id.
        id: i64,
        /// What is wrong.
        why: &'static str,
    },
}

/// Recomputes the whole chain, reading it in batches, reporting `(entries checked)` as it goes.
pub async fn verify(d: &Domain, progress: &dyn Fn(u64)) -> Result<Verdict> {
    let mut prev = GENESIS.to_owned();
    let (mut after, mut checked) = (0i64, 0u64);
    loop {
        let batch = decision::Entity::find()
            .filter(decision::Column::Id.gt(after))
            .order_by_asc(decision::Column::Id)
            .limit(1000)
            .all(&d.db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        for row in batch {
            if row.prev_hash != prev {
                return Ok(Verdict::Broken {
                    id: row.id,
                    why: "its link does not name the previous entry",
                });
            }
            let expected = hash(
                &row.prev_hash,
                row.project_id,
                row.idea_id,
                &row.kind,
                row.decided_by,
                &row.reason,
                row.created_at,
            );
            if row.hash != expected {
                return Ok(Verdict::Broken {
                    id: row.id,
                    why: "its content does not match its hash",
                });
            }
            prev = row.hash;
            checked += 1;
        }
        progress(checked);
    }
    Ok(Verdict::Intact(checked))
}

/// The idea a merge entry names and the reason left to read: the chain keeps merges as
/// `→ #32: reason` and undone merges as `#36 ↛ #32`, which readers see as words and a link.
fn merge_of(kind: &str, reason: &str) -> (Option<i64>, String) {
    let number = |s: &str| s.trim().trim_start_matches('#').parse::<i64>().ok();
    match kind {
        "idea_merged" => reason
            .strip_prefix("→ ")
            .and_then(|rest| rest.split_once(": "))
            .and_then(|(into, why)| Some((number(into)?, why.to_owned())))
            .map_or((None, reason.to_owned()), |(into, why)| (Some(into), why)),
        crate::moderation::MERGE_UNDONE => {
            match reason.split_once('↛').and_then(|(_, into)| number(into)) {
                Some(into) => (Some(into), String::new()),
                None => (None, reason.to_owned()),
            }
        }
        _ => (None, reason.to_owned()),
    }
}

/// A project's decisions, oldest first, as its public decisions page lists them.
pub async fn of_project(d: &Domain, slug: &str) -> Result<wire::DecisionsData> {
    let p = crate::projects::find_public(&d.db, slug, d.now()).await?;
    let rows = decision::Entity::find()
        .filter(decision::Column::ProjectId.eq(p.id))
        .order_by_asc(decision::Column::Id)
        .all(&d.db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.decided_by).collect();
    let people: std::collections::HashMap<i64, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let rows = rows
        .into_iter()
        .map(|r| {
            let who = people.get(&r.decided_by);
            let role = who
                .and_then(|u| Role::parse(&u.role))
                .unwrap_or(Role::Moderator);
            let (into_idea, reason) = merge_of(&r.kind, &r.reason);
            wire::DecisionRow {
                id: r.id,
                idea_id: r.idea_id,
                into_idea,
                reason,
                kind: r.kind,
                at: r.created_at,
                hash: r.hash,
                by_role: role,
                by_name: who
                    .filter(|_| role == Role::Expert)
                    .map(|u| u.display_name.clone()),
            }
        })
        .collect();
    Ok(wire::DecisionsData {
        slug: p.slug,
        title: wire::Bilingual::new(p.title_ru, p.title_en),
        decisions: rows,
    })
}
