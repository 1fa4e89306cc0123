//! What residents do with ideas beyond posting them: similar ideas while typing (Russian and English
//! stemming), on a fresh database per test (SQLite, or PostgreSQL with `CROWD_TEST_PG_URL`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic with the error

use domain::auth::{Role, User};
use domain::ideas::{self, IdeaCard, NewIdea};
use domain::testing::{domain, open_project, user};
use domain::{Domain, projects, search};

async fn resident(d: &Domain, name: &str, slug: &str) -> User {
    let u = user(d, name, Role::Resident).await;
    projects::join(d, &u, slug).await.unwrap();
    u
}

async fn post(d: &Domain, author: &User, slug: &str, title: &str, body: &str) -> IdeaCard {
    let direction = projects::detail(d, slug, None).await.unwrap().directions[0].id;
    let new = NewIdea {
        project_slug: slug.into(),
        direction_id: Some(direction),
        title: title.into(),
        body: body.into(),
    };
    ideas::submit(d, author, &new).await.unwrap()
}

fn titles(cards: &[IdeaCard]) -> Vec<&str> {
    cards.iter().map(|c| c.title.as_str()).collect()
}

#[tokio::test]
async fn similar_ideas_match_other_word_forms_in_russian() {
    let (d, _) = domain().await;
    let project = open_project(&d, "culture").await;
    let anna = resident(&d, "anna", "culture").await;
    post(
        &d,
        &anna,
        "culture",
        "Продлить часы работы библиотек",
        "Пусть районные библиотеки работают по вечерам и в выходные дни.",
    )
    .await;
    post(
        &d,
        &anna,
        "culture",
        "Бесплатные концерты в парках",
        "Летом по выходным устраивать концерты на открытых площадках парков.",
    )
    .await;
    post(
        &d,
        &anna,
        "culture",
        "Экскурсии по музеям для школьников",
        "Организовать бесплатные экскурсии по городским музеям для школьных классов.",
    )
    .await;

    // Another resident types other forms of the same words.
    let found = search::similar(&d, project, "Библиотека должна работать вечером", None)
        .await
        .unwrap();
    assert_eq!(titles(&found), vec!["Продлить часы работы библиотек"]);
    let found = search::similar(&d, project, "концерт в парке", None)
        .await
        .unwrap();
    assert_eq!(titles(&found)[0], "Бесплатные концерты в парках");
    let found = search::similar(&d, project, "экскурсия для школьника", None)
        .await
        .unwrap();
    assert_eq!(titles(&found), vec!["Экскурсии по музеям для школьников"]);
    // Words nobody used, stop words only, or nothing: nothing similar.
    assert!(
        search::similar(&d, project, "космодром", None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        search::similar(&d, project, "и в на", None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        search::similar(&d, project, "", None)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn similar_ideas_match_other_word_forms_in_english_and_stay_in_their_project() {
    let (d, _) = domain().await;
    let project = open_project(&d, "culture").await;
    let other = open_project(&d, "transport").await;
    let anna = resident(&d, "anna", "culture").await;
    projects::join(&d, &anna, "transport").await.unwrap();
    post(
        &d,
        &anna,
        "culture",
        "Extend library opening hours",
        "Libraries in every district should stay open in the evenings and at weekends.",
    )
    .await;
    post(
        &d,
        &anna,
        "culture",
        "Street art festival",
        "A yearly festival where artists paint walls chosen by residents.",
    )
    .await;
    post(
        &d,
        &anna,
        "transport",
        "Night buses to the libraries",
        "Buses that run at night past the libraries.",
    )
    .await;

    let found = search::similar(&d, project, "The libraries open too late", None)
        .await
        .unwrap();
    assert_eq!(titles(&found), vec!["Extend library opening hours"]);
    let found = search::similar(&d, other, "library", None).await.unwrap();
    assert_eq!(titles(&found), vec!["Night buses to the libraries"]);
    // The idea being edited is not similar to itself.
    let own = search::similar(&d, project, "festival", None)
        .await
        .unwrap();
    let found = search::similar(&d, project, "festival", Some(own[0].id))
        .await
        .unwrap();
    assert!(found.is_empty());
}

#[tokio::test]
async fn the_title_counts_more_than_the_text_and_at_most_five_are_shown() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    for n in 0..7 {
        post(
            &d,
            &anna,
            "parks",
            &format!("Идея номер {n} про лавочки"),
            "Поставить удобные лавочки и урны вдоль аллей.",
        )
        .await;
    }
    for topic in [
        "велодорожки",
        "освещение",
        "детские площадки",
        "туалеты",
        "спортплощадки",
    ] {
        post(
            &d,
            &anna,
            "parks",
            &format!("Нужны {topic}"),
            &format!("В парке не хватает: {topic}. Просим добавить."),
        )
        .await;
    }
    post(
        &d,
        &anna,
        "parks",
        "Фонтан в сквере",
        "Фонтан рядом с лавочками, чтобы летом было прохладно.",
    )
    .await;
    let found = search::similar(&d, project, "новые лавочки", None)
        .await
        .unwrap();
    assert_eq!(found.len(), search::SIMILAR);
    assert!(
        found.iter().all(|c| c.title.contains("лавочки")),
        "ideas with the word in the title come first: {:?}",
        titles(&found)
    );
}
