//! Log in, registration and e-mail confirmation pages. All work without JavaScript (the server answers a
//! plain form post with a redirect); hydrated (their forms are islands), they
//! show each field's message in place and reload the page after success so that every part of it sees
//! the new session.
//!
//! Registration does not log in: it sends a link to the address (`/register/sent` says so), and the
//! link's page (`/confirm?token=…`) confirms the address and logs in with one button, so that a mail
//! scanner following the link does not use it up.

use crate::api::auth::{ConfirmEmail, Login, Logout, Register};
use crate::components::form::{
    Field, came_back, field_messages, general_message, on_success, provide_came_back,
};
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
fn FormHead(outcome: Outcome, next: String) -> impl IntoView {
    view! {
        <p class="form-error" role="alert">{general_message(outcome)}</p>
        <input type="hidden" name="next" value=next/>
    }
}

/// `/login?next=...`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let next = use_next();
    view! {
        <AuthFrame title=t.login_title other_text=t.no_account other_label=t.nav_register other_path="/register" next>
            {move || view! { <LoginForm next=next.get() came_back=came_back()/> }}
        </AuthFrame>
    }
}

/// The log-in form; after success it loads `next`, so that every part of the page sees the new
/// session. An island.
#[island(lazy)]
fn LoginForm(next: String, came_back: Option<wire::CameBack>) -> impl IntoView {
    provide_came_back(came_back);
    let t = use_texts();
    let action = ServerAction::<Login>::new();
    let outcome: Outcome = Signal::derive(move || action.value().get());
    let message = field_messages(outcome);
    let after = next.clone();
    on_success(outcome, move |()| reload_to(&after));
    view! {
        <ActionForm action>
            <FormHead outcome next/>
            <Field name="email" label=t.email kind="email" autocomplete="email" message=message("email") required=true/>
            <Field name="password" label=t.password kind="password" autocomplete="current-password"
                message=message("password") required=true/>
            <button type="submit" disabled=move || action.pending().get()>{t.login_button}</button>
        </ActionForm>
    }
}

/// `/register?next=...`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_texts();
    let next = use_next();
    view! {
        <AuthFrame title=t.register_title other_text=t.have_account other_label=t.nav_login other_path="/login" next>
            {move || view! { <RegisterForm next=next.get() came_back=came_back()/> }}
        </AuthFrame>
    }
}

/// The registration form; after success it loads the page saying a link was sent. An island.
#[island(lazy)]
fn RegisterForm(next: String, came_back: Option<wire::CameBack>) -> impl IntoView {
    provide_came_back(came_back);
    let t = use_texts();
    let action = ServerAction::<Register>::new();
    let outcome: Outcome = Signal::derive(move || action.value().get());
    let message = field_messages(outcome);
    on_success(outcome, |()| reload_to(SENT_PATH));
    view! {
        <ActionForm action>
            <FormHead outcome next/>
            <Field name="email" label=t.email kind="email" autocomplete="email" message=message("email") required=true/>
            <Field name="display_name" label=t.display_name kind="text" autocomplete="nickname"
                message=message("display_name") required=true/>
            <Field name="password" label=t.password kind="password" autocomplete="new-password"
                message=message("password") hint=t.password_hint required=true/>
            <button type="submit" disabled=move || action.pending().get()>{t.register_button}</button>
        </ActionForm>
    }
}

/// Where registration goes: the page saying a link was sent.
pub const SENT_PATH: &str = "/register/sent";

/// `/register/sent`: check your e-mail.
#[component]
pub fn RegisterSentPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.register_sent_title/>
        <section class="auth">
            <h1>{t.register_sent_title}</h1>
            <p role="status">{t.register_sent_text}</p>
            <p>{t.register_sent_hint} " " <a href="/login">{t.nav_login}</a></p>
        </section>
    }
}

/// `/confirm?token=…`: the link from the e-mail; one button confirms the address and logs in.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let token = Memo::new(move |_| query.read().get("token").unwrap_or_default());
    view! {
        <Title text=t.confirm_title/>
        <section class="auth">
            <h1>{t.confirm_title}</h1>
            <p>{t.confirm_text}</p>
            {move || view! { <ConfirmForm token=token.get() came_back=came_back()/> }}
        </section>
    }
}

/// The confirmation button; after success it loads the page the reader was going to. An island.
#[island(lazy)]
fn ConfirmForm(token: String, came_back: Option<wire::CameBack>) -> impl IntoView {
    provide_came_back(came_back);
    let t = use_texts();
    let action = ServerAction::<ConfirmEmail>::new();
    let outcome = Signal::derive(move || action.value().get());
    on_success(outcome, |next: String| reload_to(&next));
    let message = field_messages(outcome);
    view! {
        <ActionForm action>
            <p class="form-error" role="alert">{move || message("token").get().or_else(|| general_message(outcome).get())}</p>
            <input type="hidden" name="token" value=token/>
            <button type="submit" disabled=move || action.pending().get()>{t.confirm_button}</button>
        </ActionForm>
    }
}

/// `/account`: who is logged in, and logging out here or on every device.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_texts();
    let viewer = expect_context::<crate::ViewerResource>();
    // Rendered on the server only: logging out is a plain post, answered with a redirect home.
    let logout = ServerAction::<Logout>::new();
    view! {
        <Title text=t.account_title/>
        <section class="auth">
            <h1>{t.account_title}</h1>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match viewer.await {
                        Ok(Some(user)) => view! {
                            <p>{t.account_name} ": " <strong>{user.display_name}</strong></p>
                            <ActionForm action=logout>
                                <button type="submit">{t.nav_logout}</button>
                            </ActionForm>
                            <ActionForm action=logout>
                                <input type="hidden" name="everywhere" value="true"/>
                                <p class="hint">{t.logout_everywhere_hint}</p>
                                <button type="submit" class="secondary">{t.logout_everywhere}</button>
                            </ActionForm>
                        }.into_any(),
                        _ => view! { <p><a href="/login?next=/account">{t.nav_login}</a></p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
