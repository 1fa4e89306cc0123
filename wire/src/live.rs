//! The live events: one enum, one variant per kind, for every Server-Sent Events stream.
//!
//! On the wire an event is the SSE `event:` line ([`LiveEvent::kind`]) and a `data:` line holding the
//! whole event as JSON, `{"kind": "...", "data": {...}}`; the browser reads `data:` back into a
//! [`LiveEvent`] and matches it exhaustively, so a kind added here must be handled (or consciously
//! ignored) on every page that listens. Project events are also what the `events` table stores.

use crate::ideas::{CommentAdded, CommentHidden, IdeaCard, VoteCounts, Withdrawn};
use serde::{Deserialize, Deserializer, Serialize};

/// The JSON of an event read for its `data` alone (the kind is known from the SSE `event:` line).
#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

/// The `data` of an event's JSON.
fn data<'de, T: Deserialize<'de>, D: Deserializer<'de>>(json: D) -> Result<T, D::Error> {
    Envelope::<T>::deserialize(json).map(|envelope| envelope.data)
}

/// The data of the site-wide `catalogue_changed` event: a scheduled project became public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueChanged {
    /// The project.
    pub project_id: i64,
    /// Its address.
    pub slug: String,
}

/// Everything a live stream sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum LiveEvent {
    /// A new public idea.
    IdeaPublished(IdeaCard),
    /// A public idea's new text (edited by its author, corrected by a moderator).
    IdeaEdited(IdeaCard),
    /// An idea's new vote counts.
    IdeaVoted(VoteCounts),
    /// An idea left the public.
    IdeaWithdrawn(Withdrawn),
    /// A new comment.
    CommentAdded(CommentAdded),
    /// A comment hidden by a moderator.
    CommentHidden(CommentHidden),
    /// A scheduled project became public (site-wide stream).
    CatalogueChanged(CatalogueChanged),
    /// A stored event whose text moderation took down: nothing to show.
    Redacted,
    /// The page is too far behind for a replay: reload it.
    Reload,
    /// The project is no longer public: the stream ends.
    Gone,
    /// The viewer's unread notifications now (the viewer's own stream).
    Unread(u64),
    /// The moderation queue changed (moderators' stream).
    QueueChanged,
    /// The commission's work on the project changed (its members' stream).
    BoardChanged,
}

impl LiveEvent {
    /// Every kind, as the SSE `event:` line names it: what a browser listens for.
    pub const KINDS: [&'static str; 13] = [
        "idea_published",
        "idea_edited",
        "idea_voted",
        "idea_withdrawn",
        "comment_added",
        "comment_hidden",
        "catalogue_changed",
        "redacted",
        "reload",
        "gone",
        "unread",
        "queue_changed",
        "board_changed",
    ];

    /// The kinds whose events carry residents' text ([`LiveEvent::carries_text`]).
    pub const TEXT_KINDS: [&'static str; 3] = ["idea_published", "idea_edited", "comment_added"];

    /// The kind: the SSE `event:` line and the `kind` of the JSON.
    pub fn kind(&self) -> &'static str {
        let index = match self {
            LiveEvent::IdeaPublished(_) => 0,
            LiveEvent::IdeaEdited(_) => 1,
            LiveEvent::IdeaVoted(_) => 2,
            LiveEvent::IdeaWithdrawn(_) => 3,
            LiveEvent::CommentAdded(_) => 4,
            LiveEvent::CommentHidden(_) => 5,
            LiveEvent::CatalogueChanged(_) => 6,
            LiveEvent::Redacted => 7,
            LiveEvent::Reload => 8,
            LiveEvent::Gone => 9,
            LiveEvent::Unread(_) => 10,
            LiveEvent::QueueChanged => 11,
            LiveEvent::BoardChanged => 12,
        };
        Self::KINDS[index]
    }

    /// Reads an event whose kind the SSE `event:` line gave from its JSON (the `data:` line): `None` for
    /// a kind this build does not know. The browser reads events this way rather than through the
    /// derived `Deserialize`, whose tag-anywhere machinery costs the WebAssembly build more code.
    pub fn decode<'de, D: Deserializer<'de>>(
        kind: &str,
        json: D,
    ) -> Result<Option<Self>, D::Error> {
        Ok(Some(match kind {
            "idea_published" => LiveEvent::IdeaPublished(data(json)?),
            "idea_edited" => LiveEvent::IdeaEdited(data(json)?),
            "idea_voted" => LiveEvent::IdeaVoted(data(json)?),
            "idea_withdrawn" => LiveEvent::IdeaWithdrawn(data(json)?),
            "comment_added" => LiveEvent::CommentAdded(data(json)?),
            "comment_hidden" => LiveEvent::CommentHidden(data(json)?),
            "catalogue_changed" => LiveEvent::CatalogueChanged(data(json)?),
            "redacted" => LiveEvent::Redacted,
            "reload" => LiveEvent::Reload,
            "gone" => LiveEvent::Gone,
            "unread" => LiveEvent::Unread(data(json)?),
            "queue_changed" => LiveEvent::QueueChanged,
            "board_changed" => LiveEvent::BoardChanged,
            _ => return Ok(None),
        }))
    }

    /// The idea this event is about (also for an event about one of its comments), if any: what
    /// moderation looks for when it takes the idea down.
    pub fn idea_id(&self) -> Option<i64> {
        match self {
            LiveEvent::IdeaPublished(card) | LiveEvent::IdeaEdited(card) => Some(card.id),
            LiveEvent::IdeaVoted(counts) => Some(counts.idea_id),
            LiveEvent::IdeaWithdrawn(gone) => Some(gone.idea_id),
            LiveEvent::CommentAdded(added) => Some(added.comment.idea_id),
            LiveEvent::CommentHidden(hidden) => Some(hidden.idea_id),
            _ => None,
        }
    }

    /// The comment this event is about, if any.
    pub fn comment_id(&self) -> Option<i64> {
        match self {
            LiveEvent::CommentAdded(added) => Some(added.comment.id),
            LiveEvent::CommentHidden(hidden) => Some(hidden.comment_id),
            _ => None,
        }
    }

    /// Whether the event carries residents' text (titles, excerpts, comments, names): what is redacted
    /// when moderation takes the text down.
    pub fn carries_text(&self) -> bool {
        matches!(
            self,
            LiveEvent::IdeaPublished(_) | LiveEvent::IdeaEdited(_) | LiveEvent::CommentAdded(_)
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_kind_names_itself_and_reads_back() {
        let events = [
            LiveEvent::IdeaVoted(VoteCounts {
                idea_id: 7,
                support_count: 2,
                oppose_count: 1,
            }),
            LiveEvent::IdeaWithdrawn(Withdrawn { idea_id: 7 }),
            LiveEvent::CommentHidden(CommentHidden {
                comment_id: 3,
                idea_id: 7,
                comment_count: 0,
            }),
            LiveEvent::CatalogueChanged(CatalogueChanged {
                project_id: 1,
                slug: "parks".into(),
            }),
            LiveEvent::Redacted,
            LiveEvent::Reload,
            LiveEvent::Gone,
            LiveEvent::Unread(3),
            LiveEvent::QueueChanged,
            LiveEvent::BoardChanged,
        ];
        for event in events {
            assert!(!event.carries_text() && !LiveEvent::TEXT_KINDS.contains(&event.kind()));
            let json = serde_json::to_string(&event).unwrap();
            assert!(
                json.contains(&format!("\"kind\":\"{}\"", event.kind())),
                "{json}"
            );
            assert_eq!(serde_json::from_str::<LiveEvent>(&json).unwrap(), event);
        }
        let card = IdeaCard {
            id: 1,
            project_id: 1,
            direction_id: 1,
            direction_ru: "Парки".into(),
            direction_en: "Parks".into(),
            title: "Скамейки".into(),
            excerpt: "Текст".into(),
            author: "Анна".into(),
            status: crate::IdeaStatus::Published,
            support_count: 0,
            oppose_count: 0,
            comment_count: 0,
            created_at: chrono::DateTime::UNIX_EPOCH,
        };
        for event in [
            LiveEvent::IdeaPublished(card.clone()),
            LiveEvent::IdeaEdited(card),
        ] {
            assert!(event.carries_text() && LiveEvent::TEXT_KINDS.contains(&event.kind()));
        }
        assert_eq!(
            serde_json::to_string(&LiveEvent::Unread(3)).unwrap(),
            r#"{"kind":"unread","data":3}"#
        );
        assert_eq!(
            serde_json::to_string(&LiveEvent::Redacted).unwrap(),
            r#"{"kind":"redacted"}"#
        );
    }
}
