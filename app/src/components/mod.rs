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

/// A page's data, fetched by `fetch` while the page renders on the server (it is sent whole: nothing of
/// it is fetched in the browser), drawn by `draw`, or the failure box in its place.
pub fn loaded<T, Fut, V>(
    fetch: fn() -> Fut,
    draw: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let data = Resource::new(|| (), move |_| fetch());
    view! {
        <Suspense fallback=Loading>
            {move || {
                let draw = draw.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => draw(value).into_any(),
                        Err(error) => view! { <ErrorBox error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
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

/// Data a page handed to an island as a prop, drawn by `draw` and fetched again by `fetch` each time
/// `version` changes (a live event, the reader's own change), keeping only the newest answer; above it
/// the failure, if the newest fetch failed. An island's stand-in for a `Resource` keyed on a version
/// under a `Suspense`: it hydrates without one, and on the server nothing is fetched twice.
pub fn refetched<T, F, Fut, V>(
    initial: T,
    version: RwSignal<u32>,
    fetch: F,
    draw: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + 'static,
    V: IntoView + 'static,
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
    view! {
        {move || failed.get().map(|error| view! { <ErrorBox error/> })}
        {move || draw(data.get())}
    }
}

/// Reads a value of the address's query, for parts of a page that may sit inside an island (the outcome
/// of a plain upload, `?cover_error=…`): in the browser an island has no router, and reads the address
/// itself; on the server it is the router's query.
pub fn use_address() -> impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static {
    #[cfg(feature = "hydrate")]
    {
        |name: &str| {
            let search = web_sys::window()?.location().search().ok()?;
            web_sys::UrlSearchParams::new_with_str(&search)
                .ok()?
                .get(name)
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let query = leptos_router::hooks::use_query_map();
        move |name: &str| query.read().get(name)
    }
}
