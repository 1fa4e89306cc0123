//! `/projects/:slug/results`: a project's results, complete without JavaScript — the figures, ideas per
//! direction (submitted and selected) and per day as charts drawn on the server in HTML (`charts`, each
//! with its data table), and the selected ideas with their authors and the commission's reasons.

mod charts;

use crate::api::results::get_results;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{use_lang, use_texts};
use crate::plural::{Noun, counted};
use charts::{DayChart, DirectionChart};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use wire::ResultsData;

/// `/projects/:slug/results`.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_results,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <Results r/> }.into_any(),
                    Err(crate::model::AppError::NotFound) => view! { <crate::pages::not_found::NotFound/> }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Results(r: ResultsData) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let title = r.card.title.get(lang).to_owned();
    view! {
        <Title text=format!("{} — {title}", t.results_title)/>
        <Meta name="description" content=format!("{}: {}, {}", t.results_title, counted(lang, r.submitted, Noun::Idea), counted(lang, r.selected, Noun::Selected))/>
        <p class="breadcrumb"><a href=format!("/projects/{}", r.card.slug)>{title.clone()}</a></p>
        <h1>{t.results_title}</h1>
        <dl class="totals results-totals">
            <div><dt>{t.participants_count}</dt><dd>{r.card.participants_count}</dd></div>
            <div><dt>{t.results_submitted}</dt><dd>{r.submitted}</dd></div>
            <div><dt>{t.results_published}</dt><dd>{r.published}</dd></div>
            <div><dt>{t.results_selected}</dt><dd>{r.selected}</dd></div>
        </dl>
        <figure class="chart">
            <figcaption>{t.chart_directions}</figcaption>
            <DirectionChart directions=r.directions.clone()/>
            <p class="legend"><span class="swatch bar-submitted"></span> {t.results_submitted} " "
                <span class="swatch bar-selected"></span> {t.results_selected}</p>
            <details>
                <summary>{t.chart_data}</summary>
                <table class="data">
                    <thead><tr><th scope="col">{t.field_direction}</th><th scope="col">{t.results_submitted}</th><th scope="col">{t.results_selected}</th></tr></thead>
                    <tbody>
                        {r.directions.iter().map(|d| view! {
                            <tr><th scope="row">{d.title.get(lang).to_owned()}</th><td>{d.submitted}</td><td>{d.selected}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
        <figure class="chart">
            <figcaption>{t.chart_days}</figcaption>
            <DayChart per_day=r.per_day.clone()/>
            <details>
                <summary>{t.chart_data}</summary>
                <table class="data">
                    <thead><tr><th scope="col">{t.day}</th><th scope="col">{t.results_submitted}</th></tr></thead>
                    <tbody>
                        {r.per_day.iter().map(|(day, n)| view! {
                            <tr>
                                <th scope="row"><time datetime=day.clone()>{crate::time::day_label(lang, day)}</time></th>
                                <td>{*n}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
        <section aria-labelledby="selected-title">
            <h2 id="selected-title">{t.results_selected_ideas}</h2>
            {r.selected_ideas.is_empty().then(|| view! { <p class="empty">{t.results_none_selected}</p> })}
            <ol class="ideas">
                {r.selected_ideas.into_iter().map(|s| view! {
                    <li class="idea">
                        <h3 class="idea-title"><a href=format!("/ideas/{}", s.card.id)>{s.card.title.clone()}</a></h3>
                        <p class="idea-meta">{t.by} " " <span class="author">{s.card.author.clone()}</span>
                            " · " {t.support} ": " {s.card.support_count}</p>
                        {s.reason.map(|reason| view! { <p class="reason">{t.reason} ": " {reason}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        <p><a href=format!("/projects/{}/decisions", r.card.slug)>{t.decisions_title}</a></p>
        <section aria-labelledby="open-data-title">
            <h2 id="open-data-title">{t.open_data}</h2>
            <ul class="downloads">
                {[("ideas", t.export_ideas), ("votes", t.export_votes), ("decisions", t.export_decisions), ("implementation", t.export_implementation)]
                    .into_iter()
                    .map(|(name, label)| view! {
                        <li>{label} ": "
                            <a href=format!("/projects/{}/export/{name}.csv", r.card.slug) rel="external" download>"CSV"</a> " · "
                            <a href=format!("/projects/{}/export/{name}.json", r.card.slug) rel="external" download>"JSON"</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
            <p class="hint">{t.open_data_hint} " "
                <a href=format!("/open-data?project={}", r.card.slug)>{t.od_title}</a></p>
        </section>
    }
}
