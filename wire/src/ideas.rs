//! Ideas and comments as feeds, pages and live events show them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An idea in a feed; also the data of the `idea_published` and `idea_edited` live events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Status name.
    pub status: String,
    /// Supporters.
    pub support_count: i64,
    /// Opponents.
    pub oppose_count: i64,
    /// Comments.
    pub comment_count: i64,
    /// Submission instant.
    pub created_at: DateTime<Utc>,
}

/// One page of a feed and the cursor of the next page (`None` on the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
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
