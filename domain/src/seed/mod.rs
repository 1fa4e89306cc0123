//! Demo data: the platform's own projects, so that a newcomer sees a living site on first start.
//!
//! Two 2020 projects with their real commissions and directions, eight archived past projects, one
//! project whose idea window is open now, two with a residents' vote (one running, one over: [`votes`]),
//! one whose shortlist waits for staff to set up its vote ([`PREPARING`]) and one upcoming project
//! (dates relative to the moment of loading), all listed in [`catalogue`]; [`loading`] has the parts
//! of loading them. Loading happens only into an empty database and reports its progress through a
//! callback. The implementation records of selected ideas are kept afterwards through the staff's own
//! functions ([`built`]).

pub mod built;
mod catalogue;
mod loading;
mod votes;

pub use votes::PREPARING;

use catalogue::{EXPERTS_PROJECT, Ideas, RESIDENTS, STAFF, projects};
use loading::{commission_trail, demo_scores, insert_idea};

use crate::auth::{Registration, Role};
use crate::entities::{commission_member, direction, idea, participation, project, stage, user};
use crate::{Domain, Error, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// A text in Russian and English.
pub type Pair = (&'static str, &'static str);

/// A project to create, with its timeline, directions and commission.
#[derive(Debug, Clone)]
pub struct ProjectSpec {
    /// URL name.
    pub slug: &'static str,
    /// Title (ru, en).
    pub title: Pair,
    /// Summary (ru, en).
    pub summary: Pair,
    /// Description (ru, en).
    pub body: Pair,
    /// draft, scheduled, published or archived.
    pub state: wire::ProjectState,
    /// Stages: kind, start, end.
    pub stages: Vec<(&'static str, DateTime<Utc>, DateTime<Utc>)>,
    /// Directions (ru, en).
    pub directions: Vec<Pair>,
    /// Commission: name (ru, en), position (ru, en).
    pub commission: Vec<(Pair, Pair)>,
}

pub use crate::time::msk;

/// The demo projects that ship with a cover picture, served at `/covers/<slug>.svg` (files in
/// `public/covers/`, made for this repository, CC0).
pub const COVERS: [&str; 15] = [
    "quiet-streets",
    "park-next-door",
    "district-budget",
    "city-by-the-water",
    "library-of-the-future",
    "culture-online",
    "moscow-e-services-2",
    "my-park",
    "electronic-house",
    "childrens-clinic",
    "moscow-clinic",
    "active-longevity",
    "moscow-libraries",
    "my-office-of-government-services",
    "cultural-centers-future",
];

/// Creates a project with its stages, directions and commission; returns the project row.
pub async fn insert_project<C: ConnectionTrait>(
    conn: &C,
    spec: &ProjectSpec,
    now: DateTime<Utc>,
) -> Result<project::Model> {
    let starts_at = spec.stages.iter().map(|s| s.1).min().unwrap_or(now);
    let ends_at = spec.stages.iter().map(|s| s.2).max().unwrap_or(now);
    let p = project::ActiveModel {
        slug: Set(spec.slug.to_owned()),
        title_ru: Set(spec.title.0.to_owned()),
        title_en: Set(spec.title.1.to_owned()),
        summary_ru: Set(spec.summary.0.to_owned()),
        summary_en: Set(spec.summary.1.to_owned()),
        body_ru: Set(spec.body.0.to_owned()),
        body_en: Set(spec.body.1.to_owned()),
        state: Set(spec.state.into()),
        publish_at: Set(None),
        premoderation: Set(false),
        cover_path: Set(COVERS
            .contains(&spec.slug)
            .then(|| format!("/covers/{}.svg", spec.slug))),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        ideas_count: Set(0),
        participants_count: Set(0),
        selected_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    for (kind, starts_at, ends_at) in &spec.stages {
        stage::ActiveModel {
            project_id: Set(p.id),
            kind: Set((*kind).to_owned()),
            starts_at: Set(*starts_at),
            ends_at: Set(*ends_at),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    for (position, (ru, en)) in spec.directions.iter().enumerate() {
        direction::ActiveModel {
            project_id: Set(p.id),
            title_ru: Set((*ru).to_owned()),
            title_en: Set((*en).to_owned()),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            retired: Set(false),
            ideas_count: Set(0),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    for (ordering, ((name_ru, name_en), (pos_ru, pos_en))) in spec.commission.iter().enumerate() {
        commission_member::ActiveModel {
            project_id: Set(p.id),
            user_id: Set(None),
            name_ru: Set((*name_ru).to_owned()),
            name_en: Set((*name_en).to_owned()),
            position_ru: Set((*pos_ru).to_owned()),
            position_en: Set((*pos_en).to_owned()),
            photo_path: Set(None),
            ordering: Set(i32::try_from(ordering).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(p)
}

/// Links the demo expert accounts to the commission of [`EXPERTS_PROJECT`], member by member.
async fn link_experts<C: ConnectionTrait>(conn: &C, experts: &[i64]) -> Result<()> {
    let Some(p) = project::Entity::find()
        .filter(project::Column::Slug.eq(EXPERTS_PROJECT))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let members = commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(p.id))
        .order_by_asc(commission_member::Column::Ordering)
        .all(conn)
        .await?;
    for (member, expert) in members.into_iter().zip(experts) {
        let mut row = member.into_active_model();
        row.user_id = Set(Some(*expert));
        row.update(conn).await?;
    }
    Ok(())
}

/// Recomputes every project's and direction's counters from rows (after bulk loading).
pub async fn recount<C: ConnectionTrait>(conn: &C) -> Result<()> {
    use wire::IdeaStatus::{Merged, Rejected, Selected, Withdrawn};
    // Ideas count until they are rejected, merged or withdrawn (as the live rules move the counters).
    let counted = format!(
        "ideas.status NOT IN ('{}', '{}', '{}')",
        Rejected.as_str(),
        Merged.as_str(),
        Withdrawn.as_str()
    );
    for sql in [
        format!(
            "UPDATE projects SET ideas_count = \
               (SELECT COUNT(*) FROM ideas WHERE ideas.project_id = projects.id AND {counted})"
        ),
        "UPDATE projects SET participants_count = \
           (SELECT COUNT(*) FROM participations WHERE participations.project_id = projects.id)"
            .to_owned(),
        format!(
            "UPDATE projects SET selected_count = \
               (SELECT COUNT(*) FROM ideas WHERE ideas.project_id = projects.id AND ideas.status = '{}')",
            Selected.as_str()
        ),
        format!(
            "UPDATE directions SET ideas_count = \
               (SELECT COUNT(*) FROM ideas WHERE ideas.direction_id = directions.id AND {counted})"
        ),
    ] {
        conn.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// The demo residents' shared password (documented in the README).
pub const DEMO_PASSWORD: &str = "demo-password";

/// Loads the demo data into an empty database; does nothing (and says so) when projects already exist.
/// Returns whether data was loaded.
pub async fn demo(d: &Domain, progress: &dyn Fn(&str)) -> Result<bool> {
    if project::Entity::find().count(&d.db).await? > 0 {
        progress("the database already holds projects: demo data not loaded");
        return Ok(false);
    }
    let now = d.now();
    progress("creating demo accounts");
    let first = crate::auth::create_user(
        d,
        &Registration {
            email: RESIDENTS[0].0.into(),
            display_name: RESIDENTS[0].1.into(),
            password: DEMO_PASSWORD.into(),
            lang: wire::Lang::Ru,
        },
        Role::Resident,
    )
    .await?;
    let hash = user::Entity::find_by_id(first.id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?
        .password_hash;
    let txn = d.db.begin().await?;
    let mut residents = vec![first.id];
    let mut experts = Vec::new();
    let mut moderator = first.id;
    let others = RESIDENTS[1..]
        .iter()
        .map(|(e, n)| (*e, *n, Role::Resident))
        .chain(STAFF);
    for (email, name, role) in others {
        let row = user::ActiveModel {
            email: Set(email.to_owned()),
            display_name: Set(name.to_owned()),
            password_hash: Set(hash.clone()),
            role: Set(role.as_str().to_owned()),
            created_at: Set(now),
            email_confirmed_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if role == Role::Resident {
            residents.push(row.id);
        }
        if role == Role::Expert {
            experts.push(row.id);
        }
        if role == Role::Moderator {
            moderator = row.id;
        }
    }
    let specs = projects(now);
    let total = specs.len();
    for (n, (spec, ideas)) in specs.iter().enumerate() {
        progress(&format!("project {}/{total}: {}", n + 1, spec.title.1));
        let p = insert_project(&txn, spec, now).await?;
        let first_direction = direction::Entity::find()
            .filter(direction::Column::ProjectId.eq(p.id))
            .all(&txn)
            .await?;
        for &user_id in &residents {
            participation::ActiveModel {
                project_id: Set(p.id),
                user_id: Set(user_id),
                created_at: Set(p.starts_at),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        for (i, (title, body, selected)) in ideas.iter().enumerate() {
            let dir = &first_direction[i % first_direction.len().max(1)];
            let at = p.starts_at + Duration::hours(i64::try_from(i).unwrap_or(0) * 5 + 1);
            let status = if *selected {
                wire::IdeaStatus::Selected
            } else {
                wire::IdeaStatus::Published
            };
            let text = (*title, *body);
            let people = (residents[i % residents.len()], moderator);
            let row = insert_idea(&txn, dir, people, text, status, at).await?;
            if *selected && let Some(&expert) = experts.first() {
                demo_scores(&txn, &row, &experts, p.ends_at - Duration::days(4)).await?;
                commission_trail(&txn, &row, expert, p.ends_at, true).await?;
            }
        }
    }
    progress("residents' votes");
    votes::load(&txn, &residents, &experts, now).await?;
    link_experts(&txn, &experts).await?;
    progress("counting");
    recount(&txn).await?;
    txn.commit().await?;
    progress(&format!(
        "demo data loaded: {total} projects, {} accounts",
        RESIDENTS.len() + STAFF.len()
    ));
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_project_has_its_cover_picture_in_the_repository() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/covers");
        let now = Utc::now();
        for (spec, _) in projects(now) {
            assert!(COVERS.contains(&spec.slug), "{} has no cover", spec.slug);
        }
        for slug in COVERS {
            let svg = std::fs::read_to_string(folder.join(format!("{slug}.svg"))).unwrap();
            assert!(
                svg.starts_with("<svg") && !svg.contains("<script"),
                "{slug}"
            );
        }
    }

    #[test]
    fn archived_projects_each_have_their_own_description() {
        let specs = projects(Utc::now());
        let summaries: std::collections::HashSet<&str> =
            specs.iter().map(|(spec, _)| spec.summary.0).collect();
        assert_eq!(summaries.len(), specs.len(), "no sentence repeated");
    }
}
