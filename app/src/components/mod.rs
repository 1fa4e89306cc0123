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
