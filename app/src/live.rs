//! The browser's side of live updates: a Server-Sent Events subscription to a project's event stream.
//!
//! The page passes the id of the newest event it already reflects (`after`); the server replays everything
//! newer from the events table and then streams new events. When the connection drops, the browser's
//! `EventSource` reconnects by itself and sends `Last-Event-ID`, so no event is missed. On the server (SSR)
//! subscribing does nothing.

/// The URL of a project's event stream (`Some(id)`) or of the site-wide one (`None`), resuming after
/// event `after`.
pub fn stream_url(scope: Option<i64>, after: i64) -> String {
    match scope {
        Some(project_id) => format!("/api/events?project={project_id}&after={after}"),
        None => format!("/api/events/site?after={after}"),
    }
}

/// Sent by the server instead of a replay when the page is too far behind: the page reloads.
pub const RELOAD: &str = "reload";
/// Sent by the server when the project stopped being public: the stream ends.
pub const GONE: &str = "gone";

/// Subscribes to `kinds` of events of a project (or site-wide events, `None`) for as long as the current
/// reactive owner lives; `on_event` receives each event's kind and JSON data. A [`RELOAD`] reloads the
/// page (it carries its own resume point).
pub fn subscribe(
    scope: Option<i64>,
    after: i64,
    kinds: &[&'static str],
    on_event: impl Fn(&str, &str) + 'static,
) {
    let mut all = kinds.to_vec();
    all.push(RELOAD);
    subscribe_to(&stream_url(scope, after), &all, move |kind, data| {
        if kind == RELOAD {
            reload();
        } else {
            on_event(kind, data);
        }
    });
}

/// Reloads the page.
fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Subscribes to `kinds` of events of the stream at `url` for as long as the current reactive owner
/// lives (the viewer's own stream is `/api/events/me`).
#[cfg(feature = "hydrate")]
pub fn subscribe_to(url: &str, kinds: &[&'static str], on_event: impl Fn(&str, &str) + 'static) {
    use send_wrapper::SendWrapper;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let Ok(source) = web_sys::EventSource::new(url) else {
        return;
    };
    let on_event = Rc::new(on_event);
    let mut listeners = Vec::new();
    // The server ends a stream whose project stopped being public: do not reconnect.
    let closing = source.clone();
    let gone = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
        closing.close();
    });
    let _ = source.add_event_listener_with_callback(GONE, gone.as_ref().unchecked_ref());
    listeners.push(gone);
    for &kind in kinds {
        let on_event = on_event.clone();
        let listener =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(data) = ev.data().as_string() {
                    on_event(kind, &data);
                }
            });
        let _ = source.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        listeners.push(listener);
    }
    let held = SendWrapper::new((source, listeners));
    leptos::prelude::on_cleanup(move || {
        let (source, _listeners) = held.take();
        source.close();
    });
}

/// On the server there is nothing to subscribe to.
#[cfg(not(feature = "hydrate"))]
pub fn subscribe_to(_url: &str, _kinds: &[&'static str], _on_event: impl Fn(&str, &str) + 'static) {
}
