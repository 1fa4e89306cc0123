//! The staff workspace: the list of every project with a form for a new one, the editor of one project
//! (texts, publication, stages, directions, commission, preview links, history), and the previews.
//!
//! Each small form has its own action, so its messages stay next to its own fields; a success bumps the
//! page's `edits` counter, which reloads the editor's data. Each form also has a "Preview" button that
//! sends what is typed, unsaved, to a preview server function; the page it returns is shown in the
//! editor's preview panel, exactly as residents would see it.

use crate::api::JoinProject;
use crate::api::staff::{
    AddDirection, AddMember, AddStage, CreatePreviewLink, CreateProject, DeleteDirection,
    DeleteStage, MoveDirection, MoveMember, PreviewChanges, PreviewDirection, PreviewMember,
    PreviewStage, RemoveMember, RemoveMemberPhoto, RenameDirection, RetireDirection,
    RevokePreviewLink, SetCriteria, SetPremoderation, SetPublication, SetQuorum, UpdateMember,
    UpdateProject, UpdateStage, get_staff_workspace, link_preview, staff_preview, staff_projects,
};
use crate::components::form::{
    Field, Outcome, field_messages, general_message, on_success, reset_on_success,
};
use crate::components::layout::reload_to;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Texts, use_lang, use_texts};
use crate::model::AppError;
use crate::pages::project::Project;
use crate::pages::project::stage_name as projects_stage_name;
use crate::time::date_time;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use wire::{Criterion, ProjectData, ProjectState, StaffWorkspace};

/// "Up" and "Down" buttons of a list entry: `$action` takes the entry's id as `$name` and `up`.
macro_rules! up_down {
    ($action:expr, $name:literal, $id:expr, $t:expr) => {
        view! {
            <ActionForm action=$action>
                <input type="hidden" name=$name value=$id/>
                <input type="hidden" name="up" value="true"/>
                <button type="submit" class="secondary">{$t.up}</button>
            </ActionForm>
            <ActionForm action=$action>
                <input type="hidden" name=$name value=$id/>
                <input type="hidden" name="up" value="false"/>
                <button type="submit" class="secondary">{$t.down}</button>
            </ActionForm>
        }
    };
}

/// The edit counter of the editor page: bumped after each successful change.
#[derive(Clone, Copy)]
struct Edits(RwSignal<u32>);

/// The editor's preview panel: the page with the last previewed unsaved edit.
#[derive(Clone, Copy)]
struct Previewed(RwSignal<Option<ProjectData>>);

/// Shows each page `outcome` brings in the preview panel (and scrolls to it).
fn to_panel(outcome: Outcome<ProjectData>) {
    let panel = expect_context::<Previewed>();
    on_success(outcome, move |page| {
        panel.0.set(Some(page));
        #[cfg(feature = "hydrate")]
        if let Some(panel) = document().get_element_by_id("preview-changes-title") {
            panel.scroll_into_view();
        }
    });
}

/// Per field, the message of saving or, failing that, of previewing.
fn either_messages<T: Clone + Send + Sync + 'static>(
    saved: Outcome<T>,
    previewed: Outcome<ProjectData>,
) -> impl Fn(&'static str) -> Signal<Option<&'static str>> + Copy {
    move |field| {
        let (saved, shown) = (
            field_messages(saved)(field),
            field_messages(previewed)(field),
        );
        Signal::derive(move || saved.get().or(shown.get()))
    }
}

/// A "Preview" button: `dispatch` gets a reader of the values typed in `form` now.
fn preview_button(
    form: NodeRef<leptos::html::Form>,
    dispatch: impl Fn(&dyn Fn(&str) -> String) + 'static,
) -> impl IntoView {
    let t = use_texts();
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(data) = form
            .get()
            .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
        {
            dispatch(&|name| data.get(name).as_string().unwrap_or_default());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&form, &dispatch);
    };
    view! { <button type="button" class="secondary" on:click=on_click>{t.preview_short}</button> }
}

fn state_name(t: &'static Texts, state: ProjectState) -> &'static str {
    match state {
        ProjectState::Draft => t.state_draft,
        ProjectState::Scheduled => t.state_scheduled,
        ProjectState::Published => t.state_published,
        ProjectState::Archived => t.state_archived,
    }
}

fn outcome_of<T: Clone + Send + Sync + 'static>(
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
) -> Outcome<T> {
    Signal::derive(value)
}

/// `/staff`.
#[component]
pub fn StaffHome() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let list = Resource::new(|| (), |_| staff_projects());
    let create = ServerAction::<CreateProject>::new();
    let outcome = outcome_of(move || create.value().get());
    let message = field_messages(outcome);
    on_success(outcome, |id| reload_to(&format!("/staff/projects/{id}")));
    view! {
        <Title text=t.nav_staff/>
        <Meta name="robots" content="noindex, nofollow"/>
        <h1>{t.staff_title}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) => view! {
                        <ul class="cards staff-list">
                            {rows.into_iter().map(|p| view! {
                                <li class="card">
                                    <h3><a href=format!("/staff/projects/{}", p.id)>{p.title.get(lang).to_owned()}</a></h3>
                                    <p class="card-meta">
                                        <span class="badge">{state_name(t, p.state)}</span> " " <code>{p.slug}</code>
                                        {p.publish_at.map(|at| view! { " · " {date_time(lang, at)} })}
                                    </p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Suspense>
        <section class="panel" aria-labelledby="new-project">
            <h2 id="new-project">{t.staff_new}</h2>
            <ActionForm action=create>
                <p class="form-error" role="alert">{general_message(outcome)}</p>
                <ProjectFields message values=None/>
                <button type="submit">{t.staff_create}</button>
            </ActionForm>
        </section>
    }
}

/// The text fields of a project, empty or filled from `values`.
#[component]
fn ProjectFields(
    message: impl Fn(&'static str) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
    values: Option<StaffWorkspace>,
) -> impl IntoView {
    let t = use_texts();
    let v = values
        .map(|w| (w.row.slug, w.row.title, w.summary, w.body))
        .unwrap_or_default();
    view! {
        <Field name="slug" label=t.field_slug message=message("slug") value=v.0 required=true/>
        <div class="two">
            <Field name="title_ru" label=t.field_title_ru message=message("title_ru") value=v.1.ru.clone()/>
            <Field name="title_en" label=t.field_title_en message=message("title_en") value=v.1.en.clone()/>
        </div>
        <div class="two">
            <Field name="summary_ru" label=t.field_summary_ru message=message("summary_ru") value=v.2.ru.clone() multiline=true/>
            <Field name="summary_en" label=t.field_summary_en message=message("summary_en") value=v.2.en.clone() multiline=true/>
        </div>
        <div class="two">
            <Field name="body_ru" label=t.field_body_ru message=message("body_ru") value=v.3.ru.clone() multiline=true/>
            <Field name="body_en" label=t.field_body_en message=message("body_en") value=v.3.en.clone() multiline=true/>
        </div>
    }
}

fn project_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or_default()
    })
}

/// `/staff/projects/:id`.
#[component]
pub fn StaffProjectPage() -> impl IntoView {
    let t = use_texts();
    let id = project_id();
    let edits = Edits(RwSignal::new(0));
    provide_context(edits);
    let previewed = Previewed(RwSignal::new(None));
    provide_context(previewed);
    // Lives outside the reloading editor, so the new link stays on screen after the list reloads.
    let create_link = ServerAction::<CreatePreviewLink>::new();
    refresh_after(outcome_of(move || create_link.value().get()));
    let data = Resource::new(
        move || (id.get(), edits.0.get()),
        |(id, _)| get_staff_workspace(id),
    );
    view! {
        <Title text=t.edit_project/>
        <Meta name="robots" content="noindex, nofollow"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(w) => view! { <Editor w create_link/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Bumps the page's edit counter after each success of `outcome`; the preview panel closes, as what it
/// showed is saved (or outdated) now.
fn refresh_after<T: Clone + Send + Sync + 'static>(outcome: Outcome<T>) {
    let edits = expect_context::<Edits>();
    let panel = expect_context::<Previewed>();
    on_success(outcome, move |_| {
        panel.0.set(None);
        edits.0.update(|n| *n += 1);
    });
}

#[component]
fn Editor(w: StaffWorkspace, create_link: ServerAction<CreatePreviewLink>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = w.row.id;
    let update = ServerAction::<UpdateProject>::new();
    let outcome = outcome_of(move || update.value().get());
    refresh_after(outcome);
    // "Preview changes" renders the page with what is typed now, without saving it.
    let preview = ServerAction::<PreviewChanges>::new();
    let previewed = outcome_of(move || preview.value().get());
    to_panel(previewed);
    let message = either_messages(outcome, previewed);
    let form = NodeRef::<leptos::html::Form>::new();
    let preview_typed = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(data) = form
            .get()
            .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
        {
            let get = |name: &str| data.get(name).as_string().unwrap_or_default();
            preview.dispatch(PreviewChanges {
                project_id: id,
                slug: get("slug"),
                title_ru: get("title_ru"),
                title_en: get("title_en"),
                summary_ru: get("summary_ru"),
                summary_en: get("summary_en"),
                body_ru: get("body_ru"),
                body_en: get("body_en"),
            });
        }
    };
    let panel = expect_context::<Previewed>();
    let preview_join = ServerAction::<JoinProject>::new();
    let texts = w.clone();
    view! {
        <header class="panel">
            <p><a href="/staff">{t.nav_staff}</a></p>
            <h1>{w.row.title.get(lang).to_owned()}</h1>
            <p>
                {t.state_now} ": " <span class="badge" data-state=w.row.state.as_str()>{state_name(t, w.row.state)}</span>
                {w.row.publish_at.map(|at| view! { " · " {date_time(lang, at)} })}
            </p>
            <p><a class="button" href=format!("/staff/projects/{id}/preview")>{t.preview_as_resident}</a></p>
        </header>
        <Publication id/>
        <PremoderationForm project_id=id on=w.premoderation/>
        <CoverForm id cover=w.row.cover.clone()/>
        <section class="panel" aria-labelledby="texts-title">
            <h2 id="texts-title">{t.edit_project}</h2>
            <ActionForm action=update node_ref=form>
                <input type="hidden" name="project_id" value=id/>
                <p class="form-error" role="alert">{general_message(outcome)}</p>
                <ProjectFields message values=Some(texts)/>
                <div class="actions">
                    <button type="submit">{t.save}</button>
                    <button type="button" class="secondary" on:click=preview_typed>{t.preview_changes}</button>
                </div>
            </ActionForm>
        </section>
        {move || panel.0.get().map(|project| view! {
            <section class="panel preview-changes" aria-labelledby="preview-changes-title">
                <h2 id="preview-changes-title">{t.preview_changes}</h2>
                <button type="button" class="secondary" on:click=move |_| panel.0.set(None)>{t.close_preview}</button>
                <Project project join=preview_join preview=true/>
            </section>
        })}
        <section class="panel" aria-labelledby="stages-edit">
            <h2 id="stages-edit">{t.stages_title}</h2>
            <p class="hint">{t.moscow_time}</p>
            {w.stages.into_iter().map(|s| view! { <StageRow stage=Some(s) project_id=id/> }).collect_view()}
            <StageRow stage=None project_id=id/>
        </section>
        <section class="panel" aria-labelledby="directions-edit">
            <h2 id="directions-edit">{t.directions_title}</h2>
            <ul class="rows">
                {w.directions.into_iter().map(|d| view! { <DirectionRow d project_id=id/> }).collect_view()}
            </ul>
            <AddDirectionForm project_id=id/>
        </section>
        <section class="panel" aria-labelledby="commission-edit">
            <h2 id="commission-edit">{t.commission_title}</h2>
            <ul class="rows">
                {w.commission.into_iter().map(|m| view! { <MemberRow m project_id=id/> }).collect_view()}
            </ul>
            <AddMemberForm project_id=id/>
        </section>
        <CriteriaForm project_id=id criteria=w.criteria locked=w.criteria_locked/>
        <QuorumForm project_id=id quorum=w.quorum locked=w.quorum_locked/>
        <PreviewLinks id links=w.links create=create_link/>
        <section class="panel" aria-labelledby="history-title">
            <h2 id="history-title">{t.history_title}</h2>
            <ol class="history">
                {w.revisions.into_iter().map(|r| view! {
                    <li>
                        <time datetime=r.at.to_rfc3339()>{date_time(lang, r.at)}</time> " · " <strong>{r.actor}</strong>
                        <pre>{r.summary}</pre>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// The criteria the commission scores ideas on: one row per criterion and two empty rows to add more (up to
/// eight); clearing a row removes it. Read-only once scoring has started.
#[component]
fn CriteriaForm(project_id: i64, criteria: Vec<Criterion>, locked: bool) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SetCriteria>::new();
    let outcome = outcome_of(move || save.value().get());
    refresh_after(outcome);
    let message = field_messages(outcome);
    let rows = (criteria.len() + 2).min(8);
    let field = move |n: usize, lang: &str, label: &'static str, value: String| {
        let id = format!("criterion-{n}-{lang}");
        view! {
            <div class="field">
                <label for=id.clone()>{t.criterion} " " {n + 1} ": " {label}</label>
                <input id=id name=format!("{lang}[{n}]") value=value maxlength="120"
                    aria-describedby="criteria-error"/>
            </div>
        }
    };
    view! {
        <section class="panel" aria-labelledby="criteria-edit">
            <h2 id="criteria-edit">{t.criteria_title}</h2>
            <p class="hint">{if locked { t.criteria_locked_hint } else { t.criteria_hint }}</p>
            <ActionForm action=save attr:class="criteria-form">
                <input type="hidden" name="project_id" value=project_id/>
                <fieldset disabled=locked>
                    <legend class="visually-hidden">{t.criteria_title}</legend>
                    {(0..rows).map(|n| {
                        let c = criteria.get(n);
                        let ru = c.map(|c| c.title.ru.clone()).unwrap_or_default();
                        let en = c.map(|c| c.title.en.clone()).unwrap_or_default();
                        view! {
                            <div class="two">
                                {field(n, "ru", t.field_title_ru, ru)}
                                {field(n, "en", t.field_title_en, en)}
                            </div>
                        }
                    }).collect_view()}
                    <p class="field-error" id="criteria-error" role="alert">{move || message("criteria").get()}</p>
                    <p class="form-error" role="alert">{general_message(outcome)}</p>
                    <button type="submit">{t.save}</button>
                </fieldset>
            </ActionForm>
        </section>
    }
}

/// Whether new ideas wait for a moderator before they are public.
#[component]
fn PremoderationForm(project_id: i64, on: bool) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SetPremoderation>::new();
    let outcome = outcome_of(move || save.value().get());
    refresh_after(outcome);
    view! {
        <section class="panel" aria-labelledby="premoderation-edit">
            <h2 id="premoderation-edit">{t.premoderation_title}</h2>
            <ActionForm action=save attr:class="premoderation-form">
                <input type="hidden" name="project_id" value=project_id/>
                <label class="tick">
                    <input type="checkbox" name="premoderation" value="on" checked=on/>
                    " " {t.premoderation_label}
                </label>
                <p class="hint">{t.premoderation_hint}</p>
                <p class="form-error" role="alert">{general_message(outcome)}</p>
                <button type="submit">{t.save}</button>
            </ActionForm>
        </section>
    }
}

/// How many votes select an idea: blank for a majority of the members who may vote on it. Read-only once
/// the final vote has started.
#[component]
fn QuorumForm(project_id: i64, quorum: Option<i32>, locked: bool) -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SetQuorum>::new();
    let outcome = outcome_of(move || save.value().get());
    refresh_after(outcome);
    let message = field_messages(outcome);
    view! {
        <section class="panel" aria-labelledby="quorum-edit">
            <h2 id="quorum-edit">{t.quorum_title}</h2>
            <p class="hint">{if locked { t.quorum_locked_hint } else { t.quorum_hint }}</p>
            <ActionForm action=save attr:class="quorum-form">
                <input type="hidden" name="project_id" value=project_id/>
                <fieldset disabled=locked>
                    <legend class="visually-hidden">{t.quorum_title}</legend>
                    <Field name="quorum" label=t.quorum_label message=message("quorum") kind="number"
                        id="field-quorum" value=quorum.map(|q| q.to_string()).unwrap_or_default()/>
                    <p class="form-error" role="alert">{general_message(outcome)}</p>
                    <button type="submit">{t.save}</button>
                </fieldset>
            </ActionForm>
        </section>
    }
}

/// The cover upload: a plain multipart form; the server answers with a redirect carrying the outcome.
#[component]
fn CoverForm(id: i64, cover: Option<String>) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let error = move || {
        query
            .read()
            .get("cover_error")
            .map(|code| crate::i18n::error_text(t, "cover", &code))
    };
    let saved = move || query.read().get("cover").is_some_and(|v| v == "saved");
    view! {
        <section class="panel" aria-labelledby="cover-title">
            <h2 id="cover-title">{t.cover_title}</h2>
            {cover.map(|src| view! { <img class="cover-thumb" src=src alt=""/> })}
            <form method="post" action=format!("/staff/projects/{id}/cover") enctype="multipart/form-data">
                <div class="field">
                    <label for="cover-file">{t.field_cover}</label>
                    <input id="cover-file" name="cover" type="file" accept="image/png,image/jpeg,image/webp"
                        aria-describedby="cover-file-error" aria-invalid=move || error().is_some().to_string()/>
                    <p class="field-error" id="cover-file-error">{error}</p>
                </div>
                <Show when=saved><p class="form-success" role="status">{t.cover_saved}</p></Show>
                <button type="submit">{t.upload}</button>
            </form>
        </section>
    }
}

#[component]
fn Publication(id: i64) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<SetPublication>::new();
    let outcome = outcome_of(move || action.value().get());
    refresh_after(outcome);
    let message = field_messages(outcome);
    let simple = move |value: &'static str, label: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="project_id" value=id/>
                <input type="hidden" name="action" value=value/>
                <input type="hidden" name="publish_at" value=""/>
                <button type="submit" class="secondary">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <section class="panel" aria-labelledby="publication-title">
            <h2 id="publication-title">{t.publication_title}</h2>
            <p class="form-error" role="alert">{general_message(outcome)}</p>
            <div class="actions">
                {simple("publish", t.publish_now)}
                {simple("unpublish", t.unpublish)}
                {simple("archive", t.archive)}
            </div>
            <ActionForm action>
                <input type="hidden" name="project_id" value=id/>
                <input type="hidden" name="action" value="schedule"/>
                <Field name="publish_at" label=t.field_publish_at kind="datetime-local" message=message("publish_at")
                    id="schedule-at"/>
                <button type="submit">{t.schedule}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn StageRow(stage: Option<wire::StaffStage>, project_id: i64) -> impl IntoView {
    let t = use_texts();
    let key = stage
        .as_ref()
        .map_or_else(|| "new".to_owned(), |s| s.id.to_string());
    let kinds = ["announcement", "ideas", "discussion", "review", "results"];
    let selected = stage.as_ref().map(|s| s.kind.clone()).unwrap_or_default();
    let stage_id = stage.as_ref().map(|s| s.id);
    let preview = ServerAction::<PreviewStage>::new();
    let previewed = outcome_of(move || preview.value().get());
    to_panel(previewed);
    let form = NodeRef::<leptos::html::Form>::new();
    let preview = preview_button(form, move |get| {
        preview.dispatch(PreviewStage {
            project_id,
            stage_id,
            kind: get("kind"),
            starts_at: get("starts_at"),
            ends_at: get("ends_at"),
        });
    });
    let fields = move |message: &dyn Fn(&'static str) -> Signal<Option<&'static str>>| {
        let selected = selected.clone();
        view! {
            <div class="field">
                <label for=format!("stage-kind-{key}")>{t.field_kind}</label>
                <select id=format!("stage-kind-{key}") name="kind">
                    {kinds.into_iter().map(|k| view! {
                        <option value=k selected=selected == k>{projects_stage_name(t, k)}</option>
                    }).collect_view()}
                </select>
                <p class="field-error">{message("kind")}</p>
            </div>
            <Field name="starts_at" label=t.field_starts kind="datetime-local" message=message("starts_at")
                id=format!("stage-start-{key}")
                value=stage.as_ref().map(|s| s.starts_local.clone()).unwrap_or_default()/>
            <Field name="ends_at" label=t.field_ends kind="datetime-local" message=message("ends_at")
                id=format!("stage-end-{key}")
                value=stage.as_ref().map(|s| s.ends_local.clone()).unwrap_or_default()/>
        }
    };
    match stage_id {
        Some(stage_id) => {
            let update = ServerAction::<UpdateStage>::new();
            let outcome = outcome_of(move || update.value().get());
            refresh_after(outcome);
            let message = either_messages(outcome, previewed);
            let delete = ServerAction::<DeleteStage>::new();
            let deleted = outcome_of(move || delete.value().get());
            refresh_after(deleted);
            view! {
                <div class="stage-row">
                    <ActionForm action=update node_ref=form>
                        <input type="hidden" name="stage_id" value=stage_id/>
                        <div class="three">{fields(&message)}</div>
                        <div class="actions"><button type="submit">{t.save}</button> {preview}</div>
                    </ActionForm>
                    <ActionForm action=delete>
                        <input type="hidden" name="stage_id" value=stage_id/>
                        <p class="form-error" role="alert">{field_messages(deleted)("kind")}</p>
                        <button type="submit" class="secondary">{t.delete}</button>
                    </ActionForm>
                </div>
            }
            .into_any()
        }
        None => {
            let add = ServerAction::<AddStage>::new();
            let outcome = outcome_of(move || add.value().get());
            refresh_after(outcome);
            reset_on_success(outcome, form);
            let message = either_messages(outcome, previewed);
            view! {
                <div class="stage-row new">
                    <ActionForm action=add node_ref=form>
                        <input type="hidden" name="project_id" value=project_id/>
                        <div class="three">{fields(&message)}</div>
                        <div class="actions"><button type="submit">{t.add}</button> {preview}</div>
                    </ActionForm>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn DirectionRow(d: wire::StaffDirection, project_id: i64) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let moved = ServerAction::<MoveDirection>::new();
    let retire = ServerAction::<RetireDirection>::new();
    let delete = ServerAction::<DeleteDirection>::new();
    refresh_after(outcome_of(move || moved.value().get()));
    refresh_after(outcome_of(move || retire.value().get()));
    let deleted = outcome_of(move || delete.value().get());
    refresh_after(deleted);
    let rename = ServerAction::<RenameDirection>::new();
    let renamed = outcome_of(move || rename.value().get());
    refresh_after(renamed);
    let id = d.id;
    let (form, preview, previewed) = direction_preview(project_id, Some(id));
    let message = either_messages(renamed, previewed);
    let (title_ru, title_en) = (d.title.ru.clone(), d.title.en.clone());
    view! {
        <li class:retired=d.retired>
            <details class="rename">
                <summary>{t.rename}</summary>
                <ActionForm action=rename node_ref=form>
                    <input type="hidden" name="direction_id" value=id/>
                    <div class="two">
                        <Field name="title_ru" label=t.field_title_ru message=message("title_ru")
                            id=format!("direction-{id}-ru") value=title_ru/>
                        <Field name="title_en" label=t.field_title_en message=message("title_en")
                            id=format!("direction-{id}-en") value=title_en/>
                    </div>
                    <div class="actions"><button type="submit">{t.save}</button> {preview}</div>
                </ActionForm>
            </details>
            <strong>{d.title.get(lang).to_owned()}</strong> " (" {d.ideas_count} ")"
            {d.retired.then(|| view! { " · " <em>{t.retired}</em> })}
            <div class="actions">
                {up_down!(moved, "direction_id", id, t)}
                <ActionForm action=retire>
                    <input type="hidden" name="direction_id" value=id/>
                    <input type="hidden" name="retired" value=(!d.retired).to_string()/>
                    <button type="submit" class="secondary">{if d.retired { t.restore } else { t.retire }}</button>
                </ActionForm>
                <ActionForm action=delete>
                    <input type="hidden" name="direction_id" value=id/>
                    <button type="submit" class="secondary">{t.delete}</button>
                </ActionForm>
            </div>
            <p class="form-error" role="alert">{field_messages(deleted)("direction")}</p>
        </li>
    }
}

/// The "Preview" button of a direction's form (`id`: renaming it; `None`: adding one).
fn direction_preview(
    project_id: i64,
    direction_id: Option<i64>,
) -> (
    NodeRef<leptos::html::Form>,
    impl IntoView,
    Outcome<ProjectData>,
) {
    let preview = ServerAction::<PreviewDirection>::new();
    let previewed = outcome_of(move || preview.value().get());
    to_panel(previewed);
    let form = NodeRef::new();
    let button = preview_button(form, move |get| {
        preview.dispatch(PreviewDirection {
            project_id,
            direction_id,
            title_ru: get("title_ru"),
            title_en: get("title_en"),
        });
    });
    (form, button, previewed)
}

#[component]
fn AddDirectionForm(project_id: i64) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddDirection>::new();
    let outcome = outcome_of(move || add.value().get());
    refresh_after(outcome);
    let (form, preview, previewed) = direction_preview(project_id, None);
    reset_on_success(outcome, form);
    let message = either_messages(outcome, previewed);
    view! {
        <ActionForm action=add node_ref=form>
            <input type="hidden" name="project_id" value=project_id/>
            <div class="two">
                <Field name="title_ru" label=t.field_title_ru message=message("title_ru") id="direction-title-ru"/>
                <Field name="title_en" label=t.field_title_en message=message("title_en") id="direction-title-en"/>
            </div>
            <div class="actions"><button type="submit">{t.add}</button> {preview}</div>
        </ActionForm>
    }
}

/// The "Preview" button of a member's form (`id`: changing them; `None`: adding one).
fn member_preview(
    project_id: i64,
    member_id: Option<i64>,
) -> (
    NodeRef<leptos::html::Form>,
    impl IntoView,
    Outcome<ProjectData>,
) {
    let preview = ServerAction::<PreviewMember>::new();
    let previewed = outcome_of(move || preview.value().get());
    to_panel(previewed);
    let form = NodeRef::new();
    let button = preview_button(form, move |get| {
        preview.dispatch(PreviewMember {
            project_id,
            member_id,
            name_ru: get("name_ru"),
            name_en: get("name_en"),
            position_ru: get("position_ru"),
            position_en: get("position_en"),
            expert_email: get("expert_email"),
        });
    });
    (form, button, previewed)
}

/// A commission member's fields, empty or filled from `m`; ids are unique per member.
#[component]
fn MemberFields(
    message: impl Fn(&'static str) -> Signal<Option<&'static str>> + Copy + Send + Sync + 'static,
    m: Option<wire::StaffMember>,
) -> impl IntoView {
    let t = use_texts();
    let key = m
        .as_ref()
        .map_or_else(|| "new".to_owned(), |m| m.id.to_string());
    let id = move |field: &str| format!("member-{key}-{field}");
    let (name, position, email) = m
        .map(|m| (m.name, m.position, m.expert_email.unwrap_or_default()))
        .unwrap_or_default();
    view! {
        <div class="two">
            <Field name="name_ru" label=t.field_name_ru message=message("name_ru") id=id("name-ru") value=name.ru/>
            <Field name="name_en" label=t.field_name_en message=message("name_en") id=id("name-en") value=name.en/>
        </div>
        <div class="two">
            <Field name="position_ru" label=t.field_position_ru message=message("position_ru") id=id("position-ru")
                value=position.ru/>
            <Field name="position_en" label=t.field_position_en message=message("position_en") id=id("position-en")
                value=position.en/>
        </div>
        <Field name="expert_email" label=t.field_expert_email kind="email" message=message("expert_email")
            id=id("email") value=email/>
    }
}

/// One member in the editor: order, removal, and (folded) editing in place and the photo.
#[component]
fn MemberRow(m: wire::StaffMember, project_id: i64) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let query = use_query_map();
    let id = m.id;
    let remove = ServerAction::<RemoveMember>::new();
    refresh_after(outcome_of(move || remove.value().get()));
    let moved = ServerAction::<MoveMember>::new();
    refresh_after(outcome_of(move || moved.value().get()));
    let drop_photo = ServerAction::<RemoveMemberPhoto>::new();
    refresh_after(outcome_of(move || drop_photo.value().get()));
    let update = ServerAction::<UpdateMember>::new();
    let outcome = outcome_of(move || update.value().get());
    refresh_after(outcome);
    let (form, preview, previewed) = member_preview(project_id, Some(id));
    let message = either_messages(outcome, previewed);
    // The photo upload answers with a redirect naming the member and the outcome.
    let mine = move || query.read().get("member") == Some(id.to_string());
    let photo_error = move || {
        mine()
            .then(|| query.read().get("photo_error"))
            .flatten()
            .map(|code| crate::i18n::error_text(t, "photo", &code))
    };
    let photo_saved = move || mine() && query.read().get("photo").is_some_and(|v| v == "saved");
    let file_id = format!("member-{id}-photo");
    let has_photo = m.photo.is_some();
    view! {
        <li id=format!("member-{id}")>
            {m.photo.clone().map(|src| view! { <img class="member-photo" src=src alt="" width="64" height="64"/> })}
            <strong>{m.name.get(lang).to_owned()}</strong> " — " {m.position.get(lang).to_owned()}
            {m.expert_email.clone().map(|email| view! { " (" {t.linked_account} ": " {email} ")" })}
            <div class="actions">
                {up_down!(moved, "member_id", id, t)}
                <ActionForm action=remove>
                    <input type="hidden" name="member_id" value=id/>
                    <button type="submit" class="secondary">{t.delete}</button>
                </ActionForm>
            </div>
            <details class="edit" open=mine>
                <summary>{t.edit}</summary>
                <ActionForm action=update node_ref=form>
                    <input type="hidden" name="member_id" value=id/>
                    <MemberFields message m=Some(m)/>
                    <div class="actions"><button type="submit">{t.save}</button> {preview}</div>
                </ActionForm>
                <form method="post" action=format!("/staff/members/{id}/photo") enctype="multipart/form-data">
                    <div class="field">
                        <label for=file_id.clone()>{t.field_photo}</label>
                        <input id=file_id.clone() name="photo" type="file" accept="image/png,image/jpeg,image/webp"
                            aria-describedby=format!("{file_id}-error")
                            aria-invalid=move || photo_error().is_some().to_string()/>
                        <p class="field-error" id=format!("{file_id}-error")>{photo_error}</p>
                    </div>
                    <Show when=photo_saved><p class="form-success" role="status">{t.photo_saved}</p></Show>
                    <button type="submit">{t.upload}</button>
                </form>
                {has_photo.then(|| view! {
                    <ActionForm action=drop_photo>
                        <input type="hidden" name="member_id" value=id/>
                        <button type="submit" class="secondary">{t.remove_photo}</button>
                    </ActionForm>
                })}
            </details>
        </li>
    }
}

#[component]
fn AddMemberForm(project_id: i64) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddMember>::new();
    let outcome = outcome_of(move || add.value().get());
    refresh_after(outcome);
    let (form, preview, previewed) = member_preview(project_id, None);
    reset_on_success(outcome, form);
    let message = either_messages(outcome, previewed);
    view! {
        <ActionForm action=add node_ref=form>
            <input type="hidden" name="project_id" value=project_id/>
            <MemberFields message m=None/>
            <div class="actions"><button type="submit">{t.add}</button> {preview}</div>
        </ActionForm>
    }
}

#[component]
fn PreviewLinks(
    id: i64,
    links: Vec<wire::PreviewLinkRow>,
    create: ServerAction<CreatePreviewLink>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let outcome = outcome_of(move || create.value().get());
    let message = field_messages(outcome);
    let created = move || match outcome.get() {
        Some(Ok(path)) => Some(path),
        _ => None,
    };
    view! {
        <section class="panel" aria-labelledby="links-title">
            <h2 id="links-title">{t.preview_links}</h2>
            <ActionForm action=create>
                <input type="hidden" name="project_id" value=id/>
                <Field name="hours" label=t.field_hours kind="number" message=message("hours") value="72"/>
                <button type="submit">{t.create_link}</button>
            </ActionForm>
            {move || created().map(|path| view! {
                <p class="form-success" role="status">
                    {t.new_link} " " <a class="new-preview-link" href=path.clone()>{path.clone()}</a>
                </p>
            })}
            <ul class="rows">
                {links.into_iter().map(|l| {
                    let revoke = ServerAction::<RevokePreviewLink>::new();
                    refresh_after(outcome_of(move || revoke.value().get()));
                    view! {
                        <li>
                            "#" {l.id} " · " {t.expires} " " {date_time(lang, l.expires_at)}
                            {if l.revoked {
                                view! { " · " <em>{t.revoked}</em> }.into_any()
                            } else {
                                view! {
                                    <ActionForm action=revoke>
                                        <input type="hidden" name="link_id" value=l.id/>
                                        <button type="submit" class="secondary">{t.revoke}</button>
                                    </ActionForm>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn preview_page(data: Resource<Result<ProjectData, AppError>>) -> impl IntoView {
    let t = use_texts();
    let join = ServerAction::<JoinProject>::new();
    view! {
        <Meta name="robots" content="noindex, nofollow"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(project) => view! { <Project project join preview=true/> }.into_any(),
                    Err(AppError::NotFound) => view! {
                        <section class="notice" role="alert"><h1>{t.preview_invalid}</h1></section>
                    }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/staff/projects/:id/preview`: the project as residents will see it.
#[component]
pub fn StaffPreviewPage() -> impl IntoView {
    let id = project_id();
    preview_page(Resource::new(move || id.get(), staff_preview))
}

/// `/preview/:token`: the preview behind a shared link.
#[component]
pub fn LinkPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    preview_page(Resource::new(move || token.get(), link_preview))
}
