//! A project's timeline: stages in order, without overlaps, with one ideas stage; the project's span
//! follows them.

use super::*;

/// A stage as typed: kind and Moscow-time bounds (`None` when the input was empty or unreadable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageInput {
    /// One of [`STAGE_KINDS`].
    pub kind: String,
    /// Start.
    pub starts_at: Option<DateTime<Utc>>,
    /// End (exclusive).
    pub ends_at: Option<DateTime<Utc>>,
}

impl StageInput {
    /// The stage as the editor's form posts it, its Moscow-time bounds read (`None` when empty or
    /// unreadable, which the checks then refuse with a field message).
    pub fn from_form(form: &StageForm) -> StageInput {
        StageInput {
            kind: form.kind.clone(),
            starts_at: crate::time::parse_local(&form.starts_at),
            ends_at: crate::time::parse_local(&form.ends_at),
        }
    }
}

pub(super) fn kind_rank(kind: &str) -> Option<usize> {
    STAGE_KINDS.iter().position(|k| *k == kind)
}

/// Checks one stage's own fields, then the whole timeline it would make: ends after starts, stages in
/// lifecycle order without overlaps, each kind at most once, and an ideas stage before any expert review.
pub fn validate_timeline(new: &StageInput, others: &[stage::Model]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if kind_rank(&new.kind).is_none() {
        errors.push(FieldError::new("kind", "unknown"));
    }
    let (Some(start), Some(end)) = (new.starts_at, new.ends_at) else {
        if new.starts_at.is_none() {
            errors.push(FieldError::new("starts_at", "required"));
        }
        if new.ends_at.is_none() {
            errors.push(FieldError::new("ends_at", "required"));
        }
        return errors;
    };
    if end <= start {
        errors.push(FieldError::new("ends_at", "end_before_start"));
    }
    if !errors.is_empty() {
        return errors;
    }
    if others.iter().any(|s| s.kind == new.kind) {
        errors.push(FieldError::new("kind", "stage_duplicate"));
    }
    if others
        .iter()
        .any(|s| start < s.ends_at && s.starts_at < end)
    {
        errors.push(FieldError::new("starts_at", "stage_overlap"));
    }
    let rank = kind_rank(&new.kind).unwrap_or(0);
    let out_of_order = others.iter().any(|s| {
        let other = kind_rank(&s.kind).unwrap_or(0);
        (other < rank && s.starts_at > start) || (other > rank && s.starts_at < start)
    });
    if out_of_order {
        errors.push(FieldError::new("starts_at", "stage_order"));
    }
    let has_ideas = new.kind == "ideas" || others.iter().any(|s| s.kind == "ideas");
    let has_review = new.kind == "review" || others.iter().any(|s| s.kind == "review");
    if has_review && !has_ideas {
        errors.push(FieldError::new("kind", "ideas_required"));
    }
    let has_vote = new.kind == "vote" || others.iter().any(|s| s.kind == "vote");
    if has_vote && !has_review {
        errors.push(FieldError::new("kind", "review_required"));
    }
    errors
}

pub(super) async fn sync_project_span<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<()> {
    let all = crate::projects::stages(conn, project_id).await?;
    if all.is_empty() {
        // No timeline left: the project spans nothing, from its creation.
        let p = find_project(conn, project_id).await?;
        project::Entity::update_many()
            .col_expr(
                project::Column::StartsAt,
                sea_orm::sea_query::Expr::value(p.created_at),
            )
            .col_expr(
                project::Column::EndsAt,
                sea_orm::sea_query::Expr::value(p.created_at),
            )
            .filter(project::Column::Id.eq(project_id))
            .exec(conn)
            .await?;
    }
    if let (Some(start), Some(end)) = (
        all.iter().map(|s| s.starts_at).min(),
        all.iter().map(|s| s.ends_at).max(),
    ) {
        project::Entity::update_many()
            .col_expr(
                project::Column::StartsAt,
                sea_orm::sea_query::Expr::value(start),
            )
            .col_expr(
                project::Column::EndsAt,
                sea_orm::sea_query::Expr::value(end),
            )
            .filter(project::Column::Id.eq(project_id))
            .exec(conn)
            .await?;
    }
    Ok(())
}

pub(super) fn describe(kind: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> [String; 3] {
    [kind.to_owned(), start.to_rfc3339(), end.to_rfc3339()]
}

/// A history entry of `kind` about the stages described.
fn stage_change(kind: ChangeKind, stages: &[[String; 3]]) -> Change {
    Change {
        kind,
        args: stages.iter().flatten().cloned().collect(),
    }
}

/// Adds a stage to a project's timeline.
pub async fn add_stage(
    d: &Domain,
    actor: &User,
    project_id: i64,
    input: &StageInput,
) -> Result<()> {
    find_project(&d.db, project_id).await?;
    let others = crate::projects::stages(&d.db, project_id).await?;
    Error::check(validate_timeline(input, &others))?;
    let (Some(start), Some(end)) = (input.starts_at, input.ends_at) else {
        return Err(Error::NotFound);
    };
    let txn = d.db.begin().await?;
    stage::ActiveModel {
        project_id: Set(project_id),
        kind: Set(input.kind.clone()),
        starts_at: Set(start),
        ends_at: Set(end),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    sync_project_span(&txn, project_id).await?;
    record(
        &txn,
        project_id,
        actor,
        &[stage_change(
            ChangeKind::StageAdded,
            &[describe(&input.kind, start, end)],
        )],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Changes a stage's kind or bounds.
pub async fn update_stage(
    d: &Domain,
    actor: &User,
    stage_id: i64,
    input: &StageInput,
) -> Result<()> {
    let old = stage::Entity::find_by_id(stage_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let others: Vec<stage::Model> = crate::projects::stages(&d.db, old.project_id)
        .await?
        .into_iter()
        .filter(|s| s.id != stage_id)
        .collect();
    Error::check(validate_timeline(input, &others))?;
    let (Some(start), Some(end)) = (input.starts_at, input.ends_at) else {
        return Err(Error::NotFound);
    };
    let line = stage_change(
        ChangeKind::StageChanged,
        &[
            describe(&old.kind, old.starts_at, old.ends_at),
            describe(&input.kind, start, end),
        ],
    );
    let project_id = old.project_id;
    let txn = d.db.begin().await?;
    let mut row = old.into_active_model();
    row.kind = Set(input.kind.clone());
    row.starts_at = Set(start);
    row.ends_at = Set(end);
    row.update(&txn).await?;
    sync_project_span(&txn, project_id).await?;
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a stage.
pub async fn delete_stage(d: &Domain, actor: &User, stage_id: i64) -> Result<()> {
    let old = stage::Entity::find_by_id(stage_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let rest: Vec<stage::Model> = crate::projects::stages(&d.db, old.project_id)
        .await?
        .into_iter()
        .filter(|s| s.id != stage_id)
        .collect();
    if old.kind == "ideas" && rest.iter().any(|s| s.kind == "review") {
        return Err(Error::field("kind", "ideas_required"));
    }
    if old.kind == "review" && rest.iter().any(|s| s.kind == "vote") {
        return Err(Error::field("kind", "review_required"));
    }
    let txn = d.db.begin().await?;
    stage::Entity::delete_by_id(stage_id).exec(&txn).await?;
    sync_project_span(&txn, old.project_id).await?;
    let line = stage_change(
        ChangeKind::StageRemoved,
        &[describe(&old.kind, old.starts_at, old.ends_at)],
    );
    record(&txn, old.project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}
