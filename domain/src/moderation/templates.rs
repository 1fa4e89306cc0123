//! Reason templates: reusable reasons in both languages.

use super::*;

/// Checks every field of `text`, then writes the trimmed texts into `row`.
fn apply(text: &TemplateInput, row: &mut reason_template::ActiveModel) -> Result<()> {
    let mut errors = Vec::new();
    check_text("title_ru", &text.title_ru, 2, 200, &mut errors);
    check_text("title_en", &text.title_en, 2, 200, &mut errors);
    let (min, max) = REASON_LEN;
    check_text("text_ru", &text.text_ru, min, max, &mut errors);
    check_text("text_en", &text.text_en, min, max, &mut errors);
    Error::check(errors)?;
    row.title_ru = Set(text.title_ru.trim().to_owned());
    row.title_en = Set(text.title_en.trim().to_owned());
    row.text_ru = Set(text.text_ru.trim().to_owned());
    row.text_en = Set(text.text_en.trim().to_owned());
    Ok(())
}

/// Adds a reason template.
pub async fn add_template(d: &Domain, text: &TemplateInput) -> Result<reason_template::Model> {
    let mut row = reason_template::ActiveModel {
        created_at: Set(d.now()),
        ..Default::default()
    };
    apply(text, &mut row)?;
    let saved = row.insert(&d.db).await?;
    d.queue_changed();
    Ok(saved)
}

/// Changes a reason template (decisions already taken keep the reason they were given).
pub async fn update_template(d: &Domain, id: i64, text: &TemplateInput) -> Result<()> {
    let mut row = reason_template::Entity::find_by_id(id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?
        .into_active_model();
    apply(text, &mut row)?;
    row.update(&d.db).await?;
    d.queue_changed();
    Ok(())
}

/// Removes a reason template.
pub async fn delete_template(d: &Domain, id: i64) -> Result<()> {
    let gone = reason_template::Entity::delete_by_id(id)
        .exec(&d.db)
        .await?
        .rows_affected;
    if gone == 0 {
        return Err(Error::NotFound);
    }
    d.queue_changed();
    Ok(())
}

/// The reason templates, oldest first.
pub async fn templates(d: &Domain) -> Result<Vec<ReasonTemplate>> {
    Ok(reason_template::Entity::find()
        .order_by_asc(reason_template::Column::Id)
        .all(&d.db)
        .await?
        .into_iter()
        .map(|t| ReasonTemplate {
            id: t.id,
            title: Bilingual::new(t.title_ru, t.title_en),
            text: Bilingual::new(t.text_ru, t.text_en),
        })
        .collect())
}
