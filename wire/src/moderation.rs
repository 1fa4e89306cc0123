//! The moderation queue and what moderators' actions answer.

use crate::ideas::{Comment, IdeaCard};
use crate::sets::ReportTarget;
use crate::text::Bilingual;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An idea waiting for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueIdea {
    /// The card (`submitted`: not public yet; `published`: public, not reviewed).
    pub card: IdeaCard,
    /// The whole text.
    pub body: String,
    /// The project's slug.
    pub project_slug: String,
    /// The project's title (the queue names projects as residents know them).
    pub project_title: Bilingual,
}

/// A comment waiting for review.
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
    /// What is reported.
    pub target_kind: ReportTarget,
    /// The idea or comment.
    pub target_id: i64,
    /// The idea concerned (the comment's idea for a comment).
    pub idea_id: i64,
    /// The beginning of the reported text.
    pub excerpt: String,
    /// Why it was reported.
    pub reason: String,
    /// Who reported it.
    pub reporter: String,
    /// When.
    #[serde(with = "crate::time::utc")]
    pub created_at: DateTime<Utc>,
}

/// A merge in force, as the queue lists it.
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
    /// When.
    #[serde(with = "crate::time::utc")]
    pub created_at: DateTime<Utc>,
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

/// Everything the queue shows, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    /// Ideas nobody has reviewed.
    pub ideas: Vec<QueueIdea>,
    /// Comments nobody has reviewed.
    pub comments: Vec<QueueComment>,
    /// Reports nobody has closed.
    pub reports: Vec<OpenReport>,
    /// Reason templates.
    pub templates: Vec<ReasonTemplate>,
    /// The latest merges in force (to undo one), newest first.
    pub merges: Vec<MergeRow>,
    /// The server's now (ages are counted from it).
    #[serde(with = "crate::time::utc")]
    pub now: DateTime<Utc>,
}

/// What a bulk action did: how many items it decided, and how many it left because another moderator had
/// decided them first (or they were gone).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    /// Items decided.
    pub done: u32,
    /// Items someone else had already decided.
    pub skipped: u32,
}

/// A reason template as the moderators' form posts it (also a server function's input).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInput {
    /// Short title in Russian (what the menu shows).
    pub title_ru: String,
    /// Short title in English.
    pub title_en: String,
    /// The reason in Russian.
    pub text_ru: String,
    /// The reason in English.
    pub text_en: String,
}

/// A moderator's correction of an idea as the form posts it: the new title and text, and what was
/// corrected (shown on the idea and in the trail).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaCorrection {
    /// The corrected title.
    pub title: String,
    /// The corrected text.
    pub body: String,
    /// What was corrected.
    pub reason: String,
}
