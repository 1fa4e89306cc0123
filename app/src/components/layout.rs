//! The frame of every page: skip link, a one-line header, main, footer.
//!
//! The header stays one line on a 360 px phone: the brand, the catalogue, the notifications bell, and a
//! menu with everything else (the language switch, the role's workspace, the account, logging out). The
//! menu is a `<details>` element: it opens with a tap, a click or Enter/Space on its summary, with or
//! without JavaScript.

use crate::ViewerResource;
use crate::api::auth::Logout;
use crate::i18n::{use_lang, use_texts};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wire::Role;

/// The page frame around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let location = use_location();
    let here = move || path_with_query(location.pathname.get(), &location.search.get());
    let links = Links {
        switch: Signal::derive(move || {
            format!("/lang/{}?next={}", lang.other().code(), encode(&here()))
        }),
        login: Signal::derive(move || format!("/login?next={}", encode(&here()))),
    };
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href="/">{t.site_name}</a>
            <nav aria-label=t.nav_main class="site-nav">
                <a href="/projects">{t.nav_home}</a>
                <Account links/>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            <crate::components::form::DoneNotice/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t.tagline}</p>
            <p><a href="/built">{t.built_title}</a> " · " <a href="/open-data">{t.od_title}</a></p>
        </footer>
    }
}

/// Links that bring the reader back to the page they are on.
#[derive(Clone, Copy)]
struct Links {
    /// The same page in the other language.
    switch: Signal<String>,
    /// The login form, back here afterwards.
    login: Signal<String>,
}

/// The viewer's part of the header: "Log in" and the menu for visitors; the bell and the menu for
/// the logged in.
#[component]
fn Account(links: Links) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let viewer = expect_context::<ViewerResource>();
    // Rendered on the server only: logging out is a plain post, answered with a redirect home.
    let logout = ServerAction::<Logout>::new();
    let switch = move || {
        view! {
            <a href=move || links.switch.get() hreflang=lang.other().code() aria-label=t.switch_language_label rel="external nofollow">
                {t.switch_language}
            </a>
        }
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(Some(user)) => view! {
                        <Bell unread=user.unread/>
                        <details class="menu">
                            <summary>{t.nav_menu}</summary>
                            <div class="menu-panel">
                                {matches!(user.role, Role::Staff | Role::Admin)
                                    .then(|| view! { <a href="/staff">{t.nav_staff}</a> })}
                                {(user.role == Role::Resident).then(|| view! { <a href="/my/ideas">{t.nav_my_ideas}</a> })}
                                {matches!(user.role, Role::Moderator | Role::Admin)
                                    .then(|| view! { <a href="/moderation">{t.nav_moderation}</a> })}
                                {(user.role == Role::Expert).then(|| view! { <a href="/commission">{t.commission_work}</a> })}
                                <a class="account-name" href="/account">{user.display_name}</a>
                                {switch()}
                                <ActionForm action=logout>
                                    <button type="submit" class="link-button">{t.nav_logout}</button>
                                </ActionForm>
                            </div>
                        </details>
                    }.into_any(),
                    _ => view! {
                        <a href=move || links.login.get()>{t.nav_login}</a>
                        <details class="menu">
                            <summary>{t.nav_menu}</summary>
                            <div class="menu-panel">
                                <a href="/register">{t.nav_register}</a>
                                {switch()}
                            </div>
                        </details>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The notifications link with the unread count, kept live by the viewer's own event stream. On a
/// phone it shows a bell and the count; its name is always there for screen readers. An island: the
/// rest of the header is plain HTML.
#[island]
fn Bell(unread: u64) -> impl IntoView {
    let t = use_texts();
    let count = RwSignal::new(unread);
    Effect::new(move |_| {
        crate::live::subscribe_to("/api/events/me", move |event| {
            if let wire::LiveEvent::Unread(n) = event {
                count.set(n);
            }
        });
    });
    view! {
        <a href="/notifications" class="bell" class:has-unread=move || { count.get() > 0 }>
            <svg class="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/>
            </svg>
            <span class="bell-label">{t.notifications_title}</span> " "
            <span class="unread-count" aria-label=move || format!("{} {}", count.get(), t.unread_label)>
                {count}
            </span>
        </a>
    }
}

pub use wire::text::encode;

/// A page's address as links back to it carry it: the path, and the query when there is one.
pub fn path_with_query(path: String, search: &str) -> String {
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// Loads `path` afresh (after logging in or out, so every part of the page sees the new session).
pub fn reload_to(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
