//! `/moderation/templates`: the moderators' reusable reasons — each in Russian and English, changed or
//! removed in place, new ones added below. The queue's reason fields offer them.

use crate::api::moderation::{
    AddReasonTemplate, DeleteReasonTemplate, UpdateReasonTemplate, get_reason_templates,
};
use crate::components::form::{
    Field, Outcome, came_back, field_messages, general_message, on_success, provide_came_back,
};
use crate::components::{loaded, refetched};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use wire::ReasonTemplate;

/// The list's version: bumped after each change.
#[derive(Clone, Copy)]
struct Version(RwSignal<u32>);

fn bump_after<T: Clone + Send + Sync + 'static>(outcome: Outcome<T>) {
    let version = expect_context::<Version>();
    on_success(outcome, move |_| version.0.update(|v| *v += 1));
}

/// `/moderation/templates`.
#[component]
pub fn ReasonTemplatesPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.templates_title/>
        <Meta name="robots" content="noindex"/>
        <p class="breadcrumb"><a href="/moderation">{t.moderation_title}</a></p>
        <h1>{t.templates_title}</h1>
        <p class="hint">{t.templates_hint}</p>
        {loaded(get_reason_templates, |list| view! { <TemplatesLive list came_back=came_back()/> })}
    }
}

/// The templates, each changed or removed in place, and the form to add one; the list is fetched again
/// after each change. A lazy island.
#[island(lazy)]
fn TemplatesLive(
    list: Vec<ReasonTemplate>,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    provide_came_back(came_back);
    let t = use_texts();
    let version = Version(RwSignal::new(0));
    provide_context(version);
    let draw = move |list: Vec<ReasonTemplate>| {
        view! {
            {list.is_empty().then(|| view! { <p class="empty">{t.templates_empty}</p> })}
            <ul class="rows templates">
                {list.into_iter().map(|x| view! { <TemplateRow x/> }).collect_view()}
            </ul>
        }
    };
    view! {
        {refetched(list, version.0, get_reason_templates, draw)}
        <AddTemplate/>
    }
}

/// The four fields of a template; `prefix` keeps the ids of several forms on one page apart.
fn template_fields<M: Fn(&'static str) -> Signal<Option<&'static str>>>(
    prefix: &str,
    message: M,
    x: Option<&ReasonTemplate>,
) -> impl IntoView + use<M> {
    let t = use_texts();
    let value = |pick: fn(&ReasonTemplate) -> &str| x.map(pick).unwrap_or_default().to_owned();
    view! {
        <div class="two">
            <Field name="title_ru" label=t.field_title_ru message=message("title_ru")
                id=format!("{prefix}-title-ru") value=value(|x| &x.title.ru)/>
            <Field name="title_en" label=t.field_title_en message=message("title_en")
                id=format!("{prefix}-title-en") value=value(|x| &x.title.en)/>
        </div>
        <div class="two">
            <Field name="text_ru" label=t.template_text_ru message=message("text_ru") multiline=true
                id=format!("{prefix}-text-ru") value=value(|x| &x.text.ru)/>
            <Field name="text_en" label=t.template_text_en message=message("text_en") multiline=true
                id=format!("{prefix}-text-en") value=value(|x| &x.text.en)/>
        </div>
    }
}

#[component]
fn TemplateRow(x: ReasonTemplate) -> impl IntoView {
    let t = use_texts();
    let update = ServerAction::<UpdateReasonTemplate>::new();
    let updated: Outcome<()> = Signal::derive(move || update.value().get());
    bump_after(updated);
    let remove = ServerAction::<DeleteReasonTemplate>::new();
    let removed: Outcome<()> = Signal::derive(move || remove.value().get());
    bump_after(removed);
    let id = x.id;
    view! {
        <li class="template" data-template-id=id>
            <ActionForm action=update>
                <input type="hidden" name="id" value=id/>
                {template_fields(&format!("template-{id}"), field_messages(updated), Some(&x))}
                <p class="form-error" role="alert">{general_message(updated)}</p>
                <button type="submit">{t.save}</button>
            </ActionForm>
            <ActionForm action=remove>
                <input type="hidden" name="id" value=id/>
                <p class="form-error" role="alert">{general_message(removed)}</p>
                <button type="submit" class="secondary">{t.delete}</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn AddTemplate() -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddReasonTemplate>::new();
    let added: Outcome<()> = Signal::derive(move || add.value().get());
    bump_after(added);
    let form = NodeRef::<leptos::html::Form>::new();
    crate::components::form::reset_on_success(added, form);
    view! {
        <section class="panel" aria-labelledby="add-template">
            <h2 id="add-template">{t.add_template}</h2>
            <ActionForm action=add node_ref=form>
                {template_fields("new-template", field_messages(added), None)}
                <p class="form-error" role="alert">{general_message(added)}</p>
                <button type="submit">{t.add_template}</button>
            </ActionForm>
        </section>
    }
}
