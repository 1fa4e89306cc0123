//! Components used by several pages.

pub mod form;
pub mod guard;
pub mod idea_feed;
pub mod idea_form;
pub mod layout;

use crate::i18n::use_texts;
use crate::model::AppError;
use leptos::prelude::*;

/// A page-level error message, with a way back.
#[component]
pub fn ErrorBox(
    /// The error to explain.
    error: AppError,
) -> impl IntoView {
    let t = use_texts();
    let message = error.general_message(t).unwrap_or(t.err_internal);
    view! {
        <section class="notice notice-error" role="alert">
            <h1>{t.error_title}</h1>
            <p>{message}</p>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    }
}

/// A "loading" placeholder announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let t = use_texts();
    view! { <p class="loading" role="status" aria-live="polite">{t.loading}</p> }
}

/// A hidden mark after a lazy route's page. The server renders it bare; once the route's code has loaded
/// and hydrated the page (or drawn it, after a navigation in the browser) it carries `data-ready`.
/// `<body data-hydrated>` says the application is hydrated, which for a lazy route may come before its
/// chunk has arrived; the end-to-end tests wait for this mark too before they click.
#[component]
pub fn LazyMark() -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    view! { <span hidden data-lazy-route="" data-ready=move || ready.get().then_some("true")></span> }
}

/// Runs `tick` every `period` while the calling component lives, in the browser only (totals that are
/// live but have no event of their own, such as a running vote's). Nothing runs on the server.
pub fn every(period: std::time::Duration, tick: impl Fn() + 'static) {
    #[cfg(feature = "hydrate")]
    if let Ok(handle) = set_interval_with_handle(tick, period) {
        on_cleanup(move || handle.clear());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (period, tick);
}

/// Data a page handed to an island as a prop, fetched again by `fetch` each time `version` changes (a
/// live event, the reader's own change), keeping only the newest answer; the last failure, if the newest
/// fetch failed. An island's stand-in for a `Resource` keyed on a version: it hydrates without a
/// `Suspense`, and on the server nothing is fetched twice.
pub fn refetched<T, F, Fut>(
    initial: T,
    version: RwSignal<u32>,
    fetch: F,
) -> (RwSignal<T>, RwSignal<Option<AppError>>)
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + 'static,
{
    let data = RwSignal::new(initial);
    let failed = RwSignal::new(None);
    Effect::new(move |before: Option<u32>| {
        let now = version.get();
        if before.is_some() {
            let answer = fetch();
            leptos::task::spawn_local(async move {
                let answer = answer.await;
                if version.get_untracked() == now {
                    match answer {
                        Ok(fresh) => {
                            failed.set(None);
                            data.set(fresh);
                        }
                        Err(e) => failed.set(Some(e)),
                    }
                }
            });
        }
        now
    });
    (data, failed)
}

/// Reads a value of the address's query, for parts of a page that may sit inside an island (the outcome
/// of a plain upload, `?cover_error=…`): in the islands flavour the browser has no router there, and
/// reads the address itself; elsewhere it is the router's query.
pub fn use_address() -> impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static {
    #[cfg(all(feature = "islands", feature = "hydrate"))]
    {
        |name: &str| {
            let search = web_sys::window()?.location().search().ok()?;
            web_sys::UrlSearchParams::new_with_str(&search)
                .ok()?
                .get(name)
        }
    }
    #[cfg(not(all(feature = "islands", feature = "hydrate")))]
    {
        let query = leptos_router::hooks::use_query_map();
        move |name: &str| query.read().get(name)
    }
}
