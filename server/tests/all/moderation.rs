//! Moderation over HTTP: every moderation function refused to other roles, decisions one by one and in
//! bulk, public in the trail.

use super::*;

/// Why the moderator rejects Anna's advertisement.
const ADVERT: &str = "Это реклама, а не идея для города.";

/// Every moderation server function with a form that would do something on idea `id`.
fn moderation_calls(id: &str) -> [(&'static str, Vec<(&'static str, &str)>); 14] {
    let why = ADVERT;
    [
        ("moderation/queue", vec![]),
        (
            "moderation/review_idea",
            vec![("idea_id", id), ("action", "reject"), ("reason", why)],
        ),
        (
            "moderation/correct_idea",
            vec![
                ("idea_id", id),
                ("title", "Исправленный заголовок"),
                ("body", "Исправленный текст идеи целиком."),
                ("reason", "Опечатка в заголовке"),
            ],
        ),
        (
            "moderation/review_comment",
            vec![("comment_id", "1"), ("action", "keep"), ("reason", "")],
        ),
        ("moderation/close_report", vec![("report_id", "1")]),
        (
            "moderation/merge",
            vec![
                ("source_id", id),
                ("target_id", "1"),
                ("reason", "Дубликат идеи"),
            ],
        ),
        ("moderation/undo_merge", vec![("merge_id", "1")]),
        (
            "moderation/add_template",
            vec![
                ("title_ru", "Реклама"),
                ("title_en", "Advertising"),
                ("text_ru", "Реклама не является идеей."),
                ("text_en", "Advertising is not an idea."),
            ],
        ),
        (
            "moderation/review_ideas",
            vec![("ids[]", id), ("action", "publish")],
        ),
        (
            "moderation/review_comments",
            vec![("ids[]", "1"), ("action", "hide"), ("reason", why)],
        ),
        (
            "moderation/merge_candidates",
            vec![("idea_id", id), ("query", "")],
        ),
        ("moderation/templates", vec![]),
        (
            "moderation/update_template",
            vec![
                ("id", "1"),
                ("title_ru", "Реклама"),
                ("title_en", "Advertising"),
                ("text_ru", "Реклама не является идеей."),
                ("text_en", "Advertising is not an idea."),
            ],
        ),
        ("moderation/delete_template", vec![("id", "1")]),
    ]
}

#[tokio::test]
async fn only_moderators_moderate() {
    let (site, anna, _, id) = an_idea("Реклама магазина").await;
    let calls = moderation_calls(&id);
    for (endpoint, form) in &calls {
        let reply = site.call(endpoint, form, None).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {endpoint}"
        );
    }
    let mut cookies = vec![("resident", anna.clone())];
    for role in [Role::Expert, Role::Staff] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        cookies.push((name, cookie));
    }
    for (name, cookie) in &cookies {
        for (endpoint, form) in &calls {
            let reply = site.call(endpoint, form, Some(cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
        let stream = site.get("/api/events/moderation", Some(cookie)).await;
        assert_eq!(
            stream.status,
            StatusCode::FORBIDDEN,
            "{name} listening to the queue"
        );
    }
    assert_eq!(
        site.get("/api/events/moderation", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        domain::audit::of_project(&site.d, "parks")
            .await
            .unwrap()
            .decisions
            .is_empty()
    );
}

#[tokio::test]
async fn a_moderator_decides_once_in_bulk_too_and_the_decisions_are_public() {
    let (site, anna, direction, id) = an_idea("Реклама магазина").await;
    let calls = moderation_calls(&id);
    let why = ADVERT;
    user(&site.d, "moderator", Role::Moderator).await;
    let mira = site
        .login("moderator@example.org", "password-moderator")
        .await;
    let queue = site.call("moderation/queue", &[], Some(&mira)).await;
    assert!(queue.body.contains("Реклама магазина"), "{}", queue.body);
    let reply = site.call(calls[1].0, &calls[1].1, Some(&mira)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let again = site.call(calls[1].0, &calls[1].1, Some(&mira)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already_moderated"));

    // Bulk: the ticked boxes arrive as `ids[]`; the rejected one is skipped, the others decided.
    let mut ids = vec![id.clone()];
    for title in ["Скамейки у пруда", "Фонтан на площади"] {
        let posted = site
            .call("submit_idea", &idea_form(&direction, title), Some(&anna))
            .await;
        let card: wire::IdeaCard = serde_json::from_str(&posted.body).unwrap();
        ids.push(card.id.to_string());
    }
    let none = site
        .call(
            "moderation/review_ideas",
            &[("action", "publish")],
            Some(&mira),
        )
        .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("none_selected"), "{}", none.body);
    let mut form: Vec<(&str, &str)> = ids.iter().map(|i| ("ids[]", i.as_str())).collect();
    form.push(("action", "publish"));
    let bulk = site
        .call("moderation/review_ideas", &form, Some(&mira))
        .await;
    assert_eq!(bulk.status, StatusCode::OK, "{}", bulk.body);
    let outcome: wire::BulkOutcome = serde_json::from_str(&bulk.body).unwrap();
    assert_eq!((outcome.done, outcome.skipped), (2, 1));
    let found = site
        .call(
            "moderation/merge_candidates",
            &[("idea_id", ids[1].as_str()), ("query", "фонтан")],
            Some(&mira),
        )
        .await;
    let found: Vec<wire::IdeaCard> = serde_json::from_str(&found.body).unwrap();
    assert_eq!(found[0].title, "Фонтан на площади");

    // The trail is public, without JavaScript, with the reason.
    let page = site.get("/projects/parks/decisions", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(why));
    assert!(
        page.body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).decision_rejected)
    );
    assert!(
        page.body.contains(&format!(
            "<span class=\"decider\">{}</span>",
            app::i18n::texts_of(app::i18n::Lang::Ru).by_moderator
        )),
        "the decider by role"
    );
}
