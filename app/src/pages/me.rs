//! The viewer's own pages: `/my/ideas` (every idea of theirs with its status and the reasons given) and
//! `/notifications` (what happened to their ideas and comments; opening the page marks them read).

use crate::api::ideas::{get_notifications, mark_notifications_read, my_ideas};
use crate::components::loaded;
use crate::i18n::status_name;
use crate::i18n::{Texts, use_lang, use_texts};
use crate::plural::{Noun, counted};
use crate::time::date_time;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use wire::IdeaStatus;

/// `/my/ideas`.
#[component]
pub fn MyIdeasPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <Title text=t.nav_my_ideas/>
        <Meta name="robots" content="noindex"/>
        <h1>{t.nav_my_ideas}</h1>
        {loaded(my_ideas, move |ideas: Vec<_>| {
            if ideas.is_empty() {
                return view! { <p class="empty">{t.my_ideas_empty}</p> }.into_any();
            }
            view! {
                <ol class="ideas my-ideas">
                    {ideas.into_iter().map(|m| view! {
                        <li class="idea" data-status=m.card.status.as_str()>
                            <h2 class="idea-title"><a href=format!("/ideas/{}", m.card.id)>{m.card.title.clone()}</a></h2>
                            <p class="idea-meta">
                                <span class="badge">{status_name(t, m.card.status)}</span> " · "
                                <a href=format!("/projects/{}", m.project_slug)>{m.project_title.get(lang).to_owned()}</a>
                                " · " <time datetime=m.card.created_at.to_rfc3339()>{date_time(lang, m.card.created_at)}</time>
                            </p>
                            {m.reason.map(|r| view! { <p class="reason">{t.reason} ": " {r}</p> })}
                            <p class="idea-counts">
                                {t.support} ": " {m.card.support_count} " · " {t.oppose} ": " {m.card.oppose_count}
                                " · " {counted(lang, m.card.comment_count, Noun::Comment)}
                            </p>
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        })}
    }
}

fn notice_text(t: &'static Texts, kind: &str) -> &'static str {
    if let Some(change) = wire::ImplChange::parse(kind) {
        return crate::i18n::impl_change_name(t, change);
    }
    match kind {
        "commented" => t.notice_commented,
        "replied" => t.notice_replied,
        "merge_undone" => t.notice_merge_undone,
        "vote_reminder" => t.notice_vote_reminder,
        _ => match IdeaStatus::parse(kind) {
            Some(IdeaStatus::Published) => t.notice_published,
            Some(IdeaStatus::Rejected) => t.notice_rejected,
            Some(IdeaStatus::Shortlisted) => t.notice_shortlisted,
            Some(IdeaStatus::Merged) => t.notice_merged,
            Some(IdeaStatus::Selected) => t.notice_selected,
            Some(IdeaStatus::NotSelected) => t.notice_not_selected,
            _ => t.notice_other,
        },
    }
}

/// `/notifications`.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    view! {
        <Title text=t.notifications_title/>
        <Meta name="robots" content="noindex"/>
        <h1>{t.notifications_title}</h1>
        {loaded(get_notifications, move |notes: Vec<_>| {
            if notes.is_empty() {
                return view! { <p class="empty">{t.notifications_empty}</p> }.into_any();
            }
            view! {
                <MarkRead any_unread=notes.iter().any(|n| !n.read)/>
                <ol class="notices">
                    {notes.into_iter().map(|n| view! {
                        <li class="notice-item" class:unread=!n.read>
                            <p>
                                <strong>{notice_text(t, &n.kind)}</strong> ": "
                                <a href=n.about.href()>{n.about.idea_title.clone()}</a>
                            </p>
                            {n.about.text.map(|text| view! {
                                <blockquote>{n.about.by.map(|b| format!("{b}: ")).unwrap_or_default()}{text}</blockquote>
                            })}
                            <p class="idea-meta"><time datetime=n.created_at.to_rfc3339()>{date_time(lang, n.created_at)}</time></p>
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        })}
    }
}

/// Marks the notifications read once the page is open in a browser, when any was unread: the bell goes
/// back to zero (through the live stream). An island, showing nothing.
#[island(lazy)]
fn MarkRead(any_unread: bool) -> impl IntoView {
    Effect::new(move |_| {
        if any_unread {
            leptos::task::spawn_local(async move {
                let _ = mark_notifications_read().await;
            });
        }
    });
}
