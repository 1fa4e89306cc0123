//! Server functions: the browser's API. Each one is thin: it names who may call it, checks that first,
//! makes one domain call, and maps the result to wire types.
//!
//! Endpoints are stable (`/api/<name>`) so that tests and other clients can call them. Reads of public pages
//! are open to everyone; every write states its roles.

#[cfg(feature = "ssr")]
use crate::model::Totals;
use crate::model::{
    AppError, Catalogue, FeedFilter, FeedPage, HomeData, IdeaCard, ProjectData, Viewer, VoteCounts,
};

pub mod commission;
pub mod ideas;
pub mod moderation;
pub mod staff;
#[cfg(feature = "ssr")]
use crate::ssr::{authorize, context, viewer};
use leptos::prelude::*;

/// Home page data. Who: everyone.
#[server(endpoint = "home")]
pub async fn get_home() -> Result<HomeData, AppError> {
    let ctx = context()?;
    let (t, projects) = domain::projects::home(&ctx.domain).await?;
    Ok(HomeData {
        totals: Totals {
            participants: t.participants,
            projects: t.projects,
            ideas: t.ideas,
            selected: t.selected,
        },
        projects: projects.into_iter().map(Into::into).collect(),
        last_event_id: domain::events::last_id(&ctx.domain.db, None).await?,
    })
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
    let (projects, years) = domain::projects::catalogue(&ctx.domain, &filter).await?;
    Ok(Catalogue {
        projects: projects.into_iter().map(Into::into).collect(),
        years,
    })
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
        role: user.role.as_str().to_owned(),
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

/// Creates a resident account waiting for its e-mail to be confirmed, and sends the link (the answer is
/// the same for a taken address). A plain form post goes on to `/register/sent`. Who: everyone.
#[server(endpoint = "register")]
pub async fn register(
    email: String,
    display_name: String,
    password: String,
    next: String,
) -> Result<(), AppError> {
    let ctx = context()?;
    let input = domain::auth::Registration {
        email,
        display_name,
        password,
    };
    let address = crate::ssr::client_address();
    let next = crate::next::safe_next(&next);
    domain::auth::register(&ctx.domain, &input, &address, &next).await?;
    if crate::ssr::is_plain_form_post() {
        leptos_axum::redirect(crate::pages::auth::SENT_PATH);
    }
    Ok(())
}

/// Confirms a new account's e-mail with the link's token and logs it in; answers where to go next (a
/// plain form post is redirected there). Who: everyone holding a link.
#[server(endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    let ctx = context()?;
    let (_, session, next) = domain::auth::confirmation::confirm(&ctx.domain, &token).await?;
    let next = crate::next::safe_next(&next);
    crate::ssr::start_session(&ctx, &session.0, &next);
    Ok(next)
}

/// Logs in; rate limited per account and per client address. Who: everyone.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: String) -> Result<(), AppError> {
    let ctx = context()?;
    let address = crate::ssr::client_address();
    let (_, token) = domain::auth::login(&ctx.domain, &email, &password, &address).await?;
    crate::ssr::start_session(&ctx, &token.0, &next);
    Ok(())
}

/// Ends the current session, or with `everywhere` every session of the account (every device must log
/// in again). Who: any logged-in user.
#[server(endpoint = "logout")]
pub async fn logout(#[server(default)] everywhere: bool) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, &domain::Role::ALL).await?;
    if everywhere {
        domain::auth::logout_everywhere(&ctx.domain, &user).await?;
    } else if let Some(token) = crate::ssr::cookie(crate::ssr::SESSION_COOKIE) {
        domain::auth::logout(&ctx.domain, &token).await?;
    }
    crate::ssr::clear_session_cookie(&ctx);
    if crate::ssr::is_plain_form_post() {
        leptos_axum::redirect("/");
    }
    Ok(())
}

/// Joins the project `slug`. Who: residents ([`domain::projects::JOIN`]).
#[server(endpoint = "join")]
pub async fn join_project(slug: String) -> Result<(), AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::projects::JOIN).await?;
    domain::projects::join(&ctx.domain, &user, &slug).await?;
    Ok(())
}

/// Submits an idea to the project `slug`. `direction_id` comes from a `<select>` and may be empty. Who:
/// residents ([`domain::ideas::SUBMIT`]).
#[server(endpoint = "submit_idea")]
pub async fn submit_idea(
    slug: String,
    direction_id: String,
    title: String,
    body: String,
) -> Result<IdeaCard, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::ideas::SUBMIT).await?;
    let new = domain::ideas::NewIdea {
        project_slug: slug,
        direction_id: crate::ssr::direction_choice(&direction_id),
        title,
        body,
    };
    let card = domain::ideas::submit(&ctx.domain, &user, &new).await?;
    Ok(card)
}

/// Supports (`1`) or opposes (`-1`) an idea. Who: residents ([`domain::ideas::VOTE`]).
#[server(endpoint = "vote")]
pub async fn vote_idea(idea_id: i64, value: i16) -> Result<VoteCounts, AppError> {
    let ctx = context()?;
    let user = authorize(&ctx, domain::ideas::VOTE).await?;
    Ok(domain::ideas::vote(&ctx.domain, &user, idea_id, value).await?)
}
