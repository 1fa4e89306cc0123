//! A stage of the timeline in the editor: its kind and Moscow-time bounds, saved or previewed.

use super::*;

#[component]
pub(super) fn StageRow(stage: Option<wire::StaffStage>, project_id: i64) -> impl IntoView {
    let t = use_texts();
    let key = stage
        .as_ref()
        .map_or_else(|| "new".to_owned(), |s| s.id.to_string());
    let kinds = wire::STAGE_KINDS;
    let stage_id = stage.as_ref().map(|s| s.id);
    // Posted without JavaScript and refused: this row's form comes back as it was typed.
    let (path, hidden) = match stage_id {
        Some(id) => (
            <UpdateStage as ServerFn>::PATH,
            ("stage_id", id.to_string()),
        ),
        None => (
            <AddStage as ServerFn>::PATH,
            ("project_id", project_id.to_string()),
        ),
    };
    let typed = move |name: &str, saved: Option<String>| {
        echoed_from(path, &[(hidden.0, hidden.1.as_str())], name)
            .or(saved)
            .unwrap_or_default()
    };
    let selected = typed("kind", stage.as_ref().map(|s| s.kind.clone()));
    let (starts, ends) = (
        typed("starts_at", stage.as_ref().map(|s| s.starts_local.clone())),
        typed("ends_at", stage.as_ref().map(|s| s.ends_local.clone())),
    );
    let preview = ServerAction::<PreviewStage>::new();
    let previewed = outcome_of(move || preview.value().get());
    to_panel(previewed);
    let form = NodeRef::<leptos::html::Form>::new();
    let preview = preview_button(form, move |get| {
        preview.dispatch(PreviewStage {
            project_id,
            stage_id,
            stage: wire::StageForm {
                kind: get("kind"),
                starts_at: get("starts_at"),
                ends_at: get("ends_at"),
            },
        });
    });
    let fields = move |message: &dyn Fn(&'static str) -> Signal<Option<&'static str>>| {
        let selected = selected.clone();
        view! {
            <div class="field">
                <label for=format!("stage-kind-{key}")>{t.field_kind}</label>
                <select id=format!("stage-kind-{key}") name="kind">
                    {kinds.into_iter().map(|k| view! {
                        <option value=k selected=selected == k>{projects_stage_name(t, k)}</option>
                    }).collect_view()}
                </select>
                <p class="field-error">{message("kind")}</p>
            </div>
            <Field name="starts_at" label=t.field_starts kind="datetime-local" message=message("starts_at")
                id=format!("stage-start-{key}") value=starts.clone()/>
            <Field name="ends_at" label=t.field_ends kind="datetime-local" message=message("ends_at")
                id=format!("stage-end-{key}") value=ends.clone()/>
        }
    };
    match stage_id {
        Some(stage_id) => {
            let update = ServerAction::<UpdateStage>::new();
            let outcome = outcome_of(move || update.value().get());
            refresh_after(outcome);
            let message = either_messages(outcome, previewed);
            let delete = ServerAction::<DeleteStage>::new();
            let deleted = outcome_of(move || delete.value().get());
            refresh_after(deleted);
            view! {
                <div class="stage-row">
                    <ActionForm action=update node_ref=form>
                        <input type="hidden" name="stage_id" value=stage_id/>
                        <div class="three">{fields(&message)}</div>
                        <div class="actions"><button type="submit">{t.save}</button> {preview}</div>
                    </ActionForm>
                    <ActionForm action=delete>
                        <input type="hidden" name="stage_id" value=stage_id/>
                        <p class="form-error" role="alert">{field_messages(deleted)("kind")}</p>
                        <button type="submit" class="secondary">{t.delete}</button>
                    </ActionForm>
                </div>
            }
            .into_any()
        }
        None => {
            let add = ServerAction::<AddStage>::new();
            let outcome = outcome_of(move || add.value().get());
            refresh_after(outcome);
            reset_on_success(outcome, form);
            let message = either_messages(outcome, previewed);
            view! {
                <div class="stage-row new">
                    <ActionForm action=add node_ref=form>
                        <input type="hidden" name="project_id" value=project_id/>
                        <div class="three">{fields(&message)}</div>
                        <div class="actions"><button type="submit">{t.add}</button> {preview}</div>
                    </ActionForm>
                </div>
            }
            .into_any()
        }
    }
}
