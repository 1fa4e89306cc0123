//! `/moderation`: the moderators' live queue — ideas and comments nobody has reviewed, and open reports,
//! oldest first with their age.
//!
//! The queue reloads whenever the server says it changed (its own event stream), so every moderator
//! sees the same queue; a decision another moderator already made is refused with a message. Ideas and
//! comments can be ticked and decided together (bulk actions: the checkboxes belong to the bulk form
//! through their `form` attribute); the merge form offers the most similar ideas as targets.

use crate::api::moderation::{
    CloseReport, CorrectIdea, MergeIdeas, ReviewComment, ReviewComments, ReviewIdea, ReviewIdeas,
    TakeDownIdea, UndoMerge, get_moderation_queue, merge_candidates,
};
use crate::components::form::{Outcome, echoed_from, field_messages, general_message, on_success};
use crate::components::{ErrorBox, Loading};
use crate::i18n::status_name;
use crate::i18n::{Lang, Texts, use_lang, use_texts};
use chrono::{DateTime, Utc};
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
#[derive(Clone, Copy)]
struct Selection {
    chosen: RwSignal<std::collections::HashSet<i64>>,
    listed: RwSignal<Vec<i64>>,
}

impl Selection {
    fn new() -> Self {
        Self {
            chosen: RwSignal::new(Default::default()),
            listed: RwSignal::new(Vec::new()),
        }
    }

    /// The section now lists `ids`: ticks on items that left it are dropped.
    fn list(self, ids: Vec<i64>) {
        self.chosen
            .update(|chosen| chosen.retain(|id| ids.contains(id)));
        self.listed.set(ids);
    }

    fn count(self) -> usize {
        self.chosen.with(|c| c.len())
    }

    fn all(self) -> bool {
        let listed = self.listed.with(Vec::len);
        listed > 0 && self.count() == listed
    }
}

/// The bulk forms' actions and selections. They live with the page, not with the queue it reloads, so
/// that "decided: 5" stays on screen after the queue refreshes.
#[derive(Clone, Copy)]
struct Bulk {
    ideas: ServerAction<ReviewIdeas>,
    comments: ServerAction<ReviewComments>,
    idea_selection: Selection,
    comment_selection: Selection,
}

impl Bulk {
    fn new() -> Self {
        let bulk = Self {
            ideas: ServerAction::new(),
            comments: ServerAction::new(),
            idea_selection: Selection::new(),
            comment_selection: Selection::new(),
        };
        for (action, selection) in [
            (bulk.ideas.value(), bulk.idea_selection),
            (bulk.comments.value(), bulk.comment_selection),
        ] {
            let outcome: Outcome<BulkOutcome> = Signal::derive(move || action.get());
            bump_after(outcome);
            on_success(outcome, move |_| selection.chosen.set(Default::default()));
        }
        bulk
    }
}

/// A queue item's checkbox, part of the bulk form `form`.
fn tick(form: &'static str, id: i64, label: String, selection: Selection) -> impl IntoView {
    let t = use_texts();
    view! {
        <label class="tick">
            <input type="checkbox" name="ids[]" value=id form=form
                prop:checked=move || selection.chosen.with(|c| c.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    selection.chosen.update(|c| {
                        if on { c.insert(id); } else { c.remove(&id); }
                    });
                }/>
            <span class="visually-hidden">{t.select_item} ": " {label}</span>
        </label>
    }
}

/// "Decided: 5; already decided by other moderators: 1".
fn bulk_summary(t: &'static Texts, outcome: Outcome<BulkOutcome>) -> impl Fn() -> Option<String> {
    move || match outcome.get() {
        Some(Ok(b)) if b.skipped > 0 => Some(format!(
            "{} {}; {} {}",
            t.bulk_done, b.done, t.bulk_skipped, b.skipped
        )),
        Some(Ok(b)) => Some(format!("{} {}", t.bulk_done, b.done)),
        _ => None,
    }
}

/// The inside of a queue section's bulk form `form`: "select all", the two decisions (`decisions`, shown
/// as `labels`), and the reason for all, grouped with the second decision (rejecting, hiding), which
/// needs it.
fn bulk_fields(
    outcome: Outcome<BulkOutcome>,
    form: &'static str,
    selection: Selection,
    decisions: (&'static str, &'static str),
    labels: (&'static str, &'static str),
    templates: Vec<ReasonTemplate>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let message = field_messages(outcome);
    let partly = move || selection.count() != 0 && !selection.all();
    let every = move |ev: leptos::ev::Event| {
        let chosen = if event_target_checked(&ev) {
            selection.listed.get_untracked().into_iter().collect()
        } else {
            Default::default()
        };
        selection.chosen.set(chosen);
    };
    view! {
            <fieldset>
                <legend>{t.bulk_title} ": " {move || selection.count()}</legend>
                <label class="tick">
                    <input type="checkbox" prop:checked=move || selection.all()
                        prop:indeterminate=partly on:change=every/>
                    {t.select_all}
                </label>
                <p class="field-error" role="alert">{move || message("ids").get()}</p>
                <button type="submit" name="action" value=decisions.0>{labels.0}</button>
                // The reason belongs to the second decision (reject, hide): grouped with its button.
                <div class="bulk-second" role="group" aria-label=labels.1>
                    <Reason id=format!("{form}-reason") templates message=message("reason") lang/>
                    <button type="submit" name="action" value=decisions.1 class="secondary">{labels.1}</button>
                </div>
                <p class="form-error" role="alert">{general_message(outcome)}</p>
            </fieldset>
    }
}

/// `/moderation`.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let t = use_texts();
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
    let queue = Resource::new(move || version.0.get(), |_| get_moderation_queue());
    view! {
        <Title text=t.moderation_title/>
        <Meta name="robots" content="noindex"/>
        <h1>{t.moderation_title}</h1>
        <p class="live-note">{t.queue_live}</p>
        <p><a href="/moderation/templates">{t.templates_title}</a></p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(q) => view! { <Queue q/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
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

/// The form that takes down a reported idea or hides a reported comment, with a reason (it also answers
/// the report).
fn take_down_form(r: &OpenReport, templates: Vec<ReasonTemplate>, lang: Lang) -> AnyView {
    let t = use_texts();
    let (field_id, target_id) = (format!("take-down-{}", r.id), r.target_id);
    if r.target_kind == ReportTarget::Comment {
        let hide = ServerAction::<ReviewComment>::new();
        let outcome: Outcome<()> = Signal::derive(move || hide.value().get());
        bump_after(outcome);
        let (message, general) = (field_messages(outcome), general_message(outcome));
        view! {
            <ActionForm action=hide>
                <input type="hidden" name="comment_id" value=target_id/>
                <input type="hidden" name="action" value="hide"/>
                <Reason id=field_id templates message=message("reason") lang/>
                <p class="form-error" role="alert">{general}</p>
                <button type="submit">{t.hide}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        let take_down = ServerAction::<TakeDownIdea>::new();
        let outcome: Outcome<()> = Signal::derive(move || take_down.value().get());
        bump_after(outcome);
        let (message, general) = (field_messages(outcome), general_message(outcome));
        view! {
            <ActionForm action=take_down>
                <input type="hidden" name="idea_id" value=target_id/>
                <Reason id=field_id templates message=message("reason") lang/>
                <p class="form-error" role="alert">{general}</p>
                <button type="submit">{t.take_down}</button>
            </ActionForm>
        }
        .into_any()
    }
}

/// A reason field with the templates to fill it from.
#[component]
fn Reason(
    id: String,
    templates: Vec<ReasonTemplate>,
    message: Signal<Option<&'static str>>,
    lang: Lang,
    /// What was typed before a post without JavaScript came back.
    #[prop(optional)]
    typed: String,
) -> impl IntoView {
    let t = use_texts();
    let area = NodeRef::<leptos::html::Textarea>::new();
    let texts: Vec<String> = templates
        .iter()
        .map(|x| x.text.get(lang).to_owned())
        .collect();
    let fill = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        if let (Ok(n), Some(area)) = (chosen.parse::<usize>(), area.get())
            && let Some(text) = texts.get(n)
        {
            area.set_value(text);
        }
    };
    let menu = format!("{id}-template");
    view! {
        {(!templates.is_empty()).then(|| view! {
            <div class="field">
                <label for=menu.clone()>{t.reason_templates}</label>
                <select id=menu.clone() on:change=fill>
                    <option value="">"—"</option>
                    {templates.iter().enumerate().map(|(n, x)| view! {
                        <option value=n.to_string()>{x.title.get(lang).to_owned()}</option>
                    }).collect_view()}
                </select>
            </div>
        })}
        <div class="field">
            <label for=id.clone()>{t.reason}</label>
            <textarea id=id.clone() name="reason" rows="2" node_ref=area aria-describedby=format!("{id}-error")
                aria-invalid=move || message.get().is_some().to_string()>{typed}</textarea>
            <p class="field-error" id=format!("{id}-error")>{move || message.get()}</p>
        </div>
    }
}

#[component]
fn IdeaItem(i: QueueIdea, now: DateTime<Utc>, templates: Vec<ReasonTemplate>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = i.card.id;
    let selection = expect_context::<Bulk>().idea_selection;
    let review = ServerAction::<ReviewIdea>::new();
    let outcome: Outcome<()> = Signal::derive(move || review.value().get());
    focus_after(outcome, selection, id, "queue-ideas");
    bump_after(outcome);
    let message = field_messages(outcome);
    let general = general_message(outcome);
    let correct = ServerAction::<CorrectIdea>::new();
    let corrected: Outcome<()> = Signal::derive(move || correct.value().get());
    bump_after(corrected);
    let fix_message = field_messages(corrected);
    let merge = ServerAction::<MergeIdeas>::new();
    let merged: Outcome<()> = Signal::derive(move || merge.value().get());
    focus_after(merged, selection, id, "queue-ideas");
    bump_after(merged);
    let merge_message = field_messages(merged);
    let merge_general = general_message(merged);
    let waiting = i.card.status == IdeaStatus::Submitted;
    let title = NodeRef::<A>::new();
    take_focus(Focus::Item(id), move || {
        title.get().map(|a| a.focus().unwrap_or_default())
    });
    let target = NodeRef::<leptos::html::Input>::new();
    let opened = RwSignal::new(false);
    // A rejection posted without JavaScript that came back (no reason): open, with what was typed.
    let rejected_before = echoed_from(
        <ReviewIdea as leptos::server_fn::ServerFn>::PATH,
        &[("idea_id", id.to_string().as_str()), ("action", "reject")],
        "reason",
    );
    let came_back = rejected_before.is_some();
    view! {
        <li class="queue-item" data-idea-id=id>
            <p class="idea-meta">
                {tick("bulk-ideas", id, i.card.title.clone(), selection)}
                <span class="badge">{status_name(t, i.card.status)}</span> " "
                <a href=format!("/projects/{}", i.project_slug)>{i.project_title.get(lang).to_owned()}</a>
                " · " {i.card.author.clone()} " · " {age(t, i.card.created_at, now)}
            </p>
            <h3><a href=format!("/ideas/{id}") node_ref=title>{i.card.title.clone()}</a></h3>
            <p class="idea-text">{i.body.clone()}</p>
            <p class="form-error" role="alert">{general}</p>
            <div class="actions">
                <ActionForm action=review>
                    <input type="hidden" name="idea_id" value=id/>
                    <input type="hidden" name="action" value="publish"/>
                    <input type="hidden" name="reason" value=""/>
                    <button type="submit">{if waiting { t.publish } else { t.keep }}</button>
                </ActionForm>
            </div>
            <details class="reject" open=came_back>
                <summary>{t.reject}</summary>
                <ActionForm action=review>
                    <input type="hidden" name="idea_id" value=id/>
                    <input type="hidden" name="action" value="reject"/>
                    <Reason id=format!("reject-{id}") templates message=message("reason") lang
                        typed=rejected_before.unwrap_or_default()/>
                    <button type="submit" class="secondary">{t.reject}</button>
                </ActionForm>
            </details>
            <details class="merge" on:toggle=move |_| opened.set(true)>
                <summary>{t.merge_duplicate}</summary>
                <MergeCandidates id target opened/>
                <ActionForm action=merge>
                    <input type="hidden" name="source_id" value=id/>
                    <div class="field">
                        <label for=format!("merge-target-{id}")>{t.merge_target}</label>
                        <input id=format!("merge-target-{id}") name="target_id" type="number" min="1"
                            inputmode="numeric" required node_ref=target aria-describedby=format!("merge-target-{id}-error")
                            aria-invalid=move || merge_message("target").get().is_some().to_string()/>
                        <p class="field-error" id=format!("merge-target-{id}-error")>{move || merge_message("target").get()}</p>
                    </div>
                    <div class="field">
                        <label for=format!("merge-reason-{id}")>{t.reason}</label>
                        <input id=format!("merge-reason-{id}") name="reason" type="text"
                            aria-describedby=format!("merge-reason-{id}-error")
                            aria-invalid=move || merge_message("reason").get().is_some().to_string()/>
                        <p class="field-error" id=format!("merge-reason-{id}-error")>{move || merge_message("reason").get()}</p>
                    </div>
                    <p class="form-error" role="alert">{merge_general}</p>
                    <button type="submit" class="secondary">{t.merge_duplicate}</button>
                </ActionForm>
            </details>
            <details class="correct">
                <summary>{t.correct_typo}</summary>
                <ActionForm action=correct>
                    <input type="hidden" name="idea_id" value=id/>
                    <div class="field">
                        <label for=format!("fix-title-{id}")>{t.field_title}</label>
                        <input id=format!("fix-title-{id}") name="title" type="text" value=i.card.title.clone()/>
                        <p class="field-error">{move || fix_message("title").get()}</p>
                    </div>
                    <div class="field">
                        <label for=format!("fix-body-{id}")>{t.field_body}</label>
                        <textarea id=format!("fix-body-{id}") name="body" rows="4">{i.body.clone()}</textarea>
                        <p class="field-error">{move || fix_message("body").get()}</p>
                    </div>
                    <div class="field">
                        <label for=format!("fix-note-{id}")>{t.correction_note}</label>
                        <input id=format!("fix-note-{id}") name="reason" type="text"/>
                        <p class="field-error">{move || fix_message("reason").get()}</p>
                    </div>
                    <button type="submit" class="secondary">{t.save}</button>
                </ActionForm>
            </details>
        </li>
    }
}

/// The merge form's search for the target: the ideas most similar to the duplicate, loaded when the form is
/// first opened (`opened`), or to what is typed (`#123` names one); "Choose" puts the idea's number in
/// `target`. Shown once scripts run: without them the moderator types the number.
#[component]
fn MergeCandidates(
    id: i64,
    target: NodeRef<leptos::html::Input>,
    opened: RwSignal<bool>,
) -> impl IntoView {
    let t = use_texts();
    let found = RwSignal::new(None::<Result<Vec<IdeaCard>, crate::model::AppError>>);
    let chosen = RwSignal::new(None::<String>);
    // Each search has a number; an answer to an older search than the latest is dropped.
    let asked = StoredValue::new(0u32);
    let search = move |query: String| {
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let cards = merge_candidates(id, query).await;
            if asked.get_value() == mine {
                found.set(Some(cards));
            }
        });
    };
    Effect::new(move |_| {
        if opened.get() && found.get_untracked().is_none() {
            search(String::new());
        }
    });
    let search_id = format!("merge-search-{id}");
    // The search needs scripts: without them (or until hydration) the form takes the number typed.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    move || {
        scripted.get().then(|| view! {
        <div class="merge-search">
            <div class="field">
                <label for=search_id.clone()>{t.merge_search}</label>
                <input id=search_id.clone() type="search" autocomplete="off"
                    on:input=move |ev| search(event_target_value(&ev))/>
            </div>
            <p class="hint">{t.merge_candidates}</p>
            <ul class="candidates" aria-live="polite">
                {move || match found.get() {
                    None => view! { <li class="hint">{t.loading}</li> }.into_any(),
                    Some(Err(error)) => view! {
                        <li class="form-error" role="alert">{error.general_message(t).unwrap_or(t.err_internal)}</li>
                    }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <li class="hint">{t.merge_none}</li> }.into_any(),
                    Some(Ok(list)) => list.into_iter().map(|c| {
                        let label = format!("#{} {}", c.id, c.title);
                        let picked = label.clone();
                        view! {
                            <li>
                                <button type="button" class="secondary" on:click=move |_| {
                                    if let Some(input) = target.get() {
                                        input.set_value(&c.id.to_string());
                                    }
                                    chosen.set(Some(picked.clone()));
                                }>{t.choose_target}<span class="visually-hidden">": " {label.clone()}</span></button> " "
                                <a href=format!("/ideas/{}", c.id) target="_blank">{label}</a>
                            </li>
                        }
                    }).collect_view().into_any(),
                }}
            </ul>
            <p role="status">{move || chosen.get().map(|c| format!("→ {c}"))}</p>
        </div>
    })
    }
}
