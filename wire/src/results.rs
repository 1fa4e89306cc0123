//! A project's public results and decision trail.

use crate::ideas::IdeaCard;
use crate::projects::ProjectCard;
use crate::sets::Role;
use crate::text::Bilingual;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One direction's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DirectionResult {
    /// Title.
    pub title: Bilingual,
    /// Ideas submitted in it (withdrawn ones aside).
    pub submitted: i64,
    /// Ideas selected in it.
    pub selected: i64,
}

/// A selected idea with the commission's reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SelectedIdea {
    /// The card.
    pub card: IdeaCard,
    /// The commission's reasons.
    pub reason: Option<String>,
}

/// A project's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResultsData {
    /// The project.
    pub card: ProjectCard,
    /// Ideas submitted (withdrawn ones aside).
    pub submitted: i64,
    /// Ideas made public.
    pub published: i64,
    /// Ideas selected for implementation.
    pub selected: i64,
    /// Per direction, in the directions' order.
    pub directions: Vec<DirectionResult>,
    /// Ideas submitted per day (Moscow dates, `YYYY-MM-DD`), days without ideas included, first to last.
    pub per_day: Vec<(String, i64)>,
    /// The selected ideas.
    pub selected_ideas: Vec<SelectedIdea>,
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
    /// Why (for merges, the moderator's reason without the idea it names, which is [`Self::into_idea`]).
    pub reason: String,
    /// The idea a merge joined the duplicate to (merges and undone merges).
    pub into_idea: Option<i64>,
    /// When.
    #[serde(with = "crate::time::utc")]
    pub at: DateTime<Utc>,
    /// The entry's hash.
    pub hash: String,
    /// The decider's role.
    pub by_role: Role,
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
