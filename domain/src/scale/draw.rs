//! What the Moscow-scale data is drawn from one seed: each project's share of ideas and participants,
//! the ideas with their statuses, the votes and comments (and so the ideas' counters), before anything
//! is written.

use super::{STAGE_TWO, Scale, projects};
use crate::Result;
use crate::entities::{direction, project, stage};
use crate::generate::Rng;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashSet;
use wire::IdeaStatus;

/// One project's share of the data.
pub(super) struct Plan {
    pub(super) id: i64,
    pub(super) directions: Vec<i64>,
    /// When its ideas came in, and until when residents rated and commented.
    pub(super) ideas_from: DateTime<Utc>,
    pub(super) ideas_until: DateTime<Utc>,
    pub(super) active_until: DateTime<Utc>,
    /// Whether the commission has decided (the project is over).
    pub(super) decided: bool,
    pub(super) ideas: u64,
    /// Its participants: `people[first..first + count]`, wrapping round.
    pub(super) first: usize,
    pub(super) count: usize,
}

/// An idea to write, with the counters its votes and comments give it.
pub(super) struct Draft {
    pub(super) project: usize,
    pub(super) direction_id: i64,
    pub(super) author_id: i64,
    pub(super) status: IdeaStatus,
    pub(super) reason: Option<&'static str>,
    pub(super) at: DateTime<Utc>,
    pub(super) support: i64,
    pub(super) oppose: i64,
    pub(super) comments: i64,
}

/// Shares ideas and participants among the projects, oldest first: "Stage 2" its own figures, the
/// running project a twentieth of the ideas, a project still to come nothing, the rest by weight, so
/// that they add up to the scale's number.
pub(super) async fn plan(
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
    // Each running project takes a twentieth (the demo runs two: ideas in one, a vote in the other).
    let running = rows
        .iter()
        .filter(|p| p.slug != STAGE_TWO && open(p))
        .count() as u64;
    let fixed = scale.stage_two_ideas + scale.ideas / 20 * running;
    let weights: Vec<u64> = rows.iter().map(|_| 50 + rng.below(100) as u64).collect();
    let sharing = |p: &project::Model| p.slug != STAGE_TWO && !open(p) && p.starts_at <= now;
    let shared: u64 = rows
        .iter()
        .zip(&weights)
        .filter(|(p, _)| sharing(p))
        .map(|(_, w)| w)
        .sum::<u64>()
        .max(1);
    let rest = scale.ideas.saturating_sub(fixed);
    // What rounding down leaves over goes to the last project that shares.
    let last_sharing = rows.iter().rposition(sharing);
    let mut shared_out = 0;
    // About 1.15 joins per account, so that every account takes part somewhere.
    let per_idea = (scale.participants * 115) as f64 / (scale.ideas.max(1) * 100) as f64;
    let mut first = 0usize;
    let mut plans = Vec::new();
    for (k, (p, weight)) in rows.iter().zip(weights).enumerate() {
        let (ideas, count) = if p.starts_at > now {
            (0, 0)
        } else if p.slug == STAGE_TWO {
            (scale.stage_two_ideas, scale.stage_two_participants as usize)
        } else {
            let ideas = if open(p) {
                scale.ideas / 20
            } else if Some(k) == last_sharing {
                rest.saturating_sub(shared_out)
            } else {
                let share = rest * weight / shared;
                shared_out += share;
                share
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
pub(super) fn member(plan: &Plan, people: &[i64], n: usize) -> i64 {
    people[(plan.first + n) % people.len()]
}

/// A moment between `from` and `until` (or `from` when the span is empty).
pub(super) fn between(rng: &mut Rng, from: DateTime<Utc>, until: DateTime<Utc>) -> DateTime<Utc> {
    let span = (until - from).num_seconds();
    if span <= 0 {
        return from;
    }
    from + Duration::seconds(i64::try_from(rng.below(span as usize)).unwrap_or(0))
}

/// Every idea, oldest first within each project. In a project the commission has decided, about 4 in
/// 100 ideas are selected, 4 shortlisted and not selected, and 6 rejected by moderators.
pub(super) fn ideas(plans: &[Plan], people: &[i64], rng: &mut Rng) -> Vec<Draft> {
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
pub(super) fn public(plans: &[Plan], drafts: &[Draft]) -> Vec<Vec<usize>> {
    let mut by_project = vec![Vec::new(); plans.len()];
    for (n, x) in drafts.iter().enumerate() {
        if x.status.is_visible() {
            by_project[x.project].push(n);
        }
    }
    by_project
}

/// An idea of a project, popular ones more often (the square of a uniform draw favours the first).
pub(super) fn popular(rng: &mut Rng, ideas: &[usize]) -> usize {
    let u = rng.below(1 << 20) as f64 / f64::from(1 << 20);
    ideas[((u * u * ideas.len() as f64) as usize).min(ideas.len() - 1)]
}

/// Each project's share of `total`, by its public ideas.
pub(super) fn shares(total: u64, public: &[Vec<usize>]) -> Vec<u64> {
    let all: u64 = public.iter().map(|x| x.len() as u64).sum::<u64>().max(1);
    public
        .iter()
        .map(|x| total * x.len() as u64 / all)
        .collect()
}

/// A vote: the idea (index into the drafts), who, +1 or -1, when.
pub(super) type Vote = (usize, i64, i16, DateTime<Utc>);

/// About `scale.votes` votes on public ideas by participants of their project, at most one per person
/// and idea, nine in ten in support; adds them to the ideas' counters.
pub(super) fn votes(
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
pub(super) type Remark = (usize, i64, DateTime<Utc>);

/// About `scale.comments` comments on public ideas by participants, oldest first per idea; adds them to
/// the ideas' counters.
pub(super) fn comments(
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
