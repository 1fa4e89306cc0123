//! Ideas and comments as feeds, pages and live events show them.

use crate::projects::Direction;
use crate::sets::IdeaStatus;
use crate::text::Bilingual;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An idea in a feed; also the data of the `idea_published` and `idea_edited` live events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IdeaCard {
    /// Id.
    pub id: i64,
    /// Project id.
    pub project_id: i64,
    /// Direction id.
    pub direction_id: i64,
    /// Direction title, Russian.
    pub direction_ru: String,
    /// Direction title, English.
    pub direction_en: String,
    /// Title.
    pub title: String,
    /// The beginning of the text.
    pub excerpt: String,
    /// Author's display name.
    pub author: String,
    /// Where it stands.
    pub status: IdeaStatus,
    /// Supporters.
    pub support_count: i64,
    /// Opponents.
    pub oppose_count: i64,
    /// Comments.
    pub comment_count: i64,
    /// Submission instant.
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::time::Instant"))]
    pub created_at: DateTime<Utc>,
}

/// One page of a feed and the cursor of the next page (`None` on the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FeedPage {
    /// Ideas in the feed's order.
    pub items: Vec<IdeaCard>,
    /// Pass as `after` to get the next page.
    pub next: Option<String>,
}

/// An idea's rating after a vote: the data of the `idea_voted` live event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteCounts {
    /// The idea.
    pub idea_id: i64,
    /// Supporters.
    pub support_count: i64,
    /// Opponents.
    pub oppose_count: i64,
}

/// The data of the `idea_withdrawn` live event: the idea left the public (withdrawn, taken down, merged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawn {
    /// The idea.
    pub idea_id: i64,
}

/// A comment on an idea as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Id.
    pub id: i64,
    /// The idea.
    pub idea_id: i64,
    /// The comment this replies to (always a top-level one).
    pub parent_id: Option<i64>,
    /// Author's display name.
    pub author: String,
    /// Plain text.
    pub body: String,
    /// When.
    #[serde(with = "crate::time::utc")]
    pub created_at: DateTime<Utc>,
}

/// The data of the `comment_added` live event: the comment and the idea's comment count now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentAdded {
    /// The new comment.
    pub comment: Comment,
    /// The idea's comments now.
    pub comment_count: i64,
}

/// The data of the `comment_hidden` live event: a moderator hid a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentHidden {
    /// The comment.
    pub comment_id: i64,
    /// Its idea.
    pub idea_id: i64,
    /// The idea's comments now.
    pub comment_count: i64,
}

/// One step of an idea's life as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// `submitted`, `published`, `rejected`, `merged`, `shortlisted`, `selected`, `not_selected`, ...
    /// (a status, or the moderation action that set it); `vote_won` or `vote_lost` (the residents'
    /// vote); an [`ImplChange`](crate::ImplChange) (the implementation); `milestone_due` (ahead).
    pub status: String,
    /// When.
    #[serde(with = "crate::time::utc")]
    pub at: DateTime<Utc>,
    /// The reason given, if any (for an implementation's change, its particulars; for a milestone
    /// ahead, its title).
    pub reason: Option<String>,
    /// The decision-trail entry that records it, if it is a decision (`#decision-<id>` on the
    /// project's decisions page).
    #[serde(default)]
    pub decision: Option<i64>,
    /// The confirmed ballots that chose it (steps `vote_won`, `vote_lost`).
    #[serde(default)]
    pub votes: Option<i64>,
    /// The commission's mean score in tenths (43 is 4.3 of 5), on its final decision once the review
    /// stage is over.
    #[serde(default)]
    pub mean_score: Option<i32>,
    /// Still ahead: a milestone not reached yet (step `milestone_due`, at its due day).
    #[serde(default)]
    pub ahead: bool,
}

/// Everything an idea's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaPage {
    /// The card (counts, author, direction, status).
    pub card: IdeaCard,
    /// The whole text.
    pub body: String,
    /// The project's slug.
    pub project_slug: String,
    /// The project's title.
    pub project_title: Bilingual,
    /// The status timeline, oldest first.
    pub timeline: Vec<Step>,
    /// Comments, oldest first.
    pub comments: Vec<Comment>,
    /// The viewer's vote (+1, -1), if any.
    pub my_vote: Option<i16>,
    /// Whether the viewer wrote it.
    pub mine: bool,
    /// Whether the viewer is logged in (and may comment and report while that is open).
    #[serde(default)]
    pub signed_in: bool,
    /// Whether the viewer may still edit or withdraw it.
    pub editable: bool,
    /// When a moderator last corrected its text, if ever.
    #[serde(with = "crate::time::utc_option")]
    pub moderator_edited_at: Option<DateTime<Utc>>,
    /// Authors of the duplicates merged into it, credited with the author.
    pub coauthors: Vec<String>,
    /// The project's active directions, to move the idea to when editing it (empty unless editable).
    pub directions: Vec<Direction>,
    /// Whether rating is open now.
    pub voting_open: bool,
    /// Whether commenting is open now.
    pub comments_open: bool,
    /// The newest event id of the project: where the page's live stream resumes.
    pub last_event_id: i64,
    /// Longest comment, in characters.
    pub comment_max: usize,
    /// What is being built: shown when the commission selected the idea or staff keep a record of it.
    pub implementation: Option<crate::implementation::IdeaImplementation>,
    /// What was said on the duplicates merged into it, read-only, oldest duplicate first.
    pub merged: Vec<MergedDiscussion>,
}

/// The published comments of a duplicate merged into an idea, shown on that idea's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedDiscussion {
    /// The duplicate (its own address leads to the idea it joined).
    pub idea_id: i64,
    /// Its title.
    pub title: String,
    /// Its comments, oldest first.
    pub comments: Vec<Comment>,
}

/// One of a resident's own ideas, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyIdea {
    /// The card, its status included.
    pub card: IdeaCard,
    /// The project's slug.
    pub project_slug: String,
    /// The project's title.
    pub project_title: Bilingual,
    /// The reason given with the status, if any.
    pub reason: Option<String>,
}

/// An idea as the resident's form posts it (submitting or editing): the direction chosen in a
/// `<select>` (empty when none was), the title and the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaFields {
    /// The direction's id as the `<select>` sends it.
    pub direction_id: String,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
}
