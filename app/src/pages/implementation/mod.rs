//! What becomes of the selected ideas, as residents read it: the implementation part of an idea's page
//! (status, department, percent, milestones, progress reports with photos, follow/unfollow), and the lists
//! "what was built" — `/built` for the whole city and `/projects/:slug/built` for one project — with counts
//! by status, filters and pages. All of it renders on the server and works without JavaScript.

mod built;
mod idea_part;

pub use built::*;
pub use idea_part::*;

use crate::i18n::{Texts, impl_status_name};
use leptos::prelude::*;
use wire::ImplStatus;

/// A status badge (`data-status` carries the stored name for styles and tests).
fn status_badge(t: &'static Texts, status: ImplStatus) -> impl IntoView + use<> {
    view! { <span class="badge impl-status" data-impl=status.as_str()>{impl_status_name(t, status)}</span> }
}

/// The percent done as a labelled bar.
fn percent_bar(t: &'static Texts, percent: i32) -> impl IntoView + use<> {
    view! {
        <span class="impl-percent">
            {t.impl_percent} ": " {percent} " "
            <progress max="100" value=percent aria-label=t.impl_percent>{percent} "%"</progress>
        </span>
    }
}
