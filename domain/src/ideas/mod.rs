//! Ideas: submitting one inside the project's idea window, the project's feed, and one-person-one-vote rating.
//!
//! Rules, in the order they are checked: the project is public; its ideas stage is open now; the author has
//! joined; the fields are valid (lengths, no markup, a direction of this project that is not retired, not the
//! author's own duplicate). Only then is anything written, in one transaction that also moves the counters and
//! appends the live event.
//!
//! Submitting is here; the project's `feed`, `voting`, an idea's `page` and what its `authors` may still
//! change are the modules of those names.

mod authors;
mod feed;
mod page;
mod voting;

pub use authors::{changeable, edit, withdraw};
pub use feed::{FeedQuery, Sort, browse, feed};
pub use page::{mine, page};
pub use voting::vote;

use crate::auth::{Role, User};
use crate::cards::card;
pub use crate::cards::{
    BODY_LEN, EXCERPT_CHARS, TITLE_LEN, VISIBLE, VOTABLE, card_of, cards, fresh_card,
};
use crate::entities::{direction, idea, project};
use crate::events;
use crate::projects::{find_public, is_participant, stage_open, stages};
use crate::text::check_text;
use crate::{Domain, Error, FieldError, Result};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use wire::LiveEvent;
pub use wire::{
    FeedPage, IdeaCard, IdeaFields, IdeaPage, IdeaStatus, MergedDiscussion, MyIdea, Step,
    VoteCounts, Withdrawn,
};

/// Who may submit ideas.
pub const SUBMIT: &[Role] = Role::PROPOSE;
/// Who may rate ideas.
pub const VOTE: &[Role] = Role::PROPOSE;
/// Ideas per feed page.
pub const FEED_PAGE: u64 = 20;
/// A resident's new idea, as typed.
#[derive(Debug, Clone, Default)]
pub struct NewIdea {
    /// The project's slug.
    pub project_slug: String,
    /// The chosen direction, if one was chosen.
    pub direction_id: Option<i64>,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
}

impl NewIdea {
    /// The idea the resident's form posted to project `slug`. A direction that is not a number becomes
    /// an id no direction has, so the checks answer "unknown direction" next to the field.
    pub fn from_fields(project_slug: String, fields: IdeaFields) -> NewIdea {
        let choice = fields.direction_id.trim();
        NewIdea {
            project_slug,
            direction_id: choice
                .parse()
                .ok()
                .or_else(|| (!choice.is_empty()).then_some(-1)),
            title: fields.title,
            body: fields.body,
        }
    }
}

/// The field checks of a new idea that need no database.
pub fn validate(new: &NewIdea) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if new.direction_id.is_none() {
        errors.push(FieldError::new("direction", "required"));
    }
    check_text("title", &new.title, TITLE_LEN.0, TITLE_LEN.1, &mut errors);
    check_text("body", &new.body, BODY_LEN.0, BODY_LEN.1, &mut errors);
    errors
}

/// The checks of an idea's fields against the project: lengths and markup, a direction of this project
/// that is not retired, not a title the author already used (`except`: the idea being edited). Returns
/// the direction.
async fn check_fields(
    d: &Domain,
    project_id: i64,
    author_id: i64,
    new: &NewIdea,
    except: Option<i64>,
) -> Result<direction::Model> {
    let mut errors = validate(new);
    let dir = match new.direction_id {
        Some(id) => {
            direction::Entity::find_by_id(id)
                .filter(direction::Column::ProjectId.eq(project_id))
                .filter(direction::Column::Retired.eq(false))
                .one(&d.db)
                .await?
        }
        None => None,
    };
    if new.direction_id.is_some() && dir.is_none() {
        errors.push(FieldError::new("direction", "unknown"));
    }
    if errors.iter().all(|e| e.field != "title") {
        let mut same = idea::Entity::find()
            .filter(idea::Column::ProjectId.eq(project_id))
            .filter(idea::Column::AuthorId.eq(author_id))
            .filter(idea::Column::Title.eq(new.title.trim()))
            .filter(idea::Column::Status.ne(IdeaStatus::Withdrawn.as_str()));
        if let Some(id) = except {
            same = same.filter(idea::Column::Id.ne(id));
        }
        if same.count(&d.db).await? > 0 {
            errors.push(FieldError::new("title", "duplicate"));
        }
    }
    Error::check(errors)?;
    dir.ok_or(Error::NotFound)
}

/// Submits `new` as `user` (who must hold a [`SUBMIT`] role; the caller checked it).
pub async fn submit(d: &Domain, user: &User, new: &NewIdea) -> Result<IdeaCard> {
    let now = d.now();
    let p = find_public(&d.db, &new.project_slug, now).await?;
    if !stage_open(&stages(&d.db, p.id).await?, "ideas", now) {
        return Err(Error::field("form", "window_closed"));
    }
    if !is_participant(&d.db, p.id, user.id).await? {
        return Err(Error::field("form", "not_joined"));
    }
    // In the account's turn: the limit and the check for a title the author already used count every
    // idea of theirs committed before, however many arrive at once.
    let (_turn, txn) = d.begin_account_write(user.id).await?;
    crate::limits::ideas(&txn, user.id, now).await?;
    let dir = check_fields(d, p.id, user.id, new, None).await?;
    let title = new.title.trim().to_owned();
    let status = if p.premoderation {
        IdeaStatus::Submitted
    } else {
        IdeaStatus::Published
    };
    let row = idea::ActiveModel {
        project_id: Set(p.id),
        direction_id: Set(dir.id),
        author_id: Set(user.id),
        title: Set(title),
        body: Set(new.body.trim().to_owned()),
        status: Set(status.into()),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set((status == IdeaStatus::Published).then_some(now)),
        support_count: Set(0),
        oppose_count: Set(0),
        comment_count: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    count_idea(&txn, p.id, dir.id, 1).await?;
    if status == IdeaStatus::Published {
        crate::search::index(&txn, p.id, row.id, &row.title, &row.body).await?;
    }
    let card = card(row, &dir, &user.display_name);
    let event = if status == IdeaStatus::Published {
        Some(
            events::append(
                &txn,
                Some(p.id),
                Some(user.id),
                &LiveEvent::IdeaPublished(card.clone()),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    d.commit(txn, event).await?;
    d.queue_changed();
    Ok(card)
}

/// Moves a direction's idea count by `by`. (An `i32`, like every other counter step: sqlx caches each
/// statement with its parameter types, and the same SQL bound once as int4 and once as int8 fails on
/// PostgreSQL.)
async fn move_direction_count<C: ConnectionTrait>(conn: &C, id: i64, by: i32) -> Result<()> {
    direction::Entity::update_many()
        .col_expr(
            direction::Column::IdeasCount,
            Expr::col(direction::Column::IdeasCount).add(by),
        )
        .filter(direction::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Puts an idea into its project's and direction's counts (`by` 1: submitted, a merge undone) or takes
/// it out (-1: withdrawn, rejected, merged).
pub(crate) async fn count_idea<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    direction_id: i64,
    by: i32,
) -> Result<()> {
    project::Entity::update_many()
        .col_expr(
            project::Column::IdeasCount,
            Expr::col(project::Column::IdeasCount).add(by),
        )
        .filter(project::Column::Id.eq(project_id))
        .exec(conn)
        .await?;
    move_direction_count(conn, direction_id, by).await
}
