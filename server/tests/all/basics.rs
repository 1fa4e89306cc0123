//! The site's basics over real HTTP: health and readiness, a resident's idea without JavaScript, field
//! messages, who may submit, the cross-site refusal, login limits, the language switch, unknown addresses.

use super::*;

#[tokio::test]
async fn health_and_readiness() {
    let site = site().await;
    assert_eq!(site.get("/healthz", None).await.status, StatusCode::OK);
    let ready = site.get("/readyz", None).await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
}

#[tokio::test]
async fn a_resident_submits_and_the_page_shows_the_idea_without_javascript() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;

    let card = posted(&site, &cookie, &direction, "Скамейки у воды").await;
    assert_eq!(card.author, "Анна");

    let page = site.get("/projects/parks", None).await;
    assert_eq!(page.status, StatusCode::OK);
    for expected in [
        "Тестовый проект",
        "Скамейки у воды",
        "Иван Петров",
        "Парки",
        "Приём идей",
        "<html lang=\"ru\"",
    ] {
        assert!(
            page.body.contains(expected),
            "the server-rendered page holds {expected:?}"
        );
    }
    let home = site.get("/", None).await;
    assert!(
        home.body.contains("Тестовый проект") && home.body.contains("data-total=\"ideas\">1<"),
        "{}",
        home.body
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_field_messages_and_nothing_is_stored() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let form = [
        ("slug", "parks"),
        ("direction_id", "not-a-number"),
        ("title", "<b>Жирный</b> заголовок"),
        ("body", ""),
    ];
    let reply = site.call("submit_idea", &form, Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: app::model::AppError = serde_json::from_str(&reply.body).unwrap();
    let t = app::i18n::texts_of(app::i18n::Lang::En);
    assert_eq!(error.field_message(t, "title"), Some(t.err_markup));
    assert_eq!(error.field_message(t, "body"), Some(t.err_required));
    assert_eq!(
        error.field_message(t, "direction"),
        Some(t.err_unknown_direction)
    );
    assert_eq!(site.count_ideas().await, 0);
}

#[tokio::test]
async fn roles_that_may_not_submit_get_403_and_strangers_401() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let direction = direction_id(&site).await;
    let form = idea_form(&direction, "Чужая идея");

    let anonymous = site.call("submit_idea", &form, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        header_of(&anonymous, "www-authenticate"),
        "Cookie realm=\"crowd\", form-action=\"/login\", cookie-name=\"crowd_session\"",
        "a 401 says how to authenticate"
    );
    for role in [Role::Moderator, Role::Expert, Role::Staff, Role::Admin] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        let reply = site.call("submit_idea", &form, Some(&cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{name} may not submit ideas"
        );
        let join = site.call("join", &[("slug", "parks")], Some(&cookie)).await;
        assert_eq!(join.status, StatusCode::FORBIDDEN, "{name} may not join");
        let vote = site
            .call("vote", &[("idea_id", "1"), ("value", "1")], Some(&cookie))
            .await;
        assert_eq!(vote.status, StatusCode::FORBIDDEN, "{name} may not vote");
    }
    assert_eq!(site.count_ideas().await, 0);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let cookie = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    let form = idea_form(&direction, "Подделанный запрос");
    let reply = site
        .call_from("submit_idea", &form, Some(&cookie), "https://evil.example")
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = site
        .call_from("submit_idea", &form, Some(&cookie), "null")
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(site.count_ideas().await, 0);
    let reply = site.call("submit_idea", &form, Some(&cookie)).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "the same request from the site itself passes"
    );
}

#[tokio::test]
async fn logins_are_rate_limited() {
    let site = site().await;
    user(&site.d, "anna", Role::Resident).await;
    for _ in 0..domain::auth::attempts::PER_PAIR.max {
        let reply = site
            .call(
                "login",
                &[
                    ("email", "anna@example.org"),
                    ("password", "wrong!"),
                    ("next", "/"),
                ],
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let reply = site
        .call(
            "login",
            &[
                ("email", "anna@example.org"),
                ("password", "password-anna"),
                ("next", "/"),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(reply.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn the_language_switch_renders_english() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let reply = site.get("/lang/en?next=/projects/parks", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[header::LOCATION], "/projects/parks");
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = site.get("/projects/parks", Some(&cookie)).await;
    assert!(
        page.body.contains("<html lang=\"en\"")
            && page.body.contains("Test project")
            && page.body.contains("Idea submission")
    );
    let evil = site.get("/lang/en?next=//evil.example", None).await;
    assert_eq!(evil.headers[header::LOCATION], "/");
}

#[tokio::test]
async fn unknown_projects_are_404() {
    let site = site().await;
    let page = site.get("/projects/nope", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let stream = site.get("/api/events?project=999", None).await;
    assert_eq!(stream.status, StatusCode::NOT_FOUND);
    let olga = user(&site.d, "olga", Role::Staff).await;
    let texts = domain::staff::ProjectInput {
        slug: "draft".into(),
        title_ru: "Черновик".into(),
        title_en: "Draft".into(),
        summary_ru: "Ещё не опубликован".into(),
        summary_en: "Not published yet".into(),
        body_ru: "Описание черновика".into(),
        body_en: "Description of a draft".into(),
    };
    let draft = domain::staff::create_project(&site.d, &olga, &texts)
        .await
        .unwrap()
        .to_string();
    let feed = site.call("feed", &[("project_id", &draft)], None).await;
    assert_eq!(
        feed.status,
        StatusCode::NOT_FOUND,
        "a draft's feed is not public"
    );
    assert_eq!(
        site.get("/projects/draft", None).await.status,
        StatusCode::NOT_FOUND
    );
}
