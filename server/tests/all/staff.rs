//! The staff's workspace over HTTP: every staff function refused to other roles, drafts built with field
//! messages and previewed safely, preview links, scheduled publication (covers and photos: `uploads`).

use super::*;

/// Every staff server function with arguments that would succeed for staff.
const STAFF_CALLS: &[(&str, &[(&str, &str)])] = &[
    ("staff/projects", &[]),
    ("staff/workspace", &[("project_id", "1")]),
    (
        "staff/create_project",
        &[
            ("slug", "intruder"),
            ("title_ru", "Чужой проект"),
            ("title_en", "Intruder"),
            ("summary_ru", "Краткое описание проекта"),
            ("summary_en", "A short summary of it"),
            ("body_ru", "Описание проекта целиком"),
            ("body_en", "The whole description"),
        ],
    ),
    (
        "staff/update_project",
        &[
            ("project_id", "1"),
            ("slug", "parks"),
            ("title_ru", "Взломанный"),
            ("title_en", "Hacked"),
            ("summary_ru", "Краткое описание проекта"),
            ("summary_en", "A short summary of it"),
            ("body_ru", "Описание проекта целиком"),
            ("body_en", "The whole description"),
        ],
    ),
    (
        "staff/add_stage",
        &[
            ("project_id", "1"),
            ("kind", "results"),
            ("starts_at", "2030-01-01T00:00"),
            ("ends_at", "2030-01-02T00:00"),
        ],
    ),
    (
        "staff/update_stage",
        &[
            ("stage_id", "1"),
            ("kind", "ideas"),
            ("starts_at", "2026-05-20T00:00"),
            ("ends_at", "2026-06-01T00:00"),
        ],
    ),
    (
        "staff/preview_stage",
        &[
            ("project_id", "1"),
            ("stage_id", "1"),
            ("kind", "ideas"),
            ("starts_at", "2026-05-20T00:00"),
            ("ends_at", "2026-06-02T00:00"),
        ],
    ),
    ("staff/delete_stage", &[("stage_id", "2")]),
    (
        "staff/preview_direction",
        &[
            ("project_id", "1"),
            ("title_ru", "Чужое"),
            ("title_en", "Foreign"),
        ],
    ),
    (
        "staff/add_direction",
        &[
            ("project_id", "1"),
            ("title_ru", "Чужое"),
            ("title_en", "Foreign"),
        ],
    ),
    (
        "staff/rename_direction",
        &[
            ("direction_id", "1"),
            ("title_ru", "Чужое"),
            ("title_en", "Foreign"),
        ],
    ),
    (
        "staff/move_direction",
        &[("direction_id", "2"), ("up", "true")],
    ),
    (
        "staff/retire_direction",
        &[("direction_id", "1"), ("retired", "true")],
    ),
    ("staff/delete_direction", &[("direction_id", "2")]),
    (
        "staff/add_member",
        &[
            ("project_id", "1"),
            ("name_ru", "Чужой"),
            ("name_en", "Stranger"),
            ("position_ru", "Никто"),
            ("position_en", "Nobody"),
            ("expert_email", ""),
        ],
    ),
    ("staff/move_member", &[("member_id", "1"), ("up", "false")]),
    (
        "staff/update_member",
        &[
            ("member_id", "1"),
            ("name_ru", "Чужой"),
            ("name_en", "Stranger"),
            ("position_ru", "Никто"),
            ("position_en", "Nobody"),
            ("expert_email", ""),
        ],
    ),
    ("staff/remove_member_photo", &[("member_id", "1")]),
    (
        "staff/preview_member",
        &[
            ("project_id", "1"),
            ("name_ru", "Чужой"),
            ("name_en", "Stranger"),
            ("position_ru", "Никто"),
            ("position_en", "Nobody"),
            ("expert_email", ""),
        ],
    ),
    ("staff/remove_member", &[("member_id", "1")]),
    (
        "staff/publication",
        &[
            ("project_id", "1"),
            ("action", "archive"),
            ("publish_at", ""),
        ],
    ),
    (
        "staff/create_preview_link",
        &[("project_id", "1"), ("hours", "5")],
    ),
    ("staff/revoke_preview_link", &[("link_id", "1")]),
    ("staff/preview", &[("project_id", "1")]),
    (
        "staff/criteria",
        &[("project_id", "1"), ("ru[0]", "Цена"), ("en[0]", "Cost")],
    ),
    ("staff/quorum", &[("project_id", "1"), ("quorum", "1")]),
    (
        "staff/premoderation",
        &[("project_id", "1"), ("premoderation", "on")],
    ),
    (
        "staff/preview_changes",
        &[
            ("project_id", "1"),
            ("slug", "parks"),
            ("title_ru", "Черновик названия"),
            ("title_en", "Draft title"),
            ("summary_ru", "Краткое описание проекта"),
            ("summary_en", "A short summary of it"),
            ("body_ru", "Описание проекта целиком"),
            ("body_en", "The whole description"),
        ],
    ),
];

#[tokio::test]
async fn residents_moderators_and_experts_cannot_call_any_staff_function() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let before = domain::staff::workspace(&site.d, 1).await.unwrap();
    for (endpoint, form) in STAFF_CALLS {
        let reply = site.call(endpoint, form, None).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {endpoint}"
        );
    }
    for role in [Role::Resident, Role::Moderator, Role::Expert] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        for (endpoint, form) in STAFF_CALLS {
            let reply = site.call(endpoint, form, Some(&cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
    }
    assert_eq!(
        domain::staff::workspace(&site.d, 1).await.unwrap(),
        before,
        "nothing changed"
    );
    assert_eq!(domain::staff::list_all(&site.d).await.unwrap().len(), 1);

    user(&site.d, "olga", Role::Staff).await;
    let cookie = site.login("olga@example.org", "password-olga").await;
    for (endpoint, form) in STAFF_CALLS {
        let reply = site.call(endpoint, form, Some(&cookie)).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "staff calling {endpoint}: {}",
            reply.body
        );
    }
}

/// Olga (staff) creates the draft "clean-air" with an ideas stage, a direction and a commission member:
/// the site, her cookie and the project's id.
async fn a_built_draft() -> (Site, String, i64) {
    let site = site().await;
    user(&site.d, "olga", Role::Staff).await;
    let staff = site.login("olga@example.org", "password-olga").await;
    let create = [
        ("slug", "clean-air"),
        ("title_ru", "Чистый воздух"),
        ("title_en", "Clean air"),
        ("summary_ru", "Идеи о чистом воздухе в городе"),
        ("summary_en", "Ideas for clean air in the city"),
        (
            "body_ru",
            "Предложите **меры** для чистого воздуха. <script>alert(1)</script> [ссылка](javascript:alert(1))",
        ),
        ("body_en", "Propose measures for clean air."),
    ];
    let reply = site
        .call("staff/create_project", &create, Some(&staff))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id: i64 = serde_json::from_str(&reply.body).unwrap();
    let pid = id.to_string();
    for (endpoint, form) in [
        (
            "staff/add_stage",
            vec![
                ("project_id", pid.as_str()),
                ("kind", "ideas"),
                ("starts_at", "2026-06-05T00:00"),
                ("ends_at", "2026-06-20T00:00"),
            ],
        ),
        (
            "staff/add_direction",
            vec![
                ("project_id", pid.as_str()),
                ("title_ru", "Транспорт"),
                ("title_en", "Transport"),
            ],
        ),
        (
            "staff/add_member",
            vec![
                ("project_id", pid.as_str()),
                ("name_ru", "Павел Смирнов"),
                ("name_en", "Pavel Smirnov"),
                ("position_ru", "Эколог"),
                ("position_en", "Ecologist"),
                ("expert_email", ""),
            ],
        ),
    ] {
        let reply = site.call(endpoint, &form, Some(&staff)).await;
        assert_eq!(reply.status, StatusCode::OK, "{endpoint}: {}", reply.body);
    }
    (site, staff, id)
}

#[tokio::test]
async fn a_preview_says_when_a_draft_has_no_dates_and_when_the_project_is_public_already() {
    let site = site().await;
    user(&site.d, "olga", Role::Staff).await;
    let staff = site.login("olga@example.org", "password-olga").await;
    let create = [
        ("slug", "no-dates"),
        ("title_ru", "Без сроков"),
        ("title_en", "No dates"),
        ("summary_ru", "Черновик проекта без этапов"),
        ("summary_en", "A draft of a project without stages"),
        ("body_ru", "Этапы этого проекта ещё не назначены."),
        ("body_en", "The stages of this project are not set yet."),
    ];
    let reply = site
        .call("staff/create_project", &create, Some(&staff))
        .await;
    let id: i64 =
        serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body));
    let t = app::i18n::texts_of(app::i18n::Lang::Ru);
    let draft = site
        .get(&format!("/staff/projects/{id}/preview"), Some(&staff))
        .await;
    assert!(draft.body.contains(t.no_dates_badge) && draft.body.contains(t.no_dates_yet));
    assert!(
        !draft.body.contains(t.phase_finished) && !draft.body.contains(t.project_over),
        "not \"finished\" with today as its span"
    );
    assert!(draft.body.contains(t.no_dates_take_part));
    assert!(draft.body.contains(t.preview_banner));

    let published = open_project(&site.d, "parks").await;
    let preview = site
        .get(
            &format!("/staff/projects/{published}/preview"),
            Some(&staff),
        )
        .await;
    assert!(preview.body.contains(t.preview_banner_public));
    assert!(preview.body.contains("href=\"/projects/parks\""));
    assert!(!preview.body.contains(t.preview_banner));
}

#[tokio::test]
async fn staff_build_a_project_with_field_messages_and_preview_it_safely() {
    let (site, staff, id) = a_built_draft().await;
    let pid = id.to_string();
    let bad = site
        .call(
            "staff/add_stage",
            &[
                ("project_id", &pid),
                ("kind", "ideas"),
                ("starts_at", "2026-06-10T00:00"),
                ("ends_at", "2026-06-05T00:00"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: app::model::AppError = serde_json::from_str(&bad.body).unwrap();
    let t = app::i18n::texts_of(app::i18n::Lang::Ru);
    assert_eq!(
        error.field_message(t, "ends_at"),
        Some(t.err_end_before_start)
    );
    let preview = site
        .get(&format!("/staff/projects/{id}/preview"), Some(&staff))
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview.body.contains("<strong>меры</strong>"),
        "Markdown is rendered"
    );
    assert!(
        !preview.body.contains("<script>alert(1)") && !preview.body.contains("javascript:alert"),
        "nothing executable from the description survives"
    );
    for expected in [
        "Чистый воздух",
        "Павел Смирнов",
        "Транспорт",
        "preview-banner",
        "noindex",
    ] {
        assert!(
            preview.body.contains(expected),
            "the staff preview holds {expected:?}"
        );
    }
    assert_eq!(
        site.get("/projects/clean-air", None).await.status,
        StatusCode::NOT_FOUND,
        "still a draft"
    );
}

#[tokio::test]
async fn a_preview_link_shows_the_draft_until_it_is_revoked() {
    let (site, staff, id) = a_built_draft().await;
    let pid = id.to_string();
    let reply = site
        .call(
            "staff/create_preview_link",
            &[("project_id", &pid), ("hours", "48")],
            Some(&staff),
        )
        .await;
    let path: String = serde_json::from_str(&reply.body).unwrap();
    let shared = site.get(&path, None).await;
    assert_eq!(shared.status, StatusCode::OK);
    assert!(shared.body.contains("Павел Смирнов") && shared.body.contains("noindex"));
    let tampered = site.get(&format!("{path}x"), None).await;
    assert_eq!(tampered.status, StatusCode::NOT_FOUND);
    let link = domain::staff::workspace(&site.d, id).await.unwrap().links[0]
        .id
        .to_string();
    site.call(
        "staff/revoke_preview_link",
        &[("link_id", &link)],
        Some(&staff),
    )
    .await;
    let revoked = site.get(&path, None).await;
    assert_eq!(revoked.status, StatusCode::GONE);
    assert!(
        revoked
            .body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).err_gone)
    );
}

#[tokio::test]
async fn a_scheduled_project_appears_by_itself_at_its_moscow_time() {
    let (site, staff, id) = a_built_draft().await;
    let pid = id.to_string();
    // 1 June 2026 12:00 UTC is 15:00 in Moscow: schedule for 18:00 Moscow time.
    let reply = site
        .call(
            "staff/publication",
            &[
                ("project_id", &pid),
                ("action", "schedule"),
                ("publish_at", "2026-06-01T18:00"),
            ],
            Some(&staff),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(!site.get("/", None).await.body.contains("Чистый воздух"));
    site.clock.advance(chrono::Duration::hours(3));
    let home = site.get("/", None).await;
    assert!(
        home.body.contains("Чистый воздух"),
        "appears by itself at 18:00 Moscow time"
    );
    let editor = site
        .get(&format!("/staff/projects/{id}"), Some(&staff))
        .await;
    assert!(
        editor
            .body
            .contains("Публикация запланирована: 1 июня 2026, 18:00"),
        "the edit history says it in the interface's language"
    );
}
