//! The implementation part of an idea's page: what staff recorded, and the follow button.

use super::*;
use crate::api::implementation::FollowIdea;
use crate::components::form::{general_message, on_success};
use crate::i18n::{fill, use_lang, use_texts};
use crate::time::{date, date_time};
use wire::{IdeaImplementation, Implementation};

/// The implementation part of idea `idea_id`'s page, when it has one (it comes with the page's data:
/// a resource of its own, created while the page's `Suspense` resolves, could break hydration).
#[component]
pub fn ImplementationSection(idea_id: i64, part: Option<IdeaImplementation>) -> impl IntoView {
    part.map(|part| view! { <Part idea_id part/> })
}

#[component]
fn Part(idea_id: i64, part: IdeaImplementation) -> impl IntoView {
    let t = use_texts();
    let record = part.record.map(|r| view! { <Record r/> }.into_any());
    view! {
        <section class="implementation panel" id="implementation" aria-labelledby="implementation-title">
            <h2 id="implementation-title">{t.impl_title}</h2>
            {record.unwrap_or_else(|| view! { <p class="hint">{t.impl_pending}</p> }.into_any())}
            <Follow idea_id following=part.following followers=part.followers/>
        </section>
    }
}

/// How many follow the idea, and the button to follow it or stop (for a visitor, the way to log in):
/// an island.
#[island(lazy)]
fn Follow(
    idea_id: i64,
    /// Whether the viewer follows it (`None`: a visitor, who cannot).
    following: Option<bool>,
    followers: u64,
) -> impl IntoView {
    let t = use_texts();
    let follow = ServerAction::<FollowIdea>::new();
    let outcome = Signal::derive(move || follow.value().get());
    // Following changes the count by one either way; the answer is the new state.
    let state = RwSignal::new((following, followers));
    on_success(outcome, move |now: bool| {
        state.update(|(following, followers)| {
            if *following == Some(!now) {
                *followers = if now {
                    *followers + 1
                } else {
                    followers.saturating_sub(1)
                };
            }
            *following = Some(now);
        });
    });
    let follow_form = move || {
        match state.get().0 {
        None => view! {
            <p class="hint"><a href=format!("/login?next=/ideas/{idea_id}")>{t.impl_follow_login}</a></p>
        }
        .into_any(),
        Some(following) => view! {
            <ActionForm action=follow attr:class="follow-form">
                <input type="hidden" name="idea_id" value=idea_id/>
                <input type="hidden" name="follow" value=(!following).to_string()/>
                {following.then(|| view! { <p class="hint">{t.impl_following_hint}</p> })}
                <p class="form-error" role="alert">{general_message(outcome)}</p>
                <button type="submit" class:secondary=following>
                    {if following { t.impl_unfollow } else { t.impl_follow }}
                </button>
            </ActionForm>
        }
        .into_any(),
    }
    };
    view! {
        <p class="followers">{move || fill(t.impl_followers, &[state.get().1.to_string()])}</p>
        {follow_form}
    }
}

#[component]
fn Record(r: Implementation) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <p>{status_badge(t, r.status)} " " {percent_bar(t, r.percent)}</p>
        <p>{t.impl_department} ": " <span class="department">{r.department.clone()}</span></p>
        {r.reason.clone().map(|why| view! { <p class="reason">{t.reason} ": " {why}</p> })}
        <p class="hint">{t.impl_updated} " " <time datetime=r.updated_at.to_rfc3339()>{date_time(lang, r.updated_at)}</time></p>
        {(!r.milestones.is_empty()).then(|| view! {
            <h3>{t.impl_milestones}</h3>
            <ol class="milestones">
                {r.milestones.iter().map(|m| view! {
                    <li class:reached=m.reached_at.is_some()>
                        <strong>{m.title.clone()}</strong> " · " {t.impl_due} " " {date(lang, m.due_at)}
                        {m.reached_at.map(|at| view! { " · " {t.impl_reached} " " {date(lang, at)} })}
                    </li>
                }).collect_view()}
            </ol>
        })}
        {(!r.reports.is_empty()).then(|| view! {
            <h3>{t.impl_reports}</h3>
            <ol class="reports">
                {r.reports.iter().map(|p| {
                    let when = date(lang, p.at);
                    view! {
                        <li>
                            <p class="idea-meta"><time datetime=p.at.to_rfc3339()>{when.clone()}</time></p>
                            {p.photo.clone().map(|src| view! {
                                <img src=src alt=fill(t.impl_photo_alt, std::slice::from_ref(&when)) loading="lazy" width="600"/>
                            })}
                            <p>{p.body.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        })}
    }
}
