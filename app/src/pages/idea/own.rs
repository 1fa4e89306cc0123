//! The author's tools on their idea's page while it may still change: edit it in place, or withdraw it.

use crate::api::ideas::{EditIdea, WithdrawIdea};
use crate::components::form::{
    Outcome, echoed_from, field_messages, general_message, on_success, provide_came_back,
};
use crate::i18n::{use_lang, use_texts};
use leptos::prelude::*;
use wire::{Direction, IdeaCard};

/// The author's tools while the idea may still change: edit it in place, or withdraw it. A lazy island.
#[island(lazy)]
pub(super) fn OwnIdea(
    card: IdeaCard,
    body: String,
    directions: Vec<Direction>,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    provide_came_back(came_back);
    let t = use_texts();
    let lang = use_lang();
    let edit = ServerAction::<EditIdea>::new();
    let edited: Outcome<IdeaCard> = Signal::derive(move || edit.value().get());
    let message = field_messages(edited);
    let general = general_message(edited);
    let here = format!("/ideas/{}", card.id);
    on_success(edited, move |_| crate::components::layout::reload_to(&here));
    let withdraw = ServerAction::<WithdrawIdea>::new();
    let withdrawn: Outcome<()> = Signal::derive(move || withdraw.value().get());
    on_success(withdrawn, |()| {
        crate::components::layout::reload_to("/my/ideas")
    });
    let withdraw_error = general_message(withdrawn);
    let invalid = move |field: &'static str| move || message(field).get().is_some().to_string();
    // What the author typed before a post without JavaScript came back with messages (the editor
    // then opens with it).
    let id = card.id.to_string();
    let typed_before = |name| {
        let path = <EditIdea as leptos::server_fn::ServerFn>::PATH;
        echoed_from(path, &[("idea_id", id.as_str())], name)
    };
    let reopened = typed_before("title").is_some();
    let title = typed_before("title").unwrap_or_else(|| card.title.clone());
    let body = typed_before("body").unwrap_or(body);
    let direction = typed_before("direction_id").unwrap_or_else(|| card.direction_id.to_string());
    view! {
        <section class="own-idea panel" aria-label=t.own_idea_label>
            <details class="edit-idea" open=reopened>
                <summary>{t.edit_idea}</summary>
                <ActionForm action=edit>
                    <input type="hidden" name="idea_id" value=card.id/>
                    <div class="field">
                        <label for="edit-direction">{t.field_direction}</label>
                        <select id="edit-direction" name="direction_id" aria-describedby="edit-direction-error"
                            aria-invalid=invalid("direction")>
                            {directions.into_iter().map(|d| view! {
                                <option value=d.id.to_string() selected=d.id.to_string() == direction>
                                    {d.title.get(lang).to_owned()}
                                </option>
                            }).collect_view()}
                        </select>
                        <p class="field-error" id="edit-direction-error">{move || message("direction").get()}</p>
                    </div>
                    <div class="field">
                        <label for="edit-title">{t.field_title}</label>
                        <input id="edit-title" name="title" type="text" value=title
                            aria-describedby="edit-title-error" aria-invalid=invalid("title")/>
                        <p class="field-error" id="edit-title-error">{move || message("title").get()}</p>
                    </div>
                    <div class="field">
                        <label for="edit-body">{t.field_body}</label>
                        <textarea id="edit-body" name="body" rows="6" aria-describedby="edit-body-error"
                            aria-invalid=invalid("body")>{body}</textarea>
                        <p class="field-error" id="edit-body-error">{move || message("body").get()}</p>
                    </div>
                    <p class="form-error" role="alert">{general}</p>
                    <button type="submit">{t.save}</button>
                </ActionForm>
            </details>
            <details class="withdraw-idea">
                <summary>{t.withdraw_idea}</summary>
                <p>{t.withdraw_warning}</p>
                <ActionForm action=withdraw>
                    <input type="hidden" name="idea_id" value=card.id/>
                    <p class="form-error" role="alert">{withdraw_error}</p>
                    <button type="submit" class="secondary">{t.withdraw_confirm}</button>
                </ActionForm>
            </details>
        </section>
    }
}
