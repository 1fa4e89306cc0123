//! The staff workspace: the list of every project with a form for a new one, the editor of one project
//! (texts, publication, stages, directions, commission, preview links, history), and the previews.
//!
//! Each small form has its own action, so its messages stay next to its own fields; a success bumps the
//! page's `edits` counter, which reloads the editor's data. Each form also has a "Preview" button that
//! sends what is typed, unsaved, to a preview server function; the page it returns is shown in the
//! editor's preview panel, exactly as residents would see it.
//!
//! One file per part of the editor, as in `domain::staff`; what the forms share (the edit counter, the
//! preview panel, outcomes) is here.

/// "Up" and "Down" buttons of a list entry: `$action` takes the entry's id as `$name` and `up`.
macro_rules! up_down {
    ($action:expr, $name:literal, $id:expr, $t:expr) => {
        view! {
            <ActionForm action=$action>
                <input type="hidden" name=$name value=$id/>
                <input type="hidden" name="up" value="true"/>
                <button type="submit" class="secondary">{$t.up}</button>
            </ActionForm>
            <ActionForm action=$action>
                <input type="hidden" name=$name value=$id/>
                <input type="hidden" name="up" value="false"/>
                <button type="submit" class="secondary">{$t.down}</button>
            </ActionForm>
        }
    };
}

mod directions;
mod history;
mod implementation;
mod members;
mod preview;
mod publication;
mod settings;
mod stages;
mod texts;
mod vote;
mod workspace;

pub use directions::*;
pub use history::*;
pub use implementation::*;
pub use members::*;
pub use preview::*;
pub use publication::*;
pub use settings::*;
pub use stages::*;
pub use texts::*;
pub use vote::*;
pub use workspace::*;

use crate::api::JoinProject;

use crate::api::staff::{
    AddDirection, AddMember, AddStage, CreatePreviewLink, CreateProject, DeleteDirection,
    DeleteStage, MoveDirection, MoveMember, PreviewChanges, PreviewDirection, PreviewMember,
    PreviewStage, RemoveMember, RemoveMemberPhoto, RenameDirection, RetireDirection,
    RevokePreviewLink, SetCriteria, SetPremoderation, SetPublication, SetQuorum, UpdateMember,
    UpdateProject, UpdateStage, get_staff_workspace, link_preview, staff_preview, staff_projects,
};

use crate::components::form::{
    Field, Outcome, came_back, echoed_from, field_messages, general_message, on_success,
    provide_came_back, reset_on_success,
};
use leptos::server_fn::ServerFn;

use crate::components::layout::reload_to;

use crate::components::{ErrorBox, Loading, loaded, refetched, use_address};

use crate::i18n::{Texts, use_lang, use_texts};

use crate::model::AppError;

use crate::pages::project::Project;

use crate::pages::project::stage_name as projects_stage_name;

use crate::time::date_time;

use leptos::prelude::*;

use leptos_meta::{Meta, Title};

use leptos_router::hooks::use_params_map;

use wire::{Criterion, ProjectData, ProjectState, StaffWorkspace};

/// The edit counter of the editor page: bumped after each successful change.
#[derive(Clone, Copy)]
struct Edits(RwSignal<u32>);

/// The editor's preview panel: the page with the last previewed unsaved edit.
#[derive(Clone, Copy)]
struct Previewed(RwSignal<Option<ProjectData>>);

/// Sets up an editor island (a project's, an implementation record's): the page's echo and refusal inside
/// it, the edit counter, which it returns, and the preview panel.
fn editor_scope(came_back: Option<wire::CameBack>) -> Edits {
    provide_came_back(came_back);
    let edits = Edits(RwSignal::new(0));
    provide_context(edits);
    provide_context(Previewed(RwSignal::new(None)));
    edits
}

/// Shows each page `outcome` brings in the preview panel (and scrolls to it).
fn to_panel(outcome: Outcome<ProjectData>) {
    let panel = expect_context::<Previewed>();
    on_success(outcome, move |page| {
        panel.0.set(Some(page));
        #[cfg(feature = "hydrate")]
        if let Some(panel) = document().get_element_by_id("preview-changes-title") {
            panel.scroll_into_view();
        }
    });
}

/// Per field, the message of saving or, failing that, of previewing.
fn either_messages<T: Clone + Send + Sync + 'static>(
    saved: Outcome<T>,
    previewed: Outcome<ProjectData>,
) -> impl Fn(&'static str) -> Signal<Option<&'static str>> + Copy {
    move |field| {
        let (saved, shown) = (
            field_messages(saved)(field),
            field_messages(previewed)(field),
        );
        Signal::derive(move || saved.get().or(shown.get()))
    }
}

/// A "Preview" button: `dispatch` gets a reader of the values typed in `form` now.
fn preview_button(
    form: NodeRef<leptos::html::Form>,
    dispatch: impl Fn(&dyn Fn(&str) -> String) + 'static,
) -> impl IntoView {
    let t = use_texts();
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(data) = form
            .get()
            .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
        {
            dispatch(&|name| data.get(name).as_string().unwrap_or_default());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&form, &dispatch);
    };
    view! { <button type="button" class="secondary" on:click=on_click>{t.preview_short}</button> }
}

fn state_name(t: &'static Texts, state: ProjectState) -> &'static str {
    match state {
        ProjectState::Draft => t.state_draft,
        ProjectState::Scheduled => t.state_scheduled,
        ProjectState::Published => t.state_published,
        ProjectState::Archived => t.state_archived,
    }
}

fn outcome_of<T: Clone + Send + Sync + 'static>(
    value: impl Fn() -> Option<Result<T, AppError>> + Send + Sync + 'static,
) -> Outcome<T> {
    Signal::derive(value)
}

fn project_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or_default()
    })
}

/// Bumps the page's edit counter after each success of `outcome`; the preview panel closes, as what it
/// showed is saved (or outdated) now.
fn refresh_after<T: Clone + Send + Sync + 'static>(outcome: Outcome<T>) {
    let edits = expect_context::<Edits>();
    let panel = expect_context::<Previewed>();
    on_success(outcome, move |_| {
        panel.0.set(None);
        edits.0.update(|n| *n += 1);
    });
}
