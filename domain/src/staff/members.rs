//! The expert commission on the project page: members, their positions, photos and linked expert accounts.

use super::*;

/// Checks a member's fields and finds the expert account to link: one account sits once on a
/// commission (`member_id`: the member being changed, if any).
pub(super) async fn check_member(
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
pub(super) async fn members_unlocked(d: &Domain, project_id: i64) -> Result<()> {
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
        &[Change::new(ChangeKind::MemberAdded, [input.name_ru.trim()])],
        d.now(),
    )
    .await?;
    crate::commission::totals_outdated(&txn, project_id).await?;
    txn.commit().await?;
    Ok(())
}

pub(super) async fn find_member(d: &Domain, id: i64) -> Result<commission_member::Model> {
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
    let mut lines: Vec<Change> = names
        .iter()
        .zip(before.iter().zip(new.iter()))
        .filter(|(_, (a, b))| a != b)
        .map(|(field, (a, b))| Change::new(ChangeKind::MemberChanged, [new[0], field, a, b]))
        .collect();
    if old.user_id != linked {
        let kind = if linked.is_some() {
            ChangeKind::MemberLinked
        } else {
            ChangeKind::MemberUnlinked
        };
        lines.push(Change::new(kind, [new[0]]));
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
    crate::commission::totals_outdated(&txn, project_id).await?;
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
        &[Change::new(ChangeKind::MemberRemoved, [&old.name_ru])],
        d.now(),
    )
    .await?;
    crate::commission::totals_outdated(&txn, old.project_id).await?;
    txn.commit().await?;
    Ok(())
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
    let path = crate::media::save(kind, upload, data_dir, format!("member-{member_id}")).await?;
    let project_id = member.project_id;
    let line = Change::new(ChangeKind::MemberPhotoReplaced, [&member.name_ru]);
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
    let line = Change::new(ChangeKind::MemberPhotoRemoved, [&member.name_ru]);
    let txn = d.db.begin().await?;
    let mut row = member.into_active_model();
    row.photo_path = Set(None);
    row.update(&txn).await?;
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}
