//! The domain's rules, exercised on a fresh migrated database per test: SQLite by default, PostgreSQL when
//! `CROWD_TEST_PG_URL` is set (`make test` runs both).

use chrono::Duration;
use domain::auth::{self, Registration, Role, attempts};
use domain::entities::{event, idea, idea_vote, participation, project};
use domain::ideas::{self, NewIdea};
use domain::testing::{
    codes, confirmation_token, domain, mails_to, open_project, user, with_outbox,
};
use domain::{Clock, Domain, Error, projects};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

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

#[tokio::test]
async fn registration_validates_and_sessions_expire() {
    let (d, clock, outbox) = with_outbox().await;
    let bad = Registration {
        email: "not-an-email".into(),
        display_name: "<b>x</b>".into(),
        password: "short".into(),
        lang: wire::Lang::Ru,
    };
    assert_eq!(
        codes(auth::register(&d, &bad, "10.0.0.9", "/").await.unwrap_err()),
        vec![
            ("email", "email_invalid"),
            ("display_name", "markup"),
            ("password", "password_short")
        ]
    );
    let good = Registration {
        email: " Anna@Example.org ".into(),
        display_name: "Анна".into(),
        password: "ten chars!".into(),
        lang: wire::Lang::Ru,
    };
    auth::register(&d, &good, "10.0.0.9", "/projects/parks")
        .await
        .unwrap();
    let link = confirmation_token(&outbox, "anna@example.org").unwrap();
    let (anna, token, next) = auth::confirmation::confirm(&d, &link).await.unwrap();
    assert_eq!(anna.email, "anna@example.org");
    assert_eq!(anna.role, Role::Resident);
    assert_eq!(next, "/projects/parks");
    assert_eq!(
        auth::user_for_token(&d, &token.0).await.unwrap(),
        Some(anna.clone())
    );
    clock.advance(Duration::days(auth::SESSION_DAYS) + Duration::seconds(1));
    assert_eq!(auth::user_for_token(&d, &token.0).await.unwrap(), None);

    let (_, token) = auth::login(
        &d,
        "ANNA@example.org",
        "ten chars!",
        "1.2.3.4",
        wire::Lang::Ru,
    )
    .await
    .unwrap();
    auth::logout(&d, &token.0).await.unwrap();
    assert_eq!(auth::user_for_token(&d, &token.0).await.unwrap(), None);
}

/// Anna logs in from a Russian page with `password` from `address`.
async fn anna_logs_in(
    d: &Domain,
    password: &str,
    address: &str,
) -> domain::Result<(domain::User, auth::SessionToken)> {
    auth::login(d, "anna@example.org", password, address, wire::Lang::Ru).await
}

fn anna_registers() -> Registration {
    Registration {
        email: "anna@example.org".into(),
        display_name: "Анна".into(),
        password: "ten chars!".into(),
        lang: wire::Lang::Ru,
    }
}

#[tokio::test]
async fn each_person_s_e_mails_are_wholly_in_the_language_they_last_used() {
    let (d, _, outbox) = with_outbox().await;
    open_project(&d, "parks").await;
    let english = Registration {
        lang: wire::Lang::En,
        ..anna_registers()
    };
    auth::register(&d, &english, "10.0.0.9", "/").await.unwrap();
    let confirmation = &mails_to(&outbox, "anna@example.org")[0];
    assert!(confirmation.contains("Content-Language: en\r\n"));
    assert!(confirmation.contains("To finish registering") && !confirmation.contains("Чтобы"));
    let link = confirmation_token(&outbox, "anna@example.org").unwrap();
    let (anna, _, _) = auth::confirmation::confirm(&d, &link).await.unwrap();
    projects::join(&d, &anna, "parks").await.unwrap();
    let idea = domain::testing::post(&d, &anna, "parks", "Скамейки у пруда").await;
    let boris = domain::testing::resident(&d, "boris", "parks").await;
    let comment_and_last_mail = |text: &'static str| {
        let (d, boris, outbox) = (&d, &boris, &outbox);
        async move {
            domain::comments::add(d, boris, idea.id, None, text)
                .await
                .unwrap();
            mails_to(outbox, "anna@example.org").pop().unwrap()
        }
    };
    let mail = comment_and_last_mail("Yes, and shade too").await;
    assert!(mail.contains("Content-Language: en\r\n"), "{mail}");
    assert!(
        mail.contains("Comment (boris):\r\nYes, and shade too"),
        "the whole comment: {mail}"
    );
    assert!(
        !mail.contains("Комментарий") && !mail.contains("Новый"),
        "{mail}"
    );

    // Logging in from a Russian page switches her e-mails to Russian; the switch in the header too.
    let (_, token) = anna_logs_in(&d, "ten chars!", "10.0.0.9").await.unwrap();
    let mail = comment_and_last_mail("Поддерживаю").await;
    assert!(mail.contains("Content-Language: ru\r\n"));
    assert!(
        mail.contains("Комментарий (boris):\r\nПоддерживаю"),
        "{mail}"
    );
    assert!(
        !mail.contains("Comment") && !mail.contains("Open the idea"),
        "{mail}"
    );
    auth::switch_language(&d, &token.0, wire::Lang::En)
        .await
        .unwrap();
    let mail = comment_and_last_mail("Also benches by the playground").await;
    assert!(mail.contains("Content-Language: en\r\n"), "{mail}");
}

#[tokio::test]
async fn a_new_account_logs_in_only_after_opening_the_link_once() {
    let (d, clock, outbox) = with_outbox().await;
    auth::register(&d, &anna_registers(), "10.0.0.9", "/")
        .await
        .unwrap();
    let err = anna_logs_in(&d, "ten chars!", "10.0.0.9")
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("email", "unconfirmed")]);
    let link = confirmation_token(&outbox, "anna@example.org").unwrap();
    assert!(
        mails_to(&outbox, "anna@example.org")[0]
            .contains("https://crowd.example.org/confirm?token=")
    );
    auth::confirmation::confirm(&d, &link).await.unwrap();
    anna_logs_in(&d, "ten chars!", "10.0.0.9")
        .await
        .expect("confirmed: logs in");
    let again = auth::confirmation::confirm(&d, &link).await.unwrap_err();
    assert_eq!(codes(again), vec![("token", "link_invalid")]);

    // A link left unopened stops working.
    let boris = Registration {
        email: "boris@example.org".into(),
        ..anna_registers()
    };
    auth::register(&d, &boris, "10.0.0.9", "/").await.unwrap();
    let link = confirmation_token(&outbox, "boris@example.org").unwrap();
    clock.advance(Duration::hours(auth::confirmation::LINK_HOURS) + Duration::seconds(1));
    let late = auth::confirmation::confirm(&d, &link).await.unwrap_err();
    assert_eq!(codes(late), vec![("token", "link_invalid")]);
}

#[tokio::test]
async fn registering_a_taken_address_answers_alike_and_tells_its_owner() {
    let (d, _, outbox) = with_outbox().await;
    let anna = user(&d, "anna", Role::Resident).await;
    let intruder = Registration {
        display_name: "Не Анна".into(),
        password: "another password".into(),
        lang: wire::Lang::Ru,
        ..anna_registers()
    };
    auth::register(&d, &intruder, "10.0.0.9", "/")
        .await
        .expect("the same answer as for a free address");
    let told = mails_to(&outbox, "anna@example.org");
    assert_eq!(told.len(), 1);
    assert!(told[0].contains("https://crowd.example.org/login") && !told[0].contains("token="));
    let (still, _) = anna_logs_in(&d, "password-anna", "10.0.0.9").await.unwrap();
    assert_eq!(still, anna, "the account is untouched");
}

async fn wrong_password(d: &Domain, address: &str) -> Error {
    anna_logs_in(d, "wrong password", address)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn logins_are_limited_per_account_and_address_and_the_window_slides() {
    let (d, clock) = domain().await;
    user(&d, "anna", Role::Resident).await;
    for _ in 0..attempts::PER_PAIR.max {
        let err = wrong_password(&d, "10.0.0.1").await;
        assert_eq!(codes(err), vec![("password", "bad_credentials")]);
    }
    let err = anna_logs_in(&d, "password-anna", "10.0.0.1")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { .. }),
        "even the right password waits there: {err:?}"
    );
    anna_logs_in(&d, "password-anna", "10.0.0.2")
        .await
        .expect("another address is not locked out by those failures");
    clock.advance(Duration::seconds(attempts::PER_PAIR.window_secs + 1));
    anna_logs_in(&d, "password-anna", "10.0.0.1").await.unwrap();
}

#[tokio::test]
async fn forty_parallel_guesses_get_no_more_than_the_limit_checked() {
    let (d, _) = domain().await;
    user(&d, "anna", Role::Resident).await;
    let guesses = (0..40).map(|_| wrong_password(&d, "10.0.0.1"));
    let outcomes = futures::future::join_all(guesses).await;
    let checked = outcomes
        .iter()
        .filter(|e| matches!(e, Error::Invalid(_)))
        .count();
    let refused = outcomes
        .iter()
        .filter(|e| matches!(e, Error::RateLimited { .. }))
        .count();
    assert!(
        checked as u64 <= attempts::PER_PAIR.max,
        "{checked} guesses were checked against a limit of {}",
        attempts::PER_PAIR.max
    );
    assert_eq!(checked + refused, 40, "{outcomes:?}");
}

#[tokio::test]
async fn strangers_failures_slow_down_guessing_but_never_lock_the_owner_out() {
    let (d, _) = domain().await;
    user(&d, "anna", Role::Resident).await;
    // Anna logged in from home once; then someone guesses from many addresses.
    anna_logs_in(&d, "password-anna", "10.0.0.1").await.unwrap();
    for n in 0..attempts::PER_ACCOUNT.max {
        let err = wrong_password(&d, &format!("192.0.2.{n}")).await;
        assert_eq!(codes(err), vec![("password", "bad_credentials")]);
    }
    let err = wrong_password(&d, "198.51.100.1").await;
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    anna_logs_in(&d, "password-anna", "10.0.0.1")
        .await
        .expect("the owner's known address still gets in");
}

#[tokio::test]
async fn registrations_are_limited_per_address() {
    let (d, _) = domain().await;
    for n in 0..attempts::REGISTRATIONS.max {
        let form = Registration {
            email: format!("bot{n}@example.org"),
            display_name: format!("Bot {n}"),
            password: "long enough".into(),
            lang: wire::Lang::Ru,
        };
        auth::register(&d, &form, "203.0.113.7", "/").await.unwrap();
    }
    let form = Registration {
        email: "one-more@example.org".into(),
        display_name: "One more".into(),
        password: "long enough".into(),
        lang: wire::Lang::Ru,
    };
    let err = auth::register(&d, &form, "203.0.113.7", "/")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    auth::register(&d, &form, "203.0.113.8", "/")
        .await
        .expect("another address may register");
}

#[tokio::test]
async fn a_scheduled_project_appears_by_itself_at_its_time() {
    let (d, clock) = domain().await;
    let id = open_project(&d, "parks").await;
    let at = clock.now() + Duration::hours(3);
    let mut row: project::ActiveModel = project::Entity::find_by_id(id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.state = sea_orm::Set("scheduled".into());
    row.publish_at = sea_orm::Set(Some(at));
    sea_orm::ActiveModelTrait::update(row, &d.db).await.unwrap();
    assert!(projects::list_public(&d).await.unwrap().is_empty());
    assert!(matches!(
        projects::detail(&d, "parks", None).await,
        Err(Error::NotFound)
    ));
    clock.set(at);
    assert_eq!(projects::list_public(&d).await.unwrap().len(), 1);
}

#[tokio::test]
async fn events_resume_after_an_id() {
    let (d, _) = domain().await;
    let project_id = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = first_direction(&d, "parks").await;
    for i in 0..3 {
        ideas::submit(
            &d,
            &anna,
            &new_idea("parks", direction, &format!("Событие {i}")),
        )
        .await
        .unwrap();
    }
    let all = domain::events::since(&d.db, Some(project_id), 0, 100)
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let rest = domain::events::since(&d.db, Some(project_id), all[0].id, 100)
        .await
        .unwrap();
    assert_eq!(rest, all[1..].to_vec());
    assert_eq!(
        domain::events::last_id(&d.db, Some(project_id))
            .await
            .unwrap(),
        all[2].id
    );
}

#[tokio::test]
async fn demo_data_loads_once_and_totals_come_from_rows() {
    let (d, _) = domain().await;
    assert!(domain::seed::demo(&d, &|_| {}).await.unwrap());
    assert!(
        !domain::seed::demo(&d, &|_| {}).await.unwrap(),
        "a second load changes nothing"
    );
    let totals = projects::totals(&d).await.unwrap();
    let list = projects::list_public(&d).await.unwrap();
    assert_eq!(totals.projects, list.len() as u64);
    assert_eq!(totals.projects, 15);
    assert_eq!(totals.ideas, idea_count(&d).await);
    let selected = idea::Entity::find()
        .filter(idea::Column::Status.eq("selected"))
        .count(&d.db)
        .await
        .unwrap();
    assert_eq!(totals.selected, selected);
    assert!(totals.selected > 0 && totals.participants == 8);
    let culture = projects::detail(&d, "culture-online", None).await.unwrap();
    assert_eq!(culture.commission.len(), 4);
    assert_eq!(culture.commission[0].name.en, "Alexander Kibovsky");
    let services = projects::detail(&d, "moscow-e-services-2", None)
        .await
        .unwrap();
    assert_eq!(services.directions.len(), 3);
    let open = list
        .iter()
        .filter(|p| p.phase == projects::Phase::Active)
        .count();
    assert_eq!(
        open, 2,
        "two projects are open when the demo data is loaded: ideas in one, the residents' vote in the other"
    );
}

#[tokio::test]
async fn the_catalogue_filters_by_phase_year_and_title_words() {
    let (d, _) = domain().await;
    domain::seed::demo(&d, &|_| {}).await.unwrap();
    let find = |phase: Option<projects::Phase>, year: Option<i32>, query: &str| {
        let filter = projects::CatalogueFilter {
            phase,
            year,
            query: query.into(),
        };
        let d = d.clone();
        async move {
            let list = projects::catalogue(&d, &filter).await.unwrap().projects;
            list.into_iter().map(|p| p.slug).collect::<Vec<_>>()
        }
    };
    assert_eq!(find(None, None, "культура").await, vec!["culture-online"]);
    assert_eq!(
        find(None, None, "CULTURE online").await,
        vec!["culture-online"]
    );
    assert_eq!(
        find(None, Some(2020), "").await,
        vec!["culture-online", "moscow-e-services-2"]
    );
    assert_eq!(
        find(Some(projects::Phase::Active), None, "").await,
        vec!["city-by-the-water", "park-next-door"]
    );
    assert_eq!(
        find(Some(projects::Phase::Upcoming), None, "").await,
        vec!["library-of-the-future"]
    );
    assert!(
        find(Some(projects::Phase::Active), Some(2014), "")
            .await
            .is_empty()
    );
    assert!(
        find(None, None, "'; DROP TABLE projects; --")
            .await
            .is_empty()
    );
    let years = projects::catalogue(&d, &projects::CatalogueFilter::default())
        .await
        .unwrap()
        .years;
    assert_eq!(years.first(), Some(&2026));
    assert!(years.contains(&2014) && years.contains(&2020));
}

#[tokio::test]
async fn home_totals_count_only_what_the_public_sees() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = projects::detail(&d, "parks", None)
        .await
        .unwrap()
        .directions[0]
        .id;
    ideas::submit(&d, &anna, &new_idea("parks", direction, "Скамейки у пруда"))
        .await
        .unwrap();
    let gone = ideas::submit(&d, &anna, &new_idea("parks", direction, "Фонтан у школы"))
        .await
        .unwrap();
    ideas::withdraw(&d, &anna, gone.id).await.unwrap();
    let olga = user(&d, "olga", Role::Staff).await;
    domain::staff::set_premoderation(&d, &olga, project, true)
        .await
        .unwrap();
    ideas::submit(
        &d,
        &anna,
        &new_idea("parks", direction, "Идея ждёт модератора"),
    )
    .await
    .unwrap();
    assert_eq!(idea_count(&d).await, 3, "three stored");
    assert_eq!(projects::totals(&d).await.unwrap().ideas, 1, "one public");
}

#[tokio::test]
async fn unused_sessions_end_sooner_for_officials_and_everywhere_on_request() {
    let (d, clock) = domain().await;
    let anna = user(&d, "anna", Role::Resident).await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let login = |email: &'static str, password: &'static str| {
        let d = d.clone();
        async move {
            auth::login(&d, email, password, "10.0.0.1", wire::Lang::Ru)
                .await
                .unwrap()
                .1
        }
    };
    let (resident, official) = (
        login("anna@example.org", "password-anna").await,
        login("mira@example.org", "password-mira").await,
    );
    // Used every six days, a resident's session lives on; the official's ended after twelve idle hours.
    for _ in 0..3 {
        clock.advance(Duration::days(auth::sessions::RESIDENT_IDLE_DAYS - 1));
        assert_eq!(
            auth::user_for_token(&d, &resident.0).await.unwrap(),
            Some(anna.clone())
        );
    }
    assert_eq!(auth::user_for_token(&d, &official.0).await.unwrap(), None);
    let official = login("mira@example.org", "password-mira").await;
    clock.advance(Duration::hours(auth::sessions::OFFICIAL_IDLE_HOURS - 1));
    assert_eq!(
        auth::user_for_token(&d, &official.0).await.unwrap(),
        Some(mira)
    );

    // Unused for a week, the resident's ends too; logging out everywhere ends every device's.
    clock.advance(Duration::days(auth::sessions::RESIDENT_IDLE_DAYS) + Duration::seconds(1));
    assert_eq!(auth::user_for_token(&d, &resident.0).await.unwrap(), None);
    let (phone, laptop) = (
        login("anna@example.org", "password-anna").await,
        login("anna@example.org", "password-anna").await,
    );
    assert_eq!(auth::logout_everywhere(&d, &anna).await.unwrap(), 2);
    for token in [phone, laptop] {
        assert_eq!(auth::user_for_token(&d, &token.0).await.unwrap(), None);
    }
}

#[tokio::test]
async fn every_demo_idea_carries_its_fate_its_scores_and_the_trail_verifies() {
    let (d, _) = domain().await;
    domain::seed::demo(&d, &|_| {}).await.unwrap();
    let selected = idea::Entity::find()
        .filter(idea::Column::Status.eq("selected"))
        .all(&d.db)
        .await
        .unwrap();
    assert!(!selected.is_empty());
    for x in &selected {
        let page = ideas::page(&d, x.id, None).await.unwrap();
        let steps: Vec<(&str, bool)> = page
            .timeline
            .iter()
            .map(|s| (s.status.as_str(), s.reason.is_some()))
            .collect();
        assert!(
            steps.ends_with(&[("shortlisted", true), ("selected", true)]),
            "#{}: {steps:?}",
            x.id
        );
        let scores = domain::entities::expert_score::Entity::find()
            .filter(domain::entities::expert_score::Column::IdeaId.eq(x.id))
            .all(&d.db)
            .await
            .unwrap();
        let criteria = domain::commission::criteria(&d.db, x.project_id)
            .await
            .unwrap();
        assert_eq!(
            scores.len(),
            3 * criteria.len(),
            "#{}: each of the three demo experts scored every criterion",
            x.id
        );
        assert!(scores.iter().all(|s| (4..=5).contains(&s.score)));
        assert!(scores.iter().any(|s| s.comment.is_some()));
    }
    let ideas = idea::Entity::find().all(&d.db).await.unwrap();
    for x in &ideas {
        let page = ideas::page(&d, x.id, None).await.unwrap();
        let published = page.timeline.iter().find(|s| s.status == "published");
        assert!(
            published.is_some_and(|s| s.decision.is_some()),
            "#{}: a moderator's publication, in the trail: {:?}",
            x.id,
            page.timeline
        );
    }
    assert_eq!(
        domain::audit::verify(&d, &|_| {}).await.unwrap(),
        domain::audit::Verdict::Intact((ideas.len() + 2 * selected.len()) as u64 + 16),
        "crowd verify-audit passes on the demo data: every publication, every selection and the sixteen \
         ideas shortlisted for the three votes"
    );
}
