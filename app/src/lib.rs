//! The Leptos application shared by server-side rendering (feature `ssr`) and the browser (feature `hydrate`):
//! routes, pages, components, server functions and the wire types they exchange.
//!
//! Pages render complete HTML on the server, so they are readable without JavaScript; once the WebAssembly
//! hydrates, forms submit in place and the idea feed updates live from the server's event stream.
//!
//! Built with the feature `islands`, only the interactive parts (`#[island]`: the project page's form and
//! feed, the countdown, the bell) hydrate, and everything else stays the server's HTML. Islands that only
//! some pages have (the idea page's, the author's tools, the auth forms, the vote) are `island(lazy)`:
//! with `cargo leptos build --split` their code is a chunk of its own, fetched when a page has one. An
//! island's forms get the page's no-JavaScript echo and refusal as a prop
//! ([`components::form::provide_came_back`]). See docs/islands-plan.md for what is done of that flavour.

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
#[cfg(not(feature = "islands"))]
use leptos_router::Lazy;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};
use wire::Viewer;

/// A route whose page is loaded on demand: with `cargo leptos build --split` its code is a separate
/// WebAssembly chunk, fetched when the route is first visited, so residents' phones never download the
/// staff, moderation and commission workspaces, and a project's page does not carry the code of its
/// results and decision trail. In the islands flavour (feature `islands`) there is no router in the browser:
/// the page is rendered on the server only, and the route is a plain view ([`route!`]).
macro_rules! lazy_page {
    ($(#[$doc:meta])* $name:ident => $page:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        #[cfg(not(feature = "islands"))]
        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $name {
            fn data() -> Self {
                $name
            }

            fn view(_this: Self) -> AnyView {
                view! { <Guard><$page/></Guard><crate::components::LazyMark/> }.into_any()
            }
        }

        #[cfg(feature = "islands")]
        impl $name {
            /// The page, rendered on the server.
            fn page() -> AnyView {
                view! { <Guard><$page/></Guard> }.into_any()
            }
        }
    };
}

/// The view of a [`lazy_page!`] route: loaded on demand, or (islands) the server-rendered page.
#[cfg(not(feature = "islands"))]
macro_rules! route {
    ($name:ident) => {
        Lazy::<$name>::new()
    };
}

/// The view of a [`lazy_page!`] route: loaded on demand, or (islands) the server-rendered page.
#[cfg(feature = "islands")]
macro_rules! route {
    ($name:ident) => {
        $name::page
    };
}

lazy_page!(
    /// `/staff`.
    StaffHomeRoute => pages::staff::StaffHome
);
lazy_page!(
    /// `/staff/projects/:id`.
    StaffProjectRoute => pages::staff::StaffProjectPage
);
lazy_page!(
    /// `/moderation`.
    ModerationRoute => pages::moderation::ModerationPage
);
lazy_page!(
    /// `/moderation/templates`.
    ReasonTemplatesRoute => pages::reason_templates::ReasonTemplatesPage
);
lazy_page!(
    /// `/commission`.
    CommissionHomeRoute => pages::commission::CommissionHome
);
lazy_page!(
    /// `/commission/:slug`.
    CommissionRoute => pages::commission::CommissionPage
);
lazy_page!(
    /// `/my/ideas`.
    MyIdeasRoute => pages::me::MyIdeasPage
);
lazy_page!(
    /// `/notifications`.
    NotificationsRoute => pages::me::NotificationsPage
);
lazy_page!(
    /// `/projects/:slug/decisions` (rendered on the server; its code is fetched to hydrate it).
    DecisionsRoute => pages::decisions::DecisionsPage
);
lazy_page!(
    /// `/projects/:slug/results` (rendered on the server, charts included; its code is fetched to
    /// hydrate it).
    ResultsRoute => pages::results::ResultsPage
);

lazy_page!(
    /// `/projects/:slug/vote` (rendered on the server; its code is fetched to hydrate it).
    VoteRoute => pages::vote::VotePageView
);

lazy_page!(
    /// `/built`: what was built of every project's selected ideas.
    BuiltCityRoute => pages::implementation::BuiltCityPage
);

lazy_page!(
    /// `/projects/:slug/built`: what was built of one project's selected ideas.
    BuiltProjectRoute => pages::implementation::BuiltProjectPage
);

lazy_page!(
    /// `/staff/ideas/:id/implementation`: the staff's editor of one idea's implementation record.
    ImplementationEditorRoute => pages::staff::ImplementationEditorPage
);

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
                <HydrationScripts options islands=cfg!(feature = "islands")/>
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
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/projects") view=pages::catalogue::CataloguePage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:slug") view=pages::project::ProjectPage ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:slug/ideas") view=pages::project::ProjectIdeasPage
                        ssr=SsrMode::Async/>
                    <Route path=path!("/ideas/:id") view=pages::idea::IdeaPage ssr=SsrMode::Async/>
                    <Route path=path!("/my/ideas") view={route!(MyIdeasRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view={route!(ModerationRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/moderation/templates") view={route!(ReasonTemplatesRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/commission") view={route!(CommissionHomeRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/commission/:slug") view={route!(CommissionRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:slug/decisions") view={route!(DecisionsRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:slug/vote") view={route!(VoteRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:slug/built") view={route!(BuiltProjectRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/built") view={route!(BuiltCityRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/staff/ideas/:id/implementation") view={route!(ImplementationEditorRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/projects/:slug/results") view={route!(ResultsRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view={route!(NotificationsRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/open-data") view=pages::open_data::OpenDataPage/>
                    <Route path=path!("/login") view=pages::auth::LoginPage/>
                    <Route path=path!("/register") view=pages::auth::RegisterPage/>
                    <Route path=path!("/register/sent") view=pages::auth::RegisterSentPage/>
                    <Route path=path!("/confirm") view=pages::auth::ConfirmPage/>
                    <Route path=path!("/account") view=|| view! { <Guard><pages::auth::AccountPage/></Guard> }
                        ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view={route!(StaffHomeRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/staff/projects/:id") view={route!(StaffProjectRoute)}
                        ssr=SsrMode::Async/>
                    <Route path=path!("/staff/projects/:id/preview") view=|| view! { <Guard><pages::staff::StaffPreviewPage/></Guard> }
                        ssr=SsrMode::Async/>
                    <Route path=path!("/preview/:token") view=pages::staff::LinkPreviewPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
        <HydratedMark/>
    }
}

/// Marks `<body data-hydrated>` once the page is hydrated; the end-to-end tests wait for it before they
/// interact. In the islands flavour it is the last island of the page, and islands hydrate in the order of
/// the document, so it comes after every other.
#[cfg_attr(feature = "islands", island)]
#[cfg_attr(not(feature = "islands"), component)]
pub fn HydratedMark() -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

/// The browser's entry in the islands flavour: hydrates each island of the page.
#[cfg(all(feature = "hydrate", feature = "islands"))]
pub fn hydrate_islands() {
    leptos::mount::hydrate_islands();
}
