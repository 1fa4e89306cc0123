//! The project's texts and cover in the editor.

use super::*;

/// The text fields of a project, empty or filled from `values`.
#[component]
pub(super) fn ProjectFields(
    message: impl Fn(&'static str) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
    values: Option<StaffWorkspace>,
) -> impl IntoView {
    let t = use_texts();
    let v = values
        .map(|w| (w.row.slug, w.row.title, w.summary, w.body))
        .unwrap_or_default();
    view! {
        <Field name="slug" label=t.field_slug message=message("slug") value=v.0 required=true/>
        <div class="two">
            <Field name="title_ru" label=t.field_title_ru message=message("title_ru") value=v.1.ru.clone()/>
            <Field name="title_en" label=t.field_title_en message=message("title_en") value=v.1.en.clone()/>
        </div>
        <div class="two">
            <Field name="summary_ru" label=t.field_summary_ru message=message("summary_ru") value=v.2.ru.clone() multiline=true/>
            <Field name="summary_en" label=t.field_summary_en message=message("summary_en") value=v.2.en.clone() multiline=true/>
        </div>
        <div class="two">
            <Field name="body_ru" label=t.field_body_ru message=message("body_ru") value=v.3.ru.clone() multiline=true/>
            <Field name="body_en" label=t.field_body_en message=message("body_en") value=v.3.en.clone() multiline=true/>
        </div>
    }
}

/// The cover upload: a plain multipart form; the server answers with a redirect carrying the outcome.
#[component]
pub(super) fn CoverForm(id: i64, cover: Option<String>) -> impl IntoView {
    let t = use_texts();
    let address = use_address();
    let error =
        move || address("cover_error").map(|code| crate::i18n::error_text(t, "cover", &code));
    let saved = move || address("cover").is_some_and(|v| v == "saved");
    view! {
        <section class="panel" aria-labelledby="cover-title">
            <h2 id="cover-title">{t.cover_title}</h2>
            {cover.map(|src| view! { <img class="cover-thumb" src=src alt=""/> })}
            <form method="post" action=format!("/staff/projects/{id}/cover") enctype="multipart/form-data">
                <div class="field">
                    <label for="cover-file">{t.field_cover}</label>
                    <input id="cover-file" name="cover" type="file" accept="image/png,image/jpeg,image/webp"
                        aria-describedby="cover-file-error" aria-invalid=move || error().is_some().to_string()/>
                    <p class="field-error" id="cover-file-error">{error}</p>
                </div>
                <Show when=saved><p class="form-success" role="status">{t.cover_saved}</p></Show>
                <button type="submit">{t.upload}</button>
            </form>
        </section>
    }
}
