//! A project's texts (title, summary, description, slug) and its cover picture.

use super::*;

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

pub(super) fn slug_taken(e: sea_orm::DbErr) -> Error {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => Error::field("slug", "slug_taken"),
        _ => Error::Db(e),
    }
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
        &[Change::new(ChangeKind::ProjectCreated, [&p.slug])],
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
    let changes: Vec<Change> = fields
        .iter()
        .filter(|(_, before, after)| before.as_str() != after.trim())
        .map(|(name, before, after)| {
            Change::new(
                ChangeKind::TextChanged,
                [name, &short(before), &short(after.trim())],
            )
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

pub(super) fn short(s: &str) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
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
    let path = crate::media::save(kind, upload, data_dir, format!("project-{project_id}")).await?;
    let txn = d.db.begin().await?;
    let mut row = p.into_active_model();
    row.cover_path = Set(Some(path.clone()));
    row.update(&txn).await?;
    record(
        &txn,
        project_id,
        actor,
        &[Change::new(ChangeKind::CoverReplaced, [&path])],
        d.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(path)
}
