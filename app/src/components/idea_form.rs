//! The "propose an idea" form, with the limits shown as you type, the server's messages next to each
//! field, and the ideas already proposed that resemble what is being typed (so a resident can support
//! one instead of posting a duplicate).

use crate::api::ideas::similar_ideas;
use crate::api::ideas::{SubmitIdea, VoteIdea};
use crate::components::form::{Outcome, echoed_from, on_success, reset_on_success};
use crate::i18n::{use_lang, use_texts};
use crate::model::AppError;
use leptos::html;
use leptos::prelude::*;
use wire::{Direction, IdeaCard, IdeaLimits, IdeaStatus};

/// The idea form of project `slug`.
#[component]
pub fn IdeaForm(
    /// The project's slug.
    slug: String,
    /// The project's id (for similar ideas).
    project_id: i64,
    /// The project's directions to choose from.
    directions: Vec<Direction>,
    /// Length limits, shown as the resident types.
    limits: IdeaLimits,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let submit = ServerAction::<SubmitIdea>::new();
    let form = NodeRef::<html::Form>::new();
    // What was typed before a post without JavaScript came back with messages.
    let action = <SubmitIdea as leptos::server_fn::ServerFn>::PATH;
    let typed_before =
        |name| echoed_from(action, &[("slug", slug.as_str())], name).unwrap_or_default();
    let (title_before, body_before) = (typed_before("title"), typed_before("body"));
    let direction_before = typed_before("direction_id");
    let title_len = RwSignal::new(title_before.trim().chars().count());
    let body_len = RwSignal::new(body_before.trim().chars().count());
    let error = move || match submit.value().get() {
        Some(Err(e)) => Some(e),
        _ => None,
    };
    // What the author is told: public now, or waiting for a moderator.
    let done = move || match submit.value().get() {
        Some(Ok(card)) if card.status == IdeaStatus::Submitted => Some(t.idea_submitted),
        Some(Ok(_)) => Some(t.idea_published),
        _ => None,
    };
    let outcome: Outcome<IdeaCard> = Signal::derive(move || submit.value().get());
    let title_text = RwSignal::new(title_before.clone());
    let body_text = RwSignal::new(body_before.clone());
    reset_on_success(outcome, form);
    let posted = use_context::<crate::components::idea_feed::Posted>();
    on_success(outcome, move |card| {
        title_len.set(0);
        body_len.set(0);
        title_text.set(String::new());
        body_text.set(String::new());
        // Only a public idea joins the feed; one waiting for a moderator is not in it yet.
        if let Some(posted) = posted
            && card.status == IdeaStatus::Published
        {
            posted.0.set(Some(card));
        }
    });
    let field_error = move |field: &'static str| {
        move || error().and_then(|e: AppError| e.field_message(t, field))
    };
    let general = move || error().and_then(|e| e.general_message(t));
    let IdeaLimits {
        title_max,
        body_max,
    } = limits;
    // What is typed, read by the similar-ideas panel 300 ms after the last keystroke.
    let typed = Memo::new(move |_| format!("{} {}", title_text.get(), body_text.get()));
    let query = debounced(typed);

    view! {
        <ActionForm action=submit node_ref=form>
            <h3>{t.propose_title}</h3>
            <p class="form-error" role="alert" id="idea-form-error">{general}</p>
            <p class="form-success" role="status">{done}</p>
            <input type="hidden" name="slug" value=slug/>
            <div class="field">
                <label for="idea-direction">{t.field_direction}</label>
                <select id="idea-direction" name="direction_id" aria-describedby="idea-direction-error"
                    aria-invalid=move || field_error("direction")().is_some().to_string()>
                    <option value="">{t.choose_direction}</option>
                    {directions.into_iter().map(|d| view! {
                        <option value=d.id.to_string() selected=d.id.to_string() == direction_before>
                            {d.title.get(lang).to_owned()}
                        </option>
                    }).collect_view()}
                </select>
                <p class="field-error" id="idea-direction-error">{field_error("direction")}</p>
            </div>
            <div class="field">
                <label for="idea-title">{t.field_title}</label>
                <input id="idea-title" name="title" type="text" autocomplete="off" value=title_before
                    aria-describedby="idea-title-error idea-title-count"
                    aria-invalid=move || field_error("title")().is_some().to_string()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        title_len.set(value.trim().chars().count());
                        title_text.set(value);
                    }/>
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
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        body_len.set(value.trim().chars().count());
                        body_text.set(value);
                    }>{body_before}</textarea>
                <p class="counter" id="idea-body-count" class:over=move || { body_len.get() > body_max }>
                    {move || body_len.get()} " / " {body_max} " " {t.characters}
                </p>
                <p class="field-error" id="idea-body-error">{field_error("body")}</p>
            </div>
            <SimilarIdeas project_id query/>
            <button type="submit" disabled=move || submit.pending().get()>
                {move || if submit.pending().get() { t.sending } else { t.submit_idea }}
            </button>
        </ActionForm>
    }
}

/// `source`, 300 ms after it last changed (in the browser; on the server it stays empty).
fn debounced(source: Memo<String>) -> ReadSignal<String> {
    let (value, set_value) = signal(String::new());
    let version = StoredValue::new(0u64);
    Effect::new(move |_| {
        let text = source.get();
        version.update_value(|v| *v += 1);
        let mine = version.get_value();
        set_timeout(
            move || {
                if version.get_value() == mine {
                    set_value.set(text);
                }
            },
            std::time::Duration::from_millis(300),
        );
    });
    value
}

/// The published ideas of the project most similar to `query`, each with a link and a "support" button.
#[component]
fn SimilarIdeas(project_id: i64, query: ReadSignal<String>) -> impl IntoView {
    let t = use_texts();
    // Fetched from an effect (browser only), not a resource: nothing here takes part in server
    // rendering or in the surrounding Suspense, so hydration sees exactly what the server sent.
    let found = RwSignal::new(Vec::<IdeaCard>::new());
    Effect::new(move |_| {
        let text = query.get();
        if text.trim().chars().count() < 4 {
            found.set(Vec::new());
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(list) = similar_ideas(project_id, text).await {
                found.set(list);
            }
        });
    });
    view! {
        <aside class="similar" aria-live="polite" aria-labelledby="similar-title">
            {move || {
                let list = found.get();
                (!list.is_empty()).then(|| view! {
                    <h4 id="similar-title">{t.similar_title}</h4>
                    <p class="hint">{t.similar_hint}</p>
                    <ul class="similar-list">
                        {list.into_iter().map(|idea| view! { <SimilarItem idea/> }).collect_view()}
                    </ul>
                })
            }}
        </aside>
    }
}

#[component]
fn SimilarItem(idea: IdeaCard) -> impl IntoView {
    let t = use_texts();
    let vote = ServerAction::<VoteIdea>::new();
    let supported = move || matches!(vote.value().get(), Some(Ok(_)));
    let count = move || match vote.value().get() {
        Some(Ok(c)) => c.support_count,
        _ => idea.support_count,
    };
    let error = move || match vote.value().get() {
        Some(Err(e)) => e.general_message(t),
        _ => None,
    };
    let support = move |_| {
        vote.dispatch(VoteIdea {
            idea_id: idea.id,
            value: 1,
        });
    };
    view! {
        <li>
            <a href=format!("/ideas/{}", idea.id) target="_blank" rel="noopener">{idea.title.clone()}</a>
            " · " {t.support} ": " <span class="count">{count}</span> " "
            <button type="button" class="secondary" on:click=support disabled=supported
                aria-pressed=move || supported().to_string()>{t.support}</button>
            <span class="form-error" role="alert">{error}</span>
        </li>
    }
}
