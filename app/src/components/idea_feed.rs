//! A project's idea feed: newest first, "show more" by keyset cursor, live.
//!
//! Filters (direction, status), the order (newest, most supported, most discussed) and the search are a
//! plain GET form, so they work without JavaScript and every view has its own address. Without JavaScript
//! "show more" is a link to the next page (`?after=<cursor>`). Hydrated, it loads the next
//! page in place, and vote and comment counts arrive from the live stream. New ideas of others are not
//! pushed under the reader's finger: they are announced ("3 new ideas — show") and shown on request. The
//! reader's own new idea (see [`Posted`]) goes on top at once.

use crate::api::get_feed;
use crate::i18n::status_name;
use crate::i18n::{Lang, use_lang, use_texts};
use crate::model::AppError;
use crate::time::date_time;
use leptos::prelude::*;
use wire::LiveEvent;
use wire::{Direction, FeedFilter, FeedPage, IdeaCard, IdeaStatus};

/// The idea the viewer has just posted, shared by the idea form and the feed of the same page.
#[derive(Clone, Copy)]
pub struct Posted(pub RwSignal<Option<IdeaCard>>);

/// The feed of project `project_id`, starting with `initial`, live after event `last_event_id`.
#[component]
pub fn IdeaFeed(
    /// The project.
    project_id: i64,
    /// The page's path (for the filter form and the no-JavaScript "show more" link).
    path: String,
    /// The first page, rendered on the server.
    initial: FeedPage,
    /// The filter, order and search the page shows.
    filter: FeedFilter,
    /// The project's directions (to filter by).
    directions: Vec<Direction>,
    /// The newest event the first page reflects.
    last_event_id: i64,
    /// Whether to follow the live stream (not in previews).
    #[prop(default = true)]
    live: bool,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let items = RwSignal::new(initial.items);
    let next = RwSignal::new(initial.next);
    let filtered = !filter.is_default();
    let loading = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let waiting = RwSignal::new(Vec::<IdeaCard>::new());
    if let Some(Posted(posted)) = use_context::<Posted>() {
        Effect::new(move |_| {
            if let Some(card) = posted.get() {
                waiting.update(|list| list.retain(|i| i.id != card.id));
                put_on_top(items, vec![card]);
            }
        });
    }

    Effect::new(move |_| {
        if !live {
            return;
        }
        crate::live::subscribe(Some(project_id), last_event_id, move |event| {
            apply_event(items, waiting, event)
        });
    });
    // Unfiltered, the new ideas go on top; with a filter, order or search the first page is asked again,
    // so what is shown still answers it.
    let first_filter = filter.clone();
    let show_new = move |_| {
        let fresh = waiting.try_update(std::mem::take).unwrap_or_default();
        if !filtered {
            put_on_top(items, fresh);
            return;
        }
        let filter = first_filter.clone();
        leptos::task::spawn_local(async move {
            match get_feed(project_id, None, filter).await {
                Ok(page) => {
                    items.set(page.items);
                    next.set(page.next);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let more_href = {
        let (path, filter) = (path.clone(), filter.clone());
        move |after: &str| format!("{path}?{}#feed-title", filter.query(Some(after)))
    };

    let more_filter = filter.clone();
    let load_more = move |ev: leptos::ev::MouseEvent| {
        let Some(after) = next.get_untracked() else {
            return;
        };
        ev.prevent_default();
        loading.set(true);
        let filter = more_filter.clone();
        leptos::task::spawn_local(async move {
            match get_feed(project_id, Some(after), filter).await {
                Ok(page) => {
                    items.update(|list| {
                        let known: Vec<i64> = list.iter().map(|i| i.id).collect();
                        list.extend(page.items.into_iter().filter(|i| !known.contains(&i.id)));
                    });
                    next.set(page.next);
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
            <FeedControls path=path.clone() filter=filter.clone() directions/>
            <p class="live-note">{t.live_on}</p>
            <div class="new-ideas" role="status" aria-live="polite">
                <Show when=move || waiting.with(|w| !w.is_empty())>
                    <button type="button" class="new-ideas-button" on:click=show_new.clone()>
                        {move || new_ideas_label(lang, waiting.with(Vec::len))}
                    </button>
                </Show>
            </div>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="empty">{if filtered { t.feed_nothing_found } else { t.feed_empty }}</p>
            </Show>
            <ol class="ideas" aria-live="polite" aria-relevant="additions">
                <For each=move || items.get()
                    key=|idea| (idea.id, idea.support_count, idea.oppose_count, idea.comment_count, idea.title.clone())
                    let:idea>
                    <IdeaItem idea lang/>
                </For>
            </ol>
            {move || error.get().and_then(|e| e.general_message(t)).map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            {move || next.get().map(|after| view! {
                <p class="more">
                    <a class="button" href=more_href(&after) on:click=load_more.clone()
                        aria-disabled=move || loading.get().to_string()>
                        {move || if loading.get() { t.loading } else { t.show_more }}
                    </a>
                </p>
            })}
        </section>
    }
}

/// The filter form: direction, status, order and search, submitted as a plain GET (no JavaScript needed).
#[component]
fn FeedControls(path: String, filter: FeedFilter, directions: Vec<Direction>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let statuses = IdeaStatus::VISIBLE.map(|status| (status.as_str(), status_name(t, status)));
    let sorts = [
        ("newest", t.sort_newest),
        ("supported", t.sort_supported),
        ("discussed", t.sort_discussed),
    ];
    view! {
        <form class="feed-controls" method="get" action=format!("{path}#feed-title") role="search">
            <div class="field">
                <label for="feed-q">{t.search_ideas}</label>
                <input id="feed-q" name="q" type="search" value=filter.q.clone() maxlength="200"/>
            </div>
            <div class="field">
                <label for="feed-direction">{t.field_direction}</label>
                <select id="feed-direction" name="direction">
                    <option value="">{t.all_directions}</option>
                    {directions.into_iter().map(|d| {
                        let id = d.id.to_string();
                        view! { <option value=id.clone() selected=filter.direction == id>{d.title.get(lang).to_owned()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="feed-status">{t.field_status}</label>
                <select id="feed-status" name="status">
                    <option value="">{t.all_statuses}</option>
                    {statuses.into_iter().map(|(value, label)| view! {
                        <option value=value selected=filter.status == value>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="feed-sort">{t.field_sort}</label>
                <select id="feed-sort" name="sort">
                    {sorts.into_iter().map(|(value, label)| view! {
                        <option value=value selected=filter.sort == value>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit">{t.apply_filter}</button>
        </form>
    }
}

/// "1 new idea — show", "3 new ideas — show", in the page's language.
pub fn new_ideas_label(lang: Lang, n: usize) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let counted = crate::plural::counted(lang, n, crate::plural::Noun::NewIdea);
    match lang {
        Lang::Ru => format!("{counted} — показать"),
        Lang::En => format!("{counted} — show"),
    }
}

/// Puts `fresh` ideas (newest last) on top of the list, each once.
fn put_on_top(items: RwSignal<Vec<IdeaCard>>, fresh: Vec<IdeaCard>) {
    items.update(|list| {
        for card in fresh {
            if !list.iter().any(|i| i.id == card.id) {
                list.insert(0, card);
            }
        }
    });
}

/// Applies a live event: a new idea waits to be shown (once), new counts and texts replace old ones, an
/// idea that left the public leaves the feed.
fn apply_event(items: RwSignal<Vec<IdeaCard>>, waiting: RwSignal<Vec<IdeaCard>>, event: LiveEvent) {
    let in_feed = |id: i64, change: &dyn Fn(&mut IdeaCard)| {
        items.update(|list| {
            if let Some(idea) = list.iter_mut().find(|i| i.id == id) {
                change(idea);
            }
        });
    };
    match event {
        LiveEvent::IdeaPublished(card) => {
            let shown = items.with_untracked(|list| list.iter().any(|i| i.id == card.id));
            waiting.update(|list| {
                if !shown && !list.iter().any(|i| i.id == card.id) {
                    list.push(card);
                }
            });
        }
        LiveEvent::IdeaEdited(card) => {
            for list in [items, waiting] {
                list.update(|list| {
                    if let Some(idea) = list.iter_mut().find(|i| i.id == card.id) {
                        *idea = card.clone();
                    }
                });
            }
        }
        LiveEvent::IdeaWithdrawn(gone) => {
            for list in [items, waiting] {
                list.update(|list| list.retain(|i| i.id != gone.idea_id));
            }
        }
        LiveEvent::CommentAdded(added) => in_feed(added.comment.idea_id, &|idea| {
            idea.comment_count = added.comment_count;
        }),
        LiveEvent::CommentHidden(hidden) => in_feed(hidden.idea_id, &|idea| {
            idea.comment_count = hidden.comment_count;
        }),
        LiveEvent::IdeaVoted(counts) => in_feed(counts.idea_id, &|idea| {
            idea.support_count = counts.support_count;
            idea.oppose_count = counts.oppose_count;
        }),
        // Not about the feed's ideas (or handled by the stream itself).
        LiveEvent::CatalogueChanged(_)
        | LiveEvent::Redacted
        | LiveEvent::Reload
        | LiveEvent::Gone
        | LiveEvent::Unread(_)
        | LiveEvent::QueueChanged
        | LiveEvent::BoardChanged => {}
    }
}

#[component]
fn IdeaItem(idea: IdeaCard, lang: Lang) -> impl IntoView {
    let t = crate::i18n::texts_of(lang);
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
                    " · " <span>{crate::plural::counted(lang, idea.comment_count, crate::plural::Noun::Comment)}</span>
                </p>
            </article>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_new_ideas_notice_agrees_with_its_number() {
        let ru: Vec<String> = [1, 2, 5, 11, 21, 22, 112]
            .into_iter()
            .map(|n| new_ideas_label(Lang::Ru, n))
            .collect();
        assert_eq!(
            ru,
            vec![
                "1 новая идея — показать",
                "2 новые идеи — показать",
                "5 новых идей — показать",
                "11 новых идей — показать",
                "21 новая идея — показать",
                "22 новые идеи — показать",
                "112 новых идей — показать",
            ]
        );
        assert_eq!(new_ideas_label(Lang::En, 1), "1 new idea — show");
        assert_eq!(new_ideas_label(Lang::En, 3), "3 new ideas — show");
    }
}
