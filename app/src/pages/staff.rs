//! The staff workspace: the list of every project with a form for a new one, the editor of one project
//! (texts, publication, stages, directions, commission, preview links, history), and the previews.
//!
//! Each small form has its own action, so its messages stay next to its own fields; a success bumps the
//! page's `edits` counter, which reloads the editor's data.

use crate::api::JoinProject;
use crate::api::staff::{
    AddDirection, AddMember, AddStage, CreatePreviewLink, CreateProject, DeleteDirection,
    DeleteStage, MoveDirection, MoveMember, PreviewChanges, RemoveMember, RenameDirection,
    RetireDirection, RevokePreviewLink, SetPublication, UpdateProject, UpdateStage,
    get_staff_workspace, link_preview, staff_preview, staff_projects,
};
use crate::components::form::{
    Field, Outcome, field_messages, general_message, on_success, reset_on_success,
};
use crate::components::layout::reload_to;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Texts, use_lang, use_texts};
use crate::model::{AppError, ProjectData, StaffWorkspace};
use crate::pages::project::Project;
use crate::pages::project::stage_name as projects_stage_name;
use crate::time::date_time;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

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

fn state_name(t: &'static Texts, state: &str) -> &'static str {
    match state {
        "draft" => t.state_draft,
        "scheduled" => t.state_scheduled,
        "published" => t.state_published,
        _ => t.state_archived,
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
                                        <span class="badge">{state_name(t, &p.state)}</span> " " <code>{p.slug}</code>
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

/// Bumps the page's edit counter after each success of `outcome`.
fn refresh_after<T: Clone + Send + Sync + 'static>(outcome: Outcome<T>) {
    let edits = expect_context::<Edits>();
    on_success(outcome, move |_| edits.0.update(|n| *n += 1));
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
    let message = move |field: &'static str| {
        let (saved, shown) = (
            field_messages(outcome)(field),
            field_messages(previewed)(field),
        );
        Signal::derive(move || shown.get().or(saved.get()))
    };
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
    let preview_join = ServerAction::<JoinProject>::new();
    let texts = w.clone();
    view! {
        <header class="panel">
            <p><a href="/staff">{t.nav_staff}</a></p>
            <h1>{w.row.title.get(lang).to_owned()}</h1>
            <p>
                {t.state_now} ": " <span class="badge" data-state=w.row.state.clone()>{state_name(t, &w.row.state)}</span>
                {w.row.publish_at.map(|at| view! { " · " {date_time(lang, at)} })}
            </p>
            <p><a class="button" href=format!("/staff/projects/{id}/preview")>{t.preview_as_resident}</a></p>
        </header>
        <Publication id/>
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
        {move || match previewed.get() {
            Some(Ok(project)) => Some(view! {
                <section class="panel preview-changes" aria-labelledby="preview-changes-title">
                    <h2 id="preview-changes-title">{t.preview_changes}</h2>
                    <Project project join=preview_join preview=true/>
                </section>
            }),
            _ => None,
        }}
        <section class="panel" aria-labelledby="stages-edit">
            <h2 id="stages-edit">{t.stages_title}</h2>
            <p class="hint">{t.moscow_time}</p>
            {w.stages.into_iter().map(|s| view! { <StageRow stage=Some(s) project_id=id/> }).collect_view()}
            <StageRow stage=None project_id=id/>
        </section>
        <section class="panel" aria-labelledby="directions-edit">
            <h2 id="directions-edit">{t.directions_title}</h2>
            <ul class="rows">
                {w.directions.into_iter().map(|d| view! { <DirectionRow d/> }).collect_view()}
            </ul>
            <AddDirectionForm project_id=id/>
        </section>
        <section class="panel" aria-labelledby="commission-edit">
            <h2 id="commission-edit">{t.commission_title}</h2>
            <ul class="rows">
                {w.commission.into_iter().map(|m| {
                    let remove = ServerAction::<RemoveMember>::new();
                    refresh_after(outcome_of(move || remove.value().get()));
                    let moved = ServerAction::<MoveMember>::new();
                    refresh_after(outcome_of(move || moved.value().get()));
                    view! {
                        <li>
                            <strong>{m.name.get(lang).to_owned()}</strong> " — " {m.position.get(lang).to_owned()}
                            {m.linked.then(|| view! { " (" {t.linked_account} ")" })}
                            <div class="actions">
                                {up_down!(moved, "member_id", m.id, t)}
                                <ActionForm action=remove>
                                <input type="hidden" name="member_id" value=m.id/>
                                <button type="submit" class="secondary">{t.delete}</button>
                            </ActionForm>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <AddMemberForm project_id=id/>
        </section>
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
fn StageRow(stage: Option<crate::model::StaffStage>, project_id: i64) -> impl IntoView {
    let t = use_texts();
    let key = stage
        .as_ref()
        .map_or_else(|| "new".to_owned(), |s| s.id.to_string());
    let kinds = ["announcement", "ideas", "discussion", "review", "results"];
    let selected = stage.as_ref().map(|s| s.kind.clone()).unwrap_or_default();
    let stage_id = stage.as_ref().map(|s| s.id);
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
            let message = field_messages(outcome);
            let delete = ServerAction::<DeleteStage>::new();
            let deleted = outcome_of(move || delete.value().get());
            refresh_after(deleted);
            view! {
                <div class="stage-row">
                    <ActionForm action=update>
                        <input type="hidden" name="stage_id" value=stage_id/>
                        <div class="three">{fields(&message)}</div>
                        <button type="submit">{t.save}</button>
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
            let form = NodeRef::new();
            reset_on_success(outcome, form);
            let message = field_messages(outcome);
            view! {
                <div class="stage-row new">
                    <ActionForm action=add node_ref=form>
                        <input type="hidden" name="project_id" value=project_id/>
                        <div class="three">{fields(&message)}</div>
                        <button type="submit">{t.add}</button>
                    </ActionForm>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn DirectionRow(d: crate::model::StaffDirection) -> impl IntoView {
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
    let message = field_messages(renamed);
    let id = d.id;
    let (title_ru, title_en) = (d.title.ru.clone(), d.title.en.clone());
    view! {
        <li class:retired=d.retired>
            <details class="rename">
                <summary>{t.rename}</summary>
                <ActionForm action=rename>
                    <input type="hidden" name="direction_id" value=id/>
                    <div class="two">
                        <Field name="title_ru" label=t.field_title_ru message=message("title_ru")
                            id=format!("direction-{id}-ru") value=title_ru/>
                        <Field name="title_en" label=t.field_title_en message=message("title_en")
                            id=format!("direction-{id}-en") value=title_en/>
                    </div>
                    <button type="submit">{t.save}</button>
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

#[component]
fn AddDirectionForm(project_id: i64) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddDirection>::new();
    let outcome = outcome_of(move || add.value().get());
    refresh_after(outcome);
    let form = NodeRef::new();
    reset_on_success(outcome, form);
    let message = field_messages(outcome);
    view! {
        <ActionForm action=add node_ref=form>
            <input type="hidden" name="project_id" value=project_id/>
            <div class="two">
                <Field name="title_ru" label=t.field_title_ru message=message("title_ru") id="direction-title-ru"/>
                <Field name="title_en" label=t.field_title_en message=message("title_en") id="direction-title-en"/>
            </div>
            <button type="submit">{t.add}</button>
        </ActionForm>
    }
}

#[component]
fn AddMemberForm(project_id: i64) -> impl IntoView {
    let t = use_texts();
    let add = ServerAction::<AddMember>::new();
    let outcome = outcome_of(move || add.value().get());
    refresh_after(outcome);
    let form = NodeRef::new();
    reset_on_success(outcome, form);
    let message = field_messages(outcome);
    view! {
        <ActionForm action=add node_ref=form>
            <input type="hidden" name="project_id" value=project_id/>
            <div class="two">
                <Field name="name_ru" label=t.field_name_ru message=message("name_ru")/>
                <Field name="name_en" label=t.field_name_en message=message("name_en")/>
            </div>
            <div class="two">
                <Field name="position_ru" label=t.field_position_ru message=message("position_ru")/>
                <Field name="position_en" label=t.field_position_en message=message("position_en")/>
            </div>
            <Field name="expert_email" label=t.field_expert_email kind="email" message=message("expert_email")/>
            <button type="submit">{t.add}</button>
        </ActionForm>
    }
}

#[component]
fn PreviewLinks(
    id: i64,
    links: Vec<crate::model::PreviewLinkRow>,
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
