//! What ideas are scored on: the project's own criteria (1–8, in both languages) or the defaults, fixed
//! once scoring starts.

use super::*;

/// The criteria of a project that has not set its own (key, Russian, English); ideas are scored 1–5 on each.
pub const DEFAULT_CRITERIA: [(&str, &str, &str); 3] = [
    ("relevance", "Актуальность", "Relevance"),
    ("feasibility", "Реализуемость", "Feasibility"),
    ("impact", "Польза", "Impact"),
];

/// How many criteria a project may have.
pub const CRITERIA_COUNT: (usize, usize) = (1, 8);

/// Length of a criterion's title in characters.
pub const CRITERION_LEN: (usize, usize) = (2, 120);

/// The criteria of project `project_id`, in order: its own, or [`DEFAULT_CRITERIA`].
pub async fn criteria<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<Vec<Criterion>> {
    let own: Vec<Criterion> = project_criterion::Entity::find()
        .filter(project_criterion::Column::ProjectId.eq(project_id))
        .order_by_asc(project_criterion::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|c| Criterion {
            key: c.key,
            title: Bilingual::new(c.title_ru, c.title_en),
        })
        .collect();
    if !own.is_empty() {
        return Ok(own);
    }
    Ok(DEFAULT_CRITERIA
        .iter()
        .map(|(key, ru, en)| Criterion {
            key: (*key).to_owned(),
            title: Bilingual::new(*ru, *en),
        })
        .collect())
}

/// The ids of project `project_id`'s ideas, as a subquery.
pub(super) fn ideas_of(project_id: i64) -> sea_orm::sea_query::SelectStatement {
    sea_orm::QueryTrait::into_query(
        idea::Entity::find()
            .select_only()
            .column(idea::Column::Id)
            .filter(idea::Column::ProjectId.eq(project_id)),
    )
}

/// Whether any expert has scored an idea of project `project_id` (its criteria are then fixed).
pub async fn scoring_started<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<bool> {
    Ok(expert_score::Entity::find()
        .filter(expert_score::Column::IdeaId.in_subquery(ideas_of(project_id)))
        .one(conn)
        .await?
        .is_some())
}

/// Replaces project `project_id`'s criteria by `titles` (Russian, English) in order; rows left blank in
/// both languages are dropped. Refused once scoring has started, so that every idea is judged on the same
/// criteria. Who: staff (checked by the caller).
pub async fn set_criteria(
    d: &Domain,
    actor: &User,
    project_id: i64,
    titles: &[(String, String)],
) -> Result<Vec<Criterion>> {
    let rows: Vec<(&str, &str)> = titles
        .iter()
        .map(|(ru, en)| (ru.trim(), en.trim()))
        .filter(|(ru, en)| !(ru.is_empty() && en.is_empty()))
        .collect();
    let mut errors = Vec::new();
    if !(CRITERIA_COUNT.0..=CRITERIA_COUNT.1).contains(&rows.len()) {
        errors.push(crate::FieldError::new("criteria", "criteria_count"));
    }
    let (min, max) = CRITERION_LEN;
    for (ru, en) in &rows {
        check_text("criteria", ru, min, max, &mut errors);
        check_text("criteria", en, min, max, &mut errors);
    }
    errors.dedup();
    Error::check(errors)?;
    project::Entity::find_by_id(project_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let txn = d.db.begin().await?;
    if scoring_started(&txn, project_id).await? {
        return Err(Error::field("criteria", "criteria_locked"));
    }
    project_criterion::Entity::delete_many()
        .filter(project_criterion::Column::ProjectId.eq(project_id))
        .exec(&txn)
        .await?;
    let new: Vec<project_criterion::ActiveModel> = rows
        .iter()
        .zip(1..)
        .map(|((ru, en), n)| project_criterion::ActiveModel {
            project_id: Set(project_id),
            key: Set(format!("c{n}")),
            position: Set(n),
            title_ru: Set((*ru).to_owned()),
            title_en: Set((*en).to_owned()),
            ..Default::default()
        })
        .collect();
    project_criterion::Entity::insert_many(new)
        .exec_without_returning(&txn)
        .await?;
    let saved = criteria(&txn, project_id).await?;
    let names: Vec<&str> = saved.iter().map(|c| c.title.ru.as_str()).collect();
    let line = wire::Change::new(wire::ChangeKind::CriteriaSet, [&names.join(", ")]);
    crate::revisions::record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    d.commission_changed(project_id);
    Ok(saved)
}
