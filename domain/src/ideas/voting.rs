//! One person, one vote per idea: a vote, its change and its repetition, each counted once, with the
//! idea's counters moved in the same transaction and the change announced to the project's feeds.

use super::{VOTABLE, VoteCounts};
use crate::auth::User;
use crate::entities::{idea, idea_vote, project, stage};
use crate::events;
use crate::projects::{stage_open, stages};
use crate::{Domain, Error, Result};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use wire::LiveEvent;

/// Records `user`'s support (`+1`) or opposition (`-1`) of an idea, replacing their earlier vote if different.
///
/// One vote per person per idea is the table's unique key, so two simultaneous clicks give one row; the
/// counters on the idea move in the same transaction and only by what really changed.
pub async fn vote(d: &Domain, user: &User, idea_id: i64, value: i16) -> Result<VoteCounts> {
    if value != 1 && value != -1 {
        return Err(Error::field("value", "invalid"));
    }
    let now = d.now();
    // One read for every check when the vote is allowed; the reason is read apart only when it is not.
    let allowed = one_with_its_project(
        d,
        with_its_project(idea_id).filter(Expr::exists(open_to_votes(now))),
    )
    .await?
    .is_some_and(|(target, p)| crate::projects::is_public(&p, now) && target.author_id != user.id);
    if !allowed {
        refusal(d, user, idea_id, now).await?;
    }

    let (_turn, txn) = d.begin_account_write(user.id).await?;
    crate::limits::votes(&txn, user.id, now).await?;
    // A first vote (the common case) is one statement; a changed one, two.
    let inserted = matches!(
        idea_vote::Entity::insert(idea_vote::ActiveModel {
            idea_id: Set(idea_id),
            user_id: Set(user.id),
            value: Set(value),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([idea_vote::Column::IdeaId, idea_vote::Column::UserId])
        .exec_without_returning(&txn)
        .await?,
        sea_orm::TryInsertResult::Inserted(n) if n > 0
    );
    let flipped = !inserted
        && idea_vote::Entity::update_many()
            .col_expr(idea_vote::Column::Value, Expr::value(value))
            .col_expr(idea_vote::Column::UpdatedAt, Expr::value(now))
            .filter(idea_vote::Column::IdeaId.eq(idea_id))
            .filter(idea_vote::Column::UserId.eq(user.id))
            .filter(idea_vote::Column::Value.ne(value))
            .exec(&txn)
            .await?
            .rows_affected
            > 0;
    let (support, oppose) = match (flipped, inserted, value) {
        (true, _, 1) => (1, -1),
        (true, _, _) => (-1, 1),
        (false, true, 1) => (1, 0),
        (false, true, _) => (0, 1),
        (false, false, _) => (0, 0),
    };
    // The counters move and come back in one statement (`RETURNING`); an unchanged vote only reads them.
    // Both only while the idea can still be voted on: one withdrawn, taken down or merged since the
    // checks above is not found, and the vote is rolled back with the transaction.
    let row = if (support, oppose) != (0, 0) {
        idea::Entity::update_many()
            .col_expr(
                idea::Column::SupportCount,
                Expr::col(idea::Column::SupportCount).add(support),
            )
            .col_expr(
                idea::Column::OpposeCount,
                Expr::col(idea::Column::OpposeCount).add(oppose),
            )
            .filter(idea::Column::Id.eq(idea_id))
            .filter(idea::Column::Status.is_in(VOTABLE))
            .exec_with_returning(&txn)
            .await?
            .pop()
    } else {
        idea::Entity::find_by_id(idea_id)
            .filter(idea::Column::Status.is_in(VOTABLE))
            .one(&txn)
            .await?
    }
    .ok_or(Error::NotFound)?;
    let counts = VoteCounts {
        idea_id,
        support_count: row.support_count,
        oppose_count: row.oppose_count,
    };
    let event = if (support, oppose) != (0, 0) {
        Some(
            events::append(
                &txn,
                Some(row.project_id),
                Some(user.id),
                &LiveEvent::IdeaVoted(counts),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    d.commit(txn, event).await?;
    Ok(counts)
}

/// The idea `idea_id` if it can be voted on (published or selected), with its project.
fn with_its_project(idea_id: i64) -> sea_orm::SelectTwo<idea::Entity, project::Entity> {
    let of_project: sea_orm::RelationDef = idea::Entity::belongs_to(project::Entity)
        .from(idea::Column::ProjectId)
        .to(project::Column::Id)
        .into();
    idea::Entity::find_by_id(idea_id)
        .filter(idea::Column::Status.is_in(VOTABLE))
        .join(sea_orm::JoinType::InnerJoin, of_project)
        .select_also(project::Entity)
}

/// The idea and its project read by `query` (a [`with_its_project`]).
async fn one_with_its_project(
    d: &Domain,
    query: sea_orm::SelectTwo<idea::Entity, project::Entity>,
) -> Result<Option<(idea::Model, project::Model)>> {
    Ok(query
        .one(&d.db)
        .await?
        .and_then(|(target, p)| Some((target, p?))))
}

/// The stages of the idea's project during which residents vote (ideas, discussion) open at `now`.
fn open_to_votes(now: chrono::DateTime<chrono::Utc>) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(stage::Entity)
        .and_where(
            Expr::col((stage::Entity, stage::Column::ProjectId))
                .equals((idea::Entity, idea::Column::ProjectId)),
        )
        .and_where(Expr::col((stage::Entity, stage::Column::Kind)).is_in(["ideas", "discussion"]))
        .and_where(Expr::col((stage::Entity, stage::Column::StartsAt)).lte(now))
        .and_where(Expr::col((stage::Entity, stage::Column::EndsAt)).gt(now))
        .to_owned()
}

/// Why `user` may not vote on idea `idea_id`: the checks one at a time, in the order their refusals take
/// precedence (no such idea or not public, the voter's own idea, voting closed). `Ok` if they all pass
/// now (a stage opened since the combined read).
async fn refusal(
    d: &Domain,
    user: &User,
    idea_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let (target, p) = one_with_its_project(d, with_its_project(idea_id))
        .await?
        .ok_or(Error::NotFound)?;
    if !crate::projects::is_public(&p, now) {
        return Err(Error::NotFound);
    }
    if target.author_id == user.id {
        return Err(Error::field("form", "own_idea"));
    }
    let stage_rows = stages(&d.db, target.project_id).await?;
    if !stage_open(&stage_rows, "ideas", now) && !stage_open(&stage_rows, "discussion", now) {
        return Err(Error::field("form", "voting_closed"));
    }
    Ok(())
}
