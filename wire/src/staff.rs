//! The staff's project editor.

use crate::commission::Criterion;
use crate::sets::{ChangeKind, ProjectState};
use crate::text::Bilingual;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A project in the staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffProjectRow {
    /// Id.
    pub id: i64,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: Bilingual,
    /// Where it is in its publication.
    pub state: ProjectState,
    /// Publication instant (scheduled or done).
    #[serde(with = "crate::time::utc_option")]
    pub publish_at: Option<DateTime<Utc>>,
    /// Last edit.
    #[serde(with = "crate::time::utc")]
    pub updated_at: DateTime<Utc>,
    /// Public path of the cover picture.
    pub cover: Option<String>,
}

/// A stage in the editor, with its bounds as `datetime-local` values in Moscow time.
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

/// A direction in the editor.
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

/// A commission member in the editor.
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

/// A preview link (its secret is shown only when created).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLinkRow {
    /// Id.
    pub id: i64,
    /// Expiry.
    #[serde(with = "crate::time::utc")]
    pub expires_at: DateTime<Utc>,
    /// Whether it was revoked.
    pub revoked: bool,
    /// Whether it has expired (and so opens nothing any more).
    pub expired: bool,
}

/// One entry of a project's edit history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    /// Who.
    pub actor: String,
    /// When.
    #[serde(with = "crate::time::utc")]
    pub at: DateTime<Utc>,
    /// What changed, one entry per change, rendered in the reader's language.
    pub changes: Vec<Change>,
}

/// One change in a project's edit history: its kind and particulars (see [`ChangeKind`] for each
/// kind's `args`). Stored as one JSON line of `project_revisions.summary`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// Its particulars, in the order [`ChangeKind`] lists them.
    pub args: Vec<String>,
}

impl Change {
    /// A change of `kind` with its particulars.
    pub fn new<const N: usize>(kind: ChangeKind, args: [&str; N]) -> Change {
        Change {
            kind,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    /// The `i`-th particular, empty when missing (a row written by an older version).
    pub fn arg(&self, i: usize) -> &str {
        self.args.get(i).map_or("", String::as_str)
    }
}

/// Everything the staff editor of one project shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffWorkspace {
    /// The list entry.
    pub row: StaffProjectRow,
    /// Summary.
    pub summary: Bilingual,
    /// Description (Markdown).
    pub body: Bilingual,
    /// Stages in time order.
    pub stages: Vec<StaffStage>,
    /// All directions, retired ones included, in order.
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
    /// The residents' vote: rule, ballot, live totals.
    pub vote: crate::vote::VoteSetup,
    /// The ideas that may have an implementation record, with where their records stand.
    pub implementations: Vec<crate::implementation::ImplementationRow>,
}

/// The texts of a project as the editor's form posts them (also a server function's input).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectInput {
    /// URL name: lower-case latin letters, digits and hyphens.
    pub slug: String,
    /// Title in Russian.
    pub title_ru: String,
    /// Title in English.
    pub title_en: String,
    /// Summary in Russian.
    pub summary_ru: String,
    /// Summary in English.
    pub summary_en: String,
    /// Description in Russian (Markdown).
    pub body_ru: String,
    /// Description in English.
    pub body_en: String,
}

/// A commission member as the editor's form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInput {
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// Position in Russian.
    pub position_ru: String,
    /// Position in English.
    pub position_en: String,
    /// E-mail of the member's expert account, to link it (empty: no account).
    pub expert_email: String,
}

/// A stage as the editor's form posts it: its kind and bounds as `datetime-local` values, Moscow time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageForm {
    /// `announcement`, `ideas`, `discussion`, `review` or `results`.
    pub kind: String,
    /// Start, `YYYY-MM-DDTHH:MM` Moscow time (empty or unreadable: none).
    pub starts_at: String,
    /// End (exclusive), likewise.
    pub ends_at: String,
}
