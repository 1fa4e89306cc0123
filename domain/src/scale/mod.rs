//! Moscow-scale data (`crowd seed --scale moscow`): the platform the reference describes — 24 projects
//! since 2014, 220,000 participants, 105,000 ideas, about 4,000 selected with the commission's reasons,
//! "Moscow e-services. Stage 2" with its three directions, 19,000 participants and 1,050 ideas, about a
//! million votes and 210,000 comments.
//!
//! It starts from the demo data (its accounts, named projects and commissions), adds nine past
//! projects, and writes the rest in bulk inside one transaction, phase by phase, through the rules real use
//! follows: every counter is written from the rows it counts (votes and comments per idea, ideas per
//! direction and project, participants, selections), every moderation and commission decision goes into
//! the hash-chained trail and the item's timeline, and the word index is rebuilt at the end. Everything
//! is drawn from one seed number, so two loads with the same seed hold the same data (dates of the
//! running demo projects follow the clock). [`Scale::divided`] makes the same shape smaller, for tests.

pub mod bench;
mod draw;
mod projects;
mod write;

use crate::entities::project;
use crate::generate::Rng;
use crate::{Domain, Result};
use draw::{comments, ideas, plan, votes};
use sea_orm::{EntityTrait, PaginatorTrait, TransactionTrait};
use wire::IdeaStatus;
use write::{accounts, decide, participations, write_comments, write_ideas, write_votes};

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
