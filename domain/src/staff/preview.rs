//! Previews: a draft (or unsaved changes) shown exactly as residents will see it, and preview links.

use super::*;

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
        &[Change::new(
            ChangeKind::PreviewLinkCreated,
            [&link.id.to_string(), &hours.to_string()],
        )],
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
        &[Change::new(
            ChangeKind::PreviewLinkRevoked,
            [&link_id.to_string()],
        )],
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

pub(super) fn same_project(owner: i64, project_id: i64) -> Result<()> {
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
                    public_ideas: 0,
                    vote_budget: None,
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
