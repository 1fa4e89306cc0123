//! The home page: platform totals and the projects, grouped into running, upcoming and finished.

use crate::api::get_home;
use crate::components::loaded;
use crate::i18n::{Texts, use_lang, use_texts};
use crate::pages::project::phase_name;
use crate::plural::{Noun, counted};
use crate::time::period;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use wire::{HomeData, Phase, ProjectCard};

/// `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    view! {
        <Title text=""/>
        <Meta name="description" content=t.tagline/>
        {loaded(get_home, |home| view! { <Home home/> })}
    }
}

#[component]
fn Home(home: HomeData) -> impl IntoView {
    let t = use_texts();
    let totals = home.totals;
    let section = |phase: Phase| -> Vec<ProjectCard> {
        home.projects
            .iter()
            .filter(|p| p.phase == phase)
            .cloned()
            .collect()
    };
    let (active, upcoming, finished) = (
        section(Phase::Active),
        section(Phase::Upcoming),
        section(Phase::Finished),
    );
    view! {
        <section class="hero">
            <h1>{t.site_name}</h1>
            <p>{t.tagline}</p>
        </section>
        <section aria-labelledby="totals-title" class="totals">
            <h2 id="totals-title" class="visually-hidden">{t.totals_title}</h2>
            <dl>
                <div><dt>{t.totals_participants}</dt><dd data-total="participants">{totals.participants}</dd></div>
                <div><dt>{t.totals_projects}</dt><dd data-total="projects">{totals.projects}</dd></div>
                <div><dt>{t.totals_ideas}</dt><dd data-total="ideas">{totals.ideas}</dd></div>
                <div><dt>{t.totals_selected}</dt><dd data-total="selected">{totals.selected}</dd></div>
            </dl>
        </section>
        <ProjectList id="active" title=t.section_active projects=active t first_seen=true/>
        <ProjectList id="upcoming" title=t.section_upcoming projects=upcoming t/>
        <ProjectList id="finished" title=t.section_finished projects=finished t/>
        <p class="more"><a class="button" href="/projects">{t.catalogue_link}</a></p>
        <CatalogueWatch last_event_id=home.last_event_id/>
    }
}

/// Loads the page again when a scheduled project goes public (the site-wide stream says so), so the
/// lists are never out of date for long: an island, showing nothing.
#[island]
fn CatalogueWatch(
    /// Where the site-wide stream resumes.
    last_event_id: i64,
) -> impl IntoView {
    Effect::new(move |_| {
        crate::live::subscribe(None, last_event_id, |event| {
            if matches!(event, wire::LiveEvent::CatalogueChanged(_)) {
                crate::live::reload();
            }
        });
    });
}

/// Project cards in a list: cover, phase, title, summary, dates and figures, and for a running project
/// the time left. With `first_seen`, the list is the first thing under the page's heading: its first
/// cover is fetched at once and first (on a phone it is the largest paint; lazy, it waited for the
/// layout and came after the code), the others only when scrolled to.
#[component]
pub fn ProjectCards(
    projects: Vec<ProjectCard>,
    #[prop(optional)] first_seen: bool,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let now = chrono::Utc::now();
    view! {
        <ul class="cards">
            {projects.into_iter().enumerate().map(|(k, p)| view! {
                <li class="card project-card">
                    {p.cover.clone().map(|src| {
                        let early = first_seen && k == 0;
                        view! {
                            <img class="card-cover" src=src alt="" width="640" height="360"
                                loading=if early { "eager" } else { "lazy" }
                                fetchpriority=early.then_some("high") decoding="async"/>
                        }
                    })}
                    <p class="card-badges">
                        <span class=format!("badge phase-{}", p.phase.as_str())>{phase_name(t, p.phase)}</span>
                        {(p.phase == Phase::Active).then(|| view! { " " <span class="time-left">{time_left(t, p.ends_at - now)}</span> })}
                    </p>
                    <h3><a href=format!("/projects/{}", p.slug)>{p.title.get(lang).to_owned()}</a></h3>
                    <p>{p.summary.get(lang).to_owned()}</p>
                    <p class="card-meta">
                        <span>{period(lang, p.starts_at, p.ends_at)}</span>
                        " · " <span>{counted(lang, p.ideas_count, Noun::Idea)}</span>
                        " · " <span>{counted(lang, p.participants_count, Noun::Participant)}</span>
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// "осталось 5 дн." / "5 d left", or hours under a day.
pub fn time_left(t: &'static Texts, left: chrono::Duration) -> String {
    let hours = left.num_hours().max(0);
    if hours >= 24 {
        format!("{} {} {}", t.time_left, hours / 24, t.days_short)
    } else {
        format!("{} {} {}", t.time_left, hours.max(1), t.hours_short)
    }
}

#[component]
fn ProjectList(
    id: &'static str,
    title: &'static str,
    projects: Vec<ProjectCard>,
    t: &'static Texts,
    #[prop(optional)] first_seen: bool,
) -> impl IntoView {
    let heading = format!("section-{id}");
    let labelled_by = heading.clone();
    view! {
        <section class="projects" aria-labelledby=labelled_by id=id>
            <h2 id=heading>{title}</h2>
            {if projects.is_empty() {
                view! { <p class="empty">{t.section_empty}</p> }.into_any()
            } else {
                view! { <ProjectCards projects first_seen/> }.into_any()
            }}
        </section>
    }
}
