//! The answers of the open data API under `/api/v1` that are not views of the site: the project list and
//! the error body. The other answers are the site's own types ([`crate::FeedPage`],
//! [`crate::ResultsData`]); all of them derive their OpenAPI schema with the `schema` feature.

use crate::projects::ProjectCard;
use crate::sets::ApiErrorCode;
use serde::{Deserialize, Serialize};

/// The answer of `GET /api/v1/projects`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ApiProjects {
    /// Every public project, newest first.
    pub projects: Vec<ProjectCard>,
}

/// The body of every error answer of the API (4xx and 5xx).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ApiError {
    /// What went wrong, as a stable code.
    pub code: ApiErrorCode,
    /// The query parameter at fault, for `bad_parameter`.
    pub parameter: Option<String>,
    /// What went wrong, in English, for a developer reading it.
    pub message: String,
}
