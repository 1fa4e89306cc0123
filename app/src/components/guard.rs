//! Who may open which page, and the refusal a visitor gets instead of a page that is not for them:
//! `401` with a login link that brings them back, `403` with a plain explanation, in the interface's
//! language. The page's own content (its forms, its headings) is not rendered at all for them.
//!
//! This spares visitors a page they cannot use; it is not the protection. Every server function the page
//! calls checks the caller's role again, with the same role lists (`wire::Role::EDIT`, ...).

use crate::ViewerResource;
use crate::components::layout::{encode, path_with_query};
use crate::components::{ErrorBox, Loading};
use crate::i18n::{Texts, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use wire::{Role, Viewer};

/// What a page asks of its visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone logged in (notifications, account).
    LoggedIn,
    /// Someone logged in with one of these roles.
    Roles(&'static [Role]),
}

/// What the page at `path` asks of its visitor; `None` for public pages.
pub fn access_of(path: &str) -> Option<Access> {
    let under = |prefix: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    if under("/staff") {
        Some(Access::Roles(Role::EDIT))
    } else if under("/moderation") {
        Some(Access::Roles(Role::MODERATE))
    } else if under("/commission") {
        Some(Access::Roles(Role::JUDGE))
    } else if under("/my") {
        Some(Access::Roles(Role::PROPOSE))
    } else if under("/notifications") || under("/account") {
        Some(Access::LoggedIn)
    } else {
        None
    }
}

/// Why a visitor may not open a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not logged in: `401`.
    LogIn,
    /// Logged in with another role: `403`.
    NotForRole {
        /// Who they are.
        viewer: Viewer,
        /// The roles the page is for.
        roles: &'static [Role],
    },
}

/// Whether `viewer` may open a page asking `access`.
pub fn refusal(access: Access, viewer: Option<&Viewer>) -> Option<Refused> {
    match (access, viewer) {
        (_, None) => Some(Refused::LogIn),
        (Access::LoggedIn, Some(_)) => None,
        (Access::Roles(roles), Some(v)) if roles.contains(&v.role) => None,
        (Access::Roles(roles), Some(v)) => Some(Refused::NotForRole {
            viewer: v.clone(),
            roles,
        }),
    }
}

/// Renders `children` when the visitor may open the current page, a refusal otherwise.
#[component]
pub fn Guard(children: ChildrenFn) -> impl IntoView {
    let location = use_location();
    let Some(access) = access_of(&location.pathname.get_untracked()) else {
        return children().into_any();
    };
    let viewer = expect_context::<ViewerResource>();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match viewer.await {
                    Ok(v) => match refusal(access, v.as_ref()) {
                        None => children.with_value(|c| c()).into_any(),
                        Some(why) => view! { <Refusal why/> }.into_any(),
                    },
                    Err(error) => view! { <ErrorBox error/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The name of a role, as a reader of `t` calls it.
pub fn role_name(t: &'static Texts, role: Role) -> &'static str {
    match role {
        Role::Resident => t.role_resident,
        Role::Moderator => t.role_moderator,
        Role::Expert => t.role_expert,
        Role::Staff => t.role_staff,
        Role::Admin => t.role_admin,
    }
}

/// The refusal page, with its status on the server.
#[component]
fn Refusal(why: Refused) -> impl IntoView {
    let t = use_texts();
    let location = use_location();
    let here = path_with_query(
        location.pathname.get_untracked(),
        &location.search.get_untracked(),
    );
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(match why {
            Refused::LogIn => axum::http::StatusCode::UNAUTHORIZED,
            Refused::NotForRole { .. } => axum::http::StatusCode::FORBIDDEN,
        });
    }
    let login = format!("/login?next={}", encode(&here));
    match why {
        Refused::LogIn => view! {
            <Title text=t.refusal_login_title/>
            <section class="refusal" aria-labelledby="refusal-title">
                <h1 id="refusal-title">{t.refusal_login_title}</h1>
                <p>{t.refusal_login_text}</p>
                <p class="actions">
                    <a class="button" href=login>{t.nav_login}</a>
                    <a href="/register">{t.nav_register}</a>
                </p>
            </section>
        }
        .into_any(),
        Refused::NotForRole { viewer, roles } => {
            let open_to = roles
                .iter()
                .map(|r| role_name(t, *r))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <Title text=t.refusal_role_title/>
                <section class="refusal" aria-labelledby="refusal-title">
                    <h1 id="refusal-title">{t.refusal_role_title}</h1>
                    <p>
                        {t.refusal_role_you} " " <strong>{viewer.display_name}</strong>
                        " (" {role_name(t, viewer.role)} "). " {t.refusal_role_open_to} " " {open_to} "."
                    </p>
                    <p>{t.refusal_role_next}</p>
                    <p class="actions">
                        <a class="button" href="/">{t.back_home}</a>
                        <a href=login>{t.refusal_other_account}</a>
                    </p>
                </section>
            }
            .into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role) -> Viewer {
        Viewer {
            id: 1,
            display_name: "anna".into(),
            role,
            unread: 0,
        }
    }

    #[test]
    fn officials_pages_ask_for_their_roles_and_public_pages_for_nothing() {
        assert_eq!(access_of("/staff"), Some(Access::Roles(Role::EDIT)));
        assert_eq!(
            access_of("/staff/projects/4/preview"),
            Some(Access::Roles(Role::EDIT))
        );
        assert_eq!(
            access_of("/moderation/templates"),
            Some(Access::Roles(Role::MODERATE))
        );
        assert_eq!(
            access_of("/commission/culture"),
            Some(Access::Roles(Role::JUDGE))
        );
        assert_eq!(access_of("/notifications"), Some(Access::LoggedIn));
        assert_eq!(
            access_of("/my/ideas"),
            Some(Access::Roles(Role::PROPOSE)),
            "officials propose nothing, so they have no ideas of their own"
        );
        assert_eq!(access_of("/staffing"), None, "a prefix is a whole segment");
        assert_eq!(access_of("/projects/staff"), None);
        assert_eq!(access_of("/"), None);
    }

    #[test]
    fn visitors_log_in_and_other_roles_are_refused() {
        let staff = Access::Roles(Role::EDIT);
        assert_eq!(refusal(staff, None), Some(Refused::LogIn));
        assert_eq!(refusal(staff, Some(&viewer(Role::Admin))), None);
        assert!(matches!(
            refusal(staff, Some(&viewer(Role::Resident))),
            Some(Refused::NotForRole { .. })
        ));
        assert_eq!(refusal(Access::LoggedIn, Some(&viewer(Role::Expert))), None);
    }
}
