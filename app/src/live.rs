//! The browser's side of live updates: Server-Sent Events subscriptions, each event read back into a
//! [`LiveEvent`] that the page matches exhaustively.
//!
//! A project page passes the id of the newest event it already reflects (`after`); the server replays
//! everything newer from the events table and then streams new events. When the connection drops, the
//! browser's `EventSource` reconnects by itself and sends `Last-Event-ID`, so no event is missed. A
//! [`LiveEvent::Reload`] (the page is too far behind for a replay) reloads the page; a
//! [`LiveEvent::Gone`] (the project is no longer public) closes the stream. On the server (SSR)
//! subscribing does nothing.

use wire::LiveEvent;

/// The URL of a project's event stream (`Some(id)`) or of the site-wide one (`None`), resuming after
/// event `after`.
pub fn stream_url(scope: Option<i64>, after: i64) -> String {
    match scope {
        Some(project_id) => format!("/api/events?project={project_id}&after={after}"),
        None => format!("/api/events/site?after={after}"),
    }
}

/// Subscribes to the events of a project (or site-wide events, `None`) for as long as the current
/// reactive owner lives.
pub fn subscribe(scope: Option<i64>, after: i64, on_event: impl Fn(LiveEvent) + 'static) {
    subscribe_to(&stream_url(scope, after), on_event);
}

/// Subscribes to the stream at `url` (also `/api/events/me`, `/api/events/moderation`,
/// `/api/events/commission?project=…`) for as long as the current reactive owner lives; `on_event`
/// receives every event but the stream's own controls.
#[cfg(feature = "hydrate")]
pub fn subscribe_to(url: &str, on_event: impl Fn(LiveEvent) + 'static) {
    use send_wrapper::SendWrapper;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let Ok(source) = web_sys::EventSource::new(url) else {
        return;
    };
    let closing = source.clone();
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(event) = ev.data().as_string().and_then(|data| {
                let mut json = serde_json::Deserializer::from_str(&data);
                LiveEvent::decode(&ev.type_(), &mut json).ok().flatten()
            }) else {
                return;
            };
            match event {
                LiveEvent::Reload => reload(),
                LiveEvent::Gone => closing.close(),
                other => on_event(other),
            }
        });
    for kind in LiveEvent::KINDS {
        let _ = source.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
    }
    let held = SendWrapper::new((source, listener));
    leptos::prelude::on_cleanup(move || {
        let (source, _listener) = held.take();
        source.close();
    });
}

/// On the server there is nothing to subscribe to.
#[cfg(not(feature = "hydrate"))]
pub fn subscribe_to(_url: &str, _on_event: impl Fn(LiveEvent) + 'static) {}

/// Reloads the page (in the browser; nothing on the server).
pub fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
