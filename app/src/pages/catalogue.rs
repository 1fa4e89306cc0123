//! `/projects`: the catalogue of public projects, filtered by phase and year and searched by title.
//!
//! A plain GET form, so filtering works without JavaScript and every filtered view has its own address.

use crate::api::get_catalogue;
use crate::components::{ErrorBox, Loading};
use crate::i18n::use_texts;
use crate::pages::home::ProjectCards;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/projects?phase=&year=&q=`.
#[component]
pub fn CataloguePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let data = Resource::new(
        move || (param("phase"), param("year"), param("q")),
        |(phase, year, q)| get_catalogue(phase, year, q),
    );
    let phases = [
        ("", t.filter_all),
        ("active", t.section_active),
        ("upcoming", t.section_upcoming),
        ("finished", t.section_finished),
    ];
    view! {
        <Title text=t.catalogue_title/>
        <h1>{t.catalogue_title}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (phase, year, q) = (param("phase"), param("year"), param("q"));
                match data.await {
                    Ok(catalogue) => view! {
                        <form method="get" action="/projects" class="panel filters" role="search">
                            <div class="three">
                                <div class="field">
                                    <label for="filter-phase">{t.filter_phase}</label>
                                    <select id="filter-phase" name="phase">
                                        {phases.into_iter().map(|(value, label)| view! {
                                            <option value=value selected=phase == value>{label}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="filter-year">{t.filter_year}</label>
                                    <select id="filter-year" name="year">
                                        <option value="">{t.filter_all}</option>
                                        {catalogue.years.iter().map(|y| {
                                            let value = y.to_string();
                                            view! { <option value=value.clone() selected=year == value>{value.clone()}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="filter-q">{t.filter_search}</label>
                                    <input id="filter-q" name="q" type="search" value=q/>
                                </div>
                            </div>
                            <button type="submit">{t.filter_apply}</button>
                        </form>
                        <p role="status" class="hint">{t.filter_found} " " {catalogue.projects.len()}</p>
                        {if catalogue.projects.is_empty() {
                            view! { <p class="empty">{t.section_empty}</p> }.into_any()
                        } else {
                            view! { <ProjectCards projects=catalogue.projects first_seen=true/> }.into_any()
                        }}
                    }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
