//! The staff workspace's rules: project texts, the stage timeline, publication and scheduling with the
//! injected clock, the edit history, premoderation; directions and the commission in [`team`], preview
//! links and previews of unsaved edits in [`previews`].

use chrono::Duration;
use domain::auth::{Role, User};
use domain::staff::{self, MemberInput, Movable, Pending, ProjectInput, Publication, StageInput};
use domain::testing::{codes, domain, scratch_dir, user};
use domain::{Domain, Error, projects};
use sea_orm::EntityTrait;
use wire::{Change, ChangeKind, IdeaStatus};

mod previews;
mod team;

/// The project's row as stored.
async fn stored(d: &Domain, id: i64) -> domain::entities::project::Model {
    domain::entities::project::Entity::find_by_id(id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap()
}

fn texts(slug: &str) -> ProjectInput {
    ProjectInput {
        slug: slug.into(),
        title_ru: "Чистый воздух".into(),
        title_en: "Clean air".into(),
        summary_ru: "Идеи о том, как сделать воздух в городе чище.".into(),
        summary_en: "Ideas on making the city's air cleaner.".into(),
        body_ru: "Предложите меры: от озеленения до транспорта.".into(),
        body_en: "Propose measures: from greenery to transport.".into(),
    }
}

async fn staffer(d: &Domain) -> User {
    user(d, "olga", Role::Staff).await
}

fn stage(d: &Domain, kind: &str, from_days: i64, to_days: i64) -> StageInput {
    let now = d.now();
    StageInput {
        kind: kind.into(),
        starts_at: Some(now + Duration::days(from_days)),
        ends_at: Some(now + Duration::days(to_days)),
    }
}

/// A draft with an ideas stage from `from` to `to` days ahead and one direction.
async fn ready_draft(d: &Domain, olga: &User, slug: &str, from: i64, to: i64) -> i64 {
    let id = staff::create_project(d, olga, &texts(slug)).await.unwrap();
    staff::add_stage(d, olga, id, &stage(d, "ideas", from, to))
        .await
        .unwrap();
    staff::add_direction(d, olga, id, "Транспорт", "Transport")
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn project_texts_are_validated_and_slugs_unique() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let bad = ProjectInput {
        slug: "Bad Slug!".into(),
        title_ru: "<script>x</script>".into(),
        summary_en: "short".into(),
        ..texts("x")
    };
    assert_eq!(
        codes(staff::create_project(&d, &olga, &bad).await.unwrap_err()),
        vec![
            ("slug", "slug_invalid"),
            ("title_ru", "markup"),
            ("summary_en", "too_short")
        ]
    );
    assert!(
        staff::list_all(&d).await.unwrap().is_empty(),
        "nothing stored"
    );
    staff::create_project(&d, &olga, &texts("clean-air"))
        .await
        .unwrap();
    assert_eq!(
        codes(
            staff::create_project(&d, &olga, &texts("clean-air"))
                .await
                .unwrap_err()
        ),
        vec![("slug", "slug_taken")]
    );
}

#[tokio::test]
async fn the_timeline_rejects_bad_stages_with_field_messages() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = staff::create_project(&d, &olga, &texts("clean-air"))
        .await
        .unwrap();

    let backwards = stage(&d, "ideas", 5, 2);
    assert_eq!(
        codes(
            staff::add_stage(&d, &olga, id, &backwards)
                .await
                .unwrap_err()
        ),
        vec![("ends_at", "end_before_start")]
    );
    let empty = StageInput {
        kind: "ideas".into(),
        starts_at: None,
        ends_at: None,
    };
    assert_eq!(
        codes(staff::add_stage(&d, &olga, id, &empty).await.unwrap_err()),
        vec![("starts_at", "required"), ("ends_at", "required")]
    );
    assert_eq!(
        codes(
            staff::add_stage(&d, &olga, id, &stage(&d, "review", 10, 20))
                .await
                .unwrap_err()
        ),
        vec![("kind", "ideas_required")],
        "no expert review without an ideas stage"
    );
    staff::add_stage(&d, &olga, id, &stage(&d, "ideas", 1, 10))
        .await
        .unwrap();
    assert_eq!(
        codes(
            staff::add_stage(&d, &olga, id, &stage(&d, "review", 5, 20))
                .await
                .unwrap_err()
        ),
        vec![("starts_at", "stage_overlap")]
    );
    assert_eq!(
        codes(
            staff::add_stage(&d, &olga, id, &stage(&d, "announcement", 12, 14))
                .await
                .unwrap_err()
        ),
        vec![("starts_at", "stage_order")]
    );
    assert_eq!(
        codes(
            staff::add_stage(&d, &olga, id, &stage(&d, "ideas", 12, 14))
                .await
                .unwrap_err()
        ),
        vec![("kind", "stage_duplicate")]
    );
    staff::add_stage(&d, &olga, id, &stage(&d, "review", 10, 20))
        .await
        .unwrap();
    let ws = staff::workspace(&d, id).await.unwrap();
    assert_eq!(ws.stages.len(), 2);
    let p = stored(&d, id).await;
    assert_eq!(
        (p.starts_at, p.ends_at),
        (d.now() + Duration::days(1), d.now() + Duration::days(20))
    );
    let ideas_stage = ws.stages[0].id;
    assert_eq!(
        codes(
            staff::delete_stage(&d, &olga, ideas_stage)
                .await
                .unwrap_err()
        ),
        vec![("kind", "ideas_required")]
    );
    staff::update_stage(&d, &olga, ideas_stage, &stage(&d, "ideas", 0, 9))
        .await
        .unwrap();
    assert_eq!(stored(&d, id).await.starts_at, d.now());
}

#[tokio::test]
async fn a_scheduled_project_becomes_public_by_itself_when_the_clock_passes() {
    let (d, clock) = domain().await;
    let olga = staffer(&d).await;
    let empty = staff::create_project(&d, &olga, &texts("empty"))
        .await
        .unwrap();
    assert_eq!(
        codes(
            staff::set_publication(&d, &olga, empty, Publication::PublishNow)
                .await
                .unwrap_err()
        ),
        vec![
            ("publication", "ideas_required"),
            ("publication", "directions_required")
        ]
    );
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    let past = d.now() - Duration::minutes(1);
    assert_eq!(
        codes(
            staff::set_publication(&d, &olga, id, Publication::Schedule(past))
                .await
                .unwrap_err()
        ),
        vec![("publish_at", "in_past")]
    );
    let at = d.now() + Duration::hours(6);
    staff::set_publication(&d, &olga, id, Publication::Schedule(at))
        .await
        .unwrap();
    assert!(projects::list_public(&d).await.unwrap().is_empty());
    assert!(matches!(
        projects::detail(&d, "clean-air", None).await,
        Err(Error::NotFound)
    ));
    clock.set(at);
    let public = projects::list_public(&d).await.unwrap();
    assert_eq!(public.len(), 1);
    assert_eq!(public[0].phase, projects::Phase::Upcoming);
    staff::set_publication(&d, &olga, id, Publication::Unpublish)
        .await
        .unwrap();
    assert!(projects::list_public(&d).await.unwrap().is_empty());
    assert_eq!(
        codes(
            staff::set_publication(&d, &olga, id, Publication::Archive)
                .await
                .unwrap_err()
        ),
        vec![("publication", "not_published")],
        "archiving must not publish a draft"
    );
    assert!(projects::list_public(&d).await.unwrap().is_empty());
    staff::set_publication(&d, &olga, id, Publication::PublishNow)
        .await
        .unwrap();
    staff::set_publication(&d, &olga, id, Publication::Archive)
        .await
        .unwrap();
    assert_eq!(projects::list_public(&d).await.unwrap().len(), 1);
}

#[tokio::test]
async fn ideas_of_an_unpublished_project_cannot_be_rated_and_an_empty_timeline_resets_the_span() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", -1, 10).await;
    staff::set_publication(&d, &olga, id, Publication::PublishNow)
        .await
        .unwrap();
    let (anna, boris) = (
        user(&d, "anna", Role::Resident).await,
        user(&d, "boris", Role::Resident).await,
    );
    projects::join(&d, &anna, "clean-air").await.unwrap();
    let direction = staff::workspace(&d, id).await.unwrap().directions[0].id;
    let new = domain::ideas::NewIdea {
        project_slug: "clean-air".into(),
        direction_id: Some(direction),
        title: "Электробусы".into(),
        body: "Заменить дизельные автобусы на электробусы.".into(),
    };
    let idea = domain::ideas::submit(&d, &anna, &new).await.unwrap();
    staff::set_publication(&d, &olga, id, Publication::Unpublish)
        .await
        .unwrap();
    assert!(matches!(
        domain::ideas::vote(&d, &boris, idea.id, 1).await,
        Err(Error::NotFound)
    ));

    let stage = staff::workspace(&d, id).await.unwrap().stages[0].id;
    staff::delete_stage(&d, &olga, stage).await.unwrap();
    let p = stored(&d, id).await;
    assert_eq!((p.starts_at, p.ends_at), (p.created_at, p.created_at));
}

#[tokio::test]
async fn every_edit_is_recorded_with_who_and_what() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = staff::create_project(&d, &olga, &texts("clean-air"))
        .await
        .unwrap();
    let changed = ProjectInput {
        title_en: "Clean air for all".into(),
        ..texts("clean-air")
    };
    staff::update_project(&d, &olga, id, &changed)
        .await
        .unwrap();
    staff::update_project(&d, &olga, id, &changed)
        .await
        .unwrap();
    let history = staff::workspace(&d, id).await.unwrap().revisions;
    assert_eq!(
        history.len(),
        2,
        "an edit that changes nothing leaves no entry"
    );
    assert_eq!(history[0].actor, "olga");
    assert_eq!(
        history[0].changes,
        [Change::new(
            ChangeKind::TextChanged,
            ["title_en", "Clean air", "Clean air for all"]
        )]
    );
    assert_eq!(
        history[1].changes,
        [Change::new(ChangeKind::ProjectCreated, ["clean-air"])]
    );
}

#[tokio::test]
async fn premoderation_holds_new_ideas_for_a_moderator_when_staff_turn_it_on() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let project = domain::testing::open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = projects::detail(&d, "parks", None)
        .await
        .unwrap()
        .directions[0]
        .id;
    let post = |title: &str| domain::ideas::NewIdea {
        project_slug: "parks".into(),
        direction_id: Some(direction),
        title: title.into(),
        body: "Текст идеи достаточной длины для модерации.".into(),
    };
    staff::set_premoderation(&d, &olga, project, true)
        .await
        .unwrap();
    staff::set_premoderation(&d, &olga, project, true)
        .await
        .unwrap();
    let held = domain::ideas::submit(&d, &anna, &post("Скамейки у пруда"))
        .await
        .unwrap();
    assert_eq!(held.status, IdeaStatus::Submitted, "waits for a moderator");
    staff::set_premoderation(&d, &olga, project, false)
        .await
        .unwrap();
    let public = domain::ideas::submit(&d, &anna, &post("Фонтан на площади"))
        .await
        .unwrap();
    assert_eq!(public.status, IdeaStatus::Published);
    let history = staff::workspace(&d, project).await.unwrap().revisions;
    let kinds: Vec<ChangeKind> = history
        .iter()
        .flat_map(|r| &r.changes)
        .map(|c| c.kind)
        .collect();
    assert_eq!(
        kinds,
        [ChangeKind::PremoderationOff, ChangeKind::PremoderationOn],
        "setting what is already set leaves no entry"
    );
}
