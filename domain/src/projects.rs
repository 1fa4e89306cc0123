//! Projects as residents see them: the catalogue, platform totals, a project's page, and joining a project.
//!
//! A project is public when it is published or archived, or scheduled with its publication instant passed (so
//! it appears by itself at its time). Its phase (upcoming, active, finished) and its current stage follow from
//! the injected clock.

use crate::auth::{Role, User};
use crate::entities::{commission_member, direction, idea, participation, project, stage};
use crate::{Domain, Error, Result};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use wire::{Bilingual, Catalogue, HomeData, IdeaStatus, ProjectState};
pub use wire::{Direction, Member, Phase, ProjectCard, ProjectDetail, Stage, Totals};

/// Who may join a project: residents. Officials judge ideas and do not propose them.
pub const JOIN: &[Role] = &[Role::Resident];

pub use wire::STAGE_KINDS;

/// Whether a project is visible to the public at `now`.
pub fn is_public(p: &project::Model, now: DateTime<Utc>) -> bool {
    match ProjectState::parse(&p.state) {
        Some(ProjectState::Published | ProjectState::Archived) => true,
        Some(ProjectState::Scheduled) => p.publish_at.is_some_and(|at| at <= now),
        Some(ProjectState::Draft) | None => false,
    }
}

/// A project's catalogue entry at `now`.
pub fn summary(p: project::Model, now: DateTime<Utc>) -> ProjectCard {
    ProjectCard {
        id: p.id,
        phase: Phase::at(p.starts_at, p.ends_at, now),
        slug: p.slug,
        title: Bilingual::new(p.title_ru, p.title_en),
        summary: Bilingual::new(p.summary_ru, p.summary_en),
        starts_at: p.starts_at,
        ends_at: p.ends_at,
        ideas_count: p.ideas_count,
        participants_count: p.participants_count,
        selected_count: p.selected_count,
        cover: p.cover_path,
    }
}

/// Public projects, newest first.
pub async fn list_public(d: &Domain) -> Result<Vec<ProjectCard>> {
    let now = d.now();
    Ok(project::Entity::find()
        .filter(project::Column::State.is_in([
            ProjectState::Published.as_str(),
            ProjectState::Archived.as_str(),
            ProjectState::Scheduled.as_str(),
        ]))
        .order_by_desc(project::Column::StartsAt)
        .all(&d.db)
        .await?
        .into_iter()
        .filter(|p| is_public(p, now))
        .map(|p| summary(p, now))
        .collect())
}

/// What the catalogue shows: a phase, a year (of the start, Moscow time) and words of the title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueFilter {
    /// Only projects in this phase.
    pub phase: Option<Phase>,
    /// Only projects starting in this year.
    pub year: Option<i32>,
    /// Words that must occur in the Russian or English title (case does not matter).
    pub query: String,
}

/// The year a project starts, in Moscow time.
pub fn start_year(p: &ProjectCard) -> i32 {
    use chrono::Datelike;
    p.starts_at.with_timezone(&chrono_tz::Europe::Moscow).year()
}

/// The public projects matching `filter`, newest first, and every year that has projects (newest first).
///
/// Filtering happens in memory over the public list: a city has tens to hundreds of projects, not more.
pub async fn catalogue(d: &Domain, filter: &CatalogueFilter) -> Result<Catalogue> {
    let all = list_public(d).await?;
    let mut years: Vec<i32> = all.iter().map(start_year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let words: Vec<String> = filter
        .query
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let matching = all
        .into_iter()
        .filter(|p| filter.phase.is_none_or(|phase| p.phase == phase))
        .filter(|p| filter.year.is_none_or(|year| start_year(p) == year))
        .filter(|p| {
            let title = format!("{} {}", p.title.ru, p.title.en).to_lowercase();
            words.iter().all(|w| title.contains(w.as_str()))
        })
        .collect();
    Ok(Catalogue {
        projects: matching,
        years,
    })
}

/// Announces the projects whose scheduled publication instant lies in `(since, until]`: appends one
/// site-wide `catalogue_changed` event each and returns them, for the caller to publish after the commit.
/// The server runs this every few seconds, so open home pages update when a project goes public by itself.
/// Each publication is announced once however many instances run it: each claims the project's
/// `announced_at` first, and only the one whose claim changed the row appends the event.
pub async fn announce_publications(
    d: &Domain,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<crate::events::StoredEvent>> {
    let due = project::Entity::find()
        .filter(project::Column::State.eq(ProjectState::Scheduled.as_str()))
        .filter(project::Column::PublishAt.gt(since))
        .filter(project::Column::PublishAt.lte(until))
        .all(&d.db)
        .await?;
    let mut announced = Vec::with_capacity(due.len());
    for p in due {
        // Of several instances looking at once, the one whose claim changes the row announces.
        let (_turn, txn) = d.begin_write().await?;
        let claimed = project::Entity::update_many()
            .col_expr(project::Column::AnnouncedAt, Expr::value(p.publish_at))
            .filter(project::Column::Id.eq(p.id))
            .filter(project::Column::PublishAt.eq(p.publish_at))
            .filter(
                Condition::any()
                    .add(project::Column::AnnouncedAt.is_null())
                    .add(project::Column::AnnouncedAt.ne(p.publish_at)),
            )
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !claimed {
            continue;
        }
        let payload = wire::CatalogueChanged {
            project_id: p.id,
            slug: p.slug,
        };
        let event = crate::events::append(
            &txn,
            None,
            None,
            &wire::LiveEvent::CatalogueChanged(payload),
            until,
        )
        .await?;
        txn.commit().await?;
        announced.push(event);
    }
    Ok(announced)
}

/// Platform totals: participants, public projects, ideas and selected ideas.
pub async fn totals(d: &Domain) -> Result<Totals> {
    Ok(home(d).await?.totals)
}

/// What the home page shows: the platform totals and the public projects, read once, and where the
/// page's live stream resumes.
pub async fn home(d: &Domain) -> Result<HomeData> {
    let participants = participation::Entity::find()
        .select_only()
        .column(participation::Column::UserId)
        .distinct()
        .count(&d.db)
        .await?;
    let projects = list_public(d).await?;
    // Only what the public may see: public ideas of public projects.
    let public_ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let public_ideas = || {
        idea::Entity::find()
            .filter(idea::Column::ProjectId.is_in(public_ids.clone()))
            .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
    };
    let ideas = public_ideas().count(&d.db).await?;
    let selected = public_ideas()
        .filter(idea::Column::Status.eq(IdeaStatus::Selected.as_str()))
        .count(&d.db)
        .await?;
    let totals = Totals {
        participants,
        projects: projects.len() as u64,
        ideas,
        selected,
    };
    Ok(HomeData {
        totals,
        projects,
        last_event_id: crate::events::last_id(&d.db, None).await?,
    })
}

/// A public project by slug, or `NotFound`.
pub async fn find_public<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<project::Model> {
    project::Entity::find()
        .filter(project::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .filter(|p| is_public(p, now))
        .ok_or(Error::NotFound)
}

/// Whether the project `id` exists and is public now (the live stream serves only public projects).
pub async fn is_public_id(d: &Domain, id: i64) -> Result<bool> {
    let now = d.now();
    Ok(project::Entity::find_by_id(id)
        .one(&d.db)
        .await?
        .is_some_and(|p| is_public(&p, now)))
}

/// The stages of a project in time order.
pub async fn stages<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<Vec<stage::Model>> {
    Ok(stage::Entity::find()
        .filter(stage::Column::ProjectId.eq(project_id))
        .order_by_asc(stage::Column::StartsAt)
        .all(conn)
        .await?)
}

/// Whether one of `stages` of `kind` contains `now`.
pub fn stage_open(stages: &[stage::Model], kind: &str, now: DateTime<Utc>) -> bool {
    stages
        .iter()
        .any(|s| s.kind == kind && s.starts_at <= now && now < s.ends_at)
}

/// The public page of the project `slug`, as `viewer` sees it.
pub async fn detail(d: &Domain, slug: &str, viewer: Option<&User>) -> Result<ProjectDetail> {
    let p = find_public(&d.db, slug, d.now()).await?;
    detail_of(d, p, viewer).await
}

/// The page of project `p` whatever its state: the public page, or a preview of a draft.
pub async fn detail_of(
    d: &Domain,
    p: project::Model,
    viewer: Option<&User>,
) -> Result<ProjectDetail> {
    let parts = Parts::load(&d.db, p.id).await?;
    let joined = match viewer {
        Some(user) => is_participant(&d.db, p.id, user.id).await?,
        None => false,
    };
    let last_event_id = crate::events::last_id(&d.db, Some(p.id)).await?;
    Ok(parts.assemble(p, d.now(), joined, last_event_id))
}

/// The rows a project page is made of besides the project itself: stages in time order, active
/// directions and the commission in their order. Previews change them in memory before [`Parts::assemble`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// Stages in time order.
    pub stages: Vec<stage::Model>,
    /// Active directions in order.
    pub directions: Vec<direction::Model>,
    /// Commission members in order.
    pub commission: Vec<commission_member::Model>,
}

impl Parts {
    /// Reads them (three queries).
    pub async fn load<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<Parts> {
        Ok(Parts {
            stages: stages(conn, project_id).await?,
            directions: direction::Entity::find()
                .filter(direction::Column::ProjectId.eq(project_id))
                .filter(direction::Column::Retired.eq(false))
                .order_by_asc(direction::Column::Position)
                .order_by_asc(direction::Column::Id)
                .all(conn)
                .await?,
            commission: commission_member::Entity::find()
                .filter(commission_member::Column::ProjectId.eq(project_id))
                .order_by_asc(commission_member::Column::Ordering)
                .order_by_asc(commission_member::Column::Id)
                .all(conn)
                .await?,
        })
    }

    /// The page of `p` made of these parts at `now`.
    pub fn assemble(
        self,
        p: project::Model,
        now: DateTime<Utc>,
        joined: bool,
        last_event_id: i64,
    ) -> ProjectDetail {
        let ideas_open = stage_open(&self.stages, "ideas", now);
        ProjectDetail {
            public: is_public(&p, now),
            body_html: Bilingual::new(
                crate::markdown::render(&p.body_ru),
                crate::markdown::render(&p.body_en),
            ),
            card: summary(p, now),
            stages: self
                .stages
                .into_iter()
                .map(|s| Stage {
                    current: s.starts_at <= now && now < s.ends_at,
                    kind: s.kind,
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                })
                .collect(),
            directions: self
                .directions
                .into_iter()
                .map(|r| Direction {
                    id: r.id,
                    title: Bilingual::new(r.title_ru, r.title_en),
                    ideas_count: r.ideas_count,
                })
                .collect(),
            commission: self
                .commission
                .into_iter()
                .map(|m| Member {
                    name: Bilingual::new(m.name_ru, m.name_en),
                    position: Bilingual::new(m.position_ru, m.position_en),
                    photo: m.photo_path,
                })
                .collect(),
            ideas_open,
            joined,
            last_event_id,
        }
    }
}

/// Whether `user_id` has joined `project_id`.
pub async fn is_participant<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    user_id: i64,
) -> Result<bool> {
    Ok(participation::Entity::find()
        .filter(participation::Column::ProjectId.eq(project_id))
        .filter(participation::Column::UserId.eq(user_id))
        .count(conn)
        .await?
        > 0)
}

/// Joins `user` to the public project `slug` unless it is over. Joining twice is not an error: the second
/// call changes nothing. The unique key (project, user) settles races; the participant counter moves only when
/// a row was really inserted. Returns whether this call inserted the participation.
pub async fn join(d: &Domain, user: &User, slug: &str) -> Result<bool> {
    let now = d.now();
    let p = find_public(&d.db, slug, now).await?;
    if Phase::at(p.starts_at, p.ends_at, now) == Phase::Finished {
        return Err(Error::field("form", "project_finished"));
    }
    // The transaction starts with its write, so that on SQLite it takes the write lock (waiting its turn)
    // instead of upgrading a read snapshot, which fails at once when another writer got there first.
    let txn = d.db.begin().await?;
    let inserted = participation::Entity::insert(participation::ActiveModel {
        project_id: Set(p.id),
        user_id: Set(user.id),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        participation::Column::ProjectId,
        participation::Column::UserId,
    ])
    .exec_without_returning(&txn)
    .await?;
    let inserted = matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0);
    if inserted {
        project::Entity::update_many()
            .col_expr(
                project::Column::ParticipantsCount,
                Expr::col(project::Column::ParticipantsCount).add(1),
            )
            .filter(project::Column::Id.eq(p.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(inserted)
}
