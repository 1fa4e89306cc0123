//! The results page's two charts, drawn in HTML and CSS rather than SVG: their labels are page text, so
//! they keep the page's type size (at least 12 px) at every width instead of shrinking with a drawing,
//! and bars are sized in percent of the largest. Each chart is one image for screen readers, described
//! by a sentence with every figure; the data table follows it on the page.

use crate::i18n::{use_lang, use_texts};
use crate::time::day_label;
use leptos::prelude::*;
use wire::DirectionResult;

/// Up to this many days, every column carries its date and count; beyond, the axis names the first
/// and last day.
const LABELLED_DAYS: usize = 6;

/// The share of `n` in `most`, from 0 to 1.
fn share(n: i64, most: i64) -> f64 {
    n.max(0) as f64 / most.max(1) as f64
}

/// Ideas per direction, submitted and selected, as pairs of horizontal bars.
#[component]
pub fn DirectionChart(directions: Vec<DirectionResult>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let most = directions.iter().map(|d| d.submitted).max().unwrap_or(0);
    let described = directions
        .iter()
        .map(|d| {
            format!(
                "{}: {} {}, {} {}",
                d.title.get(lang),
                t.results_submitted,
                d.submitted,
                t.results_selected,
                d.selected
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <div class="hbars" role="img" aria-label=format!("{}. {described}", t.chart_directions)>
            {directions.into_iter().map(|d| view! {
                <div class="hbar-group">
                    <span class="hbar-label">{d.title.get(lang).to_owned()}</span>
                    <span class="hbar-row">
                        <span class="hbar bar-submitted" style=format!("--share: {:.3}", share(d.submitted, most))></span>
                        <span class="hbar-value">{d.submitted}</span>
                    </span>
                    <span class="hbar-row">
                        <span class="hbar bar-selected" style=format!("--share: {:.3}", share(d.selected, most))></span>
                        <span class="hbar-value">{d.selected}</span>
                    </span>
                </div>
            }).collect_view()}
        </div>
    }
}

/// Ideas per day as columns; one day is one narrow column with its date, not a block across the page.
#[component]
pub fn DayChart(per_day: Vec<(String, i64)>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let peak = per_day.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let each = per_day.len() <= LABELLED_DAYS;
    let described = per_day
        .iter()
        .map(|(day, n)| format!("{}: {n}", day_label(lang, day)))
        .collect::<Vec<_>>()
        .join("; ");
    let first = per_day.first().map(|(d, _)| day_label(lang, d));
    let last = per_day.last().map(|(d, _)| day_label(lang, d));
    view! {
        <div class="day-chart" role="img" aria-label=format!("{}. {described}", t.chart_days)>
            <div class="columns">
                {per_day.iter().map(|(day, n)| view! {
                    <div class="column">
                        {each.then(|| view! { <span class="column-value">{*n}</span> })}
                        <span class="column-plot">
                            <span class="column-bar" style=format!("height: {:.1}%", 100.0 * share(*n, peak))></span>
                        </span>
                        {each.then(|| view! { <span class="column-day">{day_label(lang, day)}</span> })}
                    </div>
                }).collect_view()}
            </div>
            {(!each).then(|| view! {
                <p class="columns-axis"><span>{first}</span><span>{last}</span></p>
            })}
        </div>
    }
}
