//! The browser entry point: hydrates the server-rendered page with the shared [`app::App`], or, in the
//! islands flavour (feature `islands`), only the page's islands.

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the hydration script that the server puts in every page.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    #[cfg(not(feature = "islands"))]
    // Lazy routes (the staff, moderation and commission pages are separate wasm chunks) hydrate once
    // their chunk has arrived.
    leptos::mount::hydrate_lazy(app::App);
    #[cfg(feature = "islands")]
    app::hydrate_islands();
}
