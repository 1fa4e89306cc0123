//! A project's thematic directions: added, renamed, retired (their ideas stay) or deleted while empty.

use super::*;

pub(super) fn check_titles(ru: &str, en: &str) -> Result<()> {
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
        &[Change::new(ChangeKind::DirectionAdded, [title_ru.trim()])],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub(super) async fn find_direction(d: &Domain, id: i64) -> Result<direction::Model> {
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
    let line = Change::new(
        ChangeKind::DirectionRenamed,
        [old.title_ru.as_str(), title_ru.trim()],
    );
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

/// Retires a direction (it disappears from the idea form; its ideas stay) or brings it back.
pub async fn set_direction_retired(d: &Domain, actor: &User, id: i64, retired: bool) -> Result<()> {
    let old = find_direction(d, id).await?;
    let kind = if retired {
        ChangeKind::DirectionRetired
    } else {
        ChangeKind::DirectionRestored
    };
    let line = Change::new(kind, [old.title_ru.as_str()]);
    let project_id = old.project_id;
    let txn = d.db.begin().await?;
    let mut row = old.into_active_model();
    row.retired = Set(retired);
    row.update(&txn).await?;
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
        &[Change::new(ChangeKind::DirectionDeleted, [&old.title_ru])],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
