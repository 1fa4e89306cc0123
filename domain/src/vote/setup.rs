//! The staff's side of the vote: the rule, the ideas on the ballot with their costs, each direction's
//! budget. All of it is fixed once the vote stage starts; every change goes into the project's history.

use super::*;
use crate::revisions::record;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, IntoActiveModel, PaginatorTrait, QueryTrait, Set, TransactionTrait,
};
use wire::{BallotSource, Change, ChangeKind, VoteSetup};

/// Most ideas one ballot may ask for per direction under approval.
pub const MAX_CHOICES: i32 = 50;
/// Largest cost or budget, in roubles (a trillion).
pub const MAX_ROUBLES: i64 = 1_000_000_000_000;

/// A history line of `kind` with its particulars.
fn change<const N: usize>(kind: ChangeKind, args: [String; N]) -> Change {
    Change {
        kind,
        args: args.into(),
    }
}

/// `NotFound` unless project `project_id` exists.
async fn project_exists(d: &Domain, project_id: i64) -> Result<()> {
    crate::entities::project::Entity::find_by_id(project_id)
        .one(&d.db)
        .await?
        .map(|_| ())
        .ok_or(Error::NotFound)
}

/// The project `project_id` whose vote may still change: `vote_started` once its stage began.
async fn unstarted(d: &Domain, project_id: i64) -> Result<()> {
    let all = stages(&d.db, project_id).await?;
    match vote_stage(&all) {
        Some(s) if s.starts_at <= d.now() => Err(Error::field("form", "vote_started")),
        _ => Ok(()),
    }
}

/// The staff's view of project `project_id`'s vote, totals always included.
pub async fn setup(d: &Domain, project_id: i64) -> Result<VoteSetup> {
    let all = stages(&d.db, project_id).await?;
    let stage = vote_stage(&all);
    let rules = rules(&d.db, project_id).await?;
    let finished = stage.is_some_and(|s| s.ends_at <= d.now());
    let directions = ballot_directions(
        &d.db,
        project_id,
        rules.as_ref(),
        Reading {
            totals: true,
            winners: finished,
            every_direction: true,
        },
    )
    .await?;
    let ballots = tally::confirmed(&d.db, project_id).await?;
    let drafts = ballot::Entity::find()
        .filter(ballot::Column::ProjectId.eq(project_id))
        .filter(ballot::Column::ConfirmedAt.is_null())
        .count(&d.db)
        .await?;
    Ok(VoteSetup {
        rules,
        starts_at: stage.map(|s| s.starts_at),
        ends_at: stage.map(|s| s.ends_at),
        started: stage.is_some_and(|s| s.starts_at <= d.now()),
        finished,
        directions,
        ballots,
        drafts: i64::try_from(drafts).unwrap_or(i64::MAX),
    })
}

/// Sets the rule of project `project_id`'s vote.
pub async fn set_rules(d: &Domain, actor: &User, project_id: i64, rules: VoteRules) -> Result<()> {
    project_exists(d, project_id).await?;
    if !(1..=MAX_CHOICES).contains(&rules.max_choices) {
        return Err(Error::field("max_choices", "out_of_range"));
    }
    unstarted(d, project_id).await?;
    let txn = d.db.begin().await?;
    vote_rule::Entity::insert(vote_rule::ActiveModel {
        project_id: Set(project_id),
        rule: Set(rules.rule.as_str().to_owned()),
        max_choices: Set(rules.max_choices),
        results_live: Set(rules.results_live),
    })
    .on_conflict(
        OnConflict::column(vote_rule::Column::ProjectId)
            .update_columns([
                vote_rule::Column::Rule,
                vote_rule::Column::MaxChoices,
                vote_rule::Column::ResultsLive,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let change = change(
        ChangeKind::VoteRulesSet,
        [
            rules.rule.as_str().to_owned(),
            rules.max_choices.to_string(),
            rules.results_live.to_string(),
        ],
    );
    record(&txn, project_id, actor, &[change], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Puts the commission's shortlist (shortlisted ideas and those it has decided on) or only its
/// selection on project `project_id`'s ballot — of every direction, or of `direction` only — leaving
/// the ideas already there; returns how many were added.
pub async fn fill_ballot(
    d: &Domain,
    actor: &User,
    project_id: i64,
    source: BallotSource,
    direction: Option<i64>,
) -> Result<u64> {
    project_exists(d, project_id).await?;
    unstarted(d, project_id).await?;
    let statuses: &[IdeaStatus] = match source {
        BallotSource::Shortlist => &[
            IdeaStatus::Shortlisted,
            IdeaStatus::Selected,
            IdeaStatus::NotSelected,
        ],
        BallotSource::Selection => &[IdeaStatus::Selected],
    };
    let present: BTreeSet<i64> = ballot_item::Entity::find()
        .filter(ballot_item::Column::ProjectId.eq(project_id))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|i| i.idea_id)
        .collect();
    let new: Vec<ballot_item::ActiveModel> = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(project_id))
        .filter(idea::Column::Status.is_in(statuses.iter().map(|s| s.as_str())))
        .apply_if(direction, |q, dir| {
            q.filter(idea::Column::DirectionId.eq(dir))
        })
        .all(&d.db)
        .await?
        .into_iter()
        .filter(|i| !present.contains(&i.id))
        .map(|i| ballot_item::ActiveModel {
            idea_id: Set(i.id),
            project_id: Set(project_id),
            direction_id: Set(i.direction_id),
            cost: Set(None),
        })
        .collect();
    let added = new.len() as u64;
    if new.is_empty() {
        return Err(Error::field("source", "nothing_to_add"));
    }
    let txn = d.db.begin().await?;
    ballot_item::Entity::insert_many(new)
        .exec_without_returning(&txn)
        .await?;
    let change = change(
        ChangeKind::BallotFilled,
        [source.as_str().to_owned(), added.to_string()],
    );
    record(&txn, project_id, actor, &[change], d.now()).await?;
    txn.commit().await?;
    Ok(added)
}

/// The ballot item of idea `idea_id`, with its idea's title.
async fn item(d: &Domain, idea_id: i64) -> Result<(ballot_item::Model, String)> {
    let item = ballot_item::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let title = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .map(|i| i.title)
        .unwrap_or_default();
    Ok((item, title))
}

/// Takes idea `idea_id` off its project's ballot.
pub async fn remove_from_ballot(d: &Domain, actor: &User, idea_id: i64) -> Result<()> {
    let (item, title) = item(d, idea_id).await?;
    unstarted(d, item.project_id).await?;
    let txn = d.db.begin().await?;
    ballot_item::Entity::delete_by_id(idea_id)
        .exec(&txn)
        .await?;
    let change = change(ChangeKind::BallotItemRemoved, [title]);
    record(&txn, item.project_id, actor, &[change], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Reads a sum of roubles as typed ("1 500 000", "1500000"); `None` when empty.
pub fn parse_roubles(field: &'static str, typed: &str) -> Result<Option<i64>> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (1..=MAX_ROUBLES).contains(&n) => Ok(Some(n)),
        Ok(_) => Err(Error::field(field, "out_of_range")),
        Err(_) => Err(Error::field(field, "not_a_number")),
    }
}

/// Sets (or clears) the estimated cost of idea `idea_id` on the ballot, in roubles as typed.
pub async fn set_cost(d: &Domain, actor: &User, idea_id: i64, cost: &str) -> Result<()> {
    let cost = parse_roubles("cost", cost)?;
    let (item, title) = item(d, idea_id).await?;
    unstarted(d, item.project_id).await?;
    let project_id = item.project_id;
    let txn = d.db.begin().await?;
    let mut row = item.into_active_model();
    row.cost = Set(cost);
    row.update(&txn).await?;
    let shown = cost.map(|c| c.to_string()).unwrap_or_default();
    let change = change(ChangeKind::BallotCostSet, [title, shown]);
    record(&txn, project_id, actor, &[change], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Sets (or clears) the budget of direction `direction_id`, in roubles as typed.
pub async fn set_budget(d: &Domain, actor: &User, direction_id: i64, budget: &str) -> Result<()> {
    let budget = parse_roubles("budget", budget)?;
    let dir = direction::Entity::find_by_id(direction_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    unstarted(d, dir.project_id).await?;
    let project_id = dir.project_id;
    let title = dir.title_ru.clone();
    let txn = d.db.begin().await?;
    let mut row = dir.into_active_model();
    row.vote_budget = Set(budget);
    row.update(&txn).await?;
    let shown = budget.map(|c| c.to_string()).unwrap_or_default();
    let change = change(ChangeKind::VoteBudgetSet, [title, shown]);
    record(&txn, project_id, actor, &[change], d.now()).await?;
    txn.commit().await?;
    Ok(())
}
