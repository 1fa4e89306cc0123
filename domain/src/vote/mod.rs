//! The residents' vote on the commission's shortlist: a stage of kind `vote` after the expert review.
//!
//! Staff put the commission's shortlist (or only its selection) on the ballot and choose a rule
//! ([`setup`](setup)): approval of up to K ideas per direction, or a budget per direction with each
//! idea's estimated cost. While the stage runs, a resident fills in a ballot that is saved as a draft as
//! they go and counts only once confirmed ([`ballots`](ballots)); one ballot per person and project (a
//! unique key), changeable until the stage ends, the last confirmation counting. Each confirmation gets a
//! receipt, the SHA-256 of the project, a random token and the choices ([`receipt`]); the confirmed
//! ballots are published with their tokens and no voter, so anyone can recompute every receipt and
//! total, and `crowd verify-ballots` does ([`tally`](tally)).
//!
//! A day before the end, residents whose draft does not count yet are reminded once ([`remind`]).
//!
//! Totals are counted from `ballot_choices` (one row per confirmed choice) with one grouped statement;
//! residents see them after the stage, or while it runs when staff chose live results.

mod ballots;
mod reminders;
mod setup;
mod tally;

pub use ballots::*;
pub use reminders::*;
pub use setup::*;
pub use tally::*;

use crate::auth::{Role, User};
use crate::entities::{ballot, ballot_item, direction, idea, stage, vote_rule};
use crate::projects::{find_public, stages};
use crate::{Domain, Error, Result};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use wire::{
    BallotDirection, BallotOption, Bilingual, IdeaStatus, MyBallot, Phase, VotePage, VoteRule,
    VoteRules,
};

/// Who votes: residents (officials do not, as they do not propose).
pub const VOTE: &[Role] = Role::PROPOSE;
/// The stage kind of the residents' vote.
pub const STAGE: &str = "vote";

/// Ideas as stored in a ballot: ascending, without repeats, comma-separated.
pub(crate) fn ids_text(ids: &BTreeSet<i64>) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// The ideas of a stored ballot text.
pub(crate) fn parse_ids(text: &str) -> Vec<i64> {
    text.split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect()
}

/// The receipt of a confirmed ballot: SHA-256 (hex) of the lines `crowd-ballot/1`, the project id, the
/// confirmation's token and the chosen ideas (ascending, comma-separated). Published with the token and
/// the choices, so that anyone can recompute it.
pub fn receipt(project_id: i64, token: &str, choices: &[i64]) -> String {
    let set: BTreeSet<i64> = choices.iter().copied().collect();
    let text = format!("crowd-ballot/1\n{project_id}\n{token}\n{}", ids_text(&set));
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The rules as stored.
fn rules_of(row: &vote_rule::Model) -> VoteRules {
    VoteRules {
        rule: VoteRule::parse(&row.rule).unwrap_or(VoteRule::Approval),
        max_choices: row.max_choices,
        results_live: row.results_live,
    }
}

/// A project's vote rules, if staff set them.
pub(crate) async fn rules<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
) -> Result<Option<VoteRules>> {
    Ok(vote_rule::Entity::find_by_id(project_id)
        .one(conn)
        .await?
        .as_ref()
        .map(rules_of))
}

/// The vote stage among a project's stages.
pub(crate) fn vote_stage(stages: &[stage::Model]) -> Option<&stage::Model> {
    stages.iter().find(|s| s.kind == STAGE)
}

/// Whether the totals are shown to residents: after the stage, or during it when the rules say live.
pub fn totals_public(rules: &VoteRules, phase: Phase) -> bool {
    phase == Phase::Finished || (phase == Phase::Active && rules.results_live)
}

/// How [`ballot_directions`] reads the ballot.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reading {
    /// With each idea's votes.
    pub totals: bool,
    /// With the winners (the stage is over; needs `totals`).
    pub winners: bool,
    /// Every direction, also those with no idea on the ballot (the staff's panel).
    pub every_direction: bool,
}

/// The ballot of a project, per direction, read as `reading` says. Ideas a moderator has taken down
/// since are left out.
pub(crate) async fn ballot_directions<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    rules: Option<&VoteRules>,
    reading: Reading,
) -> Result<Vec<BallotDirection>> {
    let Reading {
        totals,
        winners: finished,
        every_direction: all,
    } = reading;
    let items = ballot_item::Entity::find()
        .filter(ballot_item::Column::ProjectId.eq(project_id))
        .order_by_asc(ballot_item::Column::IdeaId)
        .all(conn)
        .await?;
    let ids: Vec<i64> = items.iter().map(|i| i.idea_id).collect();
    let titles: HashMap<i64, (String, String)> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| (i.id, (i.title, i.status)))
        .collect();
    let counts = if totals {
        Some(tally::totals(conn, project_id).await?)
    } else {
        None
    };
    let directions = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(project_id))
        .order_by_asc(direction::Column::Position)
        .order_by_asc(direction::Column::Id)
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for dir in directions {
        let mut options: Vec<BallotOption> = items
            .iter()
            .filter(|i| i.direction_id == dir.id)
            .filter_map(|i| {
                let (title, status) = titles.get(&i.idea_id)?;
                IdeaStatus::stored(status)
                    .is_visible()
                    .then(|| BallotOption {
                        idea_id: i.idea_id,
                        title: title.clone(),
                        cost: i.cost,
                        votes: counts
                            .as_ref()
                            .map(|c| c.get(&i.idea_id).copied().unwrap_or(0)),
                        winner: false,
                    })
            })
            .collect();
        if options.is_empty() && !all {
            continue;
        }
        if counts.is_some() {
            options.sort_by_key(|o| (std::cmp::Reverse(o.votes), o.idea_id));
        }
        if let (true, true, Some(rules)) = (totals, finished, rules) {
            mark_winners(rules, dir.vote_budget, &mut options);
        }
        out.push(BallotDirection {
            id: dir.id,
            title: Bilingual::new(dir.title_ru, dir.title_en),
            budget: dir.vote_budget,
            options,
        });
    }
    Ok(out)
}

/// Marks the winners of options ranked by votes (most first, ties by idea id): under the budget rule,
/// each in turn that still fits what is left of the budget (an idea that does not fit is passed over
/// and the next one tried: the greedy rule of participatory budgeting); under approval, the first
/// `max_choices`. An idea nobody chose never wins.
pub fn mark_winners(rules: &VoteRules, budget: Option<i64>, ranked: &mut [BallotOption]) {
    match rules.rule {
        VoteRule::Budget => {
            let mut left = budget.unwrap_or(0);
            for option in ranked.iter_mut() {
                let cost = option.cost.unwrap_or(i64::MAX);
                if option.votes.unwrap_or(0) > 0 && cost <= left {
                    left -= cost;
                    option.winner = true;
                }
            }
        }
        VoteRule::Approval => {
            let k = usize::try_from(rules.max_choices).unwrap_or(0);
            for option in ranked.iter_mut().take(k) {
                option.winner = option.votes.unwrap_or(0) > 0;
            }
        }
    }
}

/// The viewer's ballot as stored.
fn my_ballot(row: &ballot::Model) -> MyBallot {
    MyBallot {
        draft: parse_ids(&row.draft),
        confirmed: row.choices.as_deref().map(parse_ids),
        receipt: row.receipt.clone(),
        confirmed_at: row.confirmed_at,
    }
}

/// The vote stage's bounds and phase at `now`, and the rules; `NotFound` when the project has no vote
/// stage or no rules yet.
pub(crate) async fn stage_and_rules<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    now: DateTime<Utc>,
) -> Result<(stage::Model, Phase, VoteRules)> {
    let all = stages(conn, project_id).await?;
    let stage = vote_stage(&all).cloned().ok_or(Error::NotFound)?;
    let rules = rules(conn, project_id).await?.ok_or(Error::NotFound)?;
    let phase = Phase::at(stage.starts_at, stage.ends_at, now);
    Ok((stage, phase, rules))
}

/// `/projects/:slug/vote` as `viewer` sees it.
pub async fn page(d: &Domain, slug: &str, viewer: Option<&User>) -> Result<VotePage> {
    let p = find_public(&d.db, slug, d.now()).await?;
    let (stage, phase, rules) = stage_and_rules(&d.db, p.id, d.now()).await?;
    let shown = totals_public(&rules, phase);
    let reading = Reading {
        totals: shown,
        winners: phase == Phase::Finished,
        every_direction: false,
    };
    let directions = ballot_directions(&d.db, p.id, Some(&rules), reading).await?;
    let ballots = match shown {
        true => Some(tally::confirmed(&d.db, p.id).await?),
        false => None,
    };
    let mine = match viewer {
        Some(user) => ballot::Entity::find()
            .filter(ballot::Column::ProjectId.eq(p.id))
            .filter(ballot::Column::UserId.eq(user.id))
            .one(&d.db)
            .await?
            .map(|b| my_ballot(&b)),
        None => None,
    };
    Ok(VotePage {
        project_id: p.id,
        slug: p.slug,
        title: Bilingual::new(p.title_ru, p.title_en),
        rules,
        starts_at: stage.starts_at,
        ends_at: stage.ends_at,
        phase,
        logged_in: viewer.is_some(),
        may_vote: viewer.is_some_and(|u| VOTE.contains(&u.role)),
        ballots,
        directions,
        mine,
    })
}
