//! What residents do with ideas beyond posting them: similar ideas while typing (Russian and English
//! stemming), the idea page, comments, reports, notifications and e-mail, rate limits; on a fresh
//! database per test (SQLite, or PostgreSQL with `CROWD_TEST_PG_URL`).

use domain::ideas::{self, IdeaCard, NewIdea};
use domain::reports::{self, Target};
use domain::testing::{codes, domain, neighbours_and_an_idea, open_project, post_text, resident};
use domain::{Domain, Error, comments, notifications, projects, search};
use sea_orm::EntityTrait;

fn titles(cards: &[IdeaCard]) -> Vec<&str> {
    cards.iter().map(|c| c.title.as_str()).collect()
}

#[tokio::test]
async fn similar_ideas_match_other_word_forms_in_russian() {
    let (d, _) = domain().await;
    let project = open_project(&d, "culture").await;
    let anna = resident(&d, "anna", "culture").await;
    post_text(
        &d,
        &anna,
        "culture",
        "Продлить часы работы библиотек",
        "Пусть районные библиотеки работают по вечерам и в выходные дни.",
    )
    .await;
    post_text(
        &d,
        &anna,
        "culture",
        "Бесплатные концерты в парках",
        "Летом по выходным устраивать концерты на открытых площадках парков.",
    )
    .await;
    post_text(
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
async fn rebuilding_the_word_index_finds_the_same_ideas_and_puts_back_its_keys() {
    let (d, _) = domain().await;
    let project = open_project(&d, "culture").await;
    let anna = resident(&d, "anna", "culture").await;
    for (title, body) in [
        (
            "Продлить часы работы библиотек",
            "Библиотеки открыты по вечерам.",
        ),
        (
            "Концерты в парках",
            "Летние концерты на открытых площадках.",
        ),
    ] {
        post_text(&d, &anna, "culture", title, body).await;
    }
    let keys = search::keys(&d.db).await.unwrap();
    assert!(
        keys.len() >= 2,
        "the migrations made the index's keys: {keys:?}"
    );
    let before = search::similar(&d, project, "библиотека вечером", None)
        .await
        .unwrap();

    // Twice: the second rebuild deletes what the first wrote, under the keys the first put back.
    for _ in 0..2 {
        assert_eq!(search::reindex(&d, &|_, _| {}).await.unwrap(), 2);
        assert_eq!(
            search::keys(&d.db).await.unwrap(),
            keys,
            "the same keys, by name and definition"
        );
    }
    let after = search::similar(&d, project, "библиотека вечером", None)
        .await
        .unwrap();
    assert_eq!(titles(&after), titles(&before));
    assert_eq!(titles(&after), vec!["Продлить часы работы библиотек"]);
}

#[tokio::test]
async fn similar_ideas_match_other_word_forms_in_english_and_stay_in_their_project() {
    let (d, _) = domain().await;
    let project = open_project(&d, "culture").await;
    let other = open_project(&d, "transport").await;
    let anna = resident(&d, "anna", "culture").await;
    projects::join(&d, &anna, "transport").await.unwrap();
    post_text(
        &d,
        &anna,
        "culture",
        "Extend library opening hours",
        "Libraries in every district should stay open in the evenings and at weekends.",
    )
    .await;
    post_text(
        &d,
        &anna,
        "culture",
        "Street art festival",
        "A yearly festival where artists paint walls chosen by residents.",
    )
    .await;
    post_text(
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
    let mut authors = Vec::new();
    for n in 0..5 {
        authors.push(resident(&d, &format!("author{n}"), "parks").await);
    }
    for n in 0..7 {
        post_text(
            &d,
            &authors[n % 5],
            "parks",
            &format!("Идея номер {n} про лавочки"),
            "Поставить удобные лавочки и урны вдоль аллей.",
        )
        .await;
    }
    let topics = [
        "велодорожки",
        "освещение",
        "детские площадки",
        "туалеты",
        "спортплощадки",
    ];
    for (n, topic) in topics.into_iter().enumerate() {
        post_text(
            &d,
            &authors[n],
            "parks",
            &format!("Нужны {topic}"),
            &format!("В парке не хватает: {topic}. Просим добавить."),
        )
        .await;
    }
    post_text(
        &d,
        &authors[4],
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

#[tokio::test]
async fn comments_reply_one_level_deep_count_on_write_and_notify_by_mail() {
    let (d, _) = domain().await;
    let outbox = domain::testing::scratch_dir();
    let d = d.with_mailer(domain::mail::Mailer {
        transport: domain::mail::Transport::Outbox(outbox.clone()),
        from: "noreply@crowd.example.org".into(),
        site_url: "https://crowd.example.org".into(),
    });
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let vera = resident(&d, "vera", "parks").await;
    let idea = post_text(
        &d,
        &anna,
        "parks",
        "Скамейки у пруда",
        "Поставить скамейки вокруг пруда в парке.",
    )
    .await;
    let mut live = d.bus.subscribe();
    let mut bell = d.notices.subscribe();

    let first = comments::add(&d, &boris, idea.id, None, "Поддерживаю, особенно у воды.")
        .await
        .unwrap();
    let event = live.recv().await.unwrap();
    assert_eq!(event.kind, "comment_added");
    assert!(event.payload.contains("\"comment_count\":1"));
    assert_eq!(
        bell.recv().await.unwrap(),
        anna.id,
        "the author's bell rings"
    );
    // A reply to a reply is filed under the first comment: one level deep.
    let reply = comments::add(&d, &vera, idea.id, Some(first.id), "И урны рядом!")
        .await
        .unwrap();
    let deeper = comments::add(&d, &anna, idea.id, Some(reply.id), "Спасибо обоим.")
        .await
        .unwrap();
    assert_eq!(reply.parent_id, Some(first.id));
    assert_eq!(deeper.parent_id, Some(first.id));

    let page = ideas::page(&d, idea.id, Some(&anna)).await.unwrap();
    assert_eq!(page.card.comment_count, 3, "counted on write");
    assert_eq!(page.comments.len(), 3);
    assert!(page.mine && page.comments_open);

    // Anna hears of both comments on her idea; Boris and Vera of the replies to their comments (nobody
    // of their own).
    let anna_notes = notifications::list(&d, &anna).await.unwrap();
    let kinds: Vec<&str> = anna_notes.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(kinds, vec!["commented", "commented"]);
    assert_eq!(notifications::unread(&d.db, anna.id).await.unwrap(), 2);
    notifications::mark_read(&d, &anna).await.unwrap();
    assert_eq!(notifications::unread(&d.db, anna.id).await.unwrap(), 0);
    for (who, by) in [(&boris, "vera"), (&vera, "anna")] {
        let notes = notifications::list(&d, who).await.unwrap();
        assert_eq!(notes.len(), 1, "{}", who.display_name);
        assert_eq!(notes[0].kind, "replied");
        assert_eq!(notes[0].about.by.as_deref(), Some(by));
        assert_eq!(notes[0].about.idea_title, "Скамейки у пруда");
    }

    // Each notification is an e-mail in the outbox.
    let mails: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert_eq!(mails.len(), 4);
    assert!(mails.iter().any(|m| m.contains("To: anna@example.org")
        && m.contains("«Скамейки у пруда»")
        && m.contains(&format!("https://crowd.example.org/ideas/{}", idea.id))));
}

#[tokio::test]
async fn no_reply_is_filed_under_a_comment_moderation_hid_or_in_its_thread() {
    let (d, _clock, anna, boris, idea) = neighbours_and_an_idea().await;
    let mira = domain::testing::user(&d, "mira", domain::Role::Moderator).await;
    let first = comments::add(&d, &boris, idea.id, None, "Лучше у самой воды")
        .await
        .unwrap();
    let reply = comments::add(&d, &anna, idea.id, Some(first.id), "Согласна")
        .await
        .unwrap();
    domain::moderation::review_comment(&d, &mira, first.id, Some("Оскорбление участника"))
        .await
        .unwrap();

    let refused = |r: domain::Result<comments::Comment>| codes(r.unwrap_err());
    assert_eq!(
        refused(comments::add(&d, &anna, idea.id, Some(first.id), "Ответ скрытому").await),
        vec![("body", "unknown_parent")]
    );
    assert_eq!(
        refused(comments::add(&d, &boris, idea.id, Some(reply.id), "Ответ в скрытой ветке").await),
        vec![("body", "unknown_parent")]
    );
    let shown = comments::list(&d.db, idea.id).await.unwrap();
    assert_eq!(shown.len(), 1, "only the earlier reply: {shown:?}");
    let counted = ideas::page(&d, idea.id, None).await.unwrap();
    assert_eq!(counted.card.comment_count, 1);
}

#[tokio::test]
async fn bad_comments_get_field_messages_and_nothing_is_stored() {
    let (d, clock, _, boris, idea) = neighbours_and_an_idea().await;
    let code = |r: domain::Result<comments::Comment>| codes(r.unwrap_err());
    assert_eq!(
        code(comments::add(&d, &boris, idea.id, None, " ").await),
        vec![("body", "required")]
    );
    assert_eq!(
        code(comments::add(&d, &boris, idea.id, None, &"я".repeat(2001)).await),
        vec![("body", "too_long")]
    );
    assert_eq!(
        code(comments::add(&d, &boris, idea.id, Some(999_999), "Ответ в никуда").await),
        vec![("body", "unknown_parent")]
    );
    assert!(matches!(
        comments::add(&d, &boris, 999_999, None, "Нет такой идеи").await,
        Err(Error::NotFound)
    ));
    // Markup and SQL are kept as plain text, never interpreted.
    let odd = "<script>alert(1)</script>'; DROP TABLE comments; --";
    let kept = comments::add(&d, &boris, idea.id, None, odd).await.unwrap();
    assert_eq!(kept.body, odd);
    // Rate limit: ten comments in ten minutes, then a refusal that says when to retry.
    for n in 1..10 {
        comments::add(&d, &boris, idea.id, None, &format!("Комментарий {n}"))
            .await
            .unwrap();
    }
    assert!(matches!(
        comments::add(&d, &boris, idea.id, None, "Одиннадцатый").await,
        Err(Error::RateLimited { .. })
    ));
    assert_eq!(
        ideas::page(&d, idea.id, None).await.unwrap().comments.len(),
        10
    );
    clock.advance(chrono::Duration::minutes(11));
    comments::add(&d, &boris, idea.id, None, "Снова можно")
        .await
        .unwrap();
    // After the project ends, comments are closed.
    clock.advance(chrono::Duration::days(30));
    assert_eq!(
        code(comments::add(&d, &boris, idea.id, None, "Поздно").await),
        vec![("body", "comments_closed")]
    );
}

#[tokio::test]
async fn reports_are_filed_once_per_person_with_a_reason() {
    let (d, _, anna, boris, idea) = neighbours_and_an_idea().await;
    let comment = comments::add(&d, &anna, idea.id, None, "Мой комментарий")
        .await
        .unwrap();
    assert_eq!(
        codes(
            reports::file(&d, &boris, Target::Idea(idea.id), "")
                .await
                .unwrap_err()
        ),
        vec![("reason", "required")]
    );
    assert_eq!(
        codes(
            reports::file(&d, &boris, Target::Idea(idea.id), "<b>спам</b>")
                .await
                .unwrap_err()
        ),
        vec![("reason", "markup")]
    );
    reports::file(&d, &boris, Target::Idea(idea.id), "Это реклама магазина")
        .await
        .unwrap();
    assert_eq!(
        codes(
            reports::file(&d, &boris, Target::Idea(idea.id), "Ещё раз то же самое")
                .await
                .unwrap_err()
        ),
        vec![("reason", "already_reported")]
    );
    reports::file(
        &d,
        &boris,
        Target::Comment(comment.id),
        "Оскорбительный тон",
    )
    .await
    .unwrap();
    assert!(matches!(
        reports::file(&d, &boris, Target::Comment(999_999), "Нет такого").await,
        Err(Error::NotFound)
    ));
    let stored = domain::entities::report::Entity::find()
        .all(&d.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 2);
}

#[tokio::test]
async fn an_idea_page_is_public_only_when_the_idea_and_project_are() {
    let (d, _, anna, boris, idea) = neighbours_and_an_idea().await;
    ideas::vote(&d, &boris, idea.id, -1).await.unwrap();
    let page = ideas::page(&d, idea.id, Some(&boris)).await.unwrap();
    assert_eq!(page.my_vote, Some(-1));
    assert!(page.voting_open && !page.mine);
    let steps: Vec<&str> = page.timeline.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(steps, vec!["submitted", "published"]);
    // Waiting for moderation: only its author sees it.
    domain::entities::idea::Entity::update_many()
        .col_expr(
            domain::entities::idea::Column::Status,
            sea_orm::sea_query::Expr::value("submitted"),
        )
        .exec(&d.db)
        .await
        .unwrap();
    assert!(matches!(
        ideas::page(&d, idea.id, Some(&boris)).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        ideas::page(&d, idea.id, None).await,
        Err(Error::NotFound)
    ));
    assert!(ideas::page(&d, idea.id, Some(&anna)).await.unwrap().mine);
}

/// Twelve ideas by Anna in "parks", 13 minutes apart, alternating between its two directions (idea 5
/// is about cycle paths); idea 3 has four supporters, idea 7 two, idea 9 three comments. Returns the
/// domain, the project, the "parks" direction and the ideas' ids in order.
async fn twelve_ideas() -> (Domain, i64, i64, Vec<i64>) {
    let (d, clock) = domain().await;
    let project = open_project(&d, "parks").await;
    let detail = projects::detail(&d, "parks", None).await.unwrap();
    let (parks, transport) = (detail.directions[0].id, detail.directions[1].id);
    let mut voters = Vec::new();
    for n in 0..4 {
        voters.push(resident(&d, &format!("voter{n}"), "parks").await);
    }
    let anna = resident(&d, "anna", "parks").await;
    let mut ids = Vec::new();
    for n in 0..12 {
        clock.advance(chrono::Duration::minutes(13));
        let direction = if n % 2 == 0 { parks } else { transport };
        let new = NewIdea {
            project_slug: "parks".into(),
            direction_id: Some(direction),
            title: if n == 5 {
                "Велосипедные дорожки вдоль реки".into()
            } else {
                format!("Идея номер {n}")
            },
            body: "Текст идеи достаточной длины для проверки.".into(),
        };
        ids.push(ideas::submit(&d, &anna, &new).await.unwrap().id);
    }
    // Idea 3 gets four supporters, idea 7 two; idea 9 three comments.
    for voter in &voters {
        ideas::vote(&d, voter, ids[3], 1).await.unwrap();
    }
    for voter in &voters[..2] {
        ideas::vote(&d, voter, ids[7], 1).await.unwrap();
    }
    for voter in &voters[..3] {
        comments::add(&d, voter, ids[9], None, "Согласен полностью")
            .await
            .unwrap();
    }
    (d, project, parks, ids)
}

#[tokio::test]
async fn the_feed_pages_by_keyset_in_every_order_without_gaps_or_repeats() {
    let (d, project, _, ids) = twelve_ideas().await;
    // Every order pages without gaps or repeats, five at a time.
    for sort in [
        ideas::Sort::Newest,
        ideas::Sort::Supported,
        ideas::Sort::Discussed,
    ] {
        let q = ideas::FeedQuery {
            sort,
            ..Default::default()
        };
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = ideas::browse(&d.db, project, &q, after.as_deref(), 5)
                .await
                .unwrap();
            seen.extend(page.items.iter().map(|c| c.id));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            (seen.len(), sorted.len()),
            (12, 12),
            "{sort:?}: every idea once"
        );
        match sort {
            ideas::Sort::Newest => assert!(seen.windows(2).all(|w| w[0] > w[1])),
            ideas::Sort::Supported => assert_eq!(&seen[..2], &[ids[3], ids[7]]),
            ideas::Sort::Discussed => assert_eq!(seen[0], ids[9]),
        }
    }
}

#[tokio::test]
async fn the_feed_filters_by_direction_and_status_and_searches_other_word_forms() {
    let (d, project, parks, ids) = twelve_ideas().await;
    // Filters and search (other word forms).
    let only = |q: ideas::FeedQuery| {
        let db = d.db.clone();
        async move {
            ideas::browse(&db, project, &q, None, 50)
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
        }
    };
    let in_parks = only(ideas::FeedQuery {
        direction: Some(parks),
        ..Default::default()
    })
    .await;
    assert_eq!(in_parks.len(), 6);
    let found = only(ideas::FeedQuery {
        search: "велосипедная дорожка".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(found, vec![ids[5]]);
    let none = only(ideas::FeedQuery {
        search: "велосипедная дорожка".into(),
        direction: Some(parks),
        ..Default::default()
    })
    .await;
    assert!(none.is_empty(), "idea 5 is in transport");
    let shortlisted = only(ideas::FeedQuery {
        status: Some("shortlisted".into()),
        ..Default::default()
    })
    .await;
    assert!(shortlisted.is_empty());
    // SQL metacharacters in the search are only words.
    let odd = only(ideas::FeedQuery {
        search: "'; DROP TABLE ideas; --".into(),
        ..Default::default()
    })
    .await;
    assert!(odd.is_empty());
    assert_eq!(only(ideas::FeedQuery::default()).await.len(), 12);
}

/// What Anna changes her idea into: another direction ("Транспорт"), title and text.
fn bike_parking(transport: i64) -> NewIdea {
    NewIdea {
        project_slug: "parks".into(),
        direction_id: Some(transport),
        title: "Велопарковка у пруда".into(),
        body: "Поставить велопарковку рядом с прудом.".into(),
    }
}

#[tokio::test]
async fn an_author_edits_an_idea_under_the_checks_of_posting_and_counts_and_search_follow() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let detail = projects::detail(&d, "parks", None).await.unwrap();
    let (parks, transport) = (detail.directions[0].id, detail.directions[1].id);
    let body = "Поставить скамейки вокруг пруда.";
    let idea = post_text(&d, &anna, "parks", "Скамейки у пруда", body).await;
    let mut live = d.bus.subscribe();
    let changed = bike_parking(transport);
    // Only the author; the same checks as posting.
    assert!(matches!(
        ideas::edit(&d, &boris, idea.id, &changed).await,
        Err(Error::NotFound)
    ));
    let markup = NewIdea {
        title: "<b>Жирно</b>".into(),
        ..changed.clone()
    };
    assert_eq!(
        codes(ideas::edit(&d, &anna, idea.id, &markup).await.unwrap_err()),
        vec![("title", "markup")]
    );
    let card = ideas::edit(&d, &anna, idea.id, &changed).await.unwrap();
    assert_eq!(
        (card.title.as_str(), card.direction_id),
        ("Велопарковка у пруда", transport)
    );
    assert_eq!(live.recv().await.unwrap().kind, "idea_edited");
    let counts = projects::detail(&d, "parks", None)
        .await
        .unwrap()
        .directions;
    assert_eq!(
        counts
            .iter()
            .map(|x| (x.id, x.ideas_count))
            .collect::<Vec<_>>(),
        vec![(parks, 0), (transport, 1)],
        "the direction counts follow"
    );
    // The search follows the new words.
    let similar = |words: &'static str| search::similar(&d, project, words, None);
    assert!(similar("скамейка").await.unwrap().is_empty());
    assert_eq!(similar("велопарковка").await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_answered_idea_stays_as_it_is_and_so_does_one_after_the_window() {
    let (d, clock) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let transport = projects::detail(&d, "parks", None)
        .await
        .unwrap()
        .directions[1]
        .id;
    // Once someone has answered it (a vote), it stays as it is.
    let body = "Фонтан рядом с прудом для жарких дней.";
    let answered = post_text(&d, &anna, "parks", "Фонтан в сквере", body).await;
    ideas::vote(&d, &boris, answered.id, 1).await.unwrap();
    assert_eq!(
        codes(ideas::withdraw(&d, &anna, answered.id).await.unwrap_err()),
        vec![("form", "not_editable")]
    );
    // After the window closes nothing changes any more.
    let body = "Поставить качели на большой поляне.";
    let last = post_text(&d, &anna, "parks", "Качели на поляне", body).await;
    clock.advance(chrono::Duration::days(11));
    assert_eq!(
        codes(
            ideas::edit(&d, &anna, last.id, &bike_parking(transport))
                .await
                .unwrap_err()
        ),
        vec![("form", "window_closed")]
    );
}

#[tokio::test]
async fn a_withdrawn_idea_leaves_the_feed_and_the_search_and_frees_its_title() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let body = "Поставить велопарковку рядом с прудом.";
    let idea = post_text(&d, &anna, "parks", "Велопарковка у пруда", body).await;
    post_text(
        &d,
        &anna,
        "parks",
        "Фонтан в сквере",
        "Фонтан для жарких дней.",
    )
    .await;
    // Withdrawn: out of the feed, the search and the counts; the page says so to its author.
    ideas::withdraw(&d, &anna, idea.id).await.unwrap();
    let feed = ideas::feed(&d.db, project, None, 20).await.unwrap();
    assert_eq!(titles(&feed.items), vec!["Фонтан в сквере"]);
    assert!(
        search::similar(&d, project, "велопарковка", None)
            .await
            .unwrap()
            .is_empty()
    );
    let page = ideas::page(&d, idea.id, Some(&anna)).await.unwrap();
    assert_eq!(page.timeline.last().unwrap().status, "withdrawn");
    assert!(!page.editable);
    assert!(matches!(
        ideas::page(&d, idea.id, Some(&boris)).await,
        Err(Error::NotFound)
    ));
    // A withdrawn title may be used again.
    post_text(&d, &anna, "parks", "Велопарковка у пруда", body).await;
}
