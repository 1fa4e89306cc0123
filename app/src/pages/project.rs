//! A project's public page: description, stages in Moscow time with the current one marked, directions,
//! the commission, taking part (join, propose an idea) and the live idea feed.
//!
//! Rendered completely on the server (`SsrMode::Async`), so search engines and readers without JavaScript
//! get the whole page, ideas included.

use crate::ViewerResource;
use crate::api::{JoinProject, get_project};
use crate::components::form::{came_back, provide_came_back};
use crate::components::idea_feed::IdeaFeed;
use crate::components::idea_form::IdeaForm;
use crate::components::layout::encode;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Lang, Texts, use_lang, use_texts};
use crate::plural::{Noun, counted};
use crate::time::period;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};
use wire::{Direction, FeedFilter, FeedPage, IdeaLimits, Phase, ProjectData, Role, Stage, Viewer};

/// The project of the route's `:slug`, with the feed the query string asks for; refetched after joining.
fn project_resource(
    join: ServerAction<JoinProject>,
) -> Resource<Result<ProjectData, crate::model::AppError>> {
    let params = use_params_map();
    let query = use_query_map();
    Resource::new(
        move || {
            let slug = params.read().get("slug").unwrap_or_default();
            let q = query.read();
            let after = q.get("after");
            let filter = FeedFilter {
                direction: q.get("direction").unwrap_or_default(),
                status: q.get("status").unwrap_or_default(),
                sort: q.get("sort").unwrap_or_default(),
                q: q.get("q").unwrap_or_default(),
            };
            (slug, after, filter, join.version().get())
        },
        |(slug, after, filter, _)| get_project(slug, after, filter),
    )
}

/// Renders `page` with the loaded project, or the not-found page, or the error.
fn with_project(
    data: Resource<Result<ProjectData, crate::model::AppError>>,
    page: impl Fn(ProjectData) -> AnyView + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(project) => page(project),
                    Err(crate::model::AppError::NotFound) => {
                        view! { <crate::pages::not_found::NotFound/> }.into_any()
                    }
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// `/projects/:slug`.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let join = ServerAction::<JoinProject>::new();
    let data = project_resource(join);
    with_project(data, move |project| {
        view! { <Project project join preview=false/> }.into_any()
    })
}

/// `/projects/:slug/ideas`: the project's idea feed on its own, with its filters, order and search.
#[component]
pub fn ProjectIdeasPage() -> impl IntoView {
    let join = ServerAction::<JoinProject>::new();
    let data = project_resource(join);
    with_project(data, move |project| {
        let t = use_texts();
        let lang = use_lang();
        let title = project.detail.card.title.get(lang).to_owned();
        let path = format!("/projects/{}", project.detail.card.slug);
        view! {
            <Title text=format!("{} — {title}", t.feed_title)/>
            <p class="breadcrumb"><a href=path.clone()>{title.clone()}</a></p>
            <h1>{t.feed_title}</h1>
            <FeedLive
                project_id=project.detail.card.id
                path=format!("{path}/ideas")
                initial=project.feed
                filter=project.filter
                directions=project.detail.directions
                last_event_id=project.detail.last_event_id
            />
        }
        .into_any()
    })
}

/// A feed page's feed: an island.
#[island]
fn FeedLive(
    project_id: i64,
    path: String,
    initial: FeedPage,
    filter: FeedFilter,
    directions: Vec<Direction>,
    last_event_id: i64,
) -> impl IntoView {
    view! { <IdeaFeed project_id path initial filter directions last_event_id live=true/> }
}

/// The name of a project's phase ("идёт", "скоро", "завершён").
pub fn phase_name(t: &'static Texts, phase: Phase) -> &'static str {
    match phase {
        Phase::Active => t.phase_active,
        Phase::Upcoming => t.phase_upcoming,
        Phase::Finished => t.phase_finished,
    }
}

/// The name of a stage kind.
pub fn stage_name(t: &'static Texts, kind: &str) -> &'static str {
    match kind {
        "announcement" => t.stage_announcement,
        "ideas" => t.stage_ideas,
        "discussion" => t.stage_discussion,
        "review" => t.stage_review,
        "vote" => t.stage_vote,
        _ => t.stage_results,
    }
}

/// The public page of a project. In `preview` the page shows what a resident who has not logged in sees,
/// without the live stream, under a preview banner and marked `noindex`.
#[component]
pub fn Project(
    /// The page's data.
    project: ProjectData,
    /// The join action (its version refreshes the page).
    join: ServerAction<JoinProject>,
    /// Whether this is a staff preview.
    preview: bool,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let title = project.detail.card.title.get(lang).to_owned();
    let summary = project.detail.card.summary.get(lang).to_owned();
    let current_stage = project.detail.stages.iter().find(|s| s.current).cloned();
    let current = current_stage.as_ref().map(|s| stage_name(t, &s.kind));
    let phase = phase_name(t, project.detail.card.phase);
    // A draft without stages has no dates yet (its card's span is empty, not "finished today").
    let dated = !project.detail.stages.is_empty();
    let (public, slug) = (project.detail.public, project.detail.card.slug.clone());
    view! {
        <Title text=title.clone()/>
        <Meta name="description" content=summary.clone()/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=summary.clone()/>
        <Meta property="og:type" content="website"/>
        {project.share_image.clone().map(|src| view! {
            <Meta property="og:image" content=src.clone()/>
            <Meta name="twitter:image" content=src/>
        })}
        <Meta name="twitter:card"
            content=if project.share_image.is_some() { "summary_large_image" } else { "summary" }/>
        <Meta name="twitter:title" content=title.clone()/>
        <Meta name="twitter:description" content=summary.clone()/>
        {preview.then(|| view! {
            <Meta name="robots" content="noindex, nofollow"/>
            {if public {
                view! {
                    <p class="preview-banner" role="note">
                        {t.preview_banner_public} " " <a href=format!("/projects/{slug}")>{t.preview_open_public}</a>
                    </p>
                }.into_any()
            } else {
                view! { <p class="preview-banner" role="note">{t.preview_banner}</p> }.into_any()
            }}
        })}
        <article class="project">
            <header class="project-header">
                {if dated {
                    view! { <p class="badge" data-phase=project.detail.card.phase.as_str()>{phase}</p> }.into_any()
                } else {
                    view! { <p class="badge">{t.no_dates_badge}</p> }.into_any()
                }}
                {project.detail.card.cover.clone().map(|src| view! {
                    // Its box is reserved (16:9, as on the cards) so nothing moves when it arrives.
                    <img class="cover" src=src alt="" width="1280" height="720" fetchpriority="high" decoding="async"/>
                })}
                <h1>{title}</h1>
                <p class="lead">{summary}</p>
                {current_stage.map(|stage| view! {
                    <Countdown ends_at=stage.ends_at now=project.now kind=stage.kind preview/>
                })}
                <p class="current-stage" role="status">
                    {match current {
                        Some(name) => format!("{}: {name}", t.current_stage),
                        None => t.no_current_stage.to_owned(),
                    }}
                </p>
                <p class="card-meta">
                    <span>{t.project_dates} ": " {if dated {
                        period(lang, project.detail.card.starts_at, project.detail.card.ends_at)
                    } else {
                        t.no_dates_yet.to_owned()
                    }}</span>
                    " · " <span>{counted(lang, project.detail.card.ideas_count, Noun::Idea)}</span>
                    " · " <span>{counted(lang, project.detail.card.participants_count, Noun::Participant)}</span>
                    " · " <span>{counted(lang, project.detail.card.selected_count, Noun::Selected)}</span>
                </p>
            </header>
            // Rendered from Markdown on the server, where raw HTML and unsafe links are removed.
            <div class="project-body" inner_html=project.detail.body_html.get(lang).to_owned()></div>
            <div class="project-grid">
                <Stages stages=project.detail.stages.clone() lang t/>
                <section aria-labelledby="directions-title">
                    <h2 id="directions-title">{t.directions_title}</h2>
                    <ul class="directions">
                        {project.detail.directions.iter().map(|d| view! {
                            <li>{d.title.get(lang).to_owned()} " " <span class="count">"(" {d.ideas_count} ")"</span></li>
                        }).collect_view()}
                    </ul>
                </section>
                {(!project.detail.commission.is_empty()).then(|| view! {
                    <section aria-labelledby="commission-title">
                        <h2 id="commission-title">{t.commission_title}</h2>
                        <ul class="commission">
                            {project.detail.commission.iter().map(|m| view! {
                                <li>
                                    {m.photo.clone().map(|src| view! {
                                        <img class="member-photo" src=src alt="" width="64" height="64" loading="lazy"/>
                                    })}
                                    <strong>{m.name.get(lang).to_owned()}</strong>
                                    <br/>
                                    <span>{m.position.get(lang).to_owned()}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </div>
            <p class="project-links">
                <a href=format!("/projects/{}/ideas", project.detail.card.slug)>{t.feed_title}</a> " · "
                <a href=format!("/projects/{}/results", project.detail.card.slug)>{t.project_results_link}</a> " · "
                <a href=format!("/projects/{}/decisions", project.detail.card.slug)>{t.project_decisions_link}</a>
                {(project.detail.card.phase == wire::Phase::Finished).then(|| view! {
                    " · " <a class="built-link" href=format!("/projects/{}/built", project.detail.card.slug)>{t.built_link}</a>
                })}
                {project.detail.stages.iter().any(|s| s.kind == "vote").then(|| view! {
                    " · " <a class="vote-link" href=format!("/projects/{}/vote", project.detail.card.slug)>{t.vote_open_link}</a>
                })}
            </p>
            <TakePartAndFeed project join preview/>
        </article>
    }
    .into_any()
}

/// "Until the end of the stage: 3 d 4 h 12 min", counted from the server's time of rendering and ticking
/// once a minute in the browser (no client clock is trusted). At zero it loads the page again, so the
/// current-stage banner, the form and the feed switch; in a preview it stays at zero (in the staff
/// editor's preview panel a reload would lose what is being previewed).
#[island]
fn Countdown(
    ends_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
    /// The stage's kind (see [`stage_name`]).
    kind: String,
    /// Whether the page is a preview.
    preview: bool,
) -> impl IntoView {
    let t = use_texts();
    let name = stage_name(t, &kind);
    let elapsed = RwSignal::new(0i64);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Ok(handle) = set_interval_with_handle(
            move || elapsed.update(|m| *m += 1),
            std::time::Duration::from_secs(60),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    Effect::new(move |_| {
        if !preview && (ends_at - now).num_minutes() < elapsed.get() {
            crate::live::reload();
        }
    });
    let text = move || {
        let left = ((ends_at - now).num_minutes() - elapsed.get()).max(0);
        format!(
            "{} «{name}»: {} {} {} {} {} {}",
            t.ends_in,
            left / (24 * 60),
            t.days_short,
            left / 60 % 24,
            t.hours_short,
            left % 60,
            t.minutes_short
        )
    };
    view! { <p class="countdown"><time datetime=ends_at.to_rfc3339()>{text}</time></p> }
}

#[component]
fn Stages(stages: Vec<Stage>, lang: Lang, t: &'static Texts) -> impl IntoView {
    view! {
        <section aria-labelledby="stages-title">
            <h2 id="stages-title">{t.stages_title}</h2>
            <ol class="stages">
                {stages.into_iter().map(|s| view! {
                    <li class:current=s.current aria-current=s.current.then_some("step")>
                        <strong>{stage_name(t, &s.kind)}</strong>
                        {s.current.then(|| view! { " " <span class="badge">{t.stage_current}</span> })}
                        <br/>
                        <span>{period(lang, s.starts_at, s.ends_at)}</span>
                    </li>
                }).collect_view()}
            </ol>
            <p class="hint">{t.moscow_time}</p>
        </section>
    }
}

/// What the "take part" section offers the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A draft without stages: nothing yet.
    NoDates,
    /// The project is over.
    Over,
    /// A visitor: log in or register first.
    LogIn,
    /// Logged in with another role than resident.
    ResidentsOnly,
    /// A resident who has not joined.
    Join,
    /// A participant, outside the window for ideas.
    Closed,
    /// A participant while ideas are open: the idea form.
    Propose,
}

impl Part {
    /// What `project` offers `user` (`None`: a visitor, or a preview).
    fn of(project: &ProjectData, user: Option<&Viewer>) -> Self {
        if project.detail.stages.is_empty() {
            Part::NoDates
        } else if project.detail.card.phase == Phase::Finished {
            Part::Over
        } else if let Some(user) = user {
            if user.role != Role::Resident {
                Part::ResidentsOnly
            } else if !project.detail.joined {
                Part::Join
            } else if project.detail.ideas_open {
                Part::Propose
            } else {
                Part::Closed
            }
        } else {
            Part::LogIn
        }
    }
}

/// Taking part (join, propose an idea, or why neither) and the live feed. The viewer decides the first
/// part, on the server; both go in one [`ProjectLive`], so an idea posted with the form goes on top of
/// the feed at once.
#[component]
fn TakePartAndFeed(
    project: ProjectData,
    join: ServerAction<JoinProject>,
    preview: bool,
) -> impl IntoView {
    // A staff editor's preview panel may be drawn inside an island, which has no viewer in the browser.
    let viewer = use_context::<ViewerResource>();
    view! {
        <Suspense fallback=Loading>
            {move || {
                let project = project.clone();
                Suspend::new(async move {
                    // A preview shows what a resident who has not logged in yet sees.
                    let user = match viewer {
                        Some(viewer) if !preview => viewer.await.ok().flatten(),
                        _ => None,
                    };
                    let part = Part::of(&project, user.as_ref());
                    let slug = project.detail.card.slug.clone();
                    let proposing = part == Part::Propose;
                    view! {
                        <ProjectLive
                            slug=slug.clone()
                            project_id=project.detail.card.id
                            initial=project.feed
                            filter=project.filter
                            directions=project.detail.directions
                            last_event_id=project.detail.last_event_id
                            live=!preview
                            limits=proposing.then_some(project.limits)
                            came_back=came_back()
                        >
                            <PartNote part slug join/>
                        </ProjectLive>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

/// The "take part" section with the idea form when the reader may propose, and the project's feed: one
/// island. `children` say what the reader can do ([`PartNote`]).
#[island]
fn ProjectLive(
    slug: String,
    project_id: i64,
    initial: FeedPage,
    filter: FeedFilter,
    directions: Vec<Direction>,
    last_event_id: i64,
    live: bool,
    /// The idea form's limits, when the reader may propose an idea.
    limits: Option<IdeaLimits>,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<wire::CameBack>,
    children: Children,
) -> impl IntoView {
    let t = use_texts();
    provide_came_back(came_back);
    provide_context(crate::components::idea_feed::Posted(RwSignal::new(None)));
    let path = format!("/projects/{slug}");
    view! {
        <section class="take-part" aria-labelledby="take-part-title">
            <h2 id="take-part-title">{t.take_part_title}</h2>
            {children()}
            {limits.map(|limits| view! {
                <IdeaForm slug project_id directions=directions.clone() limits/>
            })}
        </section>
        <IdeaFeed project_id path initial filter directions last_event_id live/>
    }
}

/// What the reader can do, in words, with the join form or the way to log in.
#[component]
fn PartNote(part: Part, slug: String, join: ServerAction<JoinProject>) -> impl IntoView {
    let t = use_texts();
    let join_error = move || match join.value().get() {
        Some(Err(e)) => e.general_message(t),
        _ => None,
    };
    match part {
        Part::NoDates => view! { <p>{t.no_dates_take_part}</p> }.into_any(),
        Part::Over => view! { <p>{t.project_over}</p> }.into_any(),
        Part::LogIn => {
            let next = encode(&format!("/projects/{slug}"));
            view! {
                <p>{t.login_to_take_part}</p>
                <p>
                    <a class="button" href=format!("/login?next={next}")>{t.nav_login}</a>
                    " "
                    <a href=format!("/register?next={next}")>{t.nav_register}</a>
                </p>
            }
            .into_any()
        }
        Part::ResidentsOnly => view! { <p>{t.residents_only}</p> }.into_any(),
        Part::Join => view! {
            <ActionForm action=join>
                <input type="hidden" name="slug" value=slug/>
                <p class="form-error" role="alert">{join_error}</p>
                <button type="submit">{t.join_button}</button>
            </ActionForm>
        }
        .into_any(),
        Part::Closed | Part::Propose => view! {
            <p class="joined">{t.joined_note}</p>
            {(part == Part::Closed).then(|| view! { <p>{t.ideas_closed}</p> })}
        }
        .into_any(),
    }
}
