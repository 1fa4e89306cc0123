//! Projects as the catalogue, the home page and a project's page show them.

use crate::ideas::FeedPage;
use crate::sets::Phase;
use crate::text::{Bilingual, encode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The kinds of stage of a project's lifecycle, in their order (`vote`: the residents' vote on the
/// commission's shortlist).
pub const STAGE_KINDS: [&str; 6] = [
    "announcement",
    "ideas",
    "discussion",
    "review",
    "vote",
    "results",
];

/// Platform totals (public ideas and projects only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Totals {
    /// Distinct residents who joined any project.
    pub participants: u64,
    /// Public projects.
    pub projects: u64,
    /// Public ideas.
    pub ideas: u64,
    /// Ideas selected for implementation.
    pub selected: u64,
}

/// A project in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProjectCard {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// One-paragraph summary.
    pub summary: Bilingual,
    /// Start.
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::Instant"))]
    pub starts_at: DateTime<Utc>,
    /// End (exclusive).
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::Instant"))]
    pub ends_at: DateTime<Utc>,
    /// Upcoming, active or finished, when the card was made.
    pub phase: Phase,
    /// Ideas submitted (kept on write).
    pub ideas_count: i64,
    /// Residents who joined (kept on write).
    pub participants_count: i64,
    /// Ideas selected (kept on write).
    pub selected_count: i64,
    /// Public path of the cover picture.
    pub cover: Option<String>,
}

/// The home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    /// Platform totals.
    pub totals: Totals,
    /// Public projects, newest first.
    pub projects: Vec<ProjectCard>,
    /// The newest site-wide event: the page's live stream resumes after it.
    pub last_event_id: i64,
}

/// The catalogue: matching projects and the years that can be chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Matching public projects, newest first.
    pub projects: Vec<ProjectCard>,
    /// Years that have projects, newest first.
    pub years: Vec<i32>,
}

/// One stage on a project's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// One of [`STAGE_KINDS`].
    pub kind: String,
    /// Start.
    #[serde(with = "crate::time::utc")]
    pub starts_at: DateTime<Utc>,
    /// End (exclusive).
    #[serde(with = "crate::time::utc")]
    pub ends_at: DateTime<Utc>,
    /// Whether it is running now.
    pub current: bool,
}

/// A thematic direction of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Direction {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: Bilingual,
    /// Ideas submitted in it.
    pub ideas_count: i64,
}

/// A member of the expert commission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Name.
    pub name: Bilingual,
    /// Position.
    pub position: Bilingual,
    /// Public path of the photo.
    pub photo: Option<String>,
}

/// A project as its public page (or a staff preview) shows it, feed aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectDetail {
    /// The catalogue entry.
    pub card: ProjectCard,
    /// The description, rendered from Markdown to safe HTML on the server.
    pub body_html: Bilingual,
    /// Whether residents can open its public page now (a preview of it then says so and links there).
    pub public: bool,
    /// Stages in time order.
    pub stages: Vec<Stage>,
    /// Active directions in their order.
    pub directions: Vec<Direction>,
    /// The commission in its order.
    pub commission: Vec<Member>,
    /// Whether ideas are accepted now.
    pub ideas_open: bool,
    /// Whether the viewer has joined.
    pub joined: bool,
    /// The newest event id of the project: the live stream resumes after it.
    pub last_event_id: i64,
}

/// Length limits of an idea, in characters (the domain's rules, sent to the form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaLimits {
    /// Longest title.
    pub title_max: usize,
    /// Longest text.
    pub body_max: usize,
}

/// Everything the project page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectData {
    /// The project.
    pub detail: ProjectDetail,
    /// The first page of the feed (or the page asked for with `?after=`).
    pub feed: FeedPage,
    /// The feed's filter, order and search.
    pub filter: FeedFilter,
    /// The cover as shared links show it (`og:image`): absolute when the public address is configured.
    pub share_image: Option<String>,
    /// Length limits of an idea's title and text, shown as the resident types.
    pub limits: IdeaLimits,
    /// The server's "now" when the page was made: the countdown starts from it.
    #[serde(with = "crate::time::utc")]
    pub now: DateTime<Utc>,
}

/// What a feed shows, as the page's query string says it (empty: no filter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct FeedFilter {
    /// A direction id.
    pub direction: String,
    /// A status.
    pub status: String,
    /// `newest`, `supported` or `discussed`.
    pub sort: String,
    /// Search words.
    pub q: String,
}

impl FeedFilter {
    /// Whether it shows everything, newest first.
    pub fn is_default(&self) -> bool {
        self.direction.is_empty()
            && self.status.is_empty()
            && self.q.trim().is_empty()
            && matches!(self.sort.as_str(), "" | "newest")
    }

    /// The query string of this filter (without `?`), with `after` when given.
    pub fn query(&self, after: Option<&str>) -> String {
        let mut parts = Vec::new();
        for (key, value) in [
            ("direction", self.direction.as_str()),
            ("status", self.status.as_str()),
            ("sort", self.sort.as_str()),
            ("q", self.q.as_str()),
            ("after", after.unwrap_or_default()),
        ] {
            if !value.is_empty() {
                parts.push(format!("{key}={}", encode(value)));
            }
        }
        parts.join("&")
    }
}
