//! The staff workspace's rules: project texts, the stage timeline, directions, commission, publication
//! and scheduling with the injected clock, preview links, and the edit history.

use chrono::Duration;
use domain::auth::{Role, User};
use domain::staff::{self, MemberInput, Movable, Pending, ProjectInput, Publication, StageInput};
use domain::testing::{codes, domain, scratch_dir, user};
use domain::{Domain, Error, projects};
use sea_orm::EntityTrait;
use wire::{Change, ChangeKind, IdeaStatus};

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
async fn directions_with_ideas_are_retired_not_deleted() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", -1, 10).await;
    staff::add_direction(&d, &olga, id, "Зелень", "Greenery")
        .await
        .unwrap();
    staff::set_publication(&d, &olga, id, Publication::PublishNow)
        .await
        .unwrap();
    let directions = staff::workspace(&d, id).await.unwrap().directions;
    staff::move_in_order(&d, &olga, Movable::Direction(directions[1].id), true)
        .await
        .unwrap();
    let order: Vec<String> = staff::workspace(&d, id)
        .await
        .unwrap()
        .directions
        .into_iter()
        .map(|x| x.title.en)
        .collect();
    assert_eq!(order, vec!["Greenery", "Transport"]);

    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "clean-air").await.unwrap();
    let new = domain::ideas::NewIdea {
        project_slug: "clean-air".into(),
        direction_id: Some(directions[0].id),
        title: "Электробусы".into(),
        body: "Заменить дизельные автобусы на электробусы.".into(),
    };
    domain::ideas::submit(&d, &anna, &new).await.unwrap();
    assert_eq!(
        codes(
            staff::delete_direction(&d, &olga, directions[0].id)
                .await
                .unwrap_err()
        ),
        vec![("direction", "has_ideas")]
    );
    staff::set_direction_retired(&d, &olga, directions[0].id, true)
        .await
        .unwrap();
    let public = projects::detail(&d, "clean-air", None).await.unwrap();
    assert_eq!(
        public.directions.len(),
        1,
        "a retired direction leaves the public page"
    );
    staff::delete_direction(&d, &olga, directions[1].id)
        .await
        .unwrap();
    assert_eq!(staff::workspace(&d, id).await.unwrap().directions.len(), 1);
}

#[tokio::test]
async fn commission_members_link_to_expert_accounts_only() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = staff::create_project(&d, &olga, &texts("clean-air"))
        .await
        .unwrap();
    user(&d, "pavel", Role::Expert).await;
    user(&d, "anna", Role::Resident).await;
    let member = |email: &str| MemberInput {
        name_ru: "Павел Смирнов".into(),
        name_en: "Pavel Smirnov".into(),
        position_ru: "Главный эколог".into(),
        position_en: "Chief ecologist".into(),
        expert_email: email.into(),
    };
    assert_eq!(
        codes(
            staff::add_member(&d, &olga, id, &member("anna@example.org"))
                .await
                .unwrap_err()
        ),
        vec![("expert_email", "not_expert")]
    );
    assert_eq!(
        codes(
            staff::add_member(&d, &olga, id, &member("nobody@example.org"))
                .await
                .unwrap_err()
        ),
        vec![("expert_email", "unknown")]
    );
    staff::add_member(&d, &olga, id, &member("Pavel@example.org"))
        .await
        .unwrap();
    let second = MemberInput {
        name_ru: "Анна Орлова".into(),
        name_en: "Anna Orlova".into(),
        ..member("")
    };
    staff::add_member(&d, &olga, id, &second).await.unwrap();
    let ws = staff::workspace(&d, id).await.unwrap();
    assert!(ws.commission[0].expert_email.is_some() && ws.commission[1].expert_email.is_none());
    staff::move_in_order(&d, &olga, Movable::Member(ws.commission[1].id), true)
        .await
        .unwrap();
    staff::move_in_order(&d, &olga, Movable::Member(ws.commission[1].id), true)
        .await
        .unwrap();
    let ws = staff::workspace(&d, id).await.unwrap();
    let names: Vec<&str> = ws.commission.iter().map(|m| m.name.en.as_str()).collect();
    assert_eq!(
        names,
        vec!["Anna Orlova", "Pavel Smirnov"],
        "moved up once; the top stays the top"
    );
    staff::remove_member(&d, &olga, ws.commission[1].id)
        .await
        .unwrap();
    assert_eq!(staff::workspace(&d, id).await.unwrap().commission.len(), 1);
}

#[tokio::test]
async fn preview_links_expire_and_can_be_revoked() {
    let (d, clock) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    assert_eq!(
        codes(
            staff::create_preview_link(&d, &olga, id, 0)
                .await
                .unwrap_err()
        ),
        vec![("hours", "hours_range")]
    );
    let (link, token) = staff::create_preview_link(&d, &olga, id, 24).await.unwrap();
    let preview = staff::preview_by_token(&d, &token).await.unwrap();
    assert_eq!(preview.card.title.en, "Clean air");
    assert!(!preview.public, "a draft's preview is not the public page");
    assert!(
        matches!(
            projects::detail(&d, "clean-air", None).await,
            Err(Error::NotFound)
        ),
        "still a draft"
    );

    let mut tampered = token.clone();
    tampered.replace_range(0..1, if token.starts_with('A') { "B" } else { "A" });
    assert!(matches!(
        staff::preview_by_token(&d, &tampered).await,
        Err(Error::NotFound)
    ));
    let listed = |links: &[wire::PreviewLinkRow]| {
        let row = links.iter().find(|l| l.id == link).unwrap();
        (row.expired, row.revoked)
    };
    assert_eq!(
        listed(&staff::workspace(&d, id).await.unwrap().links),
        (false, false)
    );
    clock.advance(Duration::hours(24));
    assert!(
        matches!(staff::preview_by_token(&d, &token).await, Err(Error::Gone)),
        "expired"
    );
    assert_eq!(
        listed(&staff::workspace(&d, id).await.unwrap().links),
        (true, false),
        "the editor's list marks it expired"
    );

    let (_, fresh) = staff::create_preview_link(&d, &olga, id, 1).await.unwrap();
    staff::preview_by_token(&d, &fresh).await.unwrap();
    let newest = staff::workspace(&d, id).await.unwrap().links[0].id;
    assert_ne!(newest, link);
    staff::revoke_preview_link(&d, &olga, newest).await.unwrap();
    assert!(
        matches!(staff::preview_by_token(&d, &fresh).await, Err(Error::Gone)),
        "revoked"
    );
}

#[tokio::test]
async fn a_scheduled_publication_is_announced_once_on_the_site_stream() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    let start = d.now();
    let at = start + Duration::hours(1);
    staff::set_publication(&d, &olga, id, Publication::Schedule(at))
        .await
        .unwrap();
    let half = start + Duration::minutes(30);
    assert!(
        projects::announce_publications(&d, start, half)
            .await
            .unwrap()
            .is_empty()
    );
    // Three instances look at the same moment (each with its own last look): one announces.
    let (a, b, c) = tokio::join!(
        projects::announce_publications(&d, half, at),
        projects::announce_publications(&d, start, at),
        projects::announce_publications(&d, half, at + Duration::seconds(1)),
    );
    let mut announced = [a.unwrap(), b.unwrap(), c.unwrap()].concat();
    assert_eq!(announced.len(), 1, "once, whichever instance claims it");
    assert_eq!(
        (announced[0].project_id, announced[0].kind.as_str()),
        (None, "catalogue_changed")
    );
    assert!(announced[0].payload.contains("clean-air"));
    assert!(
        projects::announce_publications(&d, at, at + Duration::hours(1))
            .await
            .unwrap()
            .is_empty()
    );
    let site = domain::events::since(&d.db, None, 0, 10).await.unwrap();
    assert_eq!(site, announced, "stored for browsers that reconnect");
    // Moved to a later instant, it is announced again then.
    let later = at + Duration::hours(2);
    staff::set_publication(&d, &olga, id, Publication::Schedule(later))
        .await
        .unwrap();
    announced = projects::announce_publications(&d, at, later)
        .await
        .unwrap();
    assert_eq!(announced.len(), 1, "the new instant is announced");
}

#[tokio::test]
async fn unsaved_changes_can_be_previewed_without_being_stored() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    let changed = ProjectInput {
        title_en: "Clean air, draft two".into(),
        ..texts("clean-air")
    };
    let preview = staff::preview_pending(&d, id, &Pending::Texts(changed))
        .await
        .unwrap();
    assert_eq!(preview.card.title.en, "Clean air, draft two");
    assert_eq!(
        preview.directions.len(),
        1,
        "the rest of the page is the real one"
    );
    let ws = staff::workspace(&d, id).await.unwrap();
    assert_eq!(ws.row.title.en, "Clean air", "nothing saved");
    assert_eq!(ws.revisions.len(), 3, "no history entry for a preview");
    let bad = ProjectInput {
        title_ru: "<i>x</i>".into(),
        ..texts("clean-air")
    };
    assert_eq!(
        codes(
            staff::preview_pending(&d, id, &Pending::Texts(bad))
                .await
                .unwrap_err()
        ),
        vec![("title_ru", "markup")]
    );
}

#[tokio::test]
async fn unsaved_stages_directions_and_members_can_be_previewed() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    let other = ready_draft(&d, &olga, "other", 2, 10).await;
    let ws = staff::workspace(&d, id).await.unwrap();
    let (ideas, transport) = (ws.stages[0].id, ws.directions[0].id);

    // A new stage and a moved one: the timeline, the current stage and the span follow.
    let review = Pending::Stage(None, stage(&d, "review", 12, 20));
    let page = staff::preview_pending(&d, id, &review).await.unwrap();
    let kinds: Vec<&str> = page.stages.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, vec!["ideas", "review"]);
    assert_eq!(page.card.ends_at, d.now() + Duration::days(20));
    let now_open = Pending::Stage(Some(ideas), stage(&d, "ideas", -1, 10));
    let page = staff::preview_pending(&d, id, &now_open).await.unwrap();
    assert!(page.ideas_open && page.stages[0].current);
    // The same checks as saving, with the same messages.
    let overlapping = Pending::Stage(None, stage(&d, "review", 5, 20));
    assert_eq!(
        codes(
            staff::preview_pending(&d, id, &overlapping)
                .await
                .unwrap_err()
        ),
        vec![("starts_at", "stage_overlap")]
    );

    let renamed = Pending::Direction(Some(transport), "Дороги".into(), "Roads".into());
    let page = staff::preview_pending(&d, id, &renamed).await.unwrap();
    assert_eq!(page.directions[0].title.en, "Roads");
    let added = Pending::Direction(None, "Парки".into(), "Parks".into());
    let page = staff::preview_pending(&d, id, &added).await.unwrap();
    let titles: Vec<&str> = page
        .directions
        .iter()
        .map(|x| x.title.en.as_str())
        .collect();
    assert_eq!(titles, vec!["Transport", "Parks"]);
    let foreign = Pending::Direction(Some(transport), "Дороги".into(), "Roads".into());
    assert!(matches!(
        staff::preview_pending(&d, other, &foreign).await,
        Err(Error::NotFound)
    ));
    let markup = Pending::Direction(None, "<b>x</b>".into(), "Parks".into());
    assert_eq!(
        codes(staff::preview_pending(&d, id, &markup).await.unwrap_err()),
        vec![("title_ru", "markup")]
    );

    let member = MemberInput {
        name_ru: "Павел Смирнов".into(),
        name_en: "Pavel Smirnov".into(),
        position_ru: "Главный эколог".into(),
        position_en: "Chief ecologist".into(),
        expert_email: String::new(),
    };
    let page = staff::preview_pending(&d, id, &Pending::Member(None, member.clone()))
        .await
        .unwrap();
    assert_eq!(page.commission[0].name.en, "Pavel Smirnov");

    let stored = staff::workspace(&d, id).await.unwrap();
    assert_eq!(stored.stages.len(), 1, "nothing saved");
    assert_eq!(stored.directions[0].title.en, "Transport");
    assert!(stored.commission.is_empty());
    assert_eq!(stored.revisions.len(), 3, "no history entry for a preview");
}

#[tokio::test]
async fn members_are_edited_in_place_and_get_photos() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = staff::create_project(&d, &olga, &texts("clean-air"))
        .await
        .unwrap();
    user(&d, "pavel", Role::Expert).await;
    let member = MemberInput {
        name_ru: "Павел Смирнов".into(),
        name_en: "Pavel Smirnov".into(),
        position_ru: "Главный эколог".into(),
        position_en: "Chief ecologist".into(),
        expert_email: String::new(),
    };
    staff::add_member(&d, &olga, id, &member).await.unwrap();
    let member_id = staff::workspace(&d, id).await.unwrap().commission[0].id;
    let promoted = MemberInput {
        position_en: "Minister of ecology".into(),
        expert_email: "pavel@example.org".into(),
        ..member.clone()
    };
    staff::update_member(&d, &olga, member_id, &promoted)
        .await
        .unwrap();
    let ws = staff::workspace(&d, id).await.unwrap();
    let row = &ws.commission[0];
    assert_eq!(row.position.en, "Minister of ecology");
    assert_eq!(row.expert_email.as_deref(), Some("pavel@example.org"));
    let changes = &ws.revisions[0].changes;
    assert!(changes.contains(&Change::new(
        ChangeKind::MemberChanged,
        [
            "Павел Смирнов",
            "position_en",
            "Chief ecologist",
            "Minister of ecology"
        ]
    )));
    assert_eq!(
        changes.last().map(|c| (c.kind, c.arg(0))),
        Some((ChangeKind::MemberLinked, "Павел Смирнов"))
    );

    let empty_name = MemberInput {
        name_en: " ".into(),
        ..member.clone()
    };
    assert_eq!(
        codes(
            staff::update_member(&d, &olga, member_id, &empty_name)
                .await
                .unwrap_err()
        ),
        vec![("name_en", "required")]
    );
    assert!(matches!(
        staff::update_member(&d, &olga, 9999, &member).await,
        Err(Error::NotFound)
    ));

    let dir = scratch_dir();
    let fake = staff::set_member_photo(&d, &olga, member_id, b"<svg/>".to_vec(), &dir).await;
    assert_eq!(codes(fake.unwrap_err()), vec![("photo", "not_image")]);
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::new(900, 900))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let project = staff::set_member_photo(&d, &olga, member_id, png.into_inner(), &dir)
        .await
        .unwrap();
    assert_eq!(project, id);
    let page = staff::preview(&d, id).await.unwrap();
    let path = page.commission[0].photo.clone().unwrap();
    assert!(path.starts_with("/uploads/photos/member-"));
    let stored = dir.join(path.trim_start_matches('/'));
    let picture = image::open(stored).unwrap();
    assert_eq!(picture.width(), 400, "resized once on upload");
    staff::remove_member_photo(&d, &olga, member_id)
        .await
        .unwrap();
    assert!(
        staff::preview(&d, id).await.unwrap().commission[0]
            .photo
            .is_none()
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
