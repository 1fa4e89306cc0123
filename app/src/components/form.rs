//! Form building blocks: a labelled field with its message, helpers that turn an action's outcome into
//! per-field and general messages, and the echo of a form posted without JavaScript that came back with
//! messages (its fields show what was typed again).

use crate::i18n::{Texts, use_texts};
use crate::model::AppError;
use leptos::prelude::*;

/// The last outcome of a server action.
pub type Outcome<T> = Signal<Option<Result<T, AppError>>>;

/// For each field name, the translated message of the last outcome, if it has one for that field.
pub fn field_messages<T: Clone + Send + Sync + 'static>(
    outcome: Outcome<T>,
) -> impl Fn(&'static str) -> Signal<Option<&'static str>> + Copy {
    let t = use_texts();
    move |field| {
        Signal::derive(move || match outcome.get() {
            Some(Err(e)) => e.field_message(t, field),
            _ => None,
        })
    }
}

/// The message shown at the top of a form: field-less validation messages and every other error.
pub fn general_message<T: Clone + Send + Sync + 'static>(
    outcome: Outcome<T>,
) -> Signal<Option<&'static str>> {
    let t = use_texts();
    Signal::derive(move || match outcome.get() {
        Some(Err(e)) => e.general_message(t),
        _ => None,
    })
}

/// Runs `then` each time the action succeeds.
pub fn on_success<T: Clone + Send + Sync + 'static>(
    outcome: Outcome<T>,
    then: impl Fn(T) + 'static,
) {
    Effect::new(move |_| {
        if let Some(Ok(value)) = outcome.get() {
            then(value);
        }
    });
}

/// Empties `form` each time the action succeeds (forms that add something start blank again).
pub fn reset_on_success<T: Clone + Send + Sync + 'static>(
    outcome: Outcome<T>,
    form: NodeRef<leptos::html::Form>,
) {
    on_success(outcome, move |_| {
        if let Some(form) = form.get_untracked() {
            form.reset();
        }
    });
}

/// What became of a form posted without JavaScript (kept by the server's `plain_forms` layer), for the
/// page the reader returns to: what they typed, when it came back with messages, or that it succeeded;
/// forgotten on the next navigation.
#[derive(Clone, Copy)]
pub struct Echo(RwSignal<wire::FormEcho>);

/// Provides the request's [`Echo`] to the page (on the server; an island gets it as a prop, see
/// [`came_back`]).
pub fn provide_echo() {
    #[cfg(feature = "ssr")]
    let echo = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<wire::FormEcho>().cloned())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let echo = wire::FormEcho::default();
    provide_context(Echo(RwSignal::new(echo)));
}

/// What the reader typed into field `name` of the form that came back, if it did.
pub fn echoed(name: &str) -> Option<String> {
    use_context::<Echo>()
        .and_then(|Echo(echo)| echo.with_untracked(|e| e.get(name).map(str::to_owned)))
}

/// What the reader typed into field `name`, if the form that came back was posted to `action` and is
/// the one with the hidden fields `matching` (see [`wire::FormEcho::is_from`]).
pub fn echoed_from(action: &str, matching: &[(&str, &str)], name: &str) -> Option<String> {
    echo_from(action, matching).and_then(|e| e.get(name).map(str::to_owned))
}

/// The form that came back, if it was posted to `action` and is the one with the hidden fields
/// `matching`.
pub fn echo_from(action: &str, matching: &[(&str, &str)]) -> Option<wire::FormEcho> {
    use_context::<Echo>().and_then(|Echo(echo)| {
        echo.with_untracked(|e| e.is_from(action, matching).then(|| e.clone()))
    })
}

/// The form posted without JavaScript that brought the reader back to this page, if one did, for an
/// island's props (read outside the island, where the page's context is).
pub fn came_back() -> Option<wire::CameBack> {
    let echo = use_context::<Echo>()
        .map(|Echo(echo)| echo.get_untracked())
        .unwrap_or_default();
    let refusal = use_context::<leptos::server::ServerActionError>()
        .map(|e| (e.path().to_owned(), e.err().to_owned()));
    (echo != wire::FormEcho::default() || refusal.is_some())
        .then_some(wire::CameBack { echo, refusal })
}

/// Inside an island: provides what [`came_back`] read outside it, so that its forms show what was typed
/// and the refusal's messages in the browser as on the server.
pub fn provide_came_back(came_back: Option<wire::CameBack>) {
    let wire::CameBack { echo, refusal } = came_back.unwrap_or_default();
    provide_context(Echo(RwSignal::new(echo)));
    if let Some((path, err)) = refusal {
        provide_context(leptos::server::ServerActionError::new(&path, &err));
    }
}

/// Whether the form that came back (posted without JavaScript to `action`, and refused) is another one
/// than the form with the hidden fields `matching`: every form of that action on the page reads the
/// refusal, and only the one that was posted should show it.
pub fn came_back_elsewhere(action: &str, matching: &[(&str, &str)]) -> bool {
    use_context::<Echo>().is_some_and(|Echo(echo)| {
        echo.with_untracked(|e| e.is_from(action, &[]) && !e.is_from(action, matching))
    })
}

/// What the page says after a post without JavaScript to `action` succeeded (`None`: the page it
/// lands on says it already, as after registering).
fn done_text(t: &'static Texts, action: &str) -> Option<&'static str> {
    let name = action.strip_prefix("/api/")?;
    Some(match name {
        "submit_idea" => t.done_idea_sent,
        "report" => t.done_report_sent,
        "comment" => t.done_comment_sent,
        "vote" => t.done_vote,
        "join" => t.done_joined,
        "withdraw_idea" => t.done_withdrawn,
        "login" => t.done_logged_in,
        "logout" => t.done_logged_out,
        "register" | "confirm_email" => return None,
        _ => t.done_saved,
    })
}

/// The outcome of the last form posted without JavaScript, when it succeeded: "Идея отправлена.",
/// announced to screen readers, gone on the next navigation.
#[component]
pub fn DoneNotice() -> impl IntoView {
    let t = use_texts();
    let echo = use_context::<Echo>();
    move || {
        let text = echo?
            .0
            .with(|e| e.done.then(|| done_text(t, &e.action)).flatten())?;
        Some(view! { <p class="notice done" role="status">{text}</p> })
    }
}

/// A labelled input (or textarea) with its hint and its message, wired for screen readers. A field
/// with its default id (one of its name on the page) shows what was typed into it before a post
/// without JavaScript came back with messages ([`echoed`]).
#[component]
pub fn Field(
    /// Form field name.
    name: &'static str,
    /// Label text.
    label: &'static str,
    /// The message for this field, if any.
    message: Signal<Option<&'static str>>,
    /// Input type (`text`, `email`, `password`, `datetime-local`, `number`, ...).
    #[prop(default = "text")]
    kind: &'static str,
    /// Autocomplete hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// An optional hint under the input.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Initial value.
    #[prop(optional, into)]
    value: String,
    /// A multi-line text area instead of an input.
    #[prop(optional)]
    multiline: bool,
    /// Element id (default `field-<name>`); set it when a page has several forms with the same field.
    #[prop(optional, into)]
    id: Option<String>,
    /// Whether the browser should insist on a value.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let value = match id {
        None => echoed(name).unwrap_or(value),
        Some(_) => value,
    };
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let error_id = format!("{id}-error");
    let invalid = move || message.get().is_some().to_string();
    let control = if multiline {
        view! {
            <textarea id=id.clone() name=name rows="5" aria-describedby=error_id.clone() aria-invalid=invalid
                required=required>{value}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type=kind autocomplete=autocomplete value=value required=required
                aria-describedby=error_id.clone() aria-invalid=invalid/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {control}
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <p class="field-error" id=error_id>{move || message.get()}</p>
        </div>
    }
}
