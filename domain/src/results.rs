//! A project's results as the public sees them: participants, ideas submitted, published and selected,
//! per direction and per day (Moscow dates), and the selected ideas with their authors and the
//! commission's reasons. Counting is done by the database (grouped), so the cost does not grow with the
//! ideas' texts; the per-day series reads one timestamp per idea.

use crate::entities::{direction, idea};
use crate::ideas::IdeaCard;
use crate::projects::ProjectSummary;
use crate::{Domain, Result};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::BTreeMap;

/// One direction's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectionResult {
    /// Title (ru, en).
    pub title: (String, String),
    /// Ideas submitted in it (withdrawn ones aside).
    pub submitted: i64,
    /// Ideas selected in it.
    pub selected: i64,
}

/// A project's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// The project.
    pub summary: ProjectSummary,
    /// Ideas submitted (withdrawn ones aside).
    pub submitted: i64,
    /// Ideas made public.
    pub published: i64,
    /// Ideas selected for implementation.
    pub selected: i64,
    /// Per direction, in the directions' order.
    pub directions: Vec<DirectionResult>,
    /// Ideas submitted per day (Moscow time), days without ideas included, first to last.
    pub per_day: Vec<(NaiveDate, i64)>,
    /// The selected ideas with the commission's reasons.
    pub selected_ideas: Vec<(IdeaCard, Option<String>)>,
}

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
    let submitted_status = |s: &str| s != "withdrawn";
    let public_status = |s: &str| crate::ideas::VISIBLE.contains(&s);
    let selected_status = |s: &str| s == "selected";
    let by_direction = directions
        .into_iter()
        .map(|x| DirectionResult {
            submitted: counted(&submitted_status, Some(x.id)),
            selected: counted(&selected_status, Some(x.id)),
            title: (x.title_ru, x.title_en),
        })
        .collect();
    let instants: Vec<chrono::DateTime<chrono::Utc>> = idea::Entity::find()
        .select_only()
        .column(idea::Column::CreatedAt)
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.ne("withdrawn"))
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
            .map(|day| (day, days.get(&day).copied().unwrap_or(0)))
            .collect(),
        _ => Vec::new(),
    };
    let chosen = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.eq("selected"))
        .order_by_desc(idea::Column::SupportCount)
        .all(&d.db)
        .await?;
    let reasons: Vec<Option<String>> = chosen.iter().map(|i| i.status_reason.clone()).collect();
    let cards = crate::ideas::cards(&d.db, chosen).await?;
    Ok(Results {
        submitted: counted(&submitted_status, None),
        published: counted(&public_status, None),
        selected: counted(&selected_status, None),
        directions: by_direction,
        per_day,
        selected_ideas: cards.into_iter().zip(reasons).collect(),
        summary: crate::projects::summary(p, now),
    })
}
