//! Publishing, scheduling, unpublishing and archiving from the editor.

use super::*;

#[component]
pub(super) fn Publication(id: i64) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<SetPublication>::new();
    let outcome = outcome_of(move || action.value().get());
    refresh_after(outcome);
    let message = field_messages(outcome);
    let simple = move |value: &'static str, label: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="project_id" value=id/>
                <input type="hidden" name="action" value=value/>
                <input type="hidden" name="publish_at" value=""/>
                <button type="submit" class="secondary">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <section class="panel" aria-labelledby="publication-title">
            <h2 id="publication-title">{t.publication_title}</h2>
            <p class="form-error" role="alert">{general_message(outcome)}</p>
            <div class="actions">
                {simple("publish", t.publish_now)}
                {simple("unpublish", t.unpublish)}
                {simple("archive", t.archive)}
            </div>
            <ActionForm action>
                <input type="hidden" name="project_id" value=id/>
                <input type="hidden" name="action" value="schedule"/>
                <Field name="publish_at" label=t.field_publish_at kind="datetime-local" message=message("publish_at")
                    id="schedule-at"/>
                <button type="submit">{t.schedule}</button>
            </ActionForm>
        </section>
    }
}
