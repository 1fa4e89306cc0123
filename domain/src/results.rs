//! A project's results as the public sees them: participants, ideas submitted, published and selected,
//! per direction and per day (Moscow dates), and the selected ideas with their authors and the
//! commission's reasons. Counting is done by the database (grouped), so the cost does not grow with the
//! ideas' texts; the per-day series reads one timestamp per idea.

use crate::entities::{direction, idea};
use crate::{Domain, Result};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;
use wire::{Bilingual, IdeaStatus};
pub use wire::{DecisionsData, DirectionResult, ResultsData as Results, SelectedIdea};

/// The results of public project `slug`.
pub async fn of_project(d: &Domain, slug: &str) -> Result<Results> {
    let now = d.now();
    let p = crate::projects::find_public(&d.db, slug, now).await?;
    let counts: Vec<(i64, String, i64)> = idea::Entity::find()
        .select_only()
        .column(idea::Column::DirectionId)
        .column(idea::Column::Status)
        .column_as(Expr::col(idea::Column::Id).count(), "n")
        .filter(idea::Column::ProjectId.eq(p.id))
        .group_by(idea::Column::DirectionId)
        .group_by(idea::Column::Status)
        .into_tuple()
        .all(&d.db)
        .await?;
    let directions = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(p.id))
        .order_by_asc(direction::Column::Position)
        .all(&d.db)
        .await?;
    let counted = |pick: &dyn Fn(&str) -> bool, dir: Option<i64>| -> i64 {
        counts
            .iter()
            .filter(|(id, status, _)| pick(status) && dir.is_none_or(|d| d == *id))
            .map(|(_, _, n)| n)
            .sum()
    };
    let submitted_status = |s: &str| s != IdeaStatus::Withdrawn.as_str();
    let public_status = |s: &str| crate::cards::VISIBLE.contains(&s);
    let selected_status = |s: &str| s == IdeaStatus::Selected.as_str();
    let by_direction = directions
        .into_iter()
        .map(|x| DirectionResult {
            submitted: counted(&submitted_status, Some(x.id)),
            selected: counted(&selected_status, Some(x.id)),
            title: Bilingual::new(x.title_ru, x.title_en),
        })
        .collect();
    let instants: Vec<chrono::DateTime<chrono::Utc>> = idea::Entity::find()
        .select_only()
        .column(idea::Column::CreatedAt)
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.ne(IdeaStatus::Withdrawn.as_str()))
        .into_tuple()
        .all(&d.db)
        .await?;
    let mut days: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for at in instants {
        *days
            .entry(at.with_timezone(&chrono_tz::Europe::Moscow).date_naive())
            .or_default() += 1;
    }
    let per_day = match (days.keys().next().copied(), days.keys().last().copied()) {
        (Some(first), Some(last)) => first
            .iter_days()
            .take_while(|day| *day <= last)
            .take(400)
            .map(|day| {
                let n = days.get(&day).copied().unwrap_or(0);
                (day.format("%Y-%m-%d").to_string(), n)
            })
            .collect(),
        _ => Vec::new(),
    };
    let chosen = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.eq(IdeaStatus::Selected.as_str()))
        .order_by_desc(idea::Column::SupportCount)
        .all(&d.db)
        .await?;
    let reasons: Vec<Option<String>> = chosen.iter().map(|i| i.status_reason.clone()).collect();
    let cards = crate::cards::cards(&d.db, chosen).await?;
    Ok(Results {
        submitted: counted(&submitted_status, None),
        published: counted(&public_status, None),
        selected: counted(&selected_status, None),
        directions: by_direction,
        per_day,
        selected_ideas: cards
            .into_iter()
            .zip(reasons)
            .map(|(card, reason)| SelectedIdea { card, reason })
            .collect(),
        card: crate::projects::summary(p, now),
    })
}

/// The public decision trail of project `slug`, oldest first.
pub async fn decisions(d: &Domain, slug: &str) -> Result<DecisionsData> {
    crate::audit::of_project(d, slug).await
}
