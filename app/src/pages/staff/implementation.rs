//! Implementation tracking in the staff workspace: the editor's list of a project's selected ideas, and
//! `/staff/ideas/:id/implementation`, one idea's record — department, status, percent, the reason of a
//! cancellation, milestones (set, reached) and progress reports with a photo (a plain multipart form to
//! `/staff/ideas/{id}/report`, which answers with a redirect back here carrying its outcome).

use super::*;
use crate::api::implementation::{
    AddMilestone, ReachMilestone, SaveImplementation, get_implementation_editor,
};
use crate::i18n::impl_status_name;
use crate::time::date;
use wire::{ImplStatus, Implementation, ImplementationEditor, ImplementationRow, Milestone};

/// The editor's panel listing the project's selected ideas, each with its record's status and a link to
/// its editor (the rows come with the workspace: a resource of its own, created inside the workspace's
/// suspense, was not always serialised before hydration reached it, and the page failed to hydrate).
#[component]
pub(super) fn ImplementationPanel(rows: Vec<ImplementationRow>) -> impl IntoView {
    let t = use_texts();
    let list = if rows.is_empty() {
        view! { <p class="empty">{t.staff_impl_empty}</p> }.into_any()
    } else {
        view! {
            <ul class="rows implementations">
                {rows.into_iter().map(|r| view! {
                    <li>
                        <a href=format!("/staff/ideas/{}/implementation", r.idea_id)>{r.title}</a>
                        " · "
                        {match r.status {
                            Some(s) => format!("{} · {} %", impl_status_name(t, s), r.percent),
                            None => t.impl_no_record.to_owned(),
                        }}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="implementation-edit">
            <h2 id="implementation-edit">{t.staff_impl_title}</h2>
            <p class="hint">{t.staff_impl_hint}</p>
            {list}
        </section>
    }
}

/// `/staff/ideas/:id/implementation`.
#[component]
pub fn ImplementationEditorPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let idea_id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or_default()
    });
    let data = Resource::new(move || idea_id.get(), get_implementation_editor);
    view! {
        <Title text=t.impl_record/>
        <Meta name="robots" content="noindex, nofollow"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(editor) => view! { <RecordLive editor came_back=came_back()/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One idea's record, fetched again after each change: a lazy island.
#[island(lazy)]
fn RecordLive(
    editor: ImplementationEditor,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    let edits = editor_scope(came_back);
    let idea_id = editor.idea_id;
    let fetch = move || get_implementation_editor(idea_id);
    refetched(
        editor,
        edits.0,
        fetch,
        |editor| view! { <RecordEditor editor/> },
    )
}

#[component]
fn RecordEditor(editor: ImplementationEditor) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = editor.idea_id;
    let milestones = editor
        .record
        .as_ref()
        .map(|r| r.milestones.clone())
        .unwrap_or_default();
    let opened = editor.record.is_some();
    view! {
        <header class="panel">
            <p><a href=format!("/staff/projects/{}", editor.project_id)>{t.impl_back}</a>
                " · " {editor.project_title.get(lang).to_owned()}</p>
            <h1>{t.impl_record} ": " {editor.title.clone()}</h1>
            <p><a href=format!("/ideas/{id}#implementation")>{t.impl_open_idea}</a></p>
        </header>
        <RecordForm idea_id=id record=editor.record.clone()/>
        {opened.then(|| view! {
            <section class="panel" aria-labelledby="milestones-edit">
                <h2 id="milestones-edit">{t.impl_milestones}</h2>
                <ul class="rows milestones">
                    {milestones.into_iter().map(|m| view! { <MilestoneRow m/> }).collect_view()}
                </ul>
                <MilestoneForm idea_id=id/>
            </section>
            <ReportForm idea_id=id max=editor.report_max/>
        })}
    }
}

/// The record's own fields.
#[component]
fn RecordForm(idea_id: i64, record: Option<Implementation>) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveImplementation>::new();
    let saved = outcome_of(move || save.value().get());
    refresh_after(saved);
    let message = field_messages(saved);
    let status = record.as_ref().map_or(ImplStatus::Planned, |r| r.status);
    let (department, percent, reason) = record.map_or_else(Default::default, |r| {
        (
            r.department,
            r.percent.to_string(),
            r.reason.unwrap_or_default(),
        )
    });
    view! {
        <section class="panel" aria-labelledby="record-edit">
            <h2 id="record-edit">{t.impl_record}</h2>
            <ActionForm action=save attr:class="implementation-form">
                <input type="hidden" name="idea_id" value=idea_id/>
                <p class="form-error" role="alert">{general_message(saved)}</p>
                <Field name="department" label=t.impl_department value=department message=message("department") required=true/>
                <div class="field">
                    <label for="impl-status">{t.field_status}</label>
                    <select id="impl-status" name="status">
                        {ImplStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=*s == status>{impl_status_name(t, *s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Field name="percent" label=t.impl_percent kind="number" value=percent message=message("percent")/>
                <Field name="reason" label=t.impl_reason_label hint=t.impl_reason_hint multiline=true value=reason
                    message=message("reason")/>
                <button type="submit">{t.save}</button>
            </ActionForm>
        </section>
    }
}

/// A milestone with, until it is reached, a form to mark it reached.
#[component]
fn MilestoneRow(m: Milestone) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let reach = ServerAction::<ReachMilestone>::new();
    let reached = outcome_of(move || reach.value().get());
    refresh_after(reached);
    let message = field_messages(reached);
    let id = m.id;
    view! {
        <li>
            <p>
                <strong>{m.title.clone()}</strong> " · " {t.impl_due} " " {date(lang, m.due_at)}
                {m.reached_at.map(|at| view! { " · " {t.impl_reached} " " {date(lang, at)} })}
            </p>
            {m.reached_at.is_none().then(|| view! {
                <ActionForm action=reach attr:class="reach-form">
                    <input type="hidden" name="milestone_id" value=id/>
                    <p class="form-error" role="alert">{general_message(reached)}</p>
                    <Field name="on" label=t.impl_reached_on kind="date" id=format!("reach-{id}") message=message("on")/>
                    <button type="submit" class="secondary">{t.impl_reach}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// A new milestone: what and by when.
#[component]
fn MilestoneForm(idea_id: i64) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddMilestone>::new();
    let added = outcome_of(move || add.value().get());
    refresh_after(added);
    let message = field_messages(added);
    view! {
        <ActionForm action=add attr:class="milestone-form">
            <input type="hidden" name="idea_id" value=idea_id/>
            <p class="form-error" role="alert">{general_message(added)}</p>
            <div class="two">
                <Field name="title" label=t.impl_milestone_title id="milestone-title" message=message("title") required=true/>
                <Field name="due" label=t.impl_due_label kind="date" id="milestone-due" message=message("due") required=true/>
            </div>
            <button type="submit">{t.impl_add_milestone}</button>
        </ActionForm>
    }
}

/// A progress report with an optional photo: a multipart form the server answers with a redirect back
/// here, `?report=saved` or `?report_error=<code>&report_field=<field>`.
#[component]
fn ReportForm(idea_id: i64, max: usize) -> impl IntoView {
    let t = use_texts();
    let address = use_address();
    let error = move |field: &str| {
        let code = address("report_error")?;
        (address("report_field").as_deref() == Some(field))
            .then(|| crate::i18n::error_text(t, field, &code))
    };
    let saved = move || address("report").is_some_and(|v| v == "saved");
    view! {
        <section class="panel" aria-labelledby="report-edit">
            <h2 id="report-edit">{t.impl_add_report}</h2>
            <form method="post" action=format!("/staff/ideas/{idea_id}/report") enctype="multipart/form-data"
                class="report-form">
                <p class="form-error" role="alert">{move || error("form")}</p>
                <div class="field">
                    <label for="report-body">{t.impl_report_body}</label>
                    <textarea id="report-body" name="body" rows="5" maxlength=max required=true
                        aria-describedby="report-body-error" aria-invalid=move || error("body").is_some().to_string()></textarea>
                    <p class="field-error" id="report-body-error">{move || error("body")}</p>
                </div>
                <div class="field">
                    <label for="report-photo">{t.impl_report_photo}</label>
                    <input id="report-photo" name="photo" type="file" accept="image/png,image/jpeg,image/webp"
                        aria-describedby="report-photo-error" aria-invalid=move || error("photo").is_some().to_string()/>
                    <p class="field-error" id="report-photo-error">{move || error("photo")}</p>
                </div>
                <Show when=saved><p class="form-success" role="status">{t.impl_report_saved}</p></Show>
                <button type="submit">{t.impl_add_report}</button>
            </form>
        </section>
    }
}
