//! The viewer, their notifications, and what they typed into a form that came back.

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
    /// The page the notice leads to when it is not the idea's (`/projects/<slug>/vote` for a reminder
    /// to confirm a ballot); `None` in notices stored before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl About {
    /// The page the notice leads to: its own link, or the idea's page.
    pub fn href(&self) -> String {
        self.link
            .clone()
            .unwrap_or_else(|| format!("/ideas/{}", self.idea_id))
    }
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
    #[serde(with = "crate::time::utc")]
    pub created_at: DateTime<Utc>,
    /// Whether it was read.
    pub read: bool,
}

/// A form posted without JavaScript that brought the reader back to a page, as the page hands it to
/// its islands, which see nothing of the page around them in the browser: the echo (what was typed, or
/// that it succeeded) and the refusal the address carries (`__path`, `__err`) when the post failed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CameBack {
    /// What was typed, or that the post succeeded.
    pub echo: FormEcho,
    /// The refused server function's path and its encoded error.
    pub refusal: Option<(String, String)>,
}

/// What became of a form posted without JavaScript, for the page the browser returns to: what was
/// typed into a form that came back with messages, shown again in its fields (passwords are never
/// kept), or that it succeeded (`done`, no fields), which the page says in words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormEcho {
    /// Where the form was posted (the server function's path, `/api/submit_idea`).
    pub action: String,
    /// `(name, value)` as posted.
    pub fields: Vec<(String, String)>,
    /// The post succeeded.
    #[serde(default)]
    pub done: bool,
}

impl FormEcho {
    /// The outcome of a post to `action` that succeeded.
    pub fn done(action: &str) -> Self {
        Self {
            action: action.to_owned(),
            fields: Vec::new(),
            done: true,
        }
    }

    /// Whether `action` may name a server function in a cookie: `/api/` and lower-case words.
    pub fn is_action(action: &str) -> bool {
        action.len() <= 64
            && action.strip_prefix("/api/").is_some_and(|rest| {
                !rest.is_empty()
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '/')
            })
    }

    /// Whether this is the echo of a form posted to `action` whose fields include each of `matching`
    /// (the hidden fields that tell one form on a page from its neighbours: `idea_id`, `parent_id`).
    pub fn is_from(&self, action: &str, matching: &[(&str, &str)]) -> bool {
        self.action == action && matching.iter().all(|(n, v)| self.get(n) == Some(*v))
    }

    /// The value posted for field `name`, if any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether a field of this name may be kept and shown again: not a password or a secret token.
    pub fn keeps(name: &str) -> bool {
        !["password", "token", "secret"]
            .iter()
            .any(|secret| name.contains(secret))
    }
}
