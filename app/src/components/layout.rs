//! The frame of every page: skip link, header with navigation, language switch and account, main, footer.

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
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let switch_href = move || format!("/lang/{}?next={}", lang.other().code(), encode(&here()));
    let login_href = move || format!("/login?next={}", encode(&here()));
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href="/">{t.site_name}</a>
            <nav aria-label=t.nav_main class="site-nav">
                <a href="/projects">{t.nav_home}</a>
                <a href=switch_href hreflang=lang.other().code() aria-label=t.switch_language_label rel="external nofollow">
                    {t.switch_language}
                </a>
                <Account login_href/>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t.tagline}</p>
        </footer>
    }
}

#[component]
fn Account(login_href: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    let t = use_texts();
    let viewer = expect_context::<ViewerResource>();
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            reload_to("/");
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || {
                let login_href = login_href();
                Suspend::new(async move {
                match viewer.await {
                    Ok(Some(user)) => view! {
                        {matches!(user.role, Role::Staff | Role::Admin)
                            .then(|| view! { <a href="/staff">{t.nav_staff}</a> })}
                        {(user.role == Role::Resident).then(|| view! { <a href="/my/ideas">{t.nav_my_ideas}</a> })}
                        {matches!(user.role, Role::Moderator | Role::Admin)
                            .then(|| view! { <a href="/moderation">{t.nav_moderation}</a> })}
                        {(user.role == Role::Expert).then(|| view! { <a href="/commission">{t.commission_work}</a> })}
                        <Bell unread=user.unread/>
                        <span class="account">
                            <a class="account-name" href="/account">{user.display_name}</a>
                            <ActionForm action=logout>
                                <button type="submit" class="link-button">{t.nav_logout}</button>
                            </ActionForm>
                        </span>
                    }.into_any(),
                    _ => view! {
                        <a href=login_href>{t.nav_login}</a>
                        <a href="/register">{t.nav_register}</a>
                    }.into_any(),
                }
            })}}
        </Transition>
    }
}

/// The notifications link with the unread count, kept live by the viewer's own event stream.
#[component]
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
            {t.notifications_title} " "
            <span class="unread-count" aria-label=move || format!("{} {}", count.get(), t.unread_label)>
                {count}
            </span>
        </a>
    }
}

pub use wire::text::encode;

/// Loads `path` afresh (after logging in or out, so every part of the page sees the new session).
pub fn reload_to(path: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().location().set_href(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}
