//! A resident's idea page without JavaScript: comments, reports, edits and withdrawal by whom they belong
//! to, links and markup in comments, the feed's filters, orders and search.

use super::*;

/// The forms a resident posts about idea `id` (direction `direction`): a comment, a report, an edit and a
/// withdrawal.
struct IdeaForms<'a> {
    comment: [(&'static str, &'a str); 3],
    report: [(&'static str, &'a str); 3],
    edit: [(&'static str, &'a str); 4],
    withdraw: [(&'static str, &'a str); 1],
}

fn idea_forms<'a>(id: &'a str, direction: &'a str) -> IdeaForms<'a> {
    IdeaForms {
        comment: [
            ("idea_id", id),
            ("parent_id", ""),
            ("body", "Отличная мысль"),
        ],
        report: [
            ("kind", "idea"),
            ("target_id", id),
            ("reason", "Это реклама"),
        ],
        edit: [
            ("idea_id", id),
            ("direction_id", direction),
            ("title", "Чужая правка"),
            ("body", "Чужая правка текста идеи целиком."),
        ],
        withdraw: [("idea_id", id)],
    }
}

#[tokio::test]
async fn the_idea_page_is_complete_without_javascript() {
    let (site, _, _, id) = an_idea("Скамейки у пруда").await;
    // The page is complete without JavaScript.
    let page = site.get(&format!("/ideas/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Скамейки у пруда") && page.body.contains("Поставить скамейки"));
    assert!(page.body.contains("href=\"/projects/parks\""));
    assert_eq!(
        site.get("/ideas/999999", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_residents_comment_report_and_handle_their_ideas() {
    let (site, _, direction, id) = an_idea("Скамейки у пруда").await;
    let IdeaForms {
        comment,
        report,
        edit,
        withdraw,
    } = idea_forms(&id, &direction);
    // Strangers get 401, officials 403.
    let mut officials = Vec::new();
    for role in [Role::Moderator, Role::Expert, Role::Staff, Role::Admin] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        officials.push((name, cookie));
    }
    for (endpoint, form) in [
        ("comment", &comment[..]),
        ("report", &report[..]),
        ("my_ideas", &[][..]),
        ("edit_idea", &edit[..]),
        ("withdraw_idea", &withdraw[..]),
    ] {
        assert_eq!(
            site.call(endpoint, form, None).await.status,
            StatusCode::UNAUTHORIZED
        );
        for (name, cookie) in &officials {
            let reply = site.call(endpoint, form, Some(cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
    }
    assert_eq!(
        site.call("notifications", &[], None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_comment_keeps_its_links_shows_markup_as_text_and_reaches_the_author() {
    let (site, anna, direction, id) = an_idea("Скамейки у пруда").await;
    let IdeaForms {
        report,
        edit,
        withdraw,
        ..
    } = idea_forms(&id, &direction);
    // A resident comments with a link and markup: the link is clickable, the markup is text.
    let odd = "Смотрите https://example.org/plan. <script>alert(1)</script>";
    let boris = register_and_confirm(&site, "boris@example.org").await;
    let reply = site
        .call(
            "comment",
            &[("idea_id", id.as_str()), ("parent_id", ""), ("body", odd)],
            Some(&boris),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let empty = site
        .call(
            "comment",
            &[("idea_id", id.as_str()), ("parent_id", ""), ("body", " ")],
            Some(&boris),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = site.get(&format!("/ideas/{id}"), None).await;
    assert!(
        page.body
            .contains("href=\"https://example.org/plan\" rel=\"nofollow ugc noopener noreferrer\"")
    );
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            && !page.body.contains("<script>alert(1)")
    );

    // Anna is notified; her list of ideas shows the idea with its status.
    let notes = site.call("notifications", &[], Some(&anna)).await;
    assert!(
        notes.body.contains("\"kind\":\"commented\""),
        "{}",
        notes.body
    );
    let mine = site.call("my_ideas", &[], Some(&anna)).await;
    assert!(
        mine.body.contains("Скамейки у пруда") && mine.body.contains("\"status\":\"published\"")
    );
    // Only the author edits or withdraws; once commented on, not even they.
    for (endpoint, form) in [("edit_idea", &edit[..]), ("withdraw_idea", &withdraw[..])] {
        let reply = site.call(endpoint, form, Some(&boris)).await;
        assert_eq!(
            reply.status,
            StatusCode::NOT_FOUND,
            "boris calling {endpoint}"
        );
        let reply = site.call(endpoint, form, Some(&anna)).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            reply.body
        );
        assert!(reply.body.contains("not_editable"));
    }
    let reported = site.call("report", &report, Some(&boris)).await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);
    let again = site.call("report", &report, Some(&boris)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("already_reported"));
}

#[tokio::test]
async fn the_feed_filters_sorts_and_searches_without_javascript() {
    let site = site().await;
    open_project(&site.d, "parks").await;
    let anna = resident_joined(&site).await;
    let direction = direction_id(&site).await;
    for title in ["Велосипедные дорожки вдоль реки", "Скамейки у пруда"]
    {
        let reply = site
            .call("submit_idea", &idea_form(&direction, title), Some(&anna))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    // Another grammatical form finds the idea; the other one is not listed.
    let page = site
        .get("/projects/parks?q=%D0%B2%D0%B5%D0%BB%D0%BE%D1%81%D0%B8%D0%BF%D0%B5%D0%B4%D0%BD%D0%B0%D1%8F&sort=discussed", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Велосипедные дорожки вдоль реки"));
    assert!(!page.body.contains("Скамейки у пруда"));
    assert!(
        page.body.contains("value=\"discussed\" selected"),
        "the form keeps the order"
    );
    // The feed's own route, filtered by a direction with no ideas.
    let detail = domain::projects::detail(&site.d, "parks", None)
        .await
        .unwrap();
    let other = detail.directions[1].id;
    let page = site
        .get(&format!("/projects/parks/ideas?direction={other}"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Скамейки у пруда"));
    assert!(
        page.body
            .contains(app::i18n::texts_of(app::i18n::Lang::Ru).feed_nothing_found)
    );
    // Malformed parameters are ignored, not errors.
    let page = site
        .get(
            "/projects/parks?direction=abc&sort=%27;DROP&after=x.y",
            None,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Скамейки у пруда"));
}
