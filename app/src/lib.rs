//! The Leptos application shared by server-side rendering (feature `ssr`) and the browser (feature `hydrate`):
//! routes, pages, components, server functions and the wire types they exchange.
//!
//! Pages render complete HTML on the server, so they are readable without JavaScript. Only the
//! interactive parts of a page are Leptos islands (`#[island]`) that hydrate in the browser: the project
//! page's form and live feed, the countdown, the bell, the idea page's discussion, the officials'
//! workspaces; everything else stays the server's HTML and ships no code. Islands that only some pages have are `island(lazy)`: with
//! `cargo leptos build --split` the code of each is a chunk of its own, fetched when a page has one. An
//! island gets its data as props, and its forms the page's no-JavaScript echo and refusal
//! ([`components::form::provide_came_back`]). docs/islands-plan.md tells how the site came to this.

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod i18n;
pub mod live;
pub mod model;
pub mod next;
pub mod pages;
pub mod plural;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod time;

use crate::components::guard::Guard;
use crate::components::layout::Layout;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use wire::Viewer;

/// The viewer (logged-in user or `None`) loaded once per page load and shared through context.
pub type ViewerResource = Resource<Result<Option<Viewer>, model::AppError>>;

/// The HTML document around the application; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = server_lang();
    #[cfg(feature = "ssr")]
    ssr::content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="data:,"/>
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language of the current request: the `lang` cookie on the server, `<html lang>` in the browser.
fn server_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        ssr::request_lang()
    }
    #[cfg(not(feature = "ssr"))]
    {
        i18n::page_lang()
    }
}

/// The application: language, viewer, routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = server_lang();
    provide_context(lang);
    let viewer: ViewerResource = Resource::new(|| (), |_| api::get_viewer());
    provide_context(viewer);
    components::form::provide_echo();
    view! {
        <Title formatter=move |page: String| {
            let site = crate::i18n::texts_of(lang).site_name;
            if page.is_empty() { site.to_owned() } else { format!("{page} — {site}") }
        }/>
        <Router>
            <Layout>
                // Every page passes one guard: a page with an access rule (components::guard) is refused
                // to whoever may not open it.
                <Guard>
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                        <Route path=path!("/projects") view=pages::catalogue::CataloguePage ssr=SsrMode::Async/>
                        <Route path=path!("/projects/:slug") view=pages::project::ProjectPage ssr=SsrMode::Async/>
                        <Route path=path!("/projects/:slug/ideas") view=pages::project::ProjectIdeasPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/ideas/:id") view=pages::idea::IdeaPage ssr=SsrMode::Async/>
                        <Route path=path!("/my/ideas") view=pages::me::MyIdeasPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/moderation") view=pages::moderation::ModerationPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/moderation/templates") view=pages::reason_templates::ReasonTemplatesPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/commission") view=pages::commission::CommissionHome
                            ssr=SsrMode::Async/>
                        <Route path=path!("/commission/:slug") view=pages::commission::CommissionPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/projects/:slug/decisions") view=pages::decisions::DecisionsPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/projects/:slug/vote") view=pages::vote::VotePageView
                            ssr=SsrMode::Async/>
                        <Route path=path!("/projects/:slug/built") view=pages::implementation::BuiltProjectPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/built") view=pages::implementation::BuiltCityPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/staff/ideas/:id/implementation") view=pages::staff::ImplementationEditorPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/projects/:slug/results") view=pages::results::ResultsPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/notifications") view=pages::me::NotificationsPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/open-data") view=pages::open_data::OpenDataPage/>
                        <Route path=path!("/login") view=pages::auth::LoginPage/>
                        <Route path=path!("/register") view=pages::auth::RegisterPage/>
                        <Route path=path!("/register/sent") view=pages::auth::RegisterSentPage/>
                        <Route path=path!("/confirm") view=pages::auth::ConfirmPage/>
                        <Route path=path!("/account") view=pages::auth::AccountPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/staff") view=pages::staff::StaffHome
                            ssr=SsrMode::Async/>
                        <Route path=path!("/staff/projects/:id") view=pages::staff::StaffProjectPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/staff/projects/:id/preview") view=pages::staff::StaffPreviewPage
                            ssr=SsrMode::Async/>
                        <Route path=path!("/preview/:token") view=pages::staff::LinkPreviewPage ssr=SsrMode::Async/>
                    </Routes>
                </Guard>
            </Layout>
        </Router>
        <HydratedMark/>
    }
}

/// Marks `<body data-hydrated>` once the page is hydrated; the end-to-end tests wait for it before they
/// interact. It is the last island of the page, and the browser hydrates islands in the order of the
/// document, each lazy one after its chunk has arrived, so it comes after every other.
#[island]
pub fn HydratedMark() -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// The browser's entry: hydrates each island of the page.
#[cfg(feature = "hydrate")]
pub fn hydrate_islands() {
    leptos::mount::hydrate_islands();
}
