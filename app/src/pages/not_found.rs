//! The 404 page.

use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for unknown paths (with status 404 on the server).
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = use_texts();
    view! {
        <Title text=t.not_found_title/>
        <section class="notice">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    }
}
