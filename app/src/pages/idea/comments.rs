//! An idea's discussion: comments with replies one level deep, each form keeping what was typed when it
//! comes back refused, and reporting an idea or a comment to the moderators.

use super::linkify;
use crate::api::ideas::{AddComment, ReportContent};
use crate::components::form::{
    Outcome, came_back_elsewhere, echoed_from, field_messages, general_message, on_success,
    reset_on_success,
};
use crate::i18n::{Lang, use_lang, use_texts};
use crate::time::date_time;
use leptos::prelude::*;
use wire::Comment;

/// Adds `comment` to the list unless it is there already (our own, arriving also live).
pub(super) fn add_once(comments: RwSignal<Vec<Comment>>, comment: Comment) {
    comments.update(|list| {
        if !list.iter().any(|c| c.id == comment.id) {
            list.push(comment);
        }
    });
}

/// The comments: top-level ones in order, each with its replies; forms to comment and reply.
#[component]
pub(super) fn Comments(
    idea_id: i64,
    comments: RwSignal<Vec<Comment>>,
    comment_count: RwSignal<i64>,
    open: bool,
    max: usize,
    /// The viewer is logged in and may comment.
    signed_in: bool,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let top = move || {
        comments
            .get()
            .into_iter()
            .filter(|c| c.parent_id.is_none())
            .collect::<Vec<_>>()
    };
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{t.comments_title} " (" <span class="comment-count">{comment_count}</span> ")"</h2>
            <ol class="comment-list" aria-live="polite">
                <For each=top key=|c| c.id let:c>
                    <Thread c comments open max idea_id lang/>
                </For>
            </ol>
            {if !open {
                view! { <p class="hint">{t.comments_closed_note}</p> }.into_any()
            } else if signed_in {
                view! { <CommentForm idea_id parent=None comments max/> }.into_any()
            } else {
                view! { <p><a href=format!("/login?next=/ideas/{idea_id}")>{t.login_to_comment}</a></p> }.into_any()
            }}
        </section>
    }
}

/// A top-level comment with its replies and the forms to reply and to report it.
#[component]
fn Thread(
    c: Comment,
    comments: RwSignal<Vec<Comment>>,
    open: bool,
    max: usize,
    idea_id: i64,
    lang: Lang,
) -> impl IntoView {
    let t = crate::i18n::texts_of(lang);
    let id = c.id;
    let replies = move || {
        comments
            .get()
            .into_iter()
            .filter(|r| r.parent_id == Some(id))
            .collect::<Vec<_>>()
    };
    // A reply posted without JavaScript and refused comes back with its form open.
    let (idea, parent) = (idea_id.to_string(), id.to_string());
    let this_form = [("idea_id", idea.as_str()), ("parent_id", parent.as_str())];
    let came_back = echoed_from(
        <AddComment as leptos::server_fn::ServerFn>::PATH,
        &this_form,
        "body",
    )
    .is_some();
    view! {
        <li class="comment" id=format!("comment-{id}")>
            <CommentBody c lang/>
            <ol class="replies">
                <For each=replies key=|r| r.id let:r>
                    <li class="comment reply" id=format!("comment-{}", r.id)>
                        <CommentBody c=r.clone() lang/>
                    </li>
                </For>
            </ol>
            {open.then(|| view! {
                <details class="reply-form" open=came_back>
                    <summary>{t.reply}</summary>
                    <CommentForm idea_id parent=Some(id) comments max/>
                </details>
            })}
            <Report kind="comment" target_id=id/>
        </li>
    }
}

#[component]
pub(super) fn CommentBody(c: Comment, lang: Lang) -> impl IntoView {
    view! {
        <p class="comment-meta">
            <span class="author">{c.author.clone()}</span> " · "
            <time datetime=c.created_at.to_rfc3339()>{date_time(lang, c.created_at)}</time>
        </p>
        <p class="comment-text">{linkify(&c.body)}</p>
    }
}

/// A form to comment (or reply to `parent`).
#[component]
fn CommentForm(
    idea_id: i64,
    parent: Option<i64>,
    comments: RwSignal<Vec<Comment>>,
    max: usize,
) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddComment>::new();
    let outcome: Outcome<Comment> = Signal::derive(move || add.value().get());
    let form = NodeRef::<leptos::html::Form>::new();
    reset_on_success(outcome, form);
    let id = match parent {
        Some(p) => format!("reply-{p}"),
        None => "comment-body".to_owned(),
    };
    let (idea, parent_id) = (
        idea_id.to_string(),
        parent.map(|p| p.to_string()).unwrap_or_default(),
    );
    // Posted without JavaScript and refused: the comment form and every reply form read the same
    // refusal; only the one that was posted shows it, with the text as typed.
    let path = <AddComment as leptos::server_fn::ServerFn>::PATH;
    let this_form = [
        ("idea_id", idea.as_str()),
        ("parent_id", parent_id.as_str()),
    ];
    let typed_before = echoed_from(path, &this_form, "body").unwrap_or_default();
    let elsewhere = came_back_elsewhere(path, &this_form);
    let length = RwSignal::new(typed_before.trim().chars().count());
    on_success(outcome, move |c: Comment| {
        length.set(0);
        add_once(comments, c);
    });
    let messages = field_messages(outcome);
    let message = move |field: &'static str| {
        Signal::derive(move || messages(field).get().filter(|_| !elsewhere))
    };
    let general = move || general_message(outcome).get().filter(|_| !elsewhere);
    view! {
        <ActionForm action=add node_ref=form attr:class="comment-form">
            <input type="hidden" name="idea_id" value=idea_id/>
            <input type="hidden" name="parent_id" value=parent_id/>
            <div class="field">
                <label for=id.clone()>{if parent.is_some() { t.field_reply } else { t.field_comment }}</label>
                <textarea id=id.clone() name="body" rows="3" aria-describedby=format!("{id}-error {id}-count")
                    aria-invalid=move || message("body").get().is_some().to_string()
                    on:input=move |ev| length.set(event_target_value(&ev).trim().chars().count())>
                    {typed_before}
                </textarea>
                <p class="counter" id=format!("{id}-count") class:over=move || { length.get() > max }>
                    {move || length.get()} " / " {max} " " {t.characters}
                </p>
                <p class="field-error" id=format!("{id}-error")>{move || message("body").get()}</p>
            </div>
            <p class="form-error" role="alert">{general}</p>
            <button type="submit" disabled=move || add.pending().get()>
                {move || if add.pending().get() { t.sending } else { t.send_comment }}
            </button>
        </ActionForm>
    }
}

/// "Report": a folded form with the reason.
#[component]
pub(super) fn Report(kind: &'static str, target_id: i64) -> impl IntoView {
    let t = use_texts();
    let report = ServerAction::<ReportContent>::new();
    let outcome: Outcome<()> = Signal::derive(move || report.value().get());
    // Posted without JavaScript and refused: only the form that was posted opens again, with the
    // reason as typed and its message; its neighbours (other comments' reports) stay as they were.
    let path = <ReportContent as leptos::server_fn::ServerFn>::PATH;
    let target = target_id.to_string();
    let this_form = [("kind", kind), ("target_id", target.as_str())];
    let typed_before = echoed_from(path, &this_form, "reason");
    let reopened = typed_before.is_some();
    let elsewhere = came_back_elsewhere(path, &this_form);
    let messages = field_messages(outcome);
    let message = move |field| messages(field).get().filter(|_| !elsewhere);
    let general = move || general_message(outcome).get().filter(|_| !elsewhere);
    let done = move || matches!(report.value().get(), Some(Ok(())));
    let id = format!("report-{kind}-{target_id}");
    view! {
        <details class="report" open=reopened>
            <summary>{t.report}</summary>
            <Show when=done fallback=move || {
                let id = id.clone();
                let typed = typed_before.clone().unwrap_or_default();
                view! {
                <ActionForm action=report>
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="target_id" value=target_id/>
                    <div class="field">
                        <label for=id.clone()>{t.field_report_reason}</label>
                        <textarea id=id.clone() name="reason" rows="2" aria-describedby=format!("{id}-error")
                            aria-invalid=move || message("reason").is_some().to_string()>{typed}</textarea>
                        <p class="field-error" id=format!("{id}-error")>{move || message("reason")}</p>
                    </div>
                    <p class="form-error" role="alert">{general}</p>
                    <button type="submit" class="secondary">{t.send_report}</button>
                </ActionForm>
                }
            }>
                <p class="form-success" role="status">{t.report_sent}</p>
            </Show>
        </details>
    }
}
