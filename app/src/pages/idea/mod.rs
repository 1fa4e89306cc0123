//! `/ideas/:id`: an idea's page — its text, author, direction, status timeline, support/oppose rating,
//! comments with replies one level deep, and reporting. Rendered completely on the server; what moves
//! (votes and comments, live from the project's event stream) is [`live`], one island, as are the author's tools ([`own`]). The rating is in [`votes`], the discussion and reporting
//! in [`comments`]; the comments of duplicates merged into it follow its own, read-only ([`merged`]).

mod comments;
mod live;
mod merged;
mod own;
mod votes;

use crate::api::ideas::get_idea;
use crate::components::form::came_back;
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Lang, Texts, status_name, use_lang, use_texts};
use crate::time::date_time;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;
use live::IdeaLive;
use own::OwnIdea;
use wire::{IdeaPage, IdeaStatus, Step};

/// `/ideas/:id`.
#[component]
pub fn IdeaPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or_default()
        },
        get_idea,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(idea) => view! { <Idea idea/> }.into_any(),
                    Err(crate::model::AppError::NotFound) => {
                        view! { <crate::pages::not_found::NotFound/> }.into_any()
                    }
                    // Redirected by the server; this is what shows until the browser follows.
                    Err(crate::model::AppError::Merged { into }) => view! {
                        <section class="notice" role="status">
                            <p>{t.idea_merged_into} " " <a href=format!("/ideas/{into}")>"#" {into}</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The name of a step of an idea's timeline: the status it reached, a moderator's correction, the
/// residents' vote's result, a change of its implementation or a milestone ahead.
fn step_name(t: &'static Texts, step: &str) -> &'static str {
    if let Some(change) = wire::ImplChange::parse(step) {
        return crate::i18n::impl_change_name(t, change);
    }
    match IdeaStatus::parse(step) {
        Some(status) => status_name(t, status),
        None => match step {
            "edited" => t.status_edited,
            "merge_undone" => t.decision_merge_undone,
            "vote_won" => t.passport_vote_won,
            "vote_lost" => t.passport_vote_lost,
            "milestone_due" => t.passport_milestone_due,
            _ => t.status_published,
        },
    }
}

/// One step of the timeline: what, when, why, the vote's count or the commission's mean score, and the
/// link to its entry in the project's decision trail.
fn timeline_step(t: &'static Texts, lang: Lang, slug: &str, s: &Step) -> impl IntoView + use<> {
    let plain = wire::ImplChange::parse(&s.status).is_some() || s.ahead;
    let reason = s.reason.clone().map(|r| {
        if plain {
            view! { <p class="reason">{r}</p> }.into_any()
        } else {
            view! { <p class="reason">{t.reason} ": " {r}</p> }.into_any()
        }
    });
    let when = if s.ahead {
        format!("{} {}", t.impl_due, crate::time::date(lang, s.at))
    } else {
        date_time(lang, s.at)
    };
    view! {
        <li class:ahead=s.ahead data-step=s.status.clone()>
            <strong>{step_name(t, &s.status)}</strong> " · "
            <time datetime=s.at.to_rfc3339()>{when}</time>
            {s.decision.map(|id| view! {
                " · " <a class="trail-link" href=format!("/projects/{slug}/decisions#decision-{id}")>{t.passport_trail_link}</a>
            })}
            {reason}
            {s.votes.map(|n| view! { <p>{crate::plural::counted(lang, n, crate::plural::Noun::Vote)}</p> })}
            {s.mean_score.map(|tenths| {
                let comma = if lang == Lang::Ru { ',' } else { '.' };
                let mean = format!("{}{comma}{}", tenths / 10, tenths % 10);
                view! { <p>{crate::i18n::fill(t.passport_mean_score, &[mean])}</p> }
            })}
        </li>
    }
}

/// Plain text with its web links made clickable: only `http://` and `https://` addresses become links,
/// marked `nofollow ugc`; everything else stays text (escaped by the renderer).
pub fn linkify(text: &str) -> impl IntoView + use<> {
    let mut parts = Vec::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            parts.push(" ".to_owned().into_any());
        }
        let trimmed = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        let is_link = (trimmed.starts_with("https://") || trimmed.starts_with("http://"))
            && trimmed.len() > "https://".len();
        if is_link {
            let rest = word[trimmed.len()..].to_owned();
            parts.push(
                view! {
                    <a href=trimmed.to_owned() rel="nofollow ugc noopener noreferrer" target="_blank">
                        {trimmed.to_owned()}
                    </a>
                }
                .into_any(),
            );
            parts.push(rest.into_any());
        } else {
            parts.push(word.to_owned().into_any());
        }
    }
    parts
}

/// Paragraphs of plain text (blank lines separate them), links clickable.
fn paragraphs(text: &str) -> impl IntoView + use<> {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| view! { <p>{linkify(p)}</p> })
        .collect_view()
}

#[component]
fn Idea(idea: IdeaPage) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let card = idea.card.clone();
    let direction = match lang {
        Lang::Ru => card.direction_ru.clone(),
        Lang::En => card.direction_en.clone(),
    };
    let idea_id = card.id;
    let came_back = came_back();
    let summary: String = idea.body.chars().take(200).collect();
    view! {
        <Title text=card.title.clone()/>
        <Meta name="description" content=summary/>
        <article class="idea-page">
            <p class="breadcrumb">
                <a href=format!("/projects/{}", idea.project_slug)>{idea.project_title.get(lang).to_owned()}</a>
            </p>
            <p class="badge" data-status=card.status.as_str()>{status_name(t, card.status)}</p>
            <h1>{card.title.clone()}</h1>
            <p class="idea-meta">
                <span class="tag">{direction}</span>
                " · " {t.by} " " <span class="author">{card.author.clone()}</span>
                {(!idea.coauthors.is_empty()).then(|| view! {
                    " " {t.with_coauthors} " " <span class="coauthors">{idea.coauthors.join(", ")}</span>
                })}
                " · " <time datetime=card.created_at.to_rfc3339()>{date_time(lang, card.created_at)}</time>
            </p>
            <div class="idea-body">{paragraphs(&idea.body)}</div>
            {idea.moderator_edited_at.map(|at| view! {
                <p class="hint edited-note">{t.edited_by_moderator} " · " {date_time(lang, at)}</p>
            })}
            {idea.editable.then(|| view! {
                <OwnIdea card=card.clone() body=idea.body.clone() directions=idea.directions.clone()
                    came_back=came_back.clone()/>
            })}
            <IdeaLive idea_id project_id=card.project_id last_event_id=idea.last_event_id
                counts=(card.support_count, card.oppose_count) my_vote=idea.my_vote
                voting_open=idea.voting_open mine=idea.mine comments=idea.comments
                comment_count=card.comment_count merged=idea.merged comments_open=idea.comments_open
                comment_max=idea.comment_max signed_in=idea.signed_in came_back>
                <section aria-labelledby="timeline-title">
                    <h2 id="timeline-title">{t.timeline_title}</h2>
                    <ol class="timeline">
                        {idea.timeline.iter().map(|s| timeline_step(t, lang, &idea.project_slug, s)).collect_view()}
                    </ol>
                </section>
                <crate::pages::implementation::ImplementationSection idea_id part=idea.implementation.clone()/>
            </IdeaLive>
        </article>
    }
}
