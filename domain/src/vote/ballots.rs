//! A resident's ballot: saved as a draft as they go, counted once confirmed, changeable until the
//! stage ends.

use super::*;
use crate::entities::ballot_choice;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

/// Checks `chosen` against the ballot and the rule: every idea on the ballot, at most `max_choices` per
/// direction (approval) or within each direction's budget (budget).
async fn check_choices<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    rules: &VoteRules,
    chosen: &BTreeSet<i64>,
) -> Result<()> {
    let on_ballot: HashMap<i64, ballot_item::Model> = ballot_item::Entity::find()
        .filter(ballot_item::Column::ProjectId.eq(project_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| (i.idea_id, i))
        .collect();
    let visible: BTreeSet<i64> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(chosen.iter().copied()))
        .filter(idea::Column::Status.is_in(IdeaStatus::VISIBLE.map(IdeaStatus::as_str)))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    if chosen
        .iter()
        .any(|id| !on_ballot.contains_key(id) || !visible.contains(id))
    {
        return Err(Error::field("ideas", "not_on_ballot"));
    }
    let mut per_direction: HashMap<i64, (i32, i64)> = HashMap::new();
    for id in chosen {
        if let Some(item) = on_ballot.get(id) {
            let entry = per_direction.entry(item.direction_id).or_default();
            entry.0 += 1;
            entry.1 = entry.1.saturating_add(item.cost.unwrap_or(0));
        }
    }
    match rules.rule {
        VoteRule::Approval => {
            if per_direction.values().any(|(n, _)| *n > rules.max_choices) {
                return Err(Error::field("ideas", "too_many"));
            }
        }
        VoteRule::Budget => {
            let budgets: HashMap<i64, i64> = direction::Entity::find()
                .filter(direction::Column::ProjectId.eq(project_id))
                .all(conn)
                .await?
                .into_iter()
                .map(|d| (d.id, d.vote_budget.unwrap_or(0)))
                .collect();
            let over = per_direction
                .iter()
                .any(|(dir, (_, sum))| *sum > budgets.get(dir).copied().unwrap_or(0));
            if over {
                return Err(Error::field("ideas", "over_budget"));
            }
        }
    }
    Ok(())
}

/// Saves `user`'s choice of `ideas` in project `slug` as their draft and, when `confirm`, confirms it:
/// it then counts, replacing what they confirmed before, with a new receipt. The stage must be running
/// and the choice must follow the rule; a confirmed ballot chooses at least one idea. Two confirmations
/// at once leave one ballot (the unique key on project and person) whose counted choices are one of them.
pub async fn save(
    d: &Domain,
    user: &User,
    slug: &str,
    ideas: &[i64],
    confirm: bool,
) -> Result<MyBallot> {
    if !VOTE.contains(&user.role) {
        return Err(Error::Forbidden);
    }
    let now = d.now();
    let p = find_public(&d.db, slug, now).await?;
    let (_, phase, rules) = stage_and_rules(&d.db, p.id, now).await?;
    if phase != Phase::Active {
        return Err(Error::field("form", "vote_closed"));
    }
    let chosen: BTreeSet<i64> = ideas.iter().copied().collect();
    if chosen.len() > 1000 {
        return Err(Error::field("ideas", "too_many"));
    }
    check_choices(&d.db, p.id, &rules, &chosen).await?;
    if confirm && chosen.is_empty() {
        return Err(Error::field("ideas", "ballot_empty"));
    }
    let text = ids_text(&chosen);
    let (_turn, txn) = d.begin_write().await?;
    // The upsert takes the row's lock (PostgreSQL) before the choices are replaced, so two
    // confirmations of one person take turns.
    ballot::Entity::insert(ballot::ActiveModel {
        project_id: Set(p.id),
        user_id: Set(user.id),
        draft: Set(text.clone()),
        draft_at: Set(Some(now)),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([ballot::Column::ProjectId, ballot::Column::UserId])
            .update_columns([ballot::Column::Draft, ballot::Column::DraftAt])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let row = ballot::Entity::find()
        .filter(ballot::Column::ProjectId.eq(p.id))
        .filter(ballot::Column::UserId.eq(user.id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let row = if confirm {
        confirm_ballot(&txn, row, &chosen, now).await?
    } else {
        row
    };
    txn.commit().await?;
    Ok(my_ballot(&row))
}

/// Makes `chosen` the counted choices of ballot `row` (in an open transaction that holds the ballot's
/// row): a new token and receipt, and the counted rows replaced.
pub(crate) async fn confirm_ballot<C: ConnectionTrait>(
    conn: &C,
    row: ballot::Model,
    chosen: &BTreeSet<i64>,
    now: DateTime<Utc>,
) -> Result<ballot::Model> {
    let token = crate::auth::new_token();
    let (project_id, text) = (row.project_id, ids_text(chosen));
    let mut active = row.into_active_model();
    active.draft = Set(text.clone());
    active.choices = Set(Some(text));
    active.confirmed_at = Set(Some(now));
    let ids: Vec<i64> = chosen.iter().copied().collect();
    active.receipt = Set(Some(receipt(project_id, &token, &ids)));
    active.token = Set(Some(token));
    let row = active.update(conn).await?;
    ballot_choice::Entity::delete_many()
        .filter(ballot_choice::Column::BallotId.eq(row.id))
        .exec(conn)
        .await?;
    ballot_choice::Entity::insert_many(ids.iter().map(|idea_id| ballot_choice::ActiveModel {
        ballot_id: Set(row.id),
        idea_id: Set(*idea_id),
        project_id: Set(project_id),
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(row)
}
