//! The domain's rules, exercised on a fresh migrated database per test: SQLite by default, PostgreSQL when
//! `CROWD_TEST_PG_URL` is set (`make test` runs both). Here the idea window, joining and voting; accounts
//! and sessions in [`accounts`]; the catalogue, the home page's totals and the demo data in
//! [`catalogue`].

use chrono::Duration;
use domain::auth::{self, Registration, Role, attempts};
use domain::entities::{event, idea, idea_vote, participation, project};
use domain::ideas::{self, NewIdea};
use domain::testing::{
    codes, confirmation_token, domain, mails_to, open_project, user, with_outbox,
};
use domain::{Clock, Domain, Error, projects};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

mod accounts;
mod catalogue;

async fn first_direction(d: &Domain, slug: &str) -> i64 {
    let detail = projects::detail(d, slug, None).await.unwrap();
    detail.directions[0].id
}

fn new_idea(slug: &str, direction: i64, title: &str) -> NewIdea {
    NewIdea {
        project_slug: slug.into(),
        direction_id: Some(direction),
        title: title.into(),
        body: "Поставить больше скамеек вдоль набережной и сделать навесы от солнца.".into(),
    }
}

async fn idea_count(d: &Domain) -> u64 {
    idea::Entity::find().count(&d.db).await.unwrap()
}

#[tokio::test]
async fn backend_is_reported() {
    eprintln!("domain tests run on {}", domain::testing::backend_name());
}

#[tokio::test]
async fn a_joined_resident_submits_an_idea_inside_the_window() {
    let (d, _clock) = domain().await;
    let project_id = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    assert!(projects::join(&d, &anna, "parks").await.unwrap());
    let direction = first_direction(&d, "parks").await;
    let mut live = d.bus.subscribe();

    let card = ideas::submit(&d, &anna, &new_idea("parks", direction, "Скамейки у воды"))
        .await
        .unwrap();

    assert_eq!(card.title, "Скамейки у воды");
    assert_eq!(card.author, "anna");
    assert_eq!(card.status, wire::IdeaStatus::Published);
    let page = ideas::feed(&d.db, project_id, None, 20).await.unwrap();
    assert_eq!(page.items, vec![card.clone()]);
    let p = project::Entity::find_by_id(project_id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((p.ideas_count, p.participants_count), (1, 1));
    let detail = projects::detail(&d, "parks", Some(&anna)).await.unwrap();
    assert!(detail.joined && detail.ideas_open);
    assert_eq!(detail.directions[0].ideas_count, 1);
    let published = live.try_recv().unwrap();
    assert_eq!(published.kind, "idea_published");
    assert_eq!(detail.last_event_id, published.id);
    let event: wire::LiveEvent = serde_json::from_str(&published.payload).unwrap();
    assert_eq!(event, wire::LiveEvent::IdeaPublished(card));
}

#[tokio::test]
async fn outside_the_window_nothing_is_stored() {
    let (d, clock) = domain().await;
    open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = first_direction(&d, "parks").await;

    clock.advance(Duration::days(10) + Duration::seconds(1));
    let err = ideas::submit(&d, &anna, &new_idea("parks", direction, "Поздняя идея"))
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("form", "window_closed")]);

    clock.advance(Duration::days(-30));
    let err = ideas::submit(&d, &anna, &new_idea("parks", direction, "Ранняя идея"))
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("form", "window_closed")]);
    assert_eq!(idea_count(&d).await, 0);
    assert_eq!(event::Entity::find().count(&d.db).await.unwrap(), 0);
}

#[tokio::test]
async fn the_window_end_is_exclusive_and_the_start_inclusive() {
    let (d, clock) = domain().await;
    open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = first_direction(&d, "parks").await;
    let start = clock.now();

    clock.set(start - Duration::days(1));
    ideas::submit(&d, &anna, &new_idea("parks", direction, "В первую секунду"))
        .await
        .unwrap();
    clock.set(start + Duration::days(10));
    let err = ideas::submit(
        &d,
        &anna,
        &new_idea("parks", direction, "В последнюю секунду"),
    )
    .await
    .unwrap_err();
    assert_eq!(codes(err), vec![("form", "window_closed")]);
}

#[tokio::test]
async fn an_unjoined_resident_cannot_submit() {
    let (d, _) = domain().await;
    open_project(&d, "parks").await;
    let boris = user(&d, "boris", Role::Resident).await;
    let direction = first_direction(&d, "parks").await;
    let err = ideas::submit(&d, &boris, &new_idea("parks", direction, "Без участия"))
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("form", "not_joined")]);
    assert_eq!(idea_count(&d).await, 0);
}

#[tokio::test]
async fn bad_input_gets_field_messages_and_nothing_is_stored() {
    let (d, _) = domain().await;
    open_project(&d, "parks").await;
    let other_project = open_project(&d, "transport").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let foreign_direction = projects::detail(&d, "transport", None)
        .await
        .unwrap()
        .directions[0]
        .id;
    assert_ne!(other_project, 0);

    let empty = NewIdea {
        project_slug: "parks".into(),
        ..Default::default()
    };
    assert_eq!(
        codes(ideas::submit(&d, &anna, &empty).await.unwrap_err()),
        vec![
            ("direction", "required"),
            ("title", "required"),
            ("body", "required")
        ]
    );
    let long = NewIdea {
        project_slug: "parks".into(),
        direction_id: Some(foreign_direction),
        title: "Т".repeat(141),
        body: "<script>alert('x')</script> и ещё немного текста для длины".into(),
    };
    assert_eq!(
        codes(ideas::submit(&d, &anna, &long).await.unwrap_err()),
        vec![
            ("title", "too_long"),
            ("body", "markup"),
            ("direction", "unknown")
        ]
    );
    let short = NewIdea {
        project_slug: "parks".into(),
        direction_id: Some(-1),
        title: "Да".into(),
        body: "коротко".into(),
    };
    assert_eq!(
        codes(ideas::submit(&d, &anna, &short).await.unwrap_err()),
        vec![
            ("title", "too_short"),
            ("body", "too_short"),
            ("direction", "unknown")
        ]
    );
    assert_eq!(idea_count(&d).await, 0);
}

#[tokio::test]
async fn sql_metacharacters_are_stored_verbatim_and_duplicates_refused() {
    let (d, _) = domain().await;
    let project_id = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = first_direction(&d, "parks").await;
    let title = "Robert'); DROP TABLE ideas;--";
    ideas::submit(&d, &anna, &new_idea("parks", direction, title))
        .await
        .unwrap();
    let err = ideas::submit(&d, &anna, &new_idea("parks", direction, title))
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("title", "duplicate")]);
    let page = ideas::feed(&d.db, project_id, None, 20).await.unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].title, title);
}

#[tokio::test]
async fn the_feed_pages_by_keyset_newest_first_without_gaps_or_repeats() {
    let (d, clock) = domain().await;
    let project_id = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = first_direction(&d, "parks").await;
    for i in 0..45 {
        // Spaced out so that one author stays under the rate limit of ideas.
        clock.advance(Duration::minutes(13));
        ideas::submit(
            &d,
            &anna,
            &new_idea("parks", direction, &format!("Идея номер {i}")),
        )
        .await
        .unwrap();
    }
    let mut seen = Vec::new();
    let mut before = None;
    let mut pages = 0;
    loop {
        let page = ideas::feed(&d.db, project_id, before, 20).await.unwrap();
        pages += 1;
        seen.extend(page.items.iter().map(|c| c.id));
        match page.next {
            Some(id) => before = Some(id.parse().unwrap()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 45);
    assert!(
        seen.windows(2).all(|w| w[0] > w[1]),
        "newest first, no repeats"
    );
}

#[tokio::test]
async fn concurrent_joins_make_one_participation() {
    let (d, _) = domain().await;
    let project_id = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    let attempts = (0..8).map(|_| projects::join(&d, &anna, "parks"));
    let results = futures::future::join_all(attempts).await;
    let inserted = results
        .into_iter()
        .map(Result::unwrap)
        .filter(|inserted| *inserted)
        .count();
    assert_eq!(inserted, 1);
    let rows = participation::Entity::find()
        .filter(participation::Column::ProjectId.eq(project_id))
        .count(&d.db);
    assert_eq!(rows.await.unwrap(), 1);
    let p = project::Entity::find_by_id(project_id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.participants_count, 1);
}

#[tokio::test]
async fn a_finished_project_cannot_be_joined() {
    let (d, clock) = domain().await;
    open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    clock.advance(Duration::days(30));
    assert_eq!(
        codes(projects::join(&d, &anna, "parks").await.unwrap_err()),
        vec![("form", "project_finished")]
    );
}

#[tokio::test]
async fn one_vote_per_person_per_idea_even_under_concurrency() {
    let (d, _) = domain().await;
    open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    let boris = user(&d, "boris", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = first_direction(&d, "parks").await;
    let card = ideas::submit(&d, &anna, &new_idea("parks", direction, "Скамейки"))
        .await
        .unwrap();

    let clicks = (0..6).map(|_| ideas::vote(&d, &boris, card.id, 1));
    for result in futures::future::join_all(clicks).await {
        result.unwrap();
    }
    let votes = idea_vote::Entity::find()
        .filter(idea_vote::Column::IdeaId.eq(card.id))
        .count(&d.db);
    assert_eq!(votes.await.unwrap(), 1);
    let counts = ideas::vote(&d, &boris, card.id, 1).await.unwrap();
    assert_eq!((counts.support_count, counts.oppose_count), (1, 0));

    let counts = ideas::vote(&d, &boris, card.id, -1).await.unwrap();
    assert_eq!(
        (counts.support_count, counts.oppose_count),
        (0, 1),
        "a changed vote moves both counters"
    );
    assert_eq!(
        codes(ideas::vote(&d, &anna, card.id, 1).await.unwrap_err()),
        vec![("form", "own_idea")]
    );
    assert_eq!(
        codes(ideas::vote(&d, &boris, card.id, 7).await.unwrap_err()),
        vec![("value", "invalid")]
    );
}

#[tokio::test]
async fn roles_are_required() {
    let (d, _) = domain().await;
    let staff = user(&d, "olga", Role::Staff).await;
    assert!(matches!(
        auth::require(None, ideas::SUBMIT),
        Err(Error::Unauthorized)
    ));
    assert!(matches!(
        auth::require(Some(&staff), ideas::SUBMIT),
        Err(Error::Forbidden)
    ));
    let anna = user(&d, "anna", Role::Resident).await;
    assert_eq!(
        auth::require(Some(&anna), ideas::SUBMIT).unwrap().id,
        anna.id
    );
}
