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
