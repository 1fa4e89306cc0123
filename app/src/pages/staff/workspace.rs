//! `/staff` (every project and a form for a new one) and `/staff/projects/:id` (one project's editor).

use super::*;

/// `/staff`.
#[component]
pub fn StaffHome() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <Title text=t.nav_staff/>
        <Meta name="robots" content="noindex, nofollow"/>
        <h1>{t.staff_title}</h1>
        {loaded(staff_projects, move |rows: Vec<_>| view! {
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
        })}
        <NewProject came_back=came_back()/>
    }
}

/// The form for a new project; after success it opens the new project's editor. A lazy island.
#[island(lazy)]
fn NewProject(
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    provide_came_back(came_back);
    let t = use_texts();
    let create = ServerAction::<CreateProject>::new();
    let outcome = outcome_of(move || create.value().get());
    let message = field_messages(outcome);
    on_success(outcome, |id| reload_to(&format!("/staff/projects/{id}")));
    view! {
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

/// `/staff/projects/:id`.
#[component]
pub fn StaffProjectPage() -> impl IntoView {
    let t = use_texts();
    let id = project_id();
    let data = Resource::new(move || id.get(), get_staff_workspace);
    view! {
        <Title text=t.edit_project/>
        <Meta name="robots" content="noindex, nofollow"/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(w) => view! { <EditorLive w came_back=came_back()/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One project's editor, fetched again after each change: a lazy island.
#[island(lazy)]
fn EditorLive(
    w: StaffWorkspace,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
) -> impl IntoView {
    let edits = editor_scope(came_back);
    // Lives outside the reloading editor, so the new link stays on screen after the list reloads.
    let create_link = ServerAction::<CreatePreviewLink>::new();
    refresh_after(outcome_of(move || create_link.value().get()));
    let id = w.row.id;
    let fetch = move || get_staff_workspace(id);
    refetched(
        w,
        edits.0,
        fetch,
        move |w| view! { <Editor w create_link/> },
    )
}

#[component]
pub(super) fn Editor(
    w: StaffWorkspace,
    create_link: ServerAction<CreatePreviewLink>,
) -> impl IntoView {
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
                texts: wire::ProjectInput {
                    slug: get("slug"),
                    title_ru: get("title_ru"),
                    title_en: get("title_en"),
                    summary_ru: get("summary_ru"),
                    summary_en: get("summary_en"),
                    body_ru: get("body_ru"),
                    body_en: get("body_en"),
                },
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
        <VotePanel project_id=id setup=w.vote/>
        <ImplementationPanel rows=w.implementations/>
        <PreviewLinks id links=w.links create=create_link/>
        <History revisions=w.revisions/>
    }
    .into_any()
}
