//! The residents' vote on the commission's shortlist: the ballot a resident fills in, its receipt, the
//! totals, and the staff's set-up of the ballot.

use crate::sets::{Phase, VoteRule};
use crate::text::Bilingual;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a project's vote counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRules {
    /// Approval (up to `max_choices` per direction) or budget (a direction's budget).
    pub rule: VoteRule,
    /// Under approval: how many ideas a ballot may choose per direction.
    pub max_choices: i32,
    /// Whether residents see the totals while the stage runs (after it, everyone does).
    pub results_live: bool,
}

/// An idea on the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotOption {
    /// The idea.
    pub idea_id: i64,
    /// Its title.
    pub title: String,
    /// Estimated cost in roubles (the budget rule).
    pub cost: Option<i64>,
    /// Confirmed ballots that chose it (`None` while the totals are hidden from the viewer).
    pub votes: Option<i64>,
    /// Whether it won: under the budget rule, taken greedily by votes while it fits the budget; under
    /// approval, among the `max_choices` most chosen. Only once the stage has ended.
    pub winner: bool,
}

/// One direction of the ballot, its options ranked by votes when the totals are shown (else by id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotDirection {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: Bilingual,
    /// Budget in roubles (the budget rule).
    pub budget: Option<i64>,
    /// The ideas on the ballot.
    pub options: Vec<BallotOption>,
}

/// The viewer's own ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MyBallot {
    /// What is chosen now, saved as the resident goes.
    pub draft: Vec<i64>,
    /// What was last confirmed (`None`: nothing yet); this is what counts.
    pub confirmed: Option<Vec<i64>>,
    /// The receipt of the last confirmation.
    pub receipt: Option<String>,
    /// When it was confirmed.
    #[serde(default, with = "crate::time::utc_option")]
    pub confirmed_at: Option<DateTime<Utc>>,
}

impl MyBallot {
    /// Whether the draft differs from what counts (nothing confirmed, or changed since).
    pub fn unconfirmed(&self) -> bool {
        self.confirmed.as_ref() != Some(&self.draft)
    }
}

/// `/projects/:slug/vote`: the ballot, the viewer's choices and, when shown, the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VotePage {
    /// Project id.
    pub project_id: i64,
    /// Project address.
    pub slug: String,
    /// Project title.
    pub title: Bilingual,
    /// The rule.
    pub rules: VoteRules,
    /// The vote stage's start.
    #[serde(with = "crate::time::utc")]
    pub starts_at: DateTime<Utc>,
    /// Its end (exclusive).
    #[serde(with = "crate::time::utc")]
    pub ends_at: DateTime<Utc>,
    /// Before, during or after the stage.
    pub phase: Phase,
    /// Whether someone is logged in.
    pub logged_in: bool,
    /// Whether the viewer may vote (a logged-in resident; officials do not vote).
    pub may_vote: bool,
    /// Confirmed ballots (`None` while the totals are hidden from the viewer).
    pub ballots: Option<i64>,
    /// The ballot, per direction.
    pub directions: Vec<BallotDirection>,
    /// The viewer's ballot.
    pub mine: Option<MyBallot>,
}

/// A confirmed ballot as published, without its voter: anyone can recompute its receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedBallot {
    /// The receipt: SHA-256 of `crowd-ballot/1`, the project id, the token and the choices, one per line.
    pub receipt: String,
    /// The confirmation's random salt.
    pub token: String,
    /// The ideas chosen, ascending.
    pub choices: Vec<i64>,
}

/// The staff's view of a project's vote: the rule, the ballot with live totals, and how many ballots
/// are confirmed or still drafts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteSetup {
    /// The rule (`None`: not set yet).
    pub rules: Option<VoteRules>,
    /// The vote stage's start, if the timeline has one.
    #[serde(default, with = "crate::time::utc_option")]
    pub starts_at: Option<DateTime<Utc>>,
    /// Its end.
    #[serde(default, with = "crate::time::utc_option")]
    pub ends_at: Option<DateTime<Utc>>,
    /// Whether the stage has started (the ballot and rule are then fixed).
    pub started: bool,
    /// Whether it has ended.
    pub finished: bool,
    /// The ballot per direction, every direction listed, totals always shown.
    pub directions: Vec<BallotDirection>,
    /// Confirmed ballots.
    pub ballots: i64,
    /// Ballots with an unconfirmed draft.
    pub drafts: i64,
}
