//! Wire types: what server functions return and live events carry, shared by the server and the browser.
//!
//! They mirror the domain's views but depend on nothing server-side, so the WebAssembly build stays small.
//! [`AppError`] is the one public error type: it says what went wrong in terms a page can show, and never
//! carries internals (those are logged on the server).

use crate::i18n::{Lang, Texts, error_text};
use chrono::{DateTime, Utc};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
pub use wire::{Comment, CommentAdded, FeedPage, IdeaCard, VoteCounts, Withdrawn};

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Bilingual {
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Bilingual {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

impl From<(String, String)> for Bilingual {
    fn from((ru, en): (String, String)) -> Self {
        Bilingual { ru, en }
    }
}

/// The logged-in user, as pages need them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// Account id.
    pub id: i64,
    /// Public name.
    pub display_name: String,
    /// Role name: resident, moderator, expert, staff or admin.
    pub role: String,
    /// Unread notifications.
    pub unread: u64,
}

/// Platform totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Totals {
    /// Distinct participants.
    pub participants: u64,
    /// Public projects.
    pub projects: u64,
    /// Ideas submitted.
    pub ideas: u64,
    /// Ideas selected.
    pub selected: u64,
}

/// A project in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectCard {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// Summary.
    pub summary: Bilingual,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End (exclusive).
    pub ends_at: DateTime<Utc>,
    /// `upcoming`, `active` or `finished`.
    pub phase: String,
    /// Ideas submitted.
    pub ideas_count: i64,
    /// Participants.
    pub participants_count: i64,
    /// Ideas selected.
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

/// A stage of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// announcement, ideas, discussion, review or results.
    pub kind: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End (exclusive).
    pub ends_at: DateTime<Utc>,
    /// Whether it is running now.
    pub current: bool,
}

/// A direction of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Direction {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: Bilingual,
    /// Ideas in it.
    pub ideas_count: i64,
}

/// A commission member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Name.
    pub name: Bilingual,
    /// Position.
    pub position: Bilingual,
    /// Public path of the photo.
    pub photo: Option<String>,
}

/// One step of an idea's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// `submitted`, `published`, `rejected`, `shortlisted`, `selected`, ...
    pub status: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The reason given, if any.
    pub reason: Option<String>,
}

/// Everything an idea's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaData {
    /// The card (counts, author, direction, status).
    pub card: IdeaCard,
    /// The whole text.
    pub body: String,
    /// The project's slug.
    pub project_slug: String,
    /// The project's title.
    pub project_title: Bilingual,
    /// Status timeline, oldest first.
    pub timeline: Vec<Step>,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// The viewer's vote, if any.
    pub my_vote: Option<i16>,
    /// Whether the viewer wrote it.
    pub mine: bool,
    /// Whether the viewer may still edit or withdraw it.
    pub editable: bool,
    /// When a moderator last corrected its text, if ever.
    pub moderator_edited_at: Option<DateTime<Utc>>,
    /// Authors of duplicates merged into it.
    pub coauthors: Vec<String>,
    /// Directions to move it to when editing.
    pub directions: Vec<Direction>,
    /// Whether rating is open.
    pub voting_open: bool,
    /// Whether commenting is open.
    pub comments_open: bool,
    /// Where the live stream resumes.
    pub last_event_id: i64,
    /// Longest comment, in characters.
    pub comment_max: usize,
}

/// An idea in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueIdea {
    /// The card (`submitted`: waiting to be public; `published`: public, not reviewed).
    pub card: IdeaCard,
    /// The whole text.
    pub body: String,
    /// The project's slug.
    pub project_slug: String,
}

/// A comment in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueComment {
    /// The comment.
    pub comment: Comment,
    /// Its idea's title.
    pub idea_title: String,
}

/// An open report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenReport {
    /// Id.
    pub id: i64,
    /// `idea` or `comment`.
    pub target_kind: String,
    /// The idea or comment.
    pub target_id: i64,
    /// The idea concerned.
    pub idea_id: i64,
    /// The beginning of the reported text.
    pub excerpt: String,
    /// Why.
    pub reason: String,
    /// Who reported it.
    pub reporter: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A merge in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeRow {
    /// The merge's id.
    pub id: i64,
    /// The duplicate.
    pub source_id: i64,
    /// Its title.
    pub source_title: String,
    /// The idea it was merged into.
    pub target_id: i64,
    /// Its title.
    pub target_title: String,
}

/// A reusable reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonTemplate {
    /// Id.
    pub id: i64,
    /// Short name.
    pub title: Bilingual,
    /// The reason's text.
    pub text: Bilingual,
}

/// The moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    /// Ideas nobody has reviewed, oldest first.
    pub ideas: Vec<QueueIdea>,
    /// Comments nobody has reviewed, oldest first.
    pub comments: Vec<QueueComment>,
    /// Open reports, oldest first.
    pub reports: Vec<OpenReport>,
    /// Reason templates.
    pub templates: Vec<ReasonTemplate>,
    /// The latest merges in force, newest first.
    pub merges: Vec<MergeRow>,
    /// The server's now (ages are counted from it).
    pub now: DateTime<Utc>,
}

/// A decision of the public trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRow {
    /// Id (its place in the chain).
    pub id: i64,
    /// The idea, if any.
    pub idea_id: Option<i64>,
    /// What was decided.
    pub kind: String,
    /// Why.
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The entry's hash.
    pub hash: String,
    /// The decider's role (`moderator`, `admin`, `expert`).
    pub by_role: String,
    /// The decider's name (commission members only).
    pub by_name: Option<String>,
}

/// A project's public decision trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionsData {
    /// The project's slug.
    pub slug: String,
    /// Its title.
    pub title: Bilingual,
    /// Decisions, oldest first.
    pub decisions: Vec<DecisionRow>,
}

/// One expert's scores of an idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRow {
    /// The expert's name.
    pub expert: String,
    /// Scores (1–5) in the order of the project's criteria.
    pub scores: Vec<i16>,
    /// Their comment.
    pub comment: Option<String>,
}

/// An idea on the commission's dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgedIdea {
    /// The card.
    pub card: IdeaCard,
    /// The viewer's scores.
    pub mine: Option<ScoreRow>,
    /// The viewer stepped aside from it.
    pub conflicted: bool,
    /// Everybody's scores, once the viewer has scored it.
    pub all: Option<Vec<ScoreRow>>,
    /// Means per criterion.
    pub means: Option<Vec<f64>>,
    /// Highest less lowest score per criterion.
    pub spread: Option<Vec<i16>>,
    /// Agreement on it (1 = perfect).
    pub agreement: Option<f64>,
    /// Final votes for.
    pub votes_for: u32,
    /// Final votes against.
    pub votes_against: u32,
    /// The viewer's final vote.
    pub my_vote: Option<bool>,
    /// Votes needed to select it.
    pub needed: u32,
}

/// A member's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    /// Name.
    pub expert: String,
    /// Ideas scored.
    pub scored: u32,
    /// Ideas to score.
    pub total: u32,
}

/// The commission's dashboard of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommissionBoard {
    /// Project id (for the live stream).
    pub project_id: i64,
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// What ideas are scored on, in order.
    pub criteria: Vec<Criterion>,
    /// The directions (tabs), each with its public ideas.
    pub directions: Vec<BoardTab>,
    /// The direction shown.
    pub direction: Option<i64>,
    /// A page of its ideas, newest first.
    pub ideas: Vec<JudgedIdea>,
    /// Where the next page starts, if there is one.
    pub next: Option<i64>,
    /// Members' progress.
    pub progress: Vec<ProgressRow>,
    /// Krippendorff's alpha of the commission.
    pub alpha: Option<f64>,
}

/// One direction's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionResult {
    /// Title.
    pub title: Bilingual,
    /// Ideas submitted.
    pub submitted: i64,
    /// Ideas selected.
    pub selected: i64,
}

/// A selected idea on the results page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectedIdea {
    /// The card.
    pub card: IdeaCard,
    /// The commission's reasons.
    pub reason: Option<String>,
}

/// A project's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsData {
    /// The project.
    pub card: ProjectCard,
    /// Ideas submitted.
    pub submitted: i64,
    /// Ideas made public.
    pub published: i64,
    /// Ideas selected.
    pub selected: i64,
    /// Per direction.
    pub directions: Vec<DirectionResult>,
    /// Ideas per day (Moscow dates, `YYYY-MM-DD`).
    pub per_day: Vec<(String, i64)>,
    /// The selected ideas.
    pub selected_ideas: Vec<SelectedIdea>,
}

/// One of the viewer's own ideas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyIdea {
    /// The card, its status included.
    pub card: IdeaCard,
    /// The project's slug.
    pub project_slug: String,
    /// The project's title.
    pub project_title: Bilingual,
    /// The reason given with the status.
    pub reason: Option<String>,
}

/// A notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Id.
    pub id: i64,
    /// `commented`, `replied`, `published`, `rejected`, `shortlisted`, `selected`.
    pub kind: String,
    /// The idea.
    pub idea_id: i64,
    /// Its title.
    pub idea_title: String,
    /// Who acted.
    pub by: Option<String>,
    /// The comment's beginning or the reason.
    pub text: Option<String>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Whether read.
    pub read: bool,
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
                parts.push(format!(
                    "{key}={}",
                    crate::components::layout::encode(value)
                ));
            }
        }
        parts.join("&")
    }
}

/// Everything the project page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectData {
    /// The catalogue entry.
    pub card: ProjectCard,
    /// Description rendered from Markdown to safe HTML on the server.
    pub body_html: Bilingual,
    /// Stages in time order.
    pub stages: Vec<Stage>,
    /// Directions.
    pub directions: Vec<Direction>,
    /// The commission.
    pub commission: Vec<Member>,
    /// Whether ideas are accepted now.
    pub ideas_open: bool,
    /// Whether the viewer has joined.
    pub joined: bool,
    /// The newest event id: the live stream resumes after it.
    pub last_event_id: i64,
    /// The first page of the feed (or the page asked for with `?after=`).
    pub feed: FeedPage,
    /// The feed's filter, order and search.
    pub filter: FeedFilter,
    /// The cover as shared links show it (`og:image`): absolute when the public address is configured.
    pub share_image: Option<String>,
    /// Length limits of an idea's title and text, in characters, shown as the resident types.
    pub limits: IdeaLimits,
    /// The server's "now" when the page was made: the countdown starts from it.
    pub now: DateTime<Utc>,
}

/// Length limits of an idea, in characters (the domain's rules, sent to the form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaLimits {
    /// Longest title.
    pub title_max: usize,
    /// Longest text.
    pub body_max: usize,
}

/// A project in the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffProjectRow {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// draft, scheduled, published or archived.
    pub state: String,
    /// Publication instant (scheduled or done).
    pub publish_at: Option<DateTime<Utc>>,
    /// Last edit.
    pub updated_at: DateTime<Utc>,
    /// Public path of the cover picture.
    pub cover: Option<String>,
}

/// A stage in the staff editor, with its bounds as `datetime-local` values in Moscow time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffStage {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Start, `YYYY-MM-DDTHH:MM` Moscow time.
    pub starts_local: String,
    /// End, `YYYY-MM-DDTHH:MM` Moscow time.
    pub ends_local: String,
}

/// A direction in the staff editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDirection {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: Bilingual,
    /// Retired directions stay for their ideas but leave the idea form.
    pub retired: bool,
    /// Ideas in it.
    pub ideas_count: i64,
}

/// A commission member in the staff editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: Bilingual,
    /// Position.
    pub position: Bilingual,
    /// E-mail of the linked expert account.
    pub expert_email: Option<String>,
    /// Public path of the photo.
    pub photo: Option<String>,
}

/// A preview link in the staff editor (its secret is shown only when created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLinkRow {
    /// Id.
    pub id: i64,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// One entry of a project's edit history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    /// Who.
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What changed.
    pub summary: String,
}

/// Everything the staff editor of a project shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWorkspace {
    /// The list entry.
    pub row: StaffProjectRow,
    /// Summary.
    pub summary: Bilingual,
    /// Description.
    pub body: Bilingual,
    /// Stages in time order.
    pub stages: Vec<StaffStage>,
    /// All directions in order.
    pub directions: Vec<StaffDirection>,
    /// The commission in order.
    pub commission: Vec<StaffMember>,
    /// Preview links, newest first.
    pub links: Vec<PreviewLinkRow>,
    /// History, newest first.
    pub revisions: Vec<RevisionRow>,
    /// What the commission scores ideas on, in order.
    pub criteria: Vec<Criterion>,
    /// Scoring has started: the criteria are fixed.
    pub criteria_locked: bool,
    /// Votes that select an idea (`None`: a majority).
    pub quorum: Option<i32>,
    /// New ideas wait for a moderator before they are public.
    pub premoderation: bool,
    /// The final vote has started: the quorum is fixed.
    pub quorum_locked: bool,
}

/// A direction on the commission's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardTab {
    /// Direction id.
    pub id: i64,
    /// Title.
    pub title: Bilingual,
    /// Its public ideas.
    pub ideas: u32,
}

/// A criterion the commission scores ideas on (1–5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// The key scores refer to.
    pub key: String,
    /// Its title.
    pub title: Bilingual,
}

/// What a bulk moderation action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    /// Items decided.
    pub done: u32,
    /// Items another moderator had decided first.
    pub skipped: u32,
}

/// A validation failure of one field: the field's name and a message code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    /// The form field (`title`, `body`, `direction`, ... or `form`).
    pub field: String,
    /// The message code, translated by [`crate::i18n::error_text`].
    pub code: String,
}

/// The one public error type of every server function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Nothing there (or not visible to you).
    #[error("not found")]
    NotFound,
    /// Log in first.
    #[error("not logged in")]
    Unauthorized,
    /// Your role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No longer available (an expired or revoked preview link).
    #[error("gone")]
    Gone,
    /// The input breaks rules; nothing was stored.
    #[error("invalid input")]
    Validation(Vec<FieldMessage>),
    /// Too many attempts.
    #[error("rate limited")]
    RateLimited {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// A server-side failure; details are in the server log only.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("transport error: {0}")]
    Transport(String),
}

/// On the server: answers a malformed request with `status` and logs why (see
/// [`crate::ssr::client_error`]); in the browser there is no answer to set.
fn client_error(status: u16, why: &str) {
    #[cfg(feature = "ssr")]
    crate::ssr::client_error(status, why);
    #[cfg(not(feature = "ssr"))]
    let _ = (status, why);
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let malformed = |code: &str| {
            AppError::Validation(vec![FieldMessage {
                field: "form".into(),
                code: code.into(),
            }])
        };
        match value {
            // The request reached the server but its arguments were malformed (a wrong type, a missing
            // field, a body that is not what the form sends, or one over the size limit): the client's
            // fault, answered 400 (413) with a generic message, never with the parser's words.
            ServerFnErrorErr::Deserialization(why) if why.contains("length limit") => {
                client_error(413, &why);
                malformed("too_large")
            }
            ServerFnErrorErr::Args(why)
            | ServerFnErrorErr::MissingArg(why)
            | ServerFnErrorErr::Deserialization(why) => {
                client_error(400, &why);
                malformed("invalid")
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// The message for `field`, if this error has one for it.
    pub fn field_message(&self, t: &'static Texts, field: &str) -> Option<&'static str> {
        match self {
            AppError::Validation(list) => list
                .iter()
                .find(|m| m.field == field)
                .map(|m| error_text(t, &m.field, &m.code)),
            _ => None,
        }
    }

    /// The message shown at the top of a form or page: field-less validation messages and every other error.
    pub fn general_message(&self, t: &'static Texts) -> Option<&'static str> {
        match self {
            AppError::Validation(list) => list
                .iter()
                .find(|m| m.field == "form" || m.field == "publication")
                .map(|m| error_text(t, &m.field, &m.code)),
            AppError::NotFound => Some(t.err_not_found),
            AppError::Unauthorized => Some(t.err_unauthorized),
            AppError::Forbidden => Some(t.err_forbidden),
            AppError::Gone => Some(t.err_gone),
            AppError::RateLimited { .. } => Some(t.err_rate_limited),
            AppError::Internal => Some(t.err_internal),
            AppError::Transport(_) => Some(t.err_network),
        }
    }
}
