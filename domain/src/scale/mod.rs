//! Moscow-scale data (`crowd seed --scale moscow`): the platform the reference describes — 24 projects
//! since 2014, 220,000 participants, 105,000 ideas, about 4,000 selected with the commission's reasons,
//! "Moscow e-services. Stage 2" with its three directions, 19,000 participants and 1,050 ideas, about a
//! million votes and 210,000 comments.
//!
//! It starts from the demo data (its accounts, named projects and commissions), adds twelve past
//! projects, and writes the rest in bulk inside one transaction, phase by phase, through the rules real use
//! follows: every counter is written from the rows it counts (votes and comments per idea, ideas per
//! direction and project, participants, selections), every moderation and commission decision goes into
//! the hash-chained trail and the item's timeline, and the word index is rebuilt at the end. Everything
//! is drawn from one seed number, so two loads with the same seed hold the same data (dates of the
//! running demo projects follow the clock). [`Scale::divided`] makes the same shape smaller, for tests.

pub mod bench;
mod projects;

use crate::audit::{self, GENESIS};
use crate::entities::{
    comment, decision, direction, idea, idea_vote, moderation_action, participation, project,
    stage, user,
};
use crate::generate::{Rng, sentence};
use crate::{Domain, Error, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashSet;
use wire::{CommentStatus, IdeaStatus, Role};

/// How much data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Resident accounts that take part.
    pub participants: u64,
    /// Ideas over every project.
    pub ideas: u64,
    /// Votes (supports and objections) over every public idea.
    pub votes: u64,
    /// Comments over every public idea.
    pub comments: u64,
    /// Ideas of "Moscow e-services. Stage 2".
    pub stage_two_ideas: u64,
    /// Participants of "Moscow e-services. Stage 2".
    pub stage_two_participants: u64,
    /// The seed every choice is drawn from.
    pub seed: u64,
}

impl Scale {
    /// The reference platform's figures.
    pub const MOSCOW: Scale = Scale {
        participants: 220_000,
        ideas: 105_000,
        votes: 1_000_000,
        comments: 210_000,
        stage_two_ideas: 1_050,
        stage_two_participants: 19_000,
        seed: 2014,
    };

    /// The same shape `by` times smaller (at least one of each).
    pub fn divided(self, by: u64) -> Scale {
        let by = by.max(1);
        let part = |n: u64| (n / by).max(1);
        Scale {
            participants: part(self.participants),
            ideas: part(self.ideas),
            votes: part(self.votes),
            comments: part(self.comments),
            stage_two_ideas: part(self.stage_two_ideas),
            stage_two_participants: part(self.stage_two_participants),
            seed: self.seed,
        }
    }
}

/// The phases of a load, each reported with `(done, total)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Resident accounts.
    Accounts,
    /// Joining projects.
    Participations,
    /// Ideas with their statuses and counters.
    Ideas,
    /// Supports and objections.
    Votes,
    /// Comments.
    Comments,
    /// Moderators' and commissions' decisions, in the trail.
    Decisions,
    /// The word index (similar ideas, search).
    Index,
}

impl Phase {
    /// The phase's name in progress output.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Accounts => "accounts",
            Phase::Participations => "participations",
            Phase::Ideas => "ideas",
            Phase::Votes => "votes",
            Phase::Comments => "comments",
            Phase::Decisions => "decisions",
            Phase::Index => "word index",
        }
    }
}

/// What a load wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loaded {
    /// Projects in all.
    pub projects: u64,
    /// Resident accounts made.
    pub accounts: u64,
    /// Ideas made.
    pub ideas: u64,
    /// Of them selected by a commission.
    pub selected: u64,
    /// Votes made.
    pub votes: u64,
    /// Comments made.
    pub comments: u64,
    /// Decisions added to the trail.
    pub decisions: u64,
}

/// Progress: `(phase, done, total)`.
pub type Progress<'a> = &'a dyn Fn(Phase, u64, u64);

/// Rows per multi-row insert (well under SQLite's and PostgreSQL's parameter limits).
const BATCH: usize = 1_000;

/// The address of "Moscow e-services. Stage 2" in the demo data.
const STAGE_TWO: &str = "moscow-e-services-2";

/// One project's share of the data.
struct Plan {
    id: i64,
    directions: Vec<i64>,
    /// When its ideas came in, and until when residents rated and commented.
    ideas_from: DateTime<Utc>,
    ideas_until: DateTime<Utc>,
    active_until: DateTime<Utc>,
    /// Whether the commission has decided (the project is over).
    decided: bool,
    ideas: u64,
    /// Its participants: `people[first..first + count]`, wrapping round.
    first: usize,
    count: usize,
}

/// An idea to write, with the counters its votes and comments give it.
struct Draft {
    project: usize,
    direction_id: i64,
    author_id: i64,
    status: IdeaStatus,
    reason: Option<&'static str>,
    at: DateTime<Utc>,
    support: i64,
    oppose: i64,
    comments: i64,
}

/// Loads Moscow-scale data into a database without projects; `None` (nothing written) when projects
/// exist.
pub async fn load(d: &Domain, scale: &Scale, progress: Progress<'_>) -> Result<Option<Loaded>> {
    if !crate::seed::demo(d, &|_| {}).await? {
        return Ok(None);
    }
    let now = d.now();
    let mut rng = Rng(scale.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let txn = d.db.begin().await?;
    for spec in projects::past() {
        crate::seed::insert_project(&txn, &spec, now).await?;
    }
    let people = accounts(&txn, scale, now, progress).await?;
    let plans = plan(&txn, scale, people.len(), &mut rng, now).await?;
    participations(&txn, &plans, &people, progress).await?;
    let mut drafts = ideas(&plans, &people, &mut rng);
    let votes = votes(scale, &plans, &people, &mut drafts, &mut rng);
    let comments = comments(scale, &plans, &people, &mut drafts, &mut rng);
    let ids = write_ideas(&txn, &plans, &drafts, &mut rng, progress).await?;
    write_votes(&txn, &votes, &ids, progress).await?;
    write_comments(&txn, &comments, &ids, &mut rng, progress).await?;
    let decisions = decide(&txn, &plans, &drafts, &ids, progress).await?;
    crate::seed::recount(&txn).await?;
    txn.commit().await?;
    crate::search::reindex(d, &|done, total| progress(Phase::Index, done, total)).await?;
    Ok(Some(Loaded {
        projects: project::Entity::find().count(&d.db).await?,
        accounts: people.len() as u64,
        ideas: drafts.len() as u64,
        selected: drafts
            .iter()
            .filter(|x| x.status == IdeaStatus::Selected)
            .count() as u64,
        votes: votes.len() as u64,
        comments: comments.len() as u64,
        decisions,
    }))
}

/// Makes the resident accounts (sharing the demo password's hash); returns their ids in order.
async fn accounts(
    txn: &DatabaseTransaction,
    scale: &Scale,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> Result<Vec<i64>> {
    let hash = user::Entity::find()
        .select_only()
        .column(user::Column::PasswordHash)
        .filter(user::Column::Role.eq(Role::Resident.as_str()))
        .into_tuple::<String>()
        .one(txn)
        .await?
        .ok_or(Error::NotFound)?;
    let before = newest(txn, user::Entity, user::Column::Id).await?;
    let total = scale.participants;
    let mut made = 0u64;
    while made < total {
        let rows: Vec<user::ActiveModel> = (made..total.min(made + BATCH as u64))
            .map(|n| {
                let first = projects::FIRST_NAMES[(n % 16) as usize];
                let initial = projects::INITIALS[((n / 16) % 12) as usize];
                user::ActiveModel {
                    email: Set(format!("resident{n}@moscow.example")),
                    display_name: Set(format!("{first} {initial}")),
                    password_hash: Set(hash.clone()),
                    role: Set(Role::Resident.as_str().to_owned()),
                    created_at: Set(now),
                    email_confirmed_at: Set(Some(now)),
                    ..Default::default()
                }
            })
            .collect();
        made += rows.len() as u64;
        user::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
        progress(Phase::Accounts, made, total);
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Id.gt(before))
        .order_by_asc(user::Column::Id)
        .into_tuple()
        .all(txn)
        .await?)
}

/// The newest id of a table (0 when empty).
async fn newest<E: EntityTrait, C: ConnectionTrait>(
    conn: &C,
    _entity: E,
    id: E::Column,
) -> Result<i64> {
    Ok(E::find()
        .select_only()
        .column(id)
        .order_by_desc(id)
        .limit(1)
        .into_tuple::<i64>()
        .one(conn)
        .await?
        .unwrap_or(0))
}

/// Shares ideas and participants among the projects, oldest first: "Stage 2" its own figures, the
/// running project a twentieth of the ideas, a project still to come nothing, the rest by weight.
async fn plan(
    txn: &DatabaseTransaction,
    scale: &Scale,
    people: usize,
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> Result<Vec<Plan>> {
    let rows = project::Entity::find()
        .order_by_asc(project::Column::StartsAt)
        .order_by_asc(project::Column::Id)
        .all(txn)
        .await?;
    let directions: Vec<(i64, i64)> = direction::Entity::find()
        .select_only()
        .columns([direction::Column::ProjectId, direction::Column::Id])
        .order_by_asc(direction::Column::Position)
        .into_tuple()
        .all(txn)
        .await?;
    let windows: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = stage::Entity::find()
        .select_only()
        .columns([
            stage::Column::ProjectId,
            stage::Column::StartsAt,
            stage::Column::EndsAt,
        ])
        .filter(stage::Column::Kind.eq("ideas"))
        .into_tuple()
        .all(txn)
        .await?;
    let open = |p: &project::Model| p.starts_at <= now && now < p.ends_at;
    let fixed = scale.stage_two_ideas + scale.ideas / 20;
    let weights: Vec<u64> = rows.iter().map(|_| 50 + rng.below(100) as u64).collect();
    let shared: u64 = rows
        .iter()
        .zip(&weights)
        .filter(|(p, _)| p.slug != STAGE_TWO && !open(p) && p.starts_at <= now)
        .map(|(_, w)| w)
        .sum::<u64>()
        .max(1);
    let rest = scale.ideas.saturating_sub(fixed);
    // About 1.15 joins per account, so that every account takes part somewhere.
    let per_idea = (scale.participants * 115) as f64 / (scale.ideas.max(1) * 100) as f64;
    let mut first = 0usize;
    let mut plans = Vec::new();
    for (p, weight) in rows.iter().zip(weights) {
        let (ideas, count) = if p.starts_at > now {
            (0, 0)
        } else if p.slug == STAGE_TWO {
            (scale.stage_two_ideas, scale.stage_two_participants as usize)
        } else {
            let ideas = if open(p) {
                scale.ideas / 20
            } else {
                rest * weight / shared
            };
            (ideas, (ideas as f64 * per_idea).round() as usize)
        };
        let (from, until) = windows
            .iter()
            .find(|w| w.0 == p.id)
            .map_or((p.starts_at, p.ends_at), |w| (w.1, w.2));
        plans.push(Plan {
            id: p.id,
            directions: directions
                .iter()
                .filter(|x| x.0 == p.id)
                .map(|x| x.1)
                .collect(),
            ideas_from: from,
            ideas_until: until.min(now),
            active_until: p.ends_at.min(now),
            decided: p.ends_at <= now,
            ideas,
            first,
            count: count.min(people),
        });
        first = (first + count) % people.max(1);
    }
    Ok(plans)
}

/// The `n`-th participant of a plan.
fn member(plan: &Plan, people: &[i64], n: usize) -> i64 {
    people[(plan.first + n) % people.len()]
}

/// A moment between `from` and `until` (or `from` when the span is empty).
fn between(rng: &mut Rng, from: DateTime<Utc>, until: DateTime<Utc>) -> DateTime<Utc> {
    let span = (until - from).num_seconds();
    if span <= 0 {
        return from;
    }
    from + Duration::seconds(i64::try_from(rng.below(span as usize)).unwrap_or(0))
}

async fn participations(
    txn: &DatabaseTransaction,
    plans: &[Plan],
    people: &[i64],
    progress: Progress<'_>,
) -> Result<()> {
    let total: u64 = plans.iter().map(|p| p.count as u64).sum();
    let mut done = 0u64;
    for plan in plans {
        let joins: Vec<participation::ActiveModel> = (0..plan.count)
            .map(|n| participation::ActiveModel {
                project_id: Set(plan.id),
                user_id: Set(member(plan, people, n)),
                created_at: Set(plan.ideas_from),
                ..Default::default()
            })
            .collect();
        for chunk in joins.chunks(BATCH) {
            participation::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(txn)
                .await?;
            done += chunk.len() as u64;
            progress(Phase::Participations, done, total);
        }
    }
    Ok(())
}

/// Every idea, oldest first within each project. In a project the commission has decided, about 4 in
/// 100 ideas are selected, 4 shortlisted and not selected, and 6 rejected by moderators.
fn ideas(plans: &[Plan], people: &[i64], rng: &mut Rng) -> Vec<Draft> {
    let mut drafts = Vec::new();
    for (index, plan) in plans.iter().enumerate() {
        if plan.directions.is_empty() || plan.count == 0 {
            continue;
        }
        let mut here: Vec<Draft> = (0..plan.ideas)
            .map(|_| {
                let roll = rng.below(100);
                let (status, reason) = match roll {
                    _ if !plan.decided && roll < 2 => {
                        (IdeaStatus::Rejected, Some(projects::REJECTED[rng.below(3)]))
                    }
                    _ if !plan.decided => (IdeaStatus::Published, None),
                    0..4 => (IdeaStatus::Selected, Some(projects::SELECTED[rng.below(4)])),
                    4..8 => (
                        IdeaStatus::NotSelected,
                        Some(projects::NOT_SELECTED[rng.below(3)]),
                    ),
                    8..14 => (IdeaStatus::Rejected, Some(projects::REJECTED[rng.below(3)])),
                    _ => (IdeaStatus::Published, None),
                };
                Draft {
                    project: index,
                    direction_id: plan.directions[rng.below(plan.directions.len())],
                    author_id: member(plan, people, rng.below(plan.count)),
                    status,
                    reason,
                    at: between(rng, plan.ideas_from, plan.ideas_until),
                    support: 0,
                    oppose: 0,
                    comments: 0,
                }
            })
            .collect();
        here.sort_by_key(|x| x.at);
        drafts.extend(here);
    }
    drafts
}

/// The public ideas of each project, as indexes into the drafts.
fn public(plans: &[Plan], drafts: &[Draft]) -> Vec<Vec<usize>> {
    let mut by_project = vec![Vec::new(); plans.len()];
    for (n, x) in drafts.iter().enumerate() {
        if x.status.is_visible() {
            by_project[x.project].push(n);
        }
    }
    by_project
}

/// An idea of a project, popular ones more often (the square of a uniform draw favours the first).
fn popular(rng: &mut Rng, ideas: &[usize]) -> usize {
    let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
    ideas[((u * u * ideas.len() as f64) as usize).min(ideas.len() - 1)]
}

/// Each project's share of `total`, by its public ideas.
fn shares(total: u64, public: &[Vec<usize>]) -> Vec<u64> {
    let all: u64 = public.iter().map(|x| x.len() as u64).sum::<u64>().max(1);
    public
        .iter()
        .map(|x| total * x.len() as u64 / all)
        .collect()
}

/// A vote: the idea (index into the drafts), who, +1 or -1, when.
type Vote = (usize, i64, i16, DateTime<Utc>);

/// About `scale.votes` votes on public ideas by participants of their project, at most one per person
/// and idea, nine in ten in support; adds them to the ideas' counters.
fn votes(
    scale: &Scale,
    plans: &[Plan],
    people: &[i64],
    drafts: &mut [Draft],
    rng: &mut Rng,
) -> Vec<Vote> {
    let public = public(plans, drafts);
    let mut out = Vec::new();
    for ((plan, ideas), share) in plans.iter().zip(&public).zip(shares(scale.votes, &public)) {
        if ideas.is_empty() || plan.count == 0 {
            continue;
        }
        let mut seen = HashSet::new();
        // A person who already rated the drawn idea draws again (a few times at most).
        for _ in 0..share * 3 {
            if seen.len() as u64 == share {
                break;
            }
            let n = popular(rng, ideas);
            let who = member(plan, people, rng.below(plan.count));
            if !seen.insert((n, who)) {
                continue;
            }
            let value = if rng.below(10) == 0 { -1 } else { 1 };
            let x = &mut drafts[n];
            if value > 0 {
                x.support += 1;
            } else {
                x.oppose += 1;
            }
            let at = between(rng, x.at, plan.active_until);
            out.push((n, who, value, at));
        }
    }
    out
}

/// A comment: the idea (index into the drafts), who, when.
type Remark = (usize, i64, DateTime<Utc>);

/// About `scale.comments` comments on public ideas by participants, oldest first per idea; adds them to
/// the ideas' counters.
fn comments(
    scale: &Scale,
    plans: &[Plan],
    people: &[i64],
    drafts: &mut [Draft],
    rng: &mut Rng,
) -> Vec<Remark> {
    let public = public(plans, drafts);
    let mut out = Vec::new();
    for ((plan, ideas), share) in plans
        .iter()
        .zip(&public)
        .zip(shares(scale.comments, &public))
    {
        if ideas.is_empty() || plan.count == 0 {
            continue;
        }
        for _ in 0..share {
            let n = popular(rng, ideas);
            drafts[n].comments += 1;
            let at = between(rng, drafts[n].at, plan.active_until);
            out.push((n, member(plan, people, rng.below(plan.count)), at));
        }
    }
    out.sort_by_key(|c| c.2);
    out
}

/// A sentence as a title or text: its first letter capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Writes the ideas with their counters; returns their ids in the drafts' order.
async fn write_ideas(
    txn: &DatabaseTransaction,
    plans: &[Plan],
    drafts: &[Draft],
    rng: &mut Rng,
    progress: Progress<'_>,
) -> Result<Vec<i64>> {
    let before = newest(txn, idea::Entity, idea::Column::Id).await?;
    let total = drafts.len() as u64;
    for (n, chunk) in drafts.chunks(BATCH / 2).enumerate() {
        let rows: Vec<idea::ActiveModel> = chunk
            .iter()
            .map(|x| {
                let title_words = 3 + rng.below(4);
                let body_words = 20 + rng.below(25);
                let reviewed = (x.status != IdeaStatus::Published).then_some(x.at);
                idea::ActiveModel {
                    project_id: Set(plans[x.project].id),
                    direction_id: Set(x.direction_id),
                    author_id: Set(x.author_id),
                    title: Set(capitalised(&sentence(rng, title_words))),
                    body: Set(capitalised(&sentence(rng, body_words)) + "."),
                    status: Set(x.status.into()),
                    status_reason: Set(x.reason.map(str::to_owned)),
                    merged_into_id: Set(None),
                    support_count: Set(x.support),
                    oppose_count: Set(x.oppose),
                    comment_count: Set(x.comments),
                    created_at: Set(x.at),
                    updated_at: Set(x.at),
                    published_at: Set((x.status != IdeaStatus::Rejected).then_some(x.at)),
                    reviewed_at: Set(reviewed),
                    ..Default::default()
                }
            })
            .collect();
        idea::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
        progress(
            Phase::Ideas,
            ((n + 1) * BATCH / 2).min(drafts.len()) as u64,
            total,
        );
    }
    let ids: Vec<i64> = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .filter(idea::Column::Id.gt(before))
        .order_by_asc(idea::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    if ids.len() != drafts.len() {
        return Err(Error::Internal(format!(
            "wrote {} ideas, read back {}",
            drafts.len(),
            ids.len()
        )));
    }
    Ok(ids)
}

async fn write_votes(
    txn: &DatabaseTransaction,
    votes: &[Vote],
    ids: &[i64],
    progress: Progress<'_>,
) -> Result<()> {
    let total = votes.len() as u64;
    let mut done = 0u64;
    for chunk in votes.chunks(BATCH) {
        let rows = chunk
            .iter()
            .map(|&(n, who, value, at)| idea_vote::ActiveModel {
                idea_id: Set(ids[n]),
                user_id: Set(who),
                value: Set(value),
                created_at: Set(at),
                updated_at: Set(at),
                ..Default::default()
            });
        idea_vote::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
        done += chunk.len() as u64;
        progress(Phase::Votes, done, total);
    }
    Ok(())
}

async fn write_comments(
    txn: &DatabaseTransaction,
    remarks: &[Remark],
    ids: &[i64],
    rng: &mut Rng,
    progress: Progress<'_>,
) -> Result<()> {
    let total = remarks.len() as u64;
    let mut done = 0u64;
    for chunk in remarks.chunks(BATCH / 2) {
        let rows: Vec<comment::ActiveModel> = chunk
            .iter()
            .map(|&(n, who, at)| {
                let words = 6 + rng.below(20);
                comment::ActiveModel {
                    idea_id: Set(ids[n]),
                    author_id: Set(who),
                    parent_id: Set(None),
                    body: Set(capitalised(&sentence(rng, words)) + "."),
                    status: Set(CommentStatus::Published.into()),
                    created_at: Set(at),
                    ..Default::default()
                }
            })
            .collect();
        comment::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
        done += chunk.len() as u64;
        progress(Phase::Comments, done, total);
    }
    Ok(())
}

/// The trail of every decided idea, in the order the decisions were made: moderators' rejections an
/// hour after the idea came, the commission's decisions at the end of its project's ideas stage plus
/// a fortnight. Each goes into the hash chain and the idea's timeline; returns how many.
async fn decide(
    txn: &DatabaseTransaction,
    plans: &[Plan],
    drafts: &[Draft],
    ids: &[i64],
    progress: Progress<'_>,
) -> Result<u64> {
    let official = |role: Role| {
        user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Role.eq(role.as_str()))
            .order_by_asc(user::Column::Id)
            .into_tuple::<i64>()
            .all(txn)
    };
    let moderators = official(Role::Moderator).await?;
    let experts = official(Role::Expert).await?;
    let (Some(&moderator), false) = (moderators.first(), experts.is_empty()) else {
        return Err(Error::NotFound);
    };
    let mut decided: Vec<(DateTime<Utc>, usize)> = drafts
        .iter()
        .enumerate()
        .filter_map(|(n, x)| {
            let at = match x.status {
                IdeaStatus::Rejected => x.at + Duration::hours(1),
                IdeaStatus::Selected | IdeaStatus::NotSelected => {
                    plans[x.project].ideas_until + Duration::days(14)
                }
                _ => return None,
            };
            Some((at, n))
        })
        .collect();
    decided.sort();
    let mut prev = decision::Entity::find()
        .select_only()
        .column(decision::Column::Hash)
        .order_by_desc(decision::Column::Id)
        .limit(1)
        .into_tuple::<String>()
        .one(txn)
        .await?
        .unwrap_or_else(|| GENESIS.to_owned());
    let total = decided.len() as u64;
    let mut done = 0u64;
    for chunk in decided.chunks(BATCH / 2) {
        let (mut entries, mut actions) = (Vec::new(), Vec::new());
        for (k, &(at, n)) in chunk.iter().enumerate() {
            let x = &drafts[n];
            let by = if x.status == IdeaStatus::Rejected {
                moderator
            } else {
                experts[k % experts.len()]
            };
            let reason = x.reason.unwrap_or("");
            let kind = format!("idea_{}", x.status.as_str());
            let at = DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at);
            let project_id = plans[x.project].id;
            let hash = audit::hash(&prev, project_id, Some(ids[n]), &kind, by, reason, at);
            entries.push(decision::ActiveModel {
                project_id: Set(project_id),
                idea_id: Set(Some(ids[n])),
                kind: Set(kind),
                decided_by: Set(by),
                reason: Set(reason.to_owned()),
                prev_hash: Set(std::mem::replace(&mut prev, hash.clone())),
                hash: Set(hash),
                created_at: Set(at),
                ..Default::default()
            });
            actions.push(moderation_action::ActiveModel {
                moderator_id: Set(by),
                target_kind: Set("idea".to_owned()),
                target_id: Set(ids[n]),
                action: Set(x.status.as_str().to_owned()),
                reason: Set(x.reason.map(str::to_owned)),
                created_at: Set(at),
                ..Default::default()
            });
        }
        decision::Entity::insert_many(entries)
            .exec_without_returning(txn)
            .await?;
        moderation_action::Entity::insert_many(actions)
            .exec_without_returning(txn)
            .await?;
        done += chunk.len() as u64;
        progress(Phase::Decisions, done, total);
    }
    Ok(total)
}
