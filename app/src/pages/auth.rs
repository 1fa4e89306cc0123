//! Log in and registration pages. Both work without JavaScript (the server answers a plain form post with
//! a redirect); hydrated, they show each field's message in place and reload the page after success so
//! that every part of it sees the new session.

use crate::api::{Login, Register};
use crate::components::form::{Field, field_messages, general_message, on_success};
use crate::components::layout::{encode, reload_to};
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn use_next() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| crate::next::safe_next(&query.read().get("next").unwrap_or_default()))
}

type Outcome = crate::components::form::Outcome<()>;

/// Reloads `next` once the action succeeded, so that every part of the page sees the new session.
fn reload_on_success(outcome: Outcome, next: Memo<String>) {
    on_success(outcome, move |()| reload_to(&next.get_untracked()));
}

/// The frame of both pages: title, heading, the form, and a link to the other page.
#[component]
fn AuthFrame(
    /// Page title and heading.
    title: &'static str,
    /// The question before the link to the other page.
    other_text: &'static str,
    /// The link's text.
    other_label: &'static str,
    /// The other page's path.
    other_path: &'static str,
    /// Where to go after success.
    next: Memo<String>,
    /// The form.
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <section class="auth">
            <h1>{title}</h1>
            {children()}
            <p>
                {other_text} " "
                <a href=move || format!("{other_path}?next={}", encode(&next.get()))>{other_label}</a>
            </p>
        </section>
    }
}

/// The form's general message and the hidden `next` field.
#[component]
fn FormHead(outcome: Outcome, next: Memo<String>) -> impl IntoView {
    view! {
        <p class="form-error" role="alert">{general_message(outcome)}</p>
        <input type="hidden" name="next" value=move || next.get()/>
    }
}

/// `/login?next=...`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let next = use_next();
    let action = ServerAction::<Login>::new();
    let outcome: Outcome = Signal::derive(move || action.value().get());
    let message = field_messages(outcome);
    reload_on_success(outcome, next);
    view! {
        <AuthFrame title=t.login_title other_text=t.no_account other_label=t.nav_register other_path="/register" next>
            <ActionForm action>
                <FormHead outcome next/>
                <Field name="email" label=t.email kind="email" autocomplete="email" message=message("email") required=true/>
                <Field name="password" label=t.password kind="password" autocomplete="current-password"
                    message=message("password") required=true/>
                <button type="submit" disabled=move || action.pending().get()>{t.login_button}</button>
            </ActionForm>
        </AuthFrame>
    }
}

/// `/register?next=...`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
    let next = use_next();
    let action = ServerAction::<Register>::new();
    let outcome: Outcome = Signal::derive(move || action.value().get());
    let message = field_messages(outcome);
    reload_on_success(outcome, next);
    view! {
        <AuthFrame title=t.register_title other_text=t.have_account other_label=t.nav_login other_path="/login" next>
            <ActionForm action>
                <FormHead outcome next/>
                <Field name="email" label=t.email kind="email" autocomplete="email" message=message("email") required=true/>
                <Field name="display_name" label=t.display_name kind="text" autocomplete="nickname"
                    message=message("display_name") required=true/>
                <Field name="password" label=t.password kind="password" autocomplete="new-password"
                    message=message("password") hint=t.password_hint required=true/>
                <button type="submit" disabled=move || action.pending().get()>{t.register_button}</button>
            </ActionForm>
        </AuthFrame>
    }
}
