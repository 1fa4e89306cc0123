//! The expert commission's dashboard.

use crate::ideas::IdeaCard;
use crate::text::Bilingual;
use serde::{Deserialize, Serialize};

/// A criterion ideas are scored on (1–5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// The key scores refer to.
    pub key: String,
    /// Its title.
    pub title: Bilingual,
}

/// One expert's scores of one idea.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRow {
    /// The member's name as the project gives it.
    pub expert: Bilingual,
    /// Scores (1–5) in the order of the project's criteria.
    pub scores: Vec<i16>,
    /// Their comment.
    pub comment: Option<String>,
}

/// An idea on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgedIdea {
    /// The card.
    pub card: IdeaCard,
    /// The viewer's scores, if given.
    pub mine: Option<ScoreRow>,
    /// The viewer declared a conflict of interest on it.
    pub conflicted: bool,
    /// Everybody's scores — only once the viewer has scored it (or stepped aside).
    pub all: Option<Vec<ScoreRow>>,
    /// Mean per criterion (with `all`).
    pub means: Option<Vec<f64>>,
    /// Spread per criterion: highest less lowest score (with `all`, from two scorers on).
    pub spread: Option<Vec<i16>>,
    /// Agreement on this idea, 1 = perfect (with `all`, when two or more scored).
    pub agreement: Option<f64>,
    /// Final votes for (shortlisted and decided ideas).
    pub votes_for: u32,
    /// Final votes against.
    pub votes_against: u32,
    /// The viewer's final vote.
    pub my_vote: Option<bool>,
    /// Votes needed to select it.
    pub needed: u32,
}

/// An expert's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    /// The member's name as the project gives it.
    pub expert: Bilingual,
    /// Ideas scored.
    pub scored: u32,
    /// Ideas to score (all public ideas less the ones they stepped aside from).
    pub total: u32,
}

/// A direction on the dashboard (a tab).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardTab {
    /// Direction id.
    pub id: i64,
    /// Title.
    pub title: Bilingual,
    /// Its public ideas.
    pub ideas: u32,
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
    /// The project's directions in order, each with its public ideas.
    pub directions: Vec<BoardTab>,
    /// The direction shown.
    pub direction: Option<i64>,
    /// A page of its public ideas, newest first.
    pub ideas: Vec<JudgedIdea>,
    /// Where the next page starts, if there is one.
    pub next: Option<i64>,
    /// Each member's progress.
    pub progress: Vec<ProgressRow>,
    /// Krippendorff's alpha (interval) over every idea scored by two or more members.
    pub alpha: Option<f64>,
}
