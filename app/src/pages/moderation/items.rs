//! One item of the queue: an idea with its decisions (publish, reject with a reason, correct, merge into
//! a similar idea), and the forms that answer a report.

use super::*;

/// The form that takes down a reported idea or hides a reported comment, with a reason (it also answers
/// the report).
pub(super) fn take_down_form(
    r: &OpenReport,
    templates: Vec<ReasonTemplate>,
    lang: Lang,
) -> AnyView {
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
pub(super) fn Reason(
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
pub(super) fn IdeaItem(
    i: QueueIdea,
    now: DateTime<Utc>,
    templates: Vec<ReasonTemplate>,
) -> impl IntoView {
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
pub(super) fn MergeCandidates(
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
