//! The staff workspace: building a project (texts, stages, directions, commission), publishing or
//! scheduling it, previewing it as residents will see it, and the history of every edit.
//!
//! Every function here is for [`EDIT`] roles; entry points check that first. Every change is validated
//! with field-level messages before anything is written, and is recorded as a project revision (who, when,
//! what changed) in the same transaction.

use crate::auth::{Role, User};
use crate::entities::{
    commission_member, direction, preview_link, project, project_revision, stage, user,
};
use crate::projects::{ProjectDetail, STAGE_KINDS, detail_of};
use crate::text::{check_length, check_text};
use crate::time::stamp;
use crate::{Domain, Error, FieldError, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use wire::{Bilingual, ProjectState};
pub use wire::{
    PreviewLinkRow, RevisionRow, StaffDirection, StaffMember, StaffProjectRow, StaffStage,
    StaffWorkspace,
};

/// Who may build and publish projects.
pub const EDIT: &[Role] = &[Role::Staff, Role::Admin];
/// Longest lifetime of a preview link, in hours.
pub const PREVIEW_MAX_HOURS: i64 = 24 * 30;

/// The texts of a project.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectInput {
    /// URL name: lower-case latin letters, digits and hyphens.
    pub slug: String,
    /// Title in Russian.
    pub title_ru: String,
    /// Title in English.
    pub title_en: String,
    /// Summary in Russian.
    pub summary_ru: String,
    /// Summary in English.
    pub summary_en: String,
    /// Description in Russian (Markdown).
    pub body_ru: String,
    /// Description in English.
    pub body_en: String,
}

/// Field checks of a project's texts.
pub fn validate_project(input: &ProjectInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let slug = input.slug.trim();
    if slug.is_empty() {
        errors.push(FieldError::new("slug", "required"));
    } else if slug.len() < 3 {
        errors.push(FieldError::new("slug", "too_short"));
    } else if slug.len() > 80 {
        errors.push(FieldError::new("slug", "too_long"));
    } else if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        || slug.starts_with('-')
        || slug.ends_with('-')
    {
        errors.push(FieldError::new("slug", "slug_invalid"));
    }
    check_text("title_ru", &input.title_ru, 3, 200, &mut errors);
    check_text("title_en", &input.title_en, 3, 200, &mut errors);
    check_text("summary_ru", &input.summary_ru, 10, 500, &mut errors);
    check_text("summary_en", &input.summary_en, 10, 500, &mut errors);
    // Descriptions are Markdown: any text is allowed, raw HTML is shown as text when rendered.
    check_length("body_ru", &input.body_ru, 10, 20_000, &mut errors);
    check_length("body_en", &input.body_en, 10, 20_000, &mut errors);
    errors
}

/// Writes a line per change into the project's edit history (nothing for no lines).
pub(crate) async fn record<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    actor: &User,
    lines: &[String],
    now: DateTime<Utc>,
) -> Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    project_revision::ActiveModel {
        project_id: Set(project_id),
        actor_id: Set(actor.id),
        summary: Set(lines.join("\n")),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    project::Entity::update_many()
        .col_expr(
            project::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(project::Column::Id.eq(project_id))
        .exec(conn)
        .await?;
    Ok(())
}

fn slug_taken(e: sea_orm::DbErr) -> Error {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Error::field("slug", "slug_taken"),
        _ => Error::Db(e),
    }
}

async fn find_project<C: ConnectionTrait>(conn: &C, id: i64) -> Result<project::Model> {
    project::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// Creates a draft project; returns its id.
pub async fn create_project(d: &Domain, actor: &User, input: &ProjectInput) -> Result<i64> {
    Error::check(validate_project(input))?;
    let now = d.now();
    let txn = d.db.begin().await?;
    let p = project::ActiveModel {
        slug: Set(input.slug.trim().to_owned()),
        title_ru: Set(input.title_ru.trim().to_owned()),
        title_en: Set(input.title_en.trim().to_owned()),
        summary_ru: Set(input.summary_ru.trim().to_owned()),
        summary_en: Set(input.summary_en.trim().to_owned()),
        body_ru: Set(input.body_ru.trim().to_owned()),
        body_en: Set(input.body_en.trim().to_owned()),
        state: Set(ProjectState::Draft.into()),
        publish_at: Set(None),
        premoderation: Set(false),
        cover_path: Set(None),
        starts_at: Set(now),
        ends_at: Set(now),
        ideas_count: Set(0),
        participants_count: Set(0),
        selected_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(slug_taken)?;
    record(
        &txn,
        p.id,
        actor,
        &[format!("project created: {}", p.slug)],
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(p.id)
}

/// Replaces a project's texts, recording each changed field.
pub async fn update_project(d: &Domain, actor: &User, id: i64, input: &ProjectInput) -> Result<()> {
    Error::check(validate_project(input))?;
    let now = d.now();
    let old = find_project(&d.db, id).await?;
    let fields: [(&str, &String, &String); 7] = [
        ("slug", &old.slug, &input.slug),
        ("title_ru", &old.title_ru, &input.title_ru),
        ("title_en", &old.title_en, &input.title_en),
        ("summary_ru", &old.summary_ru, &input.summary_ru),
        ("summary_en", &old.summary_en, &input.summary_en),
        ("body_ru", &old.body_ru, &input.body_ru),
        ("body_en", &old.body_en, &input.body_en),
    ];
    let changes: Vec<String> = fields
        .iter()
        .filter(|(_, before, after)| before.as_str() != after.trim())
        .map(|(name, before, after)| {
            format!("{name}: «{}» → «{}»", short(before), short(after.trim()))
        })
        .collect();
    let txn = d.db.begin().await?;
    let mut row = old.into_active_model();
    row.slug = Set(input.slug.trim().to_owned());
    row.title_ru = Set(input.title_ru.trim().to_owned());
    row.title_en = Set(input.title_en.trim().to_owned());
    row.summary_ru = Set(input.summary_ru.trim().to_owned());
    row.summary_en = Set(input.summary_en.trim().to_owned());
    row.body_ru = Set(input.body_ru.trim().to_owned());
    row.body_en = Set(input.body_en.trim().to_owned());
    row.update(&txn).await.map_err(slug_taken)?;
    record(&txn, id, actor, &changes, now).await?;
    txn.commit().await?;
    Ok(())
}

fn short(s: &str) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

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

fn kind_rank(kind: &str) -> Option<usize> {
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
    errors
}

async fn sync_project_span<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<()> {
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

fn describe(kind: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    format!("{kind} {} — {}", stamp(start), stamp(end))
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
        &[format!(
            "stage added: {}",
            describe(&input.kind, start, end)
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
    let line = format!(
        "stage changed: {} → {}",
        describe(&old.kind, old.starts_at, old.ends_at),
        describe(&input.kind, start, end)
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
    let txn = d.db.begin().await?;
    stage::Entity::delete_by_id(stage_id).exec(&txn).await?;
    sync_project_span(&txn, old.project_id).await?;
    let line = format!(
        "stage removed: {}",
        describe(&old.kind, old.starts_at, old.ends_at)
    );
    record(&txn, old.project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

fn check_titles(ru: &str, en: &str) -> Result<()> {
    let mut errors = Vec::new();
    check_text("title_ru", ru, 2, 200, &mut errors);
    check_text("title_en", en, 2, 200, &mut errors);
    Error::check(errors)
}

/// Adds a direction at the end of the list.
pub async fn add_direction(
    d: &Domain,
    actor: &User,
    project_id: i64,
    title_ru: &str,
    title_en: &str,
) -> Result<()> {
    check_titles(title_ru, title_en)?;
    find_project(&d.db, project_id).await?;
    let count = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(project_id))
        .count(&d.db)
        .await?;
    let txn = d.db.begin().await?;
    direction::ActiveModel {
        project_id: Set(project_id),
        title_ru: Set(title_ru.trim().to_owned()),
        title_en: Set(title_en.trim().to_owned()),
        position: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        retired: Set(false),
        ideas_count: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        project_id,
        actor,
        &[format!("direction added: {}", title_ru.trim())],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn find_direction(d: &Domain, id: i64) -> Result<direction::Model> {
    direction::Entity::find_by_id(id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)
}

/// Renames a direction.
pub async fn rename_direction(
    d: &Domain,
    actor: &User,
    id: i64,
    title_ru: &str,
    title_en: &str,
) -> Result<()> {
    check_titles(title_ru, title_en)?;
    let old = find_direction(d, id).await?;
    let line = format!("direction renamed: {} → {}", old.title_ru, title_ru.trim());
    let project_id = old.project_id;
    let txn = d.db.begin().await?;
    let mut row = old.into_active_model();
    row.title_ru = Set(title_ru.trim().to_owned());
    row.title_en = Set(title_en.trim().to_owned());
    row.update(&txn).await?;
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a direction one place up (`up`) or down, swapping it with its neighbour.
pub async fn move_direction(d: &Domain, actor: &User, id: i64, up: bool) -> Result<()> {
    let target = find_direction(d, id).await?;
    let moved = reorder::<direction::Entity>(
        d,
        (direction::Column::ProjectId, target.project_id),
        direction::Column::Position,
        direction::Column::Id,
        id,
        up,
    )
    .await?;
    if let Some(txn) = moved {
        let line = format!(
            "direction moved {}: {}",
            if up { "up" } else { "down" },
            target.title_ru
        );
        record(&txn, target.project_id, actor, &[line], d.now()).await?;
        txn.commit().await?;
    }
    Ok(())
}

/// Moves row `id` of entity `E` one place up or down among the rows of one project, ordered by `position`,
/// rewriting the positions. Returns the open transaction (for the history entry), or `None` when the row
/// cannot move.
async fn reorder<E>(
    d: &Domain,
    (project_column, project_id): (E::Column, i64),
    position: E::Column,
    id_column: E::Column,
    id: i64,
    up: bool,
) -> Result<Option<sea_orm::DatabaseTransaction>>
where
    E: EntityTrait,
{
    let ids: Vec<i64> = E::find()
        .filter(project_column.eq(project_id))
        .order_by_asc(position)
        .order_by_asc(id_column)
        .select_only()
        .column(id_column)
        .into_tuple()
        .all(&d.db)
        .await?;
    let Some(order) = moved(&ids, id, up) else {
        return Ok(None);
    };
    let txn = d.db.begin().await?;
    for (index, row) in order.into_iter().enumerate() {
        E::update_many()
            .col_expr(
                position,
                sea_orm::sea_query::Expr::value(position_value(index)),
            )
            .filter(id_column.eq(row))
            .exec(&txn)
            .await?;
    }
    Ok(Some(txn))
}

/// The order of `ids` after moving `id` one place up or down; `None` when it cannot move.
fn moved(ids: &[i64], id: i64, up: bool) -> Option<Vec<i64>> {
    let index = ids.iter().position(|x| *x == id)?;
    let other = if up {
        index.checked_sub(1)?
    } else {
        Some(index + 1).filter(|i| *i < ids.len())?
    };
    let mut order = ids.to_vec();
    order.swap(index, other);
    Some(order)
}

fn position_value(position: usize) -> i32 {
    i32::try_from(position).unwrap_or(i32::MAX)
}

/// Retires a direction (it disappears from the idea form; its ideas stay) or brings it back.
pub async fn set_direction_retired(d: &Domain, actor: &User, id: i64, retired: bool) -> Result<()> {
    let old = find_direction(d, id).await?;
    let line = format!(
        "direction {}: {}",
        if retired { "retired" } else { "restored" },
        old.title_ru
    );
    let project_id = old.project_id;
    let txn = d.db.begin().await?;
    let mut row = old.into_active_model();
    row.retired = Set(retired);
    row.update(&txn).await?;
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Turns premoderation on (new ideas wait in the moderation queue until a moderator publishes them) or
/// off (they are public at once and reviewed afterwards).
pub async fn set_premoderation(d: &Domain, actor: &User, project_id: i64, on: bool) -> Result<()> {
    let p = find_project(&d.db, project_id).await?;
    if p.premoderation == on {
        return Ok(());
    }
    let txn = d.db.begin().await?;
    let mut row = p.into_active_model();
    row.premoderation = Set(on);
    row.update(&txn).await?;
    let line = format!("premoderation: {}", if on { "on" } else { "off" });
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a direction without ideas; one with ideas can only be retired.
pub async fn delete_direction(d: &Domain, actor: &User, id: i64) -> Result<()> {
    let old = find_direction(d, id).await?;
    let has_ideas = crate::entities::idea::Entity::find()
        .filter(crate::entities::idea::Column::DirectionId.eq(id))
        .one(&d.db)
        .await?
        .is_some();
    if has_ideas {
        return Err(Error::field("direction", "has_ideas"));
    }
    let txn = d.db.begin().await?;
    direction::Entity::delete_by_id(id).exec(&txn).await?;
    record(
        &txn,
        old.project_id,
        actor,
        &[format!("direction deleted: {}", old.title_ru)],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A commission member as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberInput {
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// Position in Russian.
    pub position_ru: String,
    /// Position in English.
    pub position_en: String,
    /// E-mail of the member's expert account, to link it (empty: no account).
    pub expert_email: String,
}

/// Checks a member's fields and finds the expert account to link: one account sits once on a
/// commission (`member_id`: the member being changed, if any).
async fn check_member(
    d: &Domain,
    project_id: i64,
    member_id: Option<i64>,
    input: &MemberInput,
) -> Result<Option<i64>> {
    let mut errors = Vec::new();
    check_text("name_ru", &input.name_ru, 2, 200, &mut errors);
    check_text("name_en", &input.name_en, 2, 200, &mut errors);
    check_text("position_ru", &input.position_ru, 2, 400, &mut errors);
    check_text("position_en", &input.position_en, 2, 400, &mut errors);
    let email = input.expert_email.trim().to_lowercase();
    let mut linked = None;
    if !email.is_empty() {
        match user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(&d.db)
            .await?
        {
            Some(u) if u.role == Role::Expert.as_str() => {
                let seated = commission_member::Entity::find()
                    .filter(commission_member::Column::ProjectId.eq(project_id))
                    .filter(commission_member::Column::UserId.eq(u.id))
                    .filter(commission_member::Column::Id.ne(member_id.unwrap_or(0)))
                    .count(&d.db)
                    .await?;
                if seated > 0 {
                    errors.push(FieldError::new("expert_email", "already_member"));
                }
                linked = Some(u.id);
            }
            Some(_) => errors.push(FieldError::new("expert_email", "not_expert")),
            None => errors.push(FieldError::new("expert_email", "unknown")),
        }
    }
    Error::check(errors)?;
    Ok(linked)
}

/// `commission_locked` once the final vote has started: who votes is then fixed, like the quorum.
async fn members_unlocked(d: &Domain, project_id: i64) -> Result<()> {
    if crate::commission::voting_started(&d.db, project_id).await? {
        return Err(Error::field("form", "commission_locked"));
    }
    Ok(())
}

/// Adds a commission member at the end of the list.
pub async fn add_member(
    d: &Domain,
    actor: &User,
    project_id: i64,
    input: &MemberInput,
) -> Result<()> {
    find_project(&d.db, project_id).await?;
    let linked = check_member(d, project_id, None, input).await?;
    members_unlocked(d, project_id).await?;
    let count = commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(project_id))
        .count(&d.db)
        .await?;
    let txn = d.db.begin().await?;
    commission_member::ActiveModel {
        project_id: Set(project_id),
        user_id: Set(linked),
        name_ru: Set(input.name_ru.trim().to_owned()),
        name_en: Set(input.name_en.trim().to_owned()),
        position_ru: Set(input.position_ru.trim().to_owned()),
        position_en: Set(input.position_en.trim().to_owned()),
        photo_path: Set(None),
        ordering: Set(i32::try_from(count).unwrap_or(i32::MAX)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        project_id,
        actor,
        &[format!("commission member added: {}", input.name_ru.trim())],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn find_member(d: &Domain, id: i64) -> Result<commission_member::Model> {
    commission_member::Entity::find_by_id(id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)
}

/// The project a commission member belongs to.
pub async fn member_project(d: &Domain, member_id: i64) -> Result<i64> {
    Ok(find_member(d, member_id).await?.project_id)
}

/// Changes a commission member's name, position or linked expert account.
pub async fn update_member(
    d: &Domain,
    actor: &User,
    member_id: i64,
    input: &MemberInput,
) -> Result<()> {
    let old = find_member(d, member_id).await?;
    let linked = check_member(d, old.project_id, Some(member_id), input).await?;
    if old.user_id != linked {
        members_unlocked(d, old.project_id).await?;
    }
    let new = [
        input.name_ru.trim(),
        input.name_en.trim(),
        input.position_ru.trim(),
        input.position_en.trim(),
    ];
    let before = [
        old.name_ru.as_str(),
        old.name_en.as_str(),
        old.position_ru.as_str(),
        old.position_en.as_str(),
    ];
    let names = ["name_ru", "name_en", "position_ru", "position_en"];
    let mut lines: Vec<String> = names
        .iter()
        .zip(before.iter().zip(new.iter()))
        .filter(|(_, (a, b))| a != b)
        .map(|(name, (a, b))| format!("commission member {name}: {a} → {b}"))
        .collect();
    if old.user_id != linked {
        lines.push(format!(
            "commission member {}: expert account {}",
            new[0],
            if linked.is_some() {
                "linked"
            } else {
                "unlinked"
            }
        ));
    }
    if lines.is_empty() {
        return Ok(());
    }
    let project_id = old.project_id;
    let txn = d.db.begin().await?;
    let mut row = old.into_active_model();
    row.name_ru = Set(new[0].to_owned());
    row.name_en = Set(new[1].to_owned());
    row.position_ru = Set(new[2].to_owned());
    row.position_en = Set(new[3].to_owned());
    row.user_id = Set(linked);
    row.update(&txn).await?;
    record(&txn, project_id, actor, &lines, d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a commission member.
pub async fn remove_member(d: &Domain, actor: &User, member_id: i64) -> Result<()> {
    let old = find_member(d, member_id).await?;
    if old.user_id.is_some() {
        members_unlocked(d, old.project_id).await?;
    }
    let txn = d.db.begin().await?;
    commission_member::Entity::delete_by_id(member_id)
        .exec(&txn)
        .await?;
    record(
        &txn,
        old.project_id,
        actor,
        &[format!("commission member removed: {}", old.name_ru)],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks, resizes and stores an upload off the async threads; returns its public path.
async fn store_picture(
    kind: crate::media::Picture,
    upload: Vec<u8>,
    data_dir: &std::path::Path,
    owner: String,
) -> Result<String> {
    let dir = data_dir.to_owned();
    tokio::task::spawn_blocking(move || {
        let jpeg = crate::media::process(kind, &upload)?;
        crate::media::store(kind, &dir, &owner, &jpeg)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?
}

/// Replaces a project's cover with an uploaded picture (checked, resized and stored under `data_dir`).
pub async fn set_cover(
    d: &Domain,
    actor: &User,
    project_id: i64,
    upload: Vec<u8>,
    data_dir: &std::path::Path,
) -> Result<String> {
    let p = find_project(&d.db, project_id).await?;
    let kind = crate::media::Picture::Cover;
    let path = store_picture(kind, upload, data_dir, format!("project-{project_id}")).await?;
    let txn = d.db.begin().await?;
    let mut row = p.into_active_model();
    row.cover_path = Set(Some(path.clone()));
    row.update(&txn).await?;
    record(
        &txn,
        project_id,
        actor,
        &[format!("cover replaced: {path}")],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(path)
}

/// Replaces a commission member's photo with an uploaded picture; returns the member's project id.
pub async fn set_member_photo(
    d: &Domain,
    actor: &User,
    member_id: i64,
    upload: Vec<u8>,
    data_dir: &std::path::Path,
) -> Result<i64> {
    let member = find_member(d, member_id).await?;
    let kind = crate::media::Picture::Photo;
    let path = store_picture(kind, upload, data_dir, format!("member-{member_id}")).await?;
    let project_id = member.project_id;
    let line = format!("photo of {} replaced: {path}", member.name_ru);
    let txn = d.db.begin().await?;
    let mut row = member.into_active_model();
    row.photo_path = Set(Some(path));
    row.update(&txn).await?;
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(project_id)
}

/// Removes a commission member's photo.
pub async fn remove_member_photo(d: &Domain, actor: &User, member_id: i64) -> Result<()> {
    let member = find_member(d, member_id).await?;
    if member.photo_path.is_none() {
        return Ok(());
    }
    let project_id = member.project_id;
    let line = format!("photo of {} removed", member.name_ru);
    let txn = d.db.begin().await?;
    let mut row = member.into_active_model();
    row.photo_path = Set(None);
    row.update(&txn).await?;
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves a commission member one place up (`up`) or down.
pub async fn move_member(d: &Domain, actor: &User, member_id: i64, up: bool) -> Result<()> {
    let target = find_member(d, member_id).await?;
    let moved = reorder::<commission_member::Entity>(
        d,
        (commission_member::Column::ProjectId, target.project_id),
        commission_member::Column::Ordering,
        commission_member::Column::Id,
        member_id,
        up,
    )
    .await?;
    if let Some(txn) = moved {
        let line = format!(
            "commission member moved {}: {}",
            if up { "up" } else { "down" },
            target.name_ru
        );
        record(&txn, target.project_id, actor, &[line], d.now()).await?;
        txn.commit().await?;
    }
    Ok(())
}

/// What to do with a project's publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    /// Public now.
    PublishNow,
    /// Public by itself at the instant.
    Schedule(DateTime<Utc>),
    /// Back to draft.
    Unpublish,
    /// Finished and filed.
    Archive,
}

/// Changes a project's publication state. Publishing or scheduling needs a timeline with an ideas stage
/// and at least one direction; a schedule must lie in the future.
pub async fn set_publication(
    d: &Domain,
    actor: &User,
    project_id: i64,
    what: Publication,
) -> Result<()> {
    let now = d.now();
    let p = find_project(&d.db, project_id).await?;
    if matches!(what, Publication::PublishNow | Publication::Schedule(_)) {
        let mut errors = Vec::new();
        let stages = crate::projects::stages(&d.db, project_id).await?;
        if !stages.iter().any(|s| s.kind == "ideas") {
            errors.push(FieldError::new("publication", "ideas_required"));
        }
        let directions = direction::Entity::find()
            .filter(direction::Column::ProjectId.eq(project_id))
            .filter(direction::Column::Retired.eq(false))
            .one(&d.db)
            .await?;
        if directions.is_none() {
            errors.push(FieldError::new("publication", "directions_required"));
        }
        if let Publication::Schedule(at) = what
            && at <= now
        {
            errors.push(FieldError::new("publish_at", "in_past"));
        }
        Error::check(errors)?;
    }
    let (state, publish_at, line) = match what {
        Publication::PublishNow => (ProjectState::Published, Some(now), String::new()),
        Publication::Schedule(at) => (
            ProjectState::Scheduled,
            Some(at),
            format!(" for {}", stamp(at)),
        ),
        Publication::Unpublish => (ProjectState::Draft, None, " (unpublished)".to_owned()),
        Publication::Archive => {
            // Archiving files a project that residents have seen; it must not publish a draft.
            if ProjectState::parse(&p.state).is_none_or(|state| state == ProjectState::Draft) {
                return Err(Error::field("publication", "not_published"));
            }
            (ProjectState::Archived, p.publish_at, String::new())
        }
    };
    let line = format!("{state}{line}");
    let txn = d.db.begin().await?;
    let mut row = p.into_active_model();
    row.state = Set(state.into());
    row.publish_at = Set(publish_at);
    row.update(&txn).await?;
    record(&txn, project_id, actor, &[line], now).await?;
    txn.commit().await?;
    Ok(())
}

/// Creates a preview link valid for `hours`; returns the link id and its secret token (shown once).
pub async fn create_preview_link(
    d: &Domain,
    actor: &User,
    project_id: i64,
    hours: i64,
) -> Result<(i64, String)> {
    if !(1..=PREVIEW_MAX_HOURS).contains(&hours) {
        return Err(Error::field("hours", "hours_range"));
    }
    find_project(&d.db, project_id).await?;
    let token = crate::auth::new_token();
    let now = d.now();
    let txn = d.db.begin().await?;
    let link = preview_link::ActiveModel {
        project_id: Set(project_id),
        token_hash: Set(crate::auth::token_hash(&token)),
        created_by: Set(actor.id),
        expires_at: Set(now + Duration::hours(hours)),
        revoked_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(
        &txn,
        project_id,
        actor,
        &[format!("preview link #{} created for {hours} h", link.id)],
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((link.id, token))
}

/// Revokes a preview link at once.
pub async fn revoke_preview_link(d: &Domain, actor: &User, link_id: i64) -> Result<()> {
    let link = preview_link::Entity::find_by_id(link_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let project_id = link.project_id;
    let now = d.now();
    let txn = d.db.begin().await?;
    let mut row = link.into_active_model();
    row.revoked_at = Set(Some(now));
    row.update(&txn).await?;
    record(
        &txn,
        project_id,
        actor,
        &[format!("preview link #{link_id} revoked")],
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The preview a link shows: `NotFound` for an unknown (or tampered) token, `Gone` when expired or revoked.
pub async fn preview_by_token(d: &Domain, token: &str) -> Result<ProjectDetail> {
    let link = preview_link::Entity::find()
        .filter(preview_link::Column::TokenHash.eq(crate::auth::token_hash(token)))
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    if link.revoked_at.is_some() || link.expires_at <= d.now() {
        return Err(Error::Gone);
    }
    preview(d, link.project_id).await
}

/// A project's page whatever its state, as a resident would see it.
pub async fn preview(d: &Domain, project_id: i64) -> Result<ProjectDetail> {
    let p = find_project(&d.db, project_id).await?;
    detail_of(d, p, None).await
}

/// An edit typed in the editor but not saved: what "preview changes" shows the page with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The project's texts.
    Texts(ProjectInput),
    /// A stage changed (`Some(id)`) or added (`None`).
    Stage(Option<i64>, StageInput),
    /// A direction renamed (`Some(id)`) or added (`None`): Russian and English titles.
    Direction(Option<i64>, String, String),
    /// A commission member changed (`Some(id)`) or added (`None`).
    Member(Option<i64>, MemberInput),
}

fn same_project(owner: i64, project_id: i64) -> Result<()> {
    if owner == project_id {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// The page of a project as it would look with `pending` saved, without saving anything. The edit is
/// validated exactly as saving it would be, with the same field messages.
pub async fn preview_pending(
    d: &Domain,
    project_id: i64,
    pending: &Pending,
) -> Result<ProjectDetail> {
    let mut p = find_project(&d.db, project_id).await?;
    let mut parts = crate::projects::Parts::load(&d.db, project_id).await?;
    match pending {
        Pending::Texts(input) => {
            Error::check(validate_project(input))?;
            p.slug = input.slug.trim().to_owned();
            p.title_ru = input.title_ru.trim().to_owned();
            p.title_en = input.title_en.trim().to_owned();
            p.summary_ru = input.summary_ru.trim().to_owned();
            p.summary_en = input.summary_en.trim().to_owned();
            p.body_ru = input.body_ru.trim().to_owned();
            p.body_en = input.body_en.trim().to_owned();
        }
        Pending::Stage(id, input) => {
            let mut base = stage::Model {
                id: 0,
                project_id,
                kind: String::new(),
                starts_at: p.starts_at,
                ends_at: p.ends_at,
            };
            if let Some(id) = id {
                let pos = parts.stages.iter().position(|s| s.id == *id);
                base = parts.stages.remove(pos.ok_or(Error::NotFound)?);
            }
            Error::check(validate_timeline(input, &parts.stages))?;
            let (Some(start), Some(end)) = (input.starts_at, input.ends_at) else {
                return Err(Error::NotFound);
            };
            base.kind = input.kind.clone();
            base.starts_at = start;
            base.ends_at = end;
            parts.stages.push(base);
            parts.stages.sort_by_key(|s| s.starts_at);
            p.starts_at = parts
                .stages
                .iter()
                .map(|s| s.starts_at)
                .min()
                .unwrap_or(start);
            p.ends_at = parts.stages.iter().map(|s| s.ends_at).max().unwrap_or(end);
        }
        Pending::Direction(id, ru, en) => {
            check_titles(ru, en)?;
            let (ru, en) = (ru.trim().to_owned(), en.trim().to_owned());
            match id {
                Some(id) => {
                    let row = find_direction(d, *id).await?;
                    same_project(row.project_id, project_id)?;
                    // A retired direction is not on the page; renaming it changes nothing there.
                    if let Some(shown) = parts.directions.iter_mut().find(|x| x.id == row.id) {
                        shown.title_ru = ru;
                        shown.title_en = en;
                    }
                }
                None => parts.directions.push(direction::Model {
                    id: 0,
                    project_id,
                    title_ru: ru,
                    title_en: en,
                    position: i32::MAX,
                    retired: false,
                    ideas_count: 0,
                }),
            }
        }
        Pending::Member(id, input) => {
            let linked = check_member(d, project_id, *id, input).await?;
            let mut row = match id {
                Some(id) => {
                    let pos = parts.commission.iter().position(|m| m.id == *id);
                    parts.commission.remove(pos.ok_or(Error::NotFound)?)
                }
                None => commission_member::Model {
                    id: 0,
                    project_id,
                    user_id: None,
                    name_ru: String::new(),
                    name_en: String::new(),
                    position_ru: String::new(),
                    position_en: String::new(),
                    photo_path: None,
                    ordering: i32::MAX,
                },
            };
            row.user_id = linked;
            row.name_ru = input.name_ru.trim().to_owned();
            row.name_en = input.name_en.trim().to_owned();
            row.position_ru = input.position_ru.trim().to_owned();
            row.position_en = input.position_en.trim().to_owned();
            parts.commission.push(row);
            parts.commission.sort_by_key(|m| (m.ordering, m.id));
        }
    }
    Ok(parts.assemble(p, d.now(), false, 0))
}

/// The editor's view of a project.
pub async fn workspace(d: &Domain, project_id: i64) -> Result<StaffWorkspace> {
    let project = find_project(&d.db, project_id).await?;
    let stages = crate::projects::stages(&d.db, project_id).await?;
    let directions = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(project_id))
        .order_by_asc(direction::Column::Position)
        .order_by_asc(direction::Column::Id)
        .all(&d.db)
        .await?;
    let commission = commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(project_id))
        .order_by_asc(commission_member::Column::Ordering)
        .all(&d.db)
        .await?;
    let linked: Vec<i64> = commission.iter().filter_map(|m| m.user_id).collect();
    let expert_emails: std::collections::HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(linked))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let links = preview_link::Entity::find()
        .filter(preview_link::Column::ProjectId.eq(project_id))
        .order_by_desc(preview_link::Column::Id)
        .all(&d.db)
        .await?;
    let rows = project_revision::Entity::find()
        .filter(project_revision::Column::ProjectId.eq(project_id))
        .order_by_desc(project_revision::Column::Id)
        .all(&d.db)
        .await?;
    let actor_ids: Vec<i64> = rows.iter().map(|r| r.actor_id).collect();
    let names: std::collections::HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let revisions = rows
        .into_iter()
        .map(|r| RevisionRow {
            actor: names.get(&r.actor_id).cloned().unwrap_or_default(),
            at: r.created_at,
            summary: r.summary,
        })
        .collect();
    Ok(StaffWorkspace {
        criteria: crate::commission::criteria(&d.db, project_id).await?,
        criteria_locked: crate::commission::scoring_started(&d.db, project_id).await?,
        quorum_locked: crate::commission::voting_started(&d.db, project_id).await?,
        quorum: project.selection_quorum,
        premoderation: project.premoderation,
        summary: Bilingual::new(project.summary_ru.clone(), project.summary_en.clone()),
        body: Bilingual::new(project.body_ru.clone(), project.body_en.clone()),
        row: staff_row(project),
        stages: stages
            .into_iter()
            .map(|s| StaffStage {
                id: s.id,
                kind: s.kind,
                starts_local: crate::time::to_local(s.starts_at),
                ends_local: crate::time::to_local(s.ends_at),
            })
            .collect(),
        directions: directions
            .into_iter()
            .map(|x| StaffDirection {
                id: x.id,
                title: Bilingual::new(x.title_ru, x.title_en),
                retired: x.retired,
                ideas_count: x.ideas_count,
            })
            .collect(),
        commission: commission
            .into_iter()
            .map(|m| StaffMember {
                id: m.id,
                name: Bilingual::new(m.name_ru, m.name_en),
                position: Bilingual::new(m.position_ru, m.position_en),
                expert_email: m.user_id.and_then(|id| expert_emails.get(&id).cloned()),
                photo: m.photo_path,
            })
            .collect(),
        links: links
            .into_iter()
            .map(|l| PreviewLinkRow {
                id: l.id,
                expires_at: l.expires_at,
                revoked: l.revoked_at.is_some(),
            })
            .collect(),
        revisions,
    })
}

/// A project as the staff list shows it.
fn staff_row(p: project::Model) -> StaffProjectRow {
    StaffProjectRow {
        id: p.id,
        slug: p.slug,
        title: Bilingual::new(p.title_ru, p.title_en),
        state: ProjectState::parse(&p.state).unwrap_or(ProjectState::Draft),
        publish_at: p.publish_at,
        updated_at: p.updated_at,
        cover: p.cover_path,
    }
}

/// Every project, whatever its state, newest first.
pub async fn list_all(d: &Domain) -> Result<Vec<StaffProjectRow>> {
    Ok(project::Entity::find()
        .order_by_desc(project::Column::Id)
        .all(&d.db)
        .await?
        .into_iter()
        .map(staff_row)
        .collect())
}
