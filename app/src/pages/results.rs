//! `/projects/:slug/results`: a project's results, complete without JavaScript — the figures, ideas per
//! direction (submitted and selected) and per day as SVG charts drawn on the server (each with its data
//! table), and the selected ideas with their authors and the commission's reasons.

use crate::api::results::get_results;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{use_lang, use_texts};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use wire::ResultsData;

/// Width of the charts' drawing, in SVG units (they scale to the page).
const WIDTH: f64 = 600.0;

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
    let most = r
        .directions
        .iter()
        .map(|d| d.submitted)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let row = 44.0;
    let label_width = 0.0;
    let bars_height = row * r.directions.len().max(1) as f64;
    let direction_bars = r
        .directions
        .iter()
        .enumerate()
        .map(|(n, d)| {
            let y = n as f64 * row;
            let submitted = (WIDTH - label_width) * d.submitted as f64 / most;
            let selected = (WIDTH - label_width) * d.selected as f64 / most;
            view! {
                <g>
                    <text x="0" y=y + 12.0 class="chart-label">{format!("{} — {} / {}", d.title.get(lang), d.submitted, d.selected)}</text>
                    <rect x=label_width y=y + 16.0 width=submitted.max(1.0) height="10" class="bar-submitted"/>
                    <rect x=label_width y=y + 28.0 width=selected.max(if d.selected > 0 { 1.0 } else { 0.0 }) height="10" class="bar-selected"/>
                </g>
            }
        })
        .collect_view();
    let peak = r.per_day.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let days = r.per_day.len().max(1) as f64;
    let column = WIDTH / days;
    let day_bars = r
        .per_day
        .iter()
        .enumerate()
        .map(|(n, (day, count))| {
            let h = 160.0 * *count as f64 / peak;
            view! {
                <rect x=n as f64 * column + 1.0 y=170.0 - h width=(column - 2.0).max(1.0) height=h class="bar-day">
                    <title>{format!("{day}: {count}")}</title>
                </rect>
            }
        })
        .collect_view();
    let first_day = r
        .per_day
        .first()
        .map(|(d, _)| d.clone())
        .unwrap_or_default();
    let last_day = r.per_day.last().map(|(d, _)| d.clone()).unwrap_or_default();
    view! {
        <Title text=format!("{} — {title}", t.results_title)/>
        <Meta name="description" content=format!("{}: {} {}, {} {}", t.results_title, r.submitted, t.ideas_count, r.selected, t.selected_count)/>
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
            <svg viewBox=format!("0 0 {WIDTH} {bars_height}") role="img" aria-label=t.chart_directions
                preserveAspectRatio="xMinYMin meet">
                {direction_bars}
            </svg>
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
            <svg viewBox=format!("0 0 {WIDTH} 190") role="img" aria-label=t.chart_days preserveAspectRatio="xMinYMin meet">
                {day_bars}
                <text x="0" y="186" class="chart-label">{first_day}</text>
                <text x=WIDTH y="186" text-anchor="end" class="chart-label">{last_day}</text>
            </svg>
            <details>
                <summary>{t.chart_data}</summary>
                <table class="data">
                    <thead><tr><th scope="col">{t.day}</th><th scope="col">{t.results_submitted}</th></tr></thead>
                    <tbody>
                        {r.per_day.iter().map(|(day, n)| view! { <tr><th scope="row">{day.clone()}</th><td>{*n}</td></tr> }).collect_view()}
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
                {[("ideas", t.export_ideas), ("votes", t.export_votes), ("decisions", t.export_decisions)]
                    .into_iter()
                    .map(|(name, label)| view! {
                        <li>{label} ": "
                            <a href=format!("/projects/{}/export/{name}.csv", r.card.slug) rel="external" download>"CSV"</a> " · "
                            <a href=format!("/projects/{}/export/{name}.json", r.card.slug) rel="external" download>"JSON"</a>
                        </li>
                    })
                    .collect_view()}
            </ul>
            <p class="hint">{t.open_data_hint}</p>
        </section>
    }
}
