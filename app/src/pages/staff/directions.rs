//! The directions in the editor: rename, move, retire, delete, add — each previewable.

use super::*;

#[component]
pub(super) fn DirectionRow(d: wire::StaffDirection, project_id: i64) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let moved = ServerAction::<MoveDirection>::new();
    let retire = ServerAction::<RetireDirection>::new();
    let delete = ServerAction::<DeleteDirection>::new();
    refresh_after(outcome_of(move || moved.value().get()));
    refresh_after(outcome_of(move || retire.value().get()));
    let deleted = outcome_of(move || delete.value().get());
    refresh_after(deleted);
    let rename = ServerAction::<RenameDirection>::new();
    let renamed = outcome_of(move || rename.value().get());
    refresh_after(renamed);
    let id = d.id;
    let (form, preview, previewed) = direction_preview(project_id, Some(id));
    let message = either_messages(renamed, previewed);
    let (title_ru, title_en) = (d.title.ru.clone(), d.title.en.clone());
    view! {
        <li class:retired=d.retired>
            <details class="rename">
                <summary>{t.rename}</summary>
                <ActionForm action=rename node_ref=form>
                    <input type="hidden" name="direction_id" value=id/>
                    <div class="two">
                        <Field name="title_ru" label=t.field_title_ru message=message("title_ru")
                            id=format!("direction-{id}-ru") value=title_ru/>
                        <Field name="title_en" label=t.field_title_en message=message("title_en")
                            id=format!("direction-{id}-en") value=title_en/>
                    </div>
                    <div class="actions"><button type="submit">{t.save}</button> {preview}</div>
                </ActionForm>
            </details>
            <strong>{d.title.get(lang).to_owned()}</strong> " (" {d.ideas_count} ")"
            {d.retired.then(|| view! { " · " <em>{t.retired}</em> })}
            <div class="actions">
                {up_down!(moved, "direction_id", id, t)}
                <ActionForm action=retire>
                    <input type="hidden" name="direction_id" value=id/>
                    <input type="hidden" name="retired" value=(!d.retired).to_string()/>
                    <button type="submit" class="secondary">{if d.retired { t.restore } else { t.retire }}</button>
                </ActionForm>
                <ActionForm action=delete>
                    <input type="hidden" name="direction_id" value=id/>
                    <button type="submit" class="secondary">{t.delete}</button>
                </ActionForm>
            </div>
            <p class="form-error" role="alert">{field_messages(deleted)("direction")}</p>
        </li>
    }
}

/// The "Preview" button of a direction's form (`id`: renaming it; `None`: adding one).
pub(super) fn direction_preview(
    project_id: i64,
    direction_id: Option<i64>,
) -> (
    NodeRef<leptos::html::Form>,
    impl IntoView,
    Outcome<ProjectData>,
) {
    let preview = ServerAction::<PreviewDirection>::new();
    let previewed = outcome_of(move || preview.value().get());
    to_panel(previewed);
    let form = NodeRef::new();
    let button = preview_button(form, move |get| {
        preview.dispatch(PreviewDirection {
            project_id,
            direction_id,
            title_ru: get("title_ru"),
            title_en: get("title_en"),
        });
    });
    (form, button, previewed)
}

#[component]
pub(super) fn AddDirectionForm(project_id: i64) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddDirection>::new();
    let outcome = outcome_of(move || add.value().get());
    refresh_after(outcome);
    let (form, preview, previewed) = direction_preview(project_id, None);
    reset_on_success(outcome, form);
    let message = either_messages(outcome, previewed);
    // Posted without JavaScript and refused: the titles come back as typed.
    let project = project_id.to_string();
    let typed = move |name: &str| {
        echoed_from(
            <AddDirection as ServerFn>::PATH,
            &[("project_id", project.as_str())],
            name,
        )
        .unwrap_or_default()
    };
    view! {
        <ActionForm action=add node_ref=form>
            <input type="hidden" name="project_id" value=project_id/>
            <div class="two">
                <Field name="title_ru" label=t.field_title_ru message=message("title_ru") id="direction-title-ru"
                    value=typed("title_ru")/>
                <Field name="title_en" label=t.field_title_en message=message("title_en") id="direction-title-en"
                    value=typed("title_en")/>
            </div>
            <div class="actions"><button type="submit">{t.add}</button> {preview}</div>
        </ActionForm>
    }
}
