//! The viewer and their notifications.

use crate::sets::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The logged-in user, as pages need them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// Account id.
    pub id: i64,
    /// Public name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Unread notifications.
    pub unread: u64,
}

/// What a notification says, besides its kind (also how it is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    /// The idea.
    pub idea_id: i64,
    /// Its title.
    pub idea_title: String,
    /// Who acted (the commenter), when it matters.
    pub by: Option<String>,
    /// The comment's beginning or the reason given.
    pub text: Option<String>,
}

/// A notification as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Id.
    pub id: i64,
    /// `commented`, `replied`, `published`, `rejected`, `shortlisted`, `selected`, ...
    pub kind: String,
    /// What it is about.
    pub about: About,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Whether it was read.
    pub read: bool,
}
