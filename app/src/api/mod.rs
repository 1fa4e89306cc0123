//! Server functions: the browser's API. Each one is thin: it names who may call it, checks that first,
//! makes one domain call, and returns its `wire` view with `?`.
//!
//! Endpoints are stable (`/api/<name>`) so that tests and other clients can call them. Reads of public pages
//! are open to everyone; every write states its roles. This module holds the public pages' reads and
//! joining a project; accounts are in [`auth`], ideas in [`ideas`], one module per feature.

use crate::model::AppError;
use wire::{Catalogue, FeedFilter, FeedPage, HomeData, ProjectData, Viewer};

pub mod auth;
pub mod commission;
pub mod ideas;
pub mod implementation;
pub mod moderation;
pub mod results;
pub mod staff;
pub mod vote;
#[cfg(feature = "ssr")]
use crate::ssr::{authorize, context, viewer};
use leptos::prelude::*;

/// Home page data. Who: everyone.
#[server(endpoint = "home")]
pub async fn get_home() -> Result<HomeData, AppError> {
    let ctx = context()?;
    Ok(domain::projects::home(&ctx.domain).await?)
}

/// The catalogue filtered by phase (`active`, `upcoming`, `finished` or empty), year (or empty) and words of
/// the title. Who: everyone.
#[server(endpoint = "catalogue")]
pub async fn get_catalogue(phase: String, year: String, q: String) -> Result<Catalogue, AppError> {
    let ctx = context()?;
    let filter = domain::projects::CatalogueFilter {
        phase: domain::projects::Phase::parse(&phase),
        year: year.trim().parse().ok(),
        query: q.chars().take(200).collect(),
    };
    Ok(domain::projects::catalogue(&ctx.domain, &filter).await?)
}

/// The logged-in user, if any. Who: everyone.
#[server(endpoint = "me")]
pub async fn get_viewer() -> Result<Option<Viewer>, AppError> {
    let ctx = context()?;
    let Some(user) = viewer(&ctx).await? else {
        return Ok(None);
    };
    let unread = domain::notifications::unread(&ctx.domain.db, user.id).await?;
    Ok(Some(Viewer {
        id: user.id,
        display_name: user.display_name,
        role: user.role,
        unread,
    }))
}

/// A public project's page with the feed's page after the cursor `after` (the first when `None`),
/// filtered by `filter`. Who: everyone.
#[server(endpoint = "project")]
pub async fn get_project(
    slug: String,
    #[server(default)] after: Option<String>,
    #[server(default)] filter: FeedFilter,
) -> Result<ProjectData, AppError> {
    let ctx = context()?;
    let user = viewer(&ctx).await?;
    let detail = domain::projects::detail(&ctx.domain, &slug, user.as_ref()).await?;
    crate::ssr::page_data(&ctx, detail, after, filter).await
}

/// A page of a project's idea feed after the cursor `after`, filtered by `filter`. Who: everyone (only
/// public ideas are listed).
#[server(endpoint = "feed")]
pub async fn get_feed(
    project_id: i64,
    #[server(default)] after: Option<String>,
    #[server(default)] filter: FeedFilter,
) -> Result<FeedPage, AppError> {
    let ctx = context()?;
    if !domain::projects::is_public_id(&ctx.domain, project_id).await? {
        return Err(domain::Error::NotFound.into());
    }
    let query = crate::ssr::feed_query(&filter);
    let page = domain::ideas::browse(
        &ctx.domain.db,
        project_id,
        &query,
        after.as_deref(),
        domain::ideas::FEED_PAGE,
    )
    .await?;
    Ok(page)
}

/// Joins the project `slug`. Who: residents ([`domain::projects::JOIN`]).
#[server(endpoint = "join")]
pub async fn join_project(slug: String) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::projects::JOIN).await?;
    domain::projects::join(&ctx.domain, &user, &slug).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The sources of every module that declares server functions.
    const SOURCES: [&str; 8] = [
        include_str!("mod.rs"),
        include_str!("auth.rs"),
        include_str!("commission.rs"),
        include_str!("ideas.rs"),
        include_str!("moderation.rs"),
        include_str!("results.rs"),
        include_str!("staff.rs"),
        include_str!("vote.rs"),
    ];

    #[test]
    fn every_server_function_has_an_endpoint_of_its_own() {
        // Two functions on one endpoint do not fail to build: the last registered silently answers both.
        let marker = concat!("endpoint", " = \"");
        let mut seen = std::collections::HashSet::new();
        for source in SOURCES {
            for (at, _) in source.match_indices(marker) {
                let rest = &source[at + marker.len()..];
                let name = &rest[..rest.find('"').unwrap_or(0)];
                assert!(
                    seen.insert(name.to_owned()),
                    "endpoint {name} declared twice"
                );
            }
        }
        assert!(seen.len() > 40, "found {} endpoints", seen.len());
    }
}
