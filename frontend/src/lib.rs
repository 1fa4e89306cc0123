//! The browser entry point: hydrates the islands of the server-rendered page ([`app::hydrate_islands`]).

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the hydration script that the server puts in every page.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate_islands();
}

/// Room in the module's read-only data that nothing uses, kept by the linker (`#[used]`) and dropped by
/// the split: wasm-split moves the data only the lazy islands use into their chunks, but only if the main
/// module's data, laid out again with the chunks' parts aligned apart, still fits in the space the linker
/// gave it. Without room it did not (by 95 bytes, 2026-12-05) and kept all of it, every chunk's strings
/// too, in the module every page loads (62 KB more; docs/architecture.md, "Islands and code splitting").
#[used]
static SPLIT_ROOM: [u8; 8192] = [0xA5; 8192];
