//! `/moderation`: the moderators' live queue — ideas and comments nobody has reviewed, and open reports,
//! oldest first with their age.
//!
//! The queue reloads whenever the server says it changed (its own event stream), so every moderator
//! sees the same queue; a decision another moderator already made is refused with a message. Ideas and
//! comments can be ticked and decided together (bulk actions: the checkboxes belong to the bulk form
//! through their `form` attribute, [`bulk`]); the merge form offers the most similar ideas as targets
//! ([`items`]).

mod bulk;
mod items;

use crate::api::moderation::{
    CloseReport, CorrectIdea, MergeIdeas, ReviewComment, ReviewComments, ReviewIdea, ReviewIdeas,
    TakeDownIdea, UndoMerge, get_moderation_queue, merge_candidates,
};
use crate::components::form::{
    Outcome, came_back, echoed_from, field_messages, general_message, on_success, provide_came_back,
};
use crate::components::{loaded, refetched};
use crate::i18n::status_name;
use crate::i18n::{Lang, Texts, use_lang, use_texts};
use bulk::*;
use chrono::{DateTime, Utc};
use items::*;
use leptos::html::{A, H2};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use wire::{
    BulkOutcome, IdeaCard, IdeaStatus, ModerationQueue, OpenReport, QueueIdea, ReasonTemplate,
    ReportTarget,
};

/// "waiting 5 min", "waiting 3 h", "waiting 2 d".
fn age(t: &'static Texts, since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let minutes = (now - since).num_minutes().max(0);
    let (n, unit) = if minutes < 60 {
        (minutes, t.unit_min)
    } else if minutes < 60 * 24 {
        (minutes / 60, t.unit_h)
    } else {
        (minutes / (60 * 24), t.unit_d)
    };
    format!("{} {n} {unit}", t.waiting)
}

/// The queue's version: bumped by the live stream and after each own decision.
#[derive(Clone, Copy)]
struct Version(RwSignal<u32>);

fn bump_after<T: Clone + Send + Sync + 'static>(outcome: Outcome<T>) {
    let version = expect_context::<Version>();
    on_success(outcome, move |_| version.0.update(|v| *v += 1));
}

/// Where focus goes after a decision on one item, once the queue is drawn again without it: the item
/// that took its place (or the one before it, if it was last), or the section's heading when none is
/// left. Without this the focus would fall to the top of the page.
#[derive(Clone, Copy, PartialEq)]
enum Focus {
    Item(i64),
    Heading(&'static str),
}

/// The focus waiting for the queue's next drawing: the element, and the first drawing of the queue that
/// may take it. The drawing on screen when the decision comes back must not: its elements are about to
/// be replaced (and may be reused for other items), so focus set there would be lost or misplaced.
#[derive(Clone, Copy)]
struct FocusNext {
    wanted: RwSignal<Option<(u32, Focus)>>,
    drawings: StoredValue<u32>,
}

impl FocusNext {
    fn new() -> Self {
        Self {
            wanted: RwSignal::new(None),
            drawings: StoredValue::new(0),
        }
    }
}

/// The number of the queue's drawing the components under it belong to.
#[derive(Clone, Copy)]
struct Drawing(u32);

/// After `outcome` succeeds, focus goes to the neighbour of item `id` in `selection`'s list, or to the
/// heading `section` (an element id).
fn focus_after<T: Clone + Send + Sync + 'static>(
    outcome: Outcome<T>,
    selection: Selection,
    id: i64,
    section: &'static str,
) {
    let next = expect_context::<FocusNext>();
    on_success(outcome, move |_| {
        let listed = selection.listed.get_untracked();
        let neighbour = listed.iter().position(|x| *x == id).and_then(|at| {
            listed
                .get(at + 1)
                .or_else(|| at.checked_sub(1).and_then(|before| listed.get(before)))
                .copied()
        });
        let target = neighbour.map_or(Focus::Heading(section), Focus::Item);
        next.wanted
            .set(Some((next.drawings.get_value() + 1, target)));
    });
}

/// Takes the waiting focus if it is `me` and this drawing of the queue may take it: `focus` focuses the
/// element once it is drawn (`None` while it is not yet).
fn take_focus(me: Focus, focus: impl Fn() -> Option<()> + 'static) {
    let next = expect_context::<FocusNext>();
    let Drawing(mine) = expect_context::<Drawing>();
    Effect::new(move |_| {
        if let Some((from, wanted)) = next.wanted.get()
            && wanted == me
            && mine >= from
            && focus().is_some()
        {
            next.wanted.set(None);
        }
    });
}

/// What is ticked in one queue section, and what the section lists now.
/// `/moderation`.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=t.moderation_title/>
        <Meta name="robots" content="noindex"/>
        <h1>{t.moderation_title}</h1>
        <p class="live-note">{t.queue_live}</p>
        <p><a href="/moderation/templates">{t.templates_title}</a></p>
        {loaded(get_moderation_queue, |q| view! { <ModerationLive q came_back=came_back()/> })}
    }
}

/// The queue, drawn again whenever the server says it changed or the moderator decided something: a
/// lazy island.
#[island(lazy)]
fn ModerationLive(
    q: ModerationQueue,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    provide_came_back(came_back);
    let version = Version(RwSignal::new(0));
    provide_context(version);
    provide_context(Bulk::new());
    provide_context(FocusNext::new());
    Effect::new(move |_| {
        crate::live::subscribe_to("/api/events/moderation", move |event| {
            if matches!(event, wire::LiveEvent::QueueChanged) {
                version.0.update(|v| *v += 1);
            }
        });
    });
    refetched(q, version.0, get_moderation_queue, |q| view! { <Queue q/> })
}

#[component]
fn Queue(q: ModerationQueue) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let now = q.now;
    let templates = q.templates.clone();
    let bulk = expect_context::<Bulk>();
    bulk.idea_selection
        .list(q.ideas.iter().map(|i| i.card.id).collect());
    bulk.comment_selection
        .list(q.comments.iter().map(|c| c.comment.id).collect());
    let (ideas_value, comments_value) = (bulk.ideas.value(), bulk.comments.value());
    let ideas_done: Outcome<BulkOutcome> = Signal::derive(move || ideas_value.get());
    let comments_done: Outcome<BulkOutcome> = Signal::derive(move || comments_value.get());
    let ideas_bar = (!q.ideas.is_empty()).then(|| {
        let fields = bulk_fields(
            ideas_done,
            "bulk-ideas",
            bulk.idea_selection,
            ("publish", "reject"),
            (t.bulk_publish, t.bulk_reject),
            q.templates.clone(),
        );
        view! { <ActionForm action=bulk.ideas attr:id="bulk-ideas" attr:class="bulk">{fields}</ActionForm> }
    });
    let comments_bar = (!q.comments.is_empty()).then(|| {
        let fields = bulk_fields(
            comments_done,
            "bulk-comments",
            bulk.comment_selection,
            ("keep", "hide"),
            (t.bulk_keep, t.bulk_hide),
            q.templates.clone(),
        );
        view! { <ActionForm action=bulk.comments attr:id="bulk-comments" attr:class="bulk">{fields}</ActionForm> }
    });
    let idea_templates = q.templates.clone();
    let report_templates = q.templates;
    let focus = expect_context::<FocusNext>();
    focus.drawings.update_value(|n| *n += 1);
    provide_context(Drawing(focus.drawings.get_value()));
    let (ideas_heading, comments_heading) = (NodeRef::<H2>::new(), NodeRef::<H2>::new());
    take_focus(Focus::Heading("queue-ideas"), move || {
        ideas_heading.get().map(|h| h.focus().unwrap_or_default())
    });
    take_focus(Focus::Heading("queue-comments"), move || {
        comments_heading
            .get()
            .map(|h| h.focus().unwrap_or_default())
    });
    view! {
        <section class="queue" aria-labelledby="queue-ideas">
            <h2 id="queue-ideas" tabindex="-1" node_ref=ideas_heading>{t.queue_ideas} " (" {q.ideas.len()} ")"</h2>
            {q.ideas.is_empty().then(|| view! { <p class="empty">{t.queue_empty}</p> })}
            <p class="form-success bulk-outcome" role="status">{bulk_summary(t, ideas_done)}</p>
            {ideas_bar}
            <ol class="queue-list">
                {q.ideas.into_iter().map(|i| view! { <IdeaItem i now templates=idea_templates.clone()/> }).collect_view()}
            </ol>
        </section>
        <section class="queue" aria-labelledby="queue-comments">
            <h2 id="queue-comments" tabindex="-1" node_ref=comments_heading>{t.queue_comments} " (" {q.comments.len()} ")"</h2>
            {q.comments.is_empty().then(|| view! { <p class="empty">{t.queue_empty}</p> })}
            <p class="form-success bulk-outcome" role="status">{bulk_summary(t, comments_done)}</p>
            {comments_bar}
            <ol class="queue-list">
                {q.comments.into_iter().map(|c| {
                    let templates = templates.clone();
                    let review = ServerAction::<ReviewComment>::new();
                    let outcome: Outcome<()> = Signal::derive(move || review.value().get());
                    let id = c.comment.id;
                    focus_after(outcome, bulk.comment_selection, id, "queue-comments");
                    bump_after(outcome);
                    let message = field_messages(outcome);
                    let general = general_message(outcome);
                    let link = NodeRef::<A>::new();
                    take_focus(Focus::Item(id), move || link.get().map(|a| a.focus().unwrap_or_default()));
                    view! {
                        <li class="queue-item">
                            <p class="idea-meta">
                                {tick("bulk-comments", id, c.comment.body.chars().take(60).collect(), bulk.comment_selection)}
                                <a href=format!("/ideas/{}#comment-{id}", c.comment.idea_id) node_ref=link>{c.idea_title.clone()}</a>
                                " · " {c.comment.author.clone()} " · " {age(t, c.comment.created_at, now)}
                            </p>
                            <blockquote>{c.comment.body.clone()}</blockquote>
                            <div class="actions">
                                <ActionForm action=review>
                                    <input type="hidden" name="comment_id" value=id/>
                                    <input type="hidden" name="action" value="keep"/>
                                    <input type="hidden" name="reason" value=""/>
                                    <button type="submit">{t.keep}</button>
                                </ActionForm>
                            </div>
                            <ActionForm action=review>
                                <input type="hidden" name="comment_id" value=id/>
                                <input type="hidden" name="action" value="hide"/>
                                <Reason id=format!("hide-{id}") templates message=message("reason") lang/>
                                <p class="form-error" role="alert">{general}</p>
                                <button type="submit" class="secondary">{t.hide}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        <section class="queue" aria-labelledby="queue-merges">
            <h2 id="queue-merges">{t.queue_merges}</h2>
            {q.merges.is_empty().then(|| view! { <p class="empty">{t.queue_empty}</p> })}
            <ul class="rows">
                {q.merges.into_iter().map(|m| {
                    let undo = ServerAction::<UndoMerge>::new();
                    let outcome: Outcome<()> = Signal::derive(move || undo.value().get());
                    bump_after(outcome);
                    let general = general_message(outcome);
                    view! {
                        <li class="merge-row">
                            <a href=format!("/ideas/{}", m.source_id)>{m.source_title}</a> " → "
                            <a href=format!("/ideas/{}", m.target_id)>{m.target_title}</a>
                            <ActionForm action=undo>
                                <input type="hidden" name="merge_id" value=m.id/>
                                <p class="form-error" role="alert">{general}</p>
                                <button type="submit" class="secondary">{t.undo_merge}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section class="queue" aria-labelledby="queue-reports">
            <h2 id="queue-reports">{t.queue_reports} " (" {q.reports.len()} ")"</h2>
            {q.reports.is_empty().then(|| view! { <p class="empty">{t.queue_empty}</p> })}
            <ol class="queue-list">
                {q.reports.into_iter().map(|r| {
                    let close = ServerAction::<CloseReport>::new();
                    let outcome: Outcome<()> = Signal::derive(move || close.value().get());
                    bump_after(outcome);
                    let general = general_message(outcome);
                    let take_down = take_down_form(&r, report_templates.clone(), lang);
                    view! {
                        <li class="queue-item">
                            <p class="idea-meta">
                                <a href=format!("/ideas/{}", r.idea_id)>
                                    {match r.target_kind { ReportTarget::Comment => t.reported_comment, ReportTarget::Idea => t.reported_idea }}
                                </a>
                                " · " {r.reporter.clone()} " · " {age(t, r.created_at, now)}
                            </p>
                            <blockquote>{r.excerpt.clone()}</blockquote>
                            <p><strong>{t.reason} ": "</strong> {r.reason.clone()}</p>
                            {take_down}
                            <ActionForm action=close>
                                <input type="hidden" name="report_id" value=r.id/>
                                <p class="form-error" role="alert">{general}</p>
                                <button type="submit" class="secondary">{t.close_report}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
