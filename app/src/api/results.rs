//! Server functions of a project's public results and decision trail. Who: everyone (public projects
//! only; the domain answers "not found" otherwise).

use crate::model::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::context;
use leptos::prelude::*;
use wire::{DecisionsData, ResultsData};

/// A public project's decision trail, oldest first.
#[server(endpoint = "decisions")]
pub async fn get_decisions(slug: String) -> Result<DecisionsData, AppError> {
    let ctx = context()?;
    Ok(domain::results::decisions(&ctx.domain, &slug).await?)
}

/// A public project's results.
#[server(endpoint = "results")]
pub async fn get_results(slug: String) -> Result<ResultsData, AppError> {
    let ctx = context()?;
    Ok(domain::results::of_project(&ctx.domain, &slug).await?)
}
