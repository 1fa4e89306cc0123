//! Ideas: submitting one inside the project's idea window, the project's feed, and one-person-one-vote rating.
//!
//! Rules, in the order they are checked: the project is public; its ideas stage is open now; the author has
//! joined; the fields are valid (lengths, no markup, a direction of this project that is not retired, not the
//! author's own duplicate). Only then is anything written, in one transaction that also moves the counters and
//! appends the live event.

use crate::auth::{Role, User};
use crate::cards::card;
pub use crate::cards::{
    BODY_LEN, EXCERPT_CHARS, TITLE_LEN, VISIBLE, VOTABLE, card_of, cards, fresh_card,
};
use crate::entities::{direction, idea, idea_vote, project, user};
use crate::events;
use crate::projects::{find_public, is_participant, stage_open, stages};
use crate::text::check_text;
use crate::{Domain, Error, FieldError, Result};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
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

/// Published ideas of `project_id`, newest first, older than the idea `before` (see [`browse`]).
pub async fn feed<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    before: Option<i64>,
    limit: u64,
) -> Result<FeedPage> {
    let after = before.map(|id| id.to_string());
    browse(
        conn,
        project_id,
        &FeedQuery::default(),
        after.as_deref(),
        limit,
    )
    .await
}

/// The order of a feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first.
    #[default]
    Newest,
    /// Most supporters first.
    Supported,
    /// Most comments first.
    Discussed,
}

impl Sort {
    /// Every order's name, as pages and the API spell it.
    pub const NAMES: [&'static str; 3] = ["newest", "supported", "discussed"];

    /// From its name (`newest`, `supported`, `discussed`); anything else is newest.
    pub fn parse(s: &str) -> Sort {
        Sort::named(s).unwrap_or_default()
    }

    /// From its name exactly; `None` for anything else.
    pub fn named(s: &str) -> Option<Sort> {
        match s {
            "newest" => Some(Sort::Newest),
            "supported" => Some(Sort::Supported),
            "discussed" => Some(Sort::Discussed),
            _ => None,
        }
    }

    /// Whether `after` is a cursor of a feed in this order (a page's `next`: the id when newest first,
    /// `count.id` otherwise).
    pub fn fits(self, after: &str) -> bool {
        match parse_cursor(after) {
            Some((None, _)) => self == Sort::Newest,
            Some((Some(_), _)) => self != Sort::Newest,
            None => false,
        }
    }
}

/// What a feed shows: filters, order and search words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedQuery {
    /// Only this direction.
    pub direction: Option<i64>,
    /// Only this status (one of [`VISIBLE`]).
    pub status: Option<String>,
    /// The order.
    pub sort: Sort,
    /// Words that every idea shown contains (any grammatical form; title or text).
    pub search: String,
}

/// A position in a feed: the sort key of the last idea shown (when sorted by a count) and its id.
fn parse_cursor(after: &str) -> Option<(Option<i64>, i64)> {
    match after.split_once('.') {
        Some((count, id)) => Some((Some(count.parse().ok()?), id.parse().ok()?)),
        None => Some((None, after.parse().ok()?)),
    }
}

/// A page of the public ideas of `project_id` matching `q`, after the cursor `after` (keyset pagination
/// in every order: the cost of a page does not grow with its depth). Three queries per page whatever its
/// size: the ideas, then their authors and directions in one batch each.
pub async fn browse<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    q: &FeedQuery,
    after: Option<&str>,
    limit: u64,
) -> Result<FeedPage> {
    let statuses: Vec<&str> = match q.status.as_deref() {
        Some(s) if VISIBLE.contains(&s) => vec![s],
        _ => VISIBLE.to_vec(),
    };
    let mut query = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(project_id))
        .filter(idea::Column::Status.is_in(statuses));
    if let Some(direction) = q.direction {
        query = query.filter(idea::Column::DirectionId.eq(direction));
    }
    let words = crate::search::terms(&q.search);
    if !words.is_empty() {
        let k = i64::try_from(words.len()).unwrap_or(i64::MAX);
        let mut having_all = sea_orm::sea_query::Query::select();
        having_all
            .column(crate::entities::idea_term::Column::IdeaId)
            .from(crate::entities::idea_term::Entity)
            .and_where(crate::entities::idea_term::Column::ProjectId.eq(project_id))
            .and_where(crate::entities::idea_term::Column::Term.is_in(words))
            .group_by_col(crate::entities::idea_term::Column::IdeaId)
            .and_having(
                Expr::from(sea_orm::sea_query::Func::count(Expr::col(
                    crate::entities::idea_term::Column::IdeaId,
                )))
                .eq(k),
            );
        query = query.filter(Expr::col((idea::Entity, idea::Column::Id)).in_subquery(having_all));
    }
    let count_col = match q.sort {
        Sort::Newest => None,
        Sort::Supported => Some(idea::Column::SupportCount),
        Sort::Discussed => Some(idea::Column::CommentCount),
    };
    if let Some(position) = after.and_then(parse_cursor) {
        query = match (count_col, position) {
            (Some(col), (Some(count), id)) => query.filter(
                sea_orm::Condition::any()
                    .add(col.lt(count))
                    .add(col.eq(count).and(idea::Column::Id.lt(id))),
            ),
            (_, (_, id)) => query.filter(idea::Column::Id.lt(id)),
        };
    }
    if let Some(col) = count_col {
        query = query.order_by_desc(col);
    }
    let mut rows = query
        .order_by_desc(idea::Column::Id)
        .limit(limit + 1)
        .all(conn)
        .await?;
    let next = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| match q.sort {
            Sort::Newest => r.id.to_string(),
            Sort::Supported => format!("{}.{}", r.support_count, r.id),
            Sort::Discussed => format!("{}.{}", r.comment_count, r.id),
        })
    } else {
        None
    };
    Ok(FeedPage {
        items: cards(conn, rows).await?,
        next,
    })
}

/// Records `user`'s support (`+1`) or opposition (`-1`) of an idea, replacing their earlier vote if different.
///
/// One vote per person per idea is the table's unique key, so two simultaneous clicks give one row; the
/// counters on the idea move in the same transaction and only by what really changed.
pub async fn vote(d: &Domain, user: &User, idea_id: i64, value: i16) -> Result<VoteCounts> {
    if value != 1 && value != -1 {
        return Err(Error::field("value", "invalid"));
    }
    let now = d.now();
    // The idea and its project in one read: a vote is a few statements, and each one counts.
    let of_project: sea_orm::RelationDef = idea::Entity::belongs_to(project::Entity)
        .from(idea::Column::ProjectId)
        .to(project::Column::Id)
        .into();
    let (target, p) = idea::Entity::find_by_id(idea_id)
        .filter(idea::Column::Status.is_in(VOTABLE))
        .join(sea_orm::JoinType::InnerJoin, of_project)
        .select_also(project::Entity)
        .one(&d.db)
        .await?
        .and_then(|(target, p)| Some((target, p?)))
        .ok_or(Error::NotFound)?;
    if !crate::projects::is_public(&p, now) {
        return Err(Error::NotFound);
    }
    if target.author_id == user.id {
        return Err(Error::field("form", "own_idea"));
    }
    let stage_rows = stages(&d.db, target.project_id).await?;
    if !stage_open(&stage_rows, "ideas", now) && !stage_open(&stage_rows, "discussion", now) {
        return Err(Error::field("form", "voting_closed"));
    }

    let (_turn, txn) = d.begin_account_write(user.id).await?;
    crate::limits::votes(&txn, user.id, now).await?;
    let flipped = idea_vote::Entity::update_many()
        .col_expr(idea_vote::Column::Value, Expr::value(value))
        .col_expr(idea_vote::Column::UpdatedAt, Expr::value(now))
        .filter(idea_vote::Column::IdeaId.eq(idea_id))
        .filter(idea_vote::Column::UserId.eq(user.id))
        .filter(idea_vote::Column::Value.ne(value))
        .exec(&txn)
        .await?
        .rows_affected
        > 0;
    let inserted = !flipped
        && matches!(
            idea_vote::Entity::insert(idea_vote::ActiveModel {
                idea_id: Set(idea_id),
                user_id: Set(user.id),
                value: Set(value),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .on_conflict_do_nothing_on([idea_vote::Column::IdeaId, idea_vote::Column::UserId])
            .exec_without_returning(&txn)
            .await?,
            sea_orm::TryInsertResult::Inserted(n) if n > 0
        );
    let (support, oppose) = match (flipped, inserted, value) {
        (true, _, 1) => (1, -1),
        (true, _, _) => (-1, 1),
        (false, true, 1) => (1, 0),
        (false, true, _) => (0, 1),
        (false, false, _) => (0, 0),
    };
    // The counters move and come back in one statement (`RETURNING`); an unchanged vote only reads them.
    // Both only while the idea can still be voted on: one withdrawn, taken down or merged since the
    // checks above is not found, and the vote is rolled back with the transaction.
    let row = if (support, oppose) != (0, 0) {
        idea::Entity::update_many()
            .col_expr(
                idea::Column::SupportCount,
                Expr::col(idea::Column::SupportCount).add(support),
            )
            .col_expr(
                idea::Column::OpposeCount,
                Expr::col(idea::Column::OpposeCount).add(oppose),
            )
            .filter(idea::Column::Id.eq(idea_id))
            .filter(idea::Column::Status.is_in(VOTABLE))
            .exec_with_returning(&txn)
            .await?
            .pop()
    } else {
        idea::Entity::find_by_id(idea_id)
            .filter(idea::Column::Status.is_in(VOTABLE))
            .one(&txn)
            .await?
    }
    .ok_or(Error::NotFound)?;
    let counts = VoteCounts {
        idea_id,
        support_count: row.support_count,
        oppose_count: row.oppose_count,
    };
    let event = if (support, oppose) != (0, 0) {
        Some(
            events::append(
                &txn,
                Some(row.project_id),
                Some(user.id),
                &LiveEvent::IdeaVoted(counts),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    d.commit(txn, event).await?;
    Ok(counts)
}

/// An idea's page: public ideas of public projects for everyone; the author also sees an idea of theirs
/// that is not public (waiting for moderation, rejected).
pub async fn page(d: &Domain, idea_id: i64, viewer: Option<&User>) -> Result<IdeaPage> {
    let now = d.now();
    let row = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let mine = viewer.is_some_and(|u| u.id == row.author_id);
    let p = project::Entity::find_by_id(row.project_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let public = VISIBLE.contains(&row.status.as_str()) && crate::projects::is_public(&p, now);
    if !public && !mine {
        // A merged duplicate's address (shared links, earlier e-mails) leads to the idea it joined.
        if let Some(into) = row.merged_into_id
            && crate::projects::is_public(&p, now)
            && idea::Entity::find_by_id(into)
                .one(&d.db)
                .await?
                .is_some_and(|t| VISIBLE.contains(&t.status.as_str()))
        {
            return Err(Error::Merged { into });
        }
        return Err(Error::NotFound);
    }
    let timeline = crate::passport::timeline(&d.db, &row, &p, now).await?;
    let stage_rows = stages(&d.db, p.id).await?;
    let editable = mine && changeable(&row) && stage_open(&stage_rows, "ideas", now);
    let directions = if editable {
        direction::Entity::find()
            .filter(direction::Column::ProjectId.eq(p.id))
            .filter(direction::Column::Retired.eq(false))
            .order_by_asc(direction::Column::Position)
            .all(&d.db)
            .await?
            .into_iter()
            .map(|x| wire::Direction {
                id: x.id,
                title: wire::Bilingual::new(x.title_ru, x.title_en),
                ideas_count: x.ideas_count,
            })
            .collect()
    } else {
        Vec::new()
    };
    let my_vote = match viewer {
        Some(u) => idea_vote::Entity::find()
            .filter(idea_vote::Column::IdeaId.eq(idea_id))
            .filter(idea_vote::Column::UserId.eq(u.id))
            .one(&d.db)
            .await?
            .map(|v| v.value),
        None => None,
    };
    let voting_open = VOTABLE.contains(&row.status.as_str())
        && (stage_open(&stage_rows, "ideas", now) || stage_open(&stage_rows, "discussion", now));
    let comments_open =
        public && wire::Phase::at(p.starts_at, p.ends_at, now) != wire::Phase::Finished;
    let body = row.body.clone();
    let comments = crate::comments::list(&d.db, idea_id).await?;
    let moderator_edited_at = row.moderator_edited_at;
    let sources: Vec<i64> = crate::moderation::merged_into(&d.db, idea_id)
        .await?
        .into_iter()
        .map(|m| m.source_idea_id)
        .collect();
    let source_rows = idea::Entity::find()
        .filter(idea::Column::Id.is_in(sources.clone()))
        .order_by_asc(idea::Column::Id)
        .all(&d.db)
        .await?;
    let merged = merged_discussions(&d.db, &source_rows).await?;
    let source_authors: Vec<i64> = source_rows
        .iter()
        .map(|i| i.author_id)
        .filter(|a| *a != row.author_id)
        .collect();
    let coauthors: Vec<String> = user::Entity::find()
        .filter(user::Column::Id.is_in(source_authors))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| u.display_name)
        .collect();
    let implementation = if public {
        crate::implementation::on_page(d, &row, viewer).await?
    } else {
        None
    };
    let card = card_of(&d.db, row).await?;
    Ok(IdeaPage {
        card,
        implementation,
        body,
        project_slug: p.slug.clone(),
        project_title: wire::Bilingual::new(p.title_ru.clone(), p.title_en.clone()),
        timeline,
        comments,
        my_vote,
        mine,
        editable,
        moderator_edited_at,
        coauthors,
        directions,
        voting_open,
        comments_open,
        last_event_id: crate::events::last_id(&d.db, Some(p.id)).await?,
        comment_max: crate::comments::BODY_LEN.1,
        merged,
    })
}

/// The published comments of the duplicates merged into an idea (`sources`), per duplicate, leaving
/// out those without any: what was said there stays readable after the merge.
async fn merged_discussions<C: ConnectionTrait>(
    conn: &C,
    sources: &[idea::Model],
) -> Result<Vec<MergedDiscussion>> {
    let ids: Vec<i64> = sources.iter().map(|s| s.id).collect();
    let mut comments = crate::comments::list_of(conn, &ids).await?;
    Ok(sources
        .iter()
        .filter_map(|source| {
            let (own, rest) = std::mem::take(&mut comments)
                .into_iter()
                .partition(|c: &wire::Comment| c.idea_id == source.id);
            comments = rest;
            (!own.is_empty()).then(|| MergedDiscussion {
                idea_id: source.id,
                title: source.title.clone(),
                comments: own,
            })
        })
        .collect())
}

/// Every idea of `user`, newest first, whatever its status (four queries whatever their number).
pub async fn mine(d: &Domain, user: &User) -> Result<Vec<MyIdea>> {
    let rows = idea::Entity::find()
        .filter(idea::Column::AuthorId.eq(user.id))
        .order_by_desc(idea::Column::Id)
        .all(&d.db)
        .await?;
    let reasons: HashMap<i64, Option<String>> = rows
        .iter()
        .map(|r| (r.id, r.status_reason.clone()))
        .collect();
    let project_ids: Vec<i64> = rows.iter().map(|r| r.project_id).collect();
    let projects: HashMap<i64, project::Model> = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(cards(&d.db, rows)
        .await?
        .into_iter()
        .filter_map(|card| {
            let p = projects.get(&card.project_id)?;
            Some(MyIdea {
                reason: reasons.get(&card.id).cloned().flatten(),
                project_slug: p.slug.clone(),
                project_title: wire::Bilingual::new(p.title_ru.clone(), p.title_en.clone()),
                card,
            })
        })
        .collect())
}

/// The author's own idea `idea_id` if they may still change it now: while the idea window is open, and
/// while the idea waits for moderation or, published, has no votes and no comments yet (nobody has
/// answered what it says). Returns the idea and its project.
async fn own_changeable<C: ConnectionTrait>(
    conn: &C,
    user: &User,
    idea_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(idea::Model, project::Model)> {
    // Locked (PostgreSQL; on SQLite the writer's turn is the lock): a first vote or comment moves the
    // idea's counters in its own transaction, so either it committed before this read, and the idea is
    // no longer changeable, or it waits until the change is made.
    let row = idea::Entity::find_by_id(idea_id)
        .filter(idea::Column::AuthorId.eq(user.id))
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let p = project::Entity::find_by_id(row.project_id)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    if !changeable(&row) {
        return Err(Error::field("form", "not_editable"));
    }
    if !stage_open(&stages(conn, p.id).await?, "ideas", now) {
        return Err(Error::field("form", "window_closed"));
    }
    Ok((row, p))
}

/// Whether an idea's status and answers still allow its author to change it (the window aside).
pub fn changeable(row: &idea::Model) -> bool {
    match IdeaStatus::stored(&row.status) {
        IdeaStatus::Submitted => true,
        IdeaStatus::Published => row.support_count + row.oppose_count + row.comment_count == 0,
        _ => false,
    }
}

/// Changes the author's idea (direction, title, text) under the same checks as submitting it.
pub async fn edit(d: &Domain, user: &User, idea_id: i64, new: &NewIdea) -> Result<IdeaCard> {
    let now = d.now();
    // In the account's turn, like a new idea: the check for a title the author already used sees every
    // idea of theirs committed before, and the idea is read (and locked) where it is changed.
    let (_turn, txn) = d.begin_account_write(user.id).await?;
    let (old, p) = own_changeable(&txn, user, idea_id, now).await?;
    let dir = check_fields(d, p.id, user.id, new, Some(idea_id)).await?;
    let public = old.status == IdeaStatus::Published.as_str();
    let old_direction = old.direction_id;
    let mut row = old.into_active_model();
    row.direction_id = Set(dir.id);
    row.title = Set(new.title.trim().to_owned());
    row.body = Set(new.body.trim().to_owned());
    row.updated_at = Set(now);
    let row = row.update(&txn).await?;
    if old_direction != dir.id {
        move_direction_count(&txn, old_direction, -1).await?;
        move_direction_count(&txn, dir.id, 1).await?;
    }
    if public {
        crate::search::reindex_idea(&txn, p.id, idea_id, &row.title, &row.body).await?;
    }
    let card = card(row, &dir, &user.display_name);
    let event = if public {
        events::restate_idea(&txn, &card).await?;
        Some(
            events::append(
                &txn,
                Some(p.id),
                Some(user.id),
                &LiveEvent::IdeaEdited(card.clone()),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    d.commit(txn, event).await?;
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

/// Withdraws the author's idea: it leaves the feed, the search and the counts; its page says so.
pub async fn withdraw(d: &Domain, user: &User, idea_id: i64) -> Result<()> {
    let now = d.now();
    let (_turn, txn) = d.begin_account_write(user.id).await?;
    let (old, p) = own_changeable(&txn, user, idea_id, now).await?;
    let public = old.status == IdeaStatus::Published.as_str();
    let direction_id = old.direction_id;
    let mut row = old.into_active_model();
    row.status = Set(IdeaStatus::Withdrawn.into());
    row.updated_at = Set(now);
    row.update(&txn).await?;
    count_idea(&txn, p.id, direction_id, -1).await?;
    crate::search::unindex(&txn, p.id, idea_id).await?;
    events::redact_idea(&txn, idea_id).await?;
    let payload = Withdrawn { idea_id };
    let event = if public {
        Some(
            events::append(
                &txn,
                Some(p.id),
                Some(user.id),
                &LiveEvent::IdeaWithdrawn(payload),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    d.commit(txn, event).await?;
    Ok(())
}
