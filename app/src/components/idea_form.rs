//! The "propose an idea" form, with the limits shown as you type and the server's messages next to each field.

use crate::api::SubmitIdea;
use crate::components::form::{Outcome, on_success, reset_on_success};
use crate::i18n::{use_lang, use_texts};
use crate::model::{AppError, Direction, IdeaCard, IdeaLimits};
use leptos::html;
use leptos::prelude::*;

/// The idea form of project `slug`.
#[component]
pub fn IdeaForm(
    /// The project's slug.
    slug: String,
    /// The project's directions to choose from.
    directions: Vec<Direction>,
    /// Length limits, shown as the resident types.
    limits: IdeaLimits,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let submit = ServerAction::<SubmitIdea>::new();
    let form = NodeRef::<html::Form>::new();
    let title_len = RwSignal::new(0usize);
    let body_len = RwSignal::new(0usize);
    let error = move || match submit.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    };
    let done = move || matches!(submit.value().get(), Some(Ok(_)));
    let outcome: Outcome<IdeaCard> = Signal::derive(move || submit.value().get());
    reset_on_success(outcome, form);
    on_success(outcome, move |_| {
        title_len.set(0);
        body_len.set(0);
    });
    let field_error = move |field: &'static str| {
        move || error().and_then(|e: AppError| e.field_message(t, field))
    };
    let general = move || error().and_then(|e| e.general_message(t));
    let IdeaLimits {
        title_max,
        body_max,
    } = limits;

    view! {
        <ActionForm action=submit node_ref=form>
            <h3>{t.propose_title}</h3>
            <p class="form-error" role="alert" id="idea-form-error">{general}</p>
            <Show when=done>
                <p class="form-success" role="status">{t.idea_published}</p>
            </Show>
            <input type="hidden" name="slug" value=slug/>
            <div class="field">
                <label for="idea-direction">{t.field_direction}</label>
                <select id="idea-direction" name="direction_id" aria-describedby="idea-direction-error"
                    aria-invalid=move || field_error("direction")().is_some().to_string()>
                    <option value="">{t.choose_direction}</option>
                    {directions.into_iter().map(|d| view! {
                        <option value=d.id.to_string()>{d.title.get(lang).to_owned()}</option>
                    }).collect_view()}
                </select>
                <p class="field-error" id="idea-direction-error">{field_error("direction")}</p>
            </div>
            <div class="field">
                <label for="idea-title">{t.field_title}</label>
                <input id="idea-title" name="title" type="text" autocomplete="off"
                    aria-describedby="idea-title-error idea-title-count"
                    aria-invalid=move || field_error("title")().is_some().to_string()
                    on:input=move |ev| title_len.set(event_target_value(&ev).trim().chars().count())/>
                <p class="counter" id="idea-title-count" class:over=move || { title_len.get() > title_max }>
                    {move || title_len.get()} " / " {title_max} " " {t.characters}
                </p>
                <p class="field-error" id="idea-title-error">{field_error("title")}</p>
            </div>
            <div class="field">
                <label for="idea-body">{t.field_body}</label>
                <textarea id="idea-body" name="body" rows="6"
                    aria-describedby="idea-body-error idea-body-count"
                    aria-invalid=move || field_error("body")().is_some().to_string()
                    on:input=move |ev| body_len.set(event_target_value(&ev).trim().chars().count())></textarea>
                <p class="counter" id="idea-body-count" class:over=move || { body_len.get() > body_max }>
                    {move || body_len.get()} " / " {body_max} " " {t.characters}
                </p>
                <p class="field-error" id="idea-body-error">{field_error("body")}</p>
            </div>
            <button type="submit" disabled=move || submit.pending().get()>
                {move || if submit.pending().get() { t.sending } else { t.submit_idea }}
            </button>
        </ActionForm>
    }
}
