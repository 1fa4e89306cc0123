//! Parts of loading the demo: one idea with its moderation, and a commission's scores and decisions
//! with the reasons on the record.

use super::Pair;
use crate::Result;
use crate::entities::{direction, expert_score, idea};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// Inserts a public demo idea of `author` in direction `dir` with `status`, posted at `at` and published
/// by `moderator` half an hour later (in the idea's timeline and the hash-chained trail, as
/// [`crate::moderation`] records it), and indexes its words.
pub(super) async fn insert_idea<C: ConnectionTrait>(
    conn: &C,
    dir: &direction::Model,
    (author, moderator): (i64, i64),
    (title, body): Pair,
    status: wire::IdeaStatus,
    at: DateTime<Utc>,
) -> Result<idea::Model> {
    let reviewed = at + Duration::minutes(30);
    let row = idea::ActiveModel {
        project_id: Set(dir.project_id),
        direction_id: Set(dir.id),
        author_id: Set(author),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
        status: Set(status.into()),
        status_reason: Set(None),
        merged_into_id: Set(None),
        support_count: Set(0),
        oppose_count: Set(0),
        comment_count: Set(0),
        created_at: Set(at),
        updated_at: Set(at),
        published_at: Set(Some(reviewed)),
        reviewed_at: Set(Some(reviewed)),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let published = wire::IdeaStatus::Published;
    crate::audit::decided(
        conn,
        &crate::audit::Action {
            target: ("idea", row.id),
            action: published.as_str(),
            note: None,
        },
        &crate::audit::Entry {
            project_id: row.project_id,
            idea_id: Some(row.id),
            kind: &format!("idea_{published}"),
            decided_by: moderator,
            reason: "",
        },
        reviewed,
    )
    .await?;
    crate::search::index(conn, dir.project_id, row.id, &row.title, &row.body).await?;
    Ok(row)
}

/// The commission's reasons for a demo idea it selected.
const SHORTLISTED: &str = "Идею поддержали жители, её можно выполнить в сроки проекта.";
const SELECTED: &str =
    "Комиссия отобрала идею для реализации: заметная польза при разумных затратах.";

/// The experts' comment on a demo idea they selected.
const SCORED: &str = "Понятная идея с измеримым результатом; жители её поддержали.";

/// Every demo expert's scores of a selected demo idea on each of its project's criteria, made at `at`
/// (before the shortlist): high (4 or 5) and not all alike, as for an idea the commission went on to
/// select; the first expert explains theirs.
pub(super) async fn demo_scores<C: ConnectionTrait>(
    conn: &C,
    idea: &idea::Model,
    experts: &[i64],
    at: DateTime<Utc>,
) -> Result<()> {
    let criteria = crate::commission::criteria(conn, idea.project_id).await?;
    let mut rows = Vec::new();
    for (e, &expert_id) in experts.iter().enumerate() {
        for (c, criterion) in criteria.iter().enumerate() {
            let spread = (usize::try_from(idea.id).unwrap_or(0) + e + c) % 3;
            rows.push(expert_score::ActiveModel {
                idea_id: Set(idea.id),
                expert_id: Set(expert_id),
                criterion: Set(criterion.key.clone()),
                score: Set(if spread == 0 { 4 } else { 5 }),
                comment: Set((e == 0).then(|| SCORED.to_owned())),
                created_at: Set(at),
                ..Default::default()
            });
        }
    }
    if !rows.is_empty() {
        expert_score::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The commission's steps for a demo idea: shortlisted, and then selected when `select`, each with its
/// reason, in the hash-chained trail and the idea's timeline (three days and one day before `end`).
pub(super) async fn commission_trail<C: ConnectionTrait>(
    conn: &C,
    idea: &idea::Model,
    expert: i64,
    end: DateTime<Utc>,
    select: bool,
) -> Result<()> {
    let steps = [
        (
            wire::IdeaStatus::Shortlisted,
            SHORTLISTED,
            Duration::days(3),
        ),
        (wire::IdeaStatus::Selected, SELECTED, Duration::days(1)),
    ];
    let steps = if select { &steps[..] } else { &steps[..1] };
    for &(status, reason, before_end) in steps {
        crate::audit::decided(
            conn,
            &crate::audit::Action {
                target: ("idea", idea.id),
                action: status.as_str(),
                note: Some(reason),
            },
            &crate::audit::Entry {
                project_id: idea.project_id,
                idea_id: Some(idea.id),
                kind: &format!("idea_{status}"),
                decided_by: expert,
                reason,
            },
            end - before_end,
        )
        .await?;
    }
    Ok(())
}
