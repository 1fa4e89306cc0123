//! Reading implementation records in lists: "what was built" for the whole city or one project (public
//! ideas of public projects only, counts by status, filters, keyset pages), and the staff's list of a
//! project's selected ideas with their editor.

use super::*;
use crate::entities::direction;
use sea_orm::{JoinType, QuerySelect, QueryTrait, RelationDef, Select};
use std::collections::{BTreeSet, HashMap};
use wire::{
    Bilingual, BuiltCounts, BuiltFilter, BuiltPage, BuiltRow, ImplementationEditor,
    ImplementationRow,
};

/// Rows of a "what was built" page.
pub const PAGE: u64 = 30;
/// Departments offered in the filter at most.
const DEPARTMENTS: u64 = 200;

/// The join from a record to its idea.
fn to_idea() -> RelationDef {
    implementation::Entity::belongs_to(idea::Entity)
        .from(implementation::Column::IdeaId)
        .to(idea::Column::Id)
        .into()
}

/// Records of public ideas in `projects`, of `department` when given.
fn public_records(projects: &[i64], department: Option<&str>) -> Select<implementation::Entity> {
    implementation::Entity::find()
        .join(JoinType::InnerJoin, to_idea())
        .filter(implementation::Column::ProjectId.is_in(projects.to_vec()))
        .filter(idea::Column::Status.is_in(VISIBLE))
        .apply_if(department, |q, dep| {
            q.filter(implementation::Column::Department.eq(dep))
        })
}

/// "What was built": public records (of one project when the filter names it), newest idea first,
/// [`PAGE`] of them after the idea `after`; with the counts by status of the whole filtered list.
pub async fn built(d: &Domain, filter: &BuiltFilter, after: Option<i64>) -> Result<BuiltPage> {
    built_page(d, filter, after, PAGE).await
}

/// [`built`] with pages of `size` rows.
pub async fn built_page(
    d: &Domain,
    filter: &BuiltFilter,
    after: Option<i64>,
    size: u64,
) -> Result<BuiltPage> {
    let now = d.now();
    let public: Vec<project::Model> = project::Entity::find()
        .all(&d.db)
        .await?
        .into_iter()
        .filter(|p| crate::projects::is_public(p, now))
        .collect();
    let every: Vec<i64> = public.iter().map(|p| p.id).collect();
    let scope: Vec<i64> = match &filter.project {
        Some(slug) => {
            let p = public
                .iter()
                .find(|p| &p.slug == slug)
                .ok_or(Error::NotFound)?;
            vec![p.id]
        }
        None => every.clone(),
    };
    let department = filter.department.as_deref();
    let by_status: Vec<(String, i64)> = public_records(&scope, department)
        .select_only()
        .column(implementation::Column::Status)
        .column_as(implementation::Column::IdeaId.count(), "n")
        .group_by(implementation::Column::Status)
        .into_tuple()
        .all(&d.db)
        .await?;
    let mut counts = BuiltCounts::default();
    for (status, n) in by_status {
        let n = u64::try_from(n).unwrap_or(0);
        match ImplStatus::parse(&status) {
            Some(ImplStatus::Planned) => counts.planned = n,
            Some(ImplStatus::InProgress) => counts.in_progress = n,
            Some(ImplStatus::Done) => counts.done = n,
            Some(ImplStatus::Cancelled) => counts.cancelled = n,
            None => {}
        }
    }
    let mut records = public_records(&scope, department)
        .apply_if(filter.status, |q, s| {
            q.filter(implementation::Column::Status.eq(s.as_str()))
        })
        .apply_if(after, |q, a| q.filter(implementation::Column::IdeaId.lt(a)))
        .order_by_desc(implementation::Column::IdeaId)
        .limit(size + 1)
        .all(&d.db)
        .await?;
    let next = (records.len() as u64 > size).then(|| {
        records.truncate(usize::try_from(size).unwrap_or(usize::MAX));
        records.last().map_or(0, |r| r.idea_id)
    });
    let rows = rows_of(&d.db, records, &public).await?;
    let with_records: BTreeSet<i64> = public_records(&every, None)
        .select_only()
        .column(implementation::Column::ProjectId)
        .distinct()
        .into_tuple::<i64>()
        .all(&d.db)
        .await?
        .into_iter()
        .collect();
    let projects = public
        .iter()
        .filter(|p| with_records.contains(&p.id))
        .map(|p| {
            (
                p.slug.clone(),
                Bilingual::new(p.title_ru.clone(), p.title_en.clone()),
            )
        })
        .collect();
    let departments = public_records(&scope, None)
        .select_only()
        .column(implementation::Column::Department)
        .distinct()
        .order_by_asc(implementation::Column::Department)
        .limit(DEPARTMENTS)
        .into_tuple::<String>()
        .all(&d.db)
        .await?;
    Ok(BuiltPage {
        counts,
        rows,
        next,
        projects,
        departments,
        filter: filter.clone(),
    })
}

/// The rows of `records` with their ideas, directions, projects and next milestones (four look-ups,
/// whatever their number).
async fn rows_of<C: ConnectionTrait>(
    conn: &C,
    records: Vec<implementation::Model>,
    projects: &[project::Model],
) -> Result<Vec<BuiltRow>> {
    let ids: Vec<i64> = records.iter().map(|r| r.idea_id).collect();
    let ideas: HashMap<i64, idea::Model> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let directions: HashMap<i64, direction::Model> = direction::Entity::find()
        .filter(direction::Column::Id.is_in(ideas.values().map(|i| i.direction_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|x| (x.id, x))
        .collect();
    let mut next: HashMap<i64, Milestone> = HashMap::new();
    for m in milestone::Entity::find()
        .filter(milestone::Column::IdeaId.is_in(ids))
        .filter(milestone::Column::ReachedAt.is_null())
        .order_by_desc(milestone::Column::DueAt)
        .all(conn)
        .await?
    {
        next.insert(m.idea_id, milestone_of(m));
    }
    let projects: HashMap<i64, &project::Model> = projects.iter().map(|p| (p.id, p)).collect();
    Ok(records
        .into_iter()
        .filter_map(|r| {
            let i = ideas.get(&r.idea_id)?;
            let p = projects.get(&r.project_id)?;
            let dir = directions.get(&i.direction_id)?;
            Some(BuiltRow {
                idea_id: r.idea_id,
                title: i.title.clone(),
                project_slug: p.slug.clone(),
                project_title: Bilingual::new(p.title_ru.clone(), p.title_en.clone()),
                direction: Bilingual::new(dir.title_ru.clone(), dir.title_en.clone()),
                department: r.department,
                status: ImplStatus::parse(&r.status).unwrap_or(ImplStatus::Planned),
                percent: r.percent,
                next_milestone: next.remove(&r.idea_id),
                updated_at: r.updated_at,
            })
        })
        .collect())
}

/// The ideas of project `project_id` that may have a record (selected, or winners of its vote) and
/// those that have one, with where each stands: the staff's list.
pub async fn for_project(d: &Domain, project_id: i64) -> Result<Vec<ImplementationRow>> {
    project::Entity::find_by_id(project_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let winners = crate::vote::winners(&d.db, project_id, d.now()).await?;
    let records: HashMap<i64, implementation::Model> = implementation::Entity::find()
        .filter(implementation::Column::ProjectId.eq(project_id))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|r| (r.idea_id, r))
        .collect();
    let ideas = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(project_id))
        .filter(
            sea_orm::Condition::any()
                .add(idea::Column::Status.eq(IdeaStatus::Selected.as_str()))
                .add(idea::Column::Id.is_in(winners))
                .add(idea::Column::Id.is_in(records.keys().copied())),
        )
        .order_by_asc(idea::Column::Id)
        .all(&d.db)
        .await?;
    Ok(ideas
        .into_iter()
        .map(|i| {
            let record = records.get(&i.id);
            ImplementationRow {
                idea_id: i.id,
                title: i.title,
                status: record.and_then(|r| ImplStatus::parse(&r.status)),
                percent: record.map_or(0, |r| r.percent),
            }
        })
        .collect())
}

/// The staff's editor of idea `idea_id`'s record (`not_eligible` for an idea that may not have one).
pub async fn editor(d: &Domain, idea_id: i64) -> Result<ImplementationEditor> {
    let row = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let record = record(&d.db, idea_id).await?;
    if record.is_none() && !eligible(&d.db, &row, d.now()).await? {
        return Err(Error::field("form", "not_eligible"));
    }
    let p = project::Entity::find_by_id(row.project_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(ImplementationEditor {
        idea_id,
        title: row.title,
        project_id: p.id,
        project_title: Bilingual::new(p.title_ru, p.title_en),
        record,
        report_max: REPORT_LEN.1,
    })
}
