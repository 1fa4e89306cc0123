//! `/built` and `/projects/:slug/built`: "what was built" — counts by status, a GET form of filters
//! (status, project, department), the records newest idea first, and a link to the next page.

use super::*;
use crate::api::implementation::get_built;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{use_lang, use_texts};
use crate::time::date;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use wire::text::encode;
use wire::{BuiltFilter, BuiltPage, BuiltRow};

/// `/built?status=&project=&department=&after=`: every public record of the city.
#[component]
pub fn BuiltCityPage() -> impl IntoView {
    view! { <Built fixed=None/> }
}

/// `/projects/:slug/built?status=&department=&after=`: the records of one project.
#[component]
pub fn BuiltProjectPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    view! { <Built fixed=Some(slug)/> }
}

/// The list, of one project when `fixed` names it.
#[component]
fn Built(fixed: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let fixed_key = fixed.clone();
    let data = Resource::new(
        move || {
            let q = query.read();
            let param = |name: &str| q.get(name).filter(|v| !v.is_empty());
            let filter = BuiltFilter {
                status: param("status").and_then(|s| ImplStatus::parse(&s)),
                project: fixed_key.clone().or_else(|| param("project")),
                department: param("department"),
            };
            (filter, param("after").and_then(|a| a.parse().ok()))
        },
        |(filter, after)| get_built(filter, after),
    );
    view! {
        <Suspense fallback=Loading>
            {move || {
                let fixed = fixed.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <List page fixed/> }.into_any(),
                        Err(crate::model::AppError::NotFound) => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The query string of `filter` (the project left out when the page fixes it), `after` appended.
fn query_of(filter: &BuiltFilter, fixed: bool, after: Option<i64>) -> String {
    let mut parts = Vec::new();
    if let Some(s) = filter.status {
        parts.push(format!("status={s}"));
    }
    if let (Some(p), false) = (&filter.project, fixed) {
        parts.push(format!("project={}", encode(p)));
    }
    if let Some(d) = &filter.department {
        parts.push(format!("department={}", encode(d)));
    }
    if let Some(a) = after {
        parts.push(format!("after={a}"));
    }
    parts.join("&")
}

#[component]
fn List(page: BuiltPage, fixed: Option<String>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let is_fixed = fixed.is_some();
    let (heading, path) = match &fixed {
        Some(slug) => (t.built_project_title, format!("/projects/{slug}/built")),
        None => (t.built_title, "/built".to_owned()),
    };
    let project_title = fixed.as_ref().and_then(|slug| {
        page.projects
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, title)| title.get(lang).to_owned())
    });
    let filter = page.filter.clone();
    let next = page
        .next
        .map(|after| format!("{path}?{}", query_of(&filter, is_fixed, Some(after))));
    let selected_status = filter.status;
    let selected_project = filter.project.clone().unwrap_or_default();
    let selected_department = filter.department.clone().unwrap_or_default();
    view! {
        <Title text=heading/>
        {match (&fixed, project_title) {
            (Some(slug), Some(title)) => view! {
                <p class="breadcrumb"><a href=format!("/projects/{slug}")>{title}</a></p>
            }.into_any(),
            _ => ().into_any(),
        }}
        <h1>{heading}</h1>
        <p class="hint">{t.built_hint}</p>
        <dl class="totals built-totals">
            {ImplStatus::ALL.iter().map(|s| view! {
                <div data-impl=s.as_str()><dt>{impl_status_name(t, *s)}</dt><dd>{page.counts.of(*s)}</dd></div>
            }).collect_view()}
        </dl>
        <form method="get" action=path.clone() class="panel filters" role="search">
            <div class="three">
                <div class="field">
                    <label for="built-status">{t.field_status}</label>
                    <select id="built-status" name="status">
                        <option value="">{t.all_statuses}</option>
                        {ImplStatus::ALL.iter().map(|s| view! {
                            <option value=s.as_str() selected=selected_status == Some(*s)>{impl_status_name(t, *s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                {(!is_fixed).then(|| view! {
                    <div class="field">
                        <label for="built-project">{t.field_project}</label>
                        <select id="built-project" name="project">
                            <option value="">{t.all_projects}</option>
                            {page.projects.iter().map(|(slug, title)| view! {
                                <option value=slug.clone() selected=selected_project == *slug>{title.get(lang).to_owned()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="built-department">{t.impl_department}</label>
                    <select id="built-department" name="department">
                        <option value="">{t.all_departments}</option>
                        {page.departments.iter().map(|d| view! {
                            <option value=d.clone() selected=selected_department == *d>{d.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <button type="submit">{t.filter_apply}</button>
        </form>
        {page.rows.is_empty().then(|| view! { <p class="empty">{t.built_empty}</p> })}
        <ol class="ideas built">
            {page.rows.into_iter().map(|row| view! { <Row row show_project=!is_fixed/> }).collect_view()}
        </ol>
        {next.map(|href| view! { <p><a class="button secondary" href=href>{t.show_more}</a></p> })}
        {is_fixed.then(|| view! { <p><a href="/built">{t.built_all_link}</a></p> })}
    }
}

#[component]
fn Row(row: BuiltRow, show_project: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <li class="idea" data-impl=row.status.as_str()>
            <h2 class="idea-title"><a href=format!("/ideas/{}#implementation", row.idea_id)>{row.title.clone()}</a></h2>
            <p class="idea-meta">
                {status_badge(t, row.status)} " · " {percent_bar(t, row.percent)}
            </p>
            <p class="idea-meta">
                {show_project.then(|| view! {
                    <a href=format!("/projects/{}", row.project_slug)>{row.project_title.get(lang).to_owned()}</a> " · "
                })}
                <span class="tag">{row.direction.get(lang).to_owned()}</span>
                " · " {t.impl_department} ": " {row.department.clone()}
            </p>
            {row.next_milestone.map(|m| view! {
                <p>{t.built_next} ": " {m.title} " · " {t.impl_due} " " {date(lang, m.due_at)}</p>
            })}
        </li>
    }
}
