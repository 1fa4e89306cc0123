//! What becomes of the selected ideas: each one's implementation record (department, status, percent,
//! milestones, progress reports), who follows it, and the lists "what was built" per project and for the
//! whole city.

use crate::sets::ImplStatus;
use crate::text::Bilingual;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A dated step of an implementation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Milestone {
    /// Id.
    pub id: i64,
    /// What is to be done.
    pub title: String,
    /// The day it is due (Moscow midnight).
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::Instant"))]
    pub due_at: DateTime<Utc>,
    /// The day it was reached, if it was.
    #[serde(default, with = "crate::time::utc_option")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::time::Instant>"))]
    pub reached_at: Option<DateTime<Utc>>,
}

/// What staff reported on the way, with a photo or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressReport {
    /// Id.
    pub id: i64,
    /// The text.
    pub body: String,
    /// The photo's address (`/uploads/reports/...`).
    pub photo: Option<String>,
    /// When it was published.
    #[serde(with = "crate::time::utc")]
    pub at: DateTime<Utc>,
}

/// How a selected idea is being built.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Implementation {
    /// The idea.
    pub idea_id: i64,
    /// The responsible department.
    pub department: String,
    /// Where it stands.
    pub status: ImplStatus,
    /// Why it was cancelled (only then).
    pub reason: Option<String>,
    /// Percent done, 0 to 100.
    pub percent: i32,
    /// Its milestones, by due day.
    pub milestones: Vec<Milestone>,
    /// Its progress reports, newest first.
    pub reports: Vec<ProgressReport>,
    /// When it last changed.
    #[serde(with = "crate::time::utc")]
    pub updated_at: DateTime<Utc>,
}

/// The implementation part of an idea's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct IdeaImplementation {
    /// The record, once staff opened one.
    pub record: Option<Implementation>,
    /// Whether the viewer follows the idea (`None`: a visitor, who cannot).
    pub following: Option<bool>,
    /// How many people follow it.
    pub followers: u64,
}

/// How many records of a list stand where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BuiltCounts {
    /// Planned.
    pub planned: u64,
    /// In progress.
    pub in_progress: u64,
    /// Done.
    pub done: u64,
    /// Cancelled.
    pub cancelled: u64,
}

impl BuiltCounts {
    /// The count of `status`.
    pub fn of(&self, status: ImplStatus) -> u64 {
        match status {
            ImplStatus::Planned => self.planned,
            ImplStatus::InProgress => self.in_progress,
            ImplStatus::Done => self.done,
            ImplStatus::Cancelled => self.cancelled,
        }
    }
}

/// Which records a "what was built" list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BuiltFilter {
    /// Only this status.
    #[serde(default)]
    pub status: Option<ImplStatus>,
    /// Only this project (its slug).
    #[serde(default)]
    pub project: Option<String>,
    /// Only this department.
    #[serde(default)]
    pub department: Option<String>,
}

/// One record in a "what was built" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BuiltRow {
    /// The idea.
    pub idea_id: i64,
    /// Its title.
    pub title: String,
    /// Its project's slug.
    pub project_slug: String,
    /// Its project's title.
    pub project_title: Bilingual,
    /// Its direction.
    pub direction: Bilingual,
    /// The responsible department.
    pub department: String,
    /// Where it stands.
    pub status: ImplStatus,
    /// Percent done.
    pub percent: i32,
    /// The next milestone not reached yet, if any.
    pub next_milestone: Option<Milestone>,
    /// When it last changed.
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::Instant"))]
    pub updated_at: DateTime<Utc>,
}

/// A page of "what was built": the counts of the whole filtered list, one page of rows, and the choices of
/// the filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BuiltPage {
    /// Counts by status of every record the filter lets through (the status filter aside).
    pub counts: BuiltCounts,
    /// The rows of this page, newest idea first.
    pub rows: Vec<BuiltRow>,
    /// The cursor of the next page, if there is one.
    pub next: Option<i64>,
    /// Projects that have records, to filter by (slug, title).
    pub projects: Vec<(String, Bilingual)>,
    /// Departments named in records, to filter by.
    pub departments: Vec<String>,
    /// The filter applied.
    pub filter: BuiltFilter,
}

/// A selected idea in the staff's list of a project's implementations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImplementationRow {
    /// The idea.
    pub idea_id: i64,
    /// Its title.
    pub title: String,
    /// Where its record stands (`None`: no record yet).
    pub status: Option<ImplStatus>,
    /// Percent done.
    pub percent: i32,
}

/// The staff's editor of one idea's implementation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImplementationEditor {
    /// The idea.
    pub idea_id: i64,
    /// Its title.
    pub title: String,
    /// Its project's id (the editor links back to it).
    pub project_id: i64,
    /// Its project's title.
    pub project_title: Bilingual,
    /// The record, once opened.
    pub record: Option<Implementation>,
    /// Longest report, in characters.
    pub report_max: usize,
}
