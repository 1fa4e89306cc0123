//! A project's idea feed: newest first, "show more" by keyset cursor, live.
//!
//! Without JavaScript "show more" is a link to the next page (`?before=<id>`). Hydrated, it loads the next
//! page in place, and new ideas and vote counts arrive from the live stream.

use crate::api::get_feed;
use crate::i18n::{Lang, use_lang, use_texts};
use crate::model::{AppError, FeedPage, IdeaCard, VoteCounts};
use crate::time::date_time;
use leptos::prelude::*;

/// The feed of project `project_id`, starting with `initial`, live after event `last_event_id`.
#[component]
pub fn IdeaFeed(
    /// The project.
    project_id: i64,
    /// The project's slug (for the no-JavaScript "show more" link).
    slug: String,
    /// The first page, rendered on the server.
    initial: FeedPage,
    /// The newest event the first page reflects.
    last_event_id: i64,
    /// Whether to follow the live stream (not in previews).
    #[prop(default = true)]
    live: bool,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let items = RwSignal::new(initial.items);
    let next = RwSignal::new(initial.next_before);
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);

    Effect::new(move |_| {
        if !live {
            return;
        }
        crate::live::subscribe(
            Some(project_id),
            last_event_id,
            &["idea_published", "idea_voted"],
            move |kind, data| apply_event(items, kind, data),
        );
    });

    let load_more = move |ev: leptos::ev::MouseEvent| {
        let Some(before) = next.get_untracked() else {
            return;
        };
        ev.prevent_default();
        loading.set(true);
        leptos::task::spawn_local(async move {
            match get_feed(project_id, Some(before)).await {
                Ok(page) => {
                    items.update(|list| {
                        let known: Vec<i64> = list.iter().map(|i| i.id).collect();
                        list.extend(page.items.into_iter().filter(|i| !known.contains(&i.id)));
                    });
                    next.set(page.next_before);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };

    view! {
        <section class="feed" aria-labelledby="feed-title">
            <h2 id="feed-title">{t.feed_title}</h2>
            <p class="live-note">{t.live_on}</p>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="empty">{t.feed_empty}</p>
            </Show>
            <ol class="ideas" aria-live="polite" aria-relevant="additions">
                <For each=move || items.get() key=|idea| (idea.id, idea.support_count, idea.oppose_count) let:idea>
                    <IdeaItem idea lang/>
                </For>
            </ol>
            {move || error.get().and_then(|e| e.general_message(t)).map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            {move || next.get().map(|before| view! {
                <p class="more">
                    <a class="button" href=format!("/projects/{slug}?before={before}#feed-title") on:click=load_more
                        aria-disabled=move || loading.get().to_string()>
                        {move || if loading.get() { t.loading } else { t.show_more }}
                    </a>
                </p>
            })}
        </section>
    }
}

/// Applies a live event to the list: a new idea goes on top (once), new counts replace old ones.
fn apply_event(items: RwSignal<Vec<IdeaCard>>, kind: &str, data: &str) {
    match kind {
        "idea_published" => {
            if let Ok(card) = serde_json::from_str::<IdeaCard>(data) {
                items.update(|list| {
                    if !list.iter().any(|i| i.id == card.id) {
                        list.insert(0, card);
                    }
                });
            }
        }
        "idea_voted" => {
            if let Ok(counts) = serde_json::from_str::<VoteCounts>(data) {
                items.update(|list| {
                    if let Some(idea) = list.iter_mut().find(|i| i.id == counts.idea_id) {
                        idea.support_count = counts.support_count;
                        idea.oppose_count = counts.oppose_count;
                    }
                });
            }
        }
        _ => {}
    }
}

#[component]
fn IdeaItem(idea: IdeaCard, lang: Lang) -> impl IntoView {
    let t = lang.texts();
    let direction = match lang {
        Lang::Ru => idea.direction_ru.clone(),
        Lang::En => idea.direction_en.clone(),
    };
    view! {
        <li class="idea" data-idea-id=idea.id>
            <article>
                <h3 class="idea-title"><a href=format!("/ideas/{}", idea.id)>{idea.title.clone()}</a></h3>
                <p class="idea-meta">
                    <span class="tag">{direction}</span>
                    " · " {t.by} " " <span class="author">{idea.author.clone()}</span>
                    " · " <time datetime=idea.created_at.to_rfc3339()>{date_time(lang, idea.created_at)}</time>
                </p>
                <p class="idea-text">{idea.excerpt.clone()}</p>
                <p class="idea-counts">
                    <span class="count-support">{t.support} ": " {idea.support_count}</span>
                    " · " <span class="count-oppose">{t.oppose} ": " {idea.oppose_count}</span>
                    " · " <span>{idea.comment_count} " " {t.comments}</span>
                </p>
            </article>
        </li>
    }
}
