//! Implementation tracking over HTTP: who may call each of its server functions and post a progress
//! report, a record kept by staff without JavaScript (forms, a report with a photo), and what residents
//! then read on the idea's page (its passport linked to the trail) and in the lists "what was built" —
//! until a moderator takes the idea down.

use super::*;
use domain::testing::{SelectedFixture, selected_idea};

/// A server function, its form, and who may call it.
type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a [&'a str]);

/// The cookie of `name` (password `password-<name>`).
async fn cookie_of(site: &Site, name: &str) -> String {
    site.login(&format!("{name}@example.org"), &format!("password-{name}"))
        .await
}

/// A progress report form: its text and, when given, a photo.
fn report_form(body: &str, photo: Option<&[u8]>) -> (String, Vec<u8>) {
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("body", None, body.as_bytes())];
    if let Some(photo) = photo {
        parts.push(("photo", Some("works.png"), photo));
    }
    multipart_parts(&parts)
}

async fn selected(site: &Site) -> SelectedFixture {
    let f = selected_idea(&site.d).await;
    user(&site.d, "mila", Role::Moderator).await;
    f
}

#[tokio::test]
async fn every_implementation_function_lets_only_its_roles_in() {
    let site = site().await;
    let f = selected(&site).await;
    let idea = f.idea.to_string();
    let calls: [Call; 4] = [
        ("staff/implementation", vec![("idea_id", &idea)], &["olga"]),
        (
            "staff/implementation_save",
            vec![
                ("idea_id", &idea),
                ("department", "Мосгорпарк"),
                ("status", "in_progress"),
                ("percent", "20"),
            ],
            &["olga"],
        ),
        (
            "staff/milestone_add",
            vec![
                ("idea_id", &idea),
                ("title", "Проект"),
                ("due", "2030-04-01"),
            ],
            &["olga"],
        ),
        (
            "implementation/follow",
            vec![("idea_id", &idea), ("follow", "true")],
            &["vera", "alla", "mila", "olga"],
        ),
    ];
    for (endpoint, form, allowed) in calls {
        let reply = site.call(endpoint, &form, None).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "{endpoint} without a session"
        );
        for name in ["vera", "alla", "mila", "olga"] {
            let cookie = cookie_of(&site, name).await;
            let reply = site.call(endpoint, &form, Some(&cookie)).await;
            let expected = if allowed.contains(&name) {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(
                reply.status, expected,
                "{endpoint} as {name}: {}",
                reply.body
            );
        }
    }
    let milestone = domain::implementation::record(&site.d.db, f.idea)
        .await
        .unwrap()
        .unwrap()
        .milestones[0]
        .id
        .to_string();
    let reach = [("milestone_id", milestone.as_str())];
    let vera = cookie_of(&site, "vera").await;
    let reply = site
        .call("staff/milestone_reached", &reach, Some(&vera))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let olga = cookie_of(&site, "olga").await;
    let reply = site
        .call("staff/milestone_reached", &reach, Some(&olga))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let path = format!("/staff/ideas/{idea}/report");
    let form = || report_form("Подрядчик вышел на площадку.", None);
    let reply = post_multipart(&site, &path, None, form()).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let reply = post_multipart(&site, &path, Some(&vera), form()).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    // Everyone reads; a refused value is a message by its field, never a 500.
    for (endpoint, form) in [
        ("implementation/idea", vec![("idea_id", idea.as_str())]),
        ("implementation/built", vec![]),
    ] {
        let reply = site.call(endpoint, &form, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{endpoint}: {}", reply.body);
    }
    let bad = site
        .call(
            "staff/implementation_save",
            &[
                ("idea_id", &idea),
                ("department", "Мосгорпарк"),
                ("status", "in_progress"),
                ("percent", "сорок'; DROP TABLE ideas; --"),
            ],
            Some(&olga),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("not_a_number"), "{}", bad.body);
}

#[tokio::test]
async fn staff_keep_a_record_without_javascript_and_residents_read_it_until_it_is_taken_down() {
    let site = site().await;
    let f = selected(&site).await;
    let olga = cookie_of(&site, "olga").await;
    let idea = f.idea.to_string();
    let editor = format!("/staff/ideas/{idea}/implementation");
    let page = site.get(&editor, Some(&olga)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Скамейки у пруда"),
        "the editor renders on the server"
    );

    let saved = site
        .post_plain(
            "staff/implementation_save",
            &[
                ("idea_id", &idea),
                ("department", "Мосгорпарк"),
                ("status", "in_progress"),
                ("percent", "40"),
            ],
            &editor,
            Some(&olga),
        )
        .await;
    assert_eq!(Site::see_other(&saved), editor);
    let added = site
        .post_plain(
            "staff/milestone_add",
            &[
                ("idea_id", &idea),
                ("title", "Установка скамеек"),
                ("due", "2030-06-01"),
            ],
            &editor,
            Some(&olga),
        )
        .await;
    assert_eq!(Site::see_other(&added), editor);

    let report = format!("/staff/ideas/{idea}/report");
    let short = post_multipart(&site, &report, Some(&olga), report_form("мало", None)).await;
    let back = Site::see_other(&short);
    assert_eq!(
        back,
        format!("{editor}?report_error=too_short&report_field=body#report-edit")
    );
    let shown = site
        .get(back.trim_end_matches("#report-edit"), Some(&olga))
        .await;
    let ru = app::i18n::texts_of(app::i18n::Lang::Ru);
    assert!(
        shown.body.contains(ru.err_too_short),
        "the message is by the field"
    );
    let photo = png(800, 600);
    let posted = post_multipart(
        &site,
        &report,
        Some(&olga),
        report_form("Скамейки привезли, монтаж идёт по плану.", Some(&photo)),
    )
    .await;
    assert_eq!(
        Site::see_other(&posted),
        format!("{editor}?report=saved#report-edit")
    );

    // Residents read it all on the idea's page, rendered on the server.
    let page = site.get(&format!("/ideas/{idea}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Мосгорпарк",
        "Установка скамеек",
        "Скамейки привезли, монтаж идёт по плану.",
        "Выполняется",
    ] {
        assert!(page.body.contains(text), "{text} on the idea's page");
    }
    // Its passport links each decision to the trail, where the entry is, in words.
    let link = "href=\"/projects/parks/decisions#decision-";
    let at = page.body.find(link).expect("steps link to the trail") + link.len();
    let entry: String = page.body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let trail = site.get("/projects/parks/decisions", None).await;
    assert!(trail.body.contains(&format!("id=\"decision-{entry}\"")));
    assert!(trail.body.contains(ru.decision_impl_in_progress));
    let start = page
        .body
        .find("src=\"/uploads/reports/")
        .expect("the photo")
        + 5;
    let src: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let served = site.get(&src, None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/jpeg");

    // ... and in the lists, the city's and the project's, filtered without JavaScript.
    for path in [
        "/built",
        "/projects/parks/built",
        "/built?status=in_progress&department=%D0%9C%D0%BE%D1%81%D0%B3%D0%BE%D1%80%D0%BF%D0%B0%D1%80%D0%BA",
    ] {
        let list = site.get(path, None).await;
        assert_eq!(list.status, StatusCode::OK, "{path}");
        assert!(list.body.contains("Скамейки у пруда"), "{path}");
    }
    let done_only = site.get("/built?status=done", None).await;
    assert!(!done_only.body.contains("Скамейки у пруда"));
    // ... and in the open data API, as described.
    let document = super::api::description(&site).await;
    for address in [
        "/api/v1/built",
        "/api/v1/built?project=parks&status=in_progress",
    ] {
        super::api::answer_validates(&site, &document, "/api/v1/built", address, "200").await;
        let page: wire::BuiltPage =
            serde_json::from_str(&site.get(address, None).await.body).unwrap();
        assert_eq!(page.rows.len(), 1, "{address}");
        assert_eq!(page.rows[0].title, "Скамейки у пруда");
        assert_eq!(page.rows[0].department, "Мосгорпарк");
        assert_eq!(page.rows[0].percent, 40);
        assert_eq!(page.counts.in_progress, 1);
    }
    let done_only: wire::BuiltPage =
        serde_json::from_str(&site.get("/api/v1/built?status=done", None).await.body).unwrap();
    assert!(done_only.rows.is_empty());
    // ... and in the project's open data files.
    let csv = site
        .get("/projects/parks/export/implementation.csv", None)
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body
            .starts_with("idea_id,department,status,reason,percent,created_at,updated_at\r\n"),
        "{}",
        csv.body
    );
    assert!(
        csv.body
            .contains(&format!("{idea},Мосгорпарк,in_progress,,40,")),
        "{}",
        csv.body
    );
    let json: serde_json::Value = serde_json::from_str(
        &site
            .get("/projects/parks/export/implementation.json", None)
            .await
            .body,
    )
    .unwrap();
    assert_eq!(json[0]["department"], "Мосгорпарк");

    // The author and the supporter were told; Vera stops following without JavaScript.
    let vera = cookie_of(&site, "vera").await;
    let unfollowed = site
        .post_plain(
            "implementation/follow",
            &[("idea_id", &idea), ("follow", "false")],
            &format!("/ideas/{idea}"),
            Some(&vera),
        )
        .await;
    assert_eq!(Site::see_other(&unfollowed), format!("/ideas/{idea}"));
    let part = domain::implementation::for_idea(&site.d, f.idea, Some(&f.supporter))
        .await
        .unwrap();
    assert_eq!(part.following, Some(false));

    // A moderator takes the idea down: gone from its page, the lists and the server functions.
    let moderator = domain::testing::user(&site.d, "mira", Role::Moderator).await;
    domain::moderation::take_down_idea(&site.d, &moderator, f.idea, "Нарушение правил сайта")
        .await
        .unwrap();
    assert_eq!(
        site.get(&format!("/ideas/{idea}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    for list in [
        "/built",
        "/api/v1/built",
        "/projects/parks/export/implementation.csv",
    ] {
        let answer = site.get(list, None).await;
        assert_eq!(answer.status, StatusCode::OK, "{list}");
        for text in ["Скамейки у пруда", "Мосгорпарк"] {
            assert!(!answer.body.contains(text), "{text} in {list}");
        }
    }
    let reply = site
        .call("implementation/idea", &[("idea_id", &idea)], None)
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
