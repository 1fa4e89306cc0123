//! Previews: the preview links, the editor's preview page and the page a preview link opens.

use super::*;

#[component]
pub(super) fn PreviewLinks(
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
                            } else if l.expired {
                                view! { " · " <em>{t.expired}</em> }.into_any()
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

pub(super) fn preview_page(data: Resource<Result<ProjectData, AppError>>) -> impl IntoView {
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
