//! Writing the drawn Moscow-scale data in bulk, phase by phase, inside the load's transaction: accounts,
//! joins, ideas with their counters, votes, comments, and the decisions into the hash-chained trail.

use super::draw::{Draft, Plan, Remark, Vote, member};
use super::{BATCH, Phase, Progress, Scale, projects};
use crate::audit;
use crate::entities::{comment, decision, idea, idea_vote, moderation_action, participation, user};
use crate::generate::{Rng, sentence};
use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use wire::{CommentStatus, IdeaStatus, Role};

/// Makes the resident accounts (sharing the demo password's hash); returns their ids in order.
pub(super) async fn accounts(
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
pub(super) async fn newest<E: EntityTrait, C: ConnectionTrait>(
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

pub(super) async fn participations(
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

/// A sentence as a title or text: its first letter capital.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Writes the ideas with their counters; returns their ids in the drafts' order.
pub(super) async fn write_ideas(
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

pub(super) async fn write_votes(
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

pub(super) async fn write_comments(
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
pub(super) async fn decide(
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
    let mut prev = audit::last_hash(txn).await?;
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
