//! The commission over HTTP: only the project's members judge, scores stay blind until one's own is in,
//! bad scores refused.

use super::*;

/// Anna's idea in "parks", whose commission seats the experts Alla and Boris (Zoya is an expert of no
/// commission here): the site, the project, Anna's cookie and the idea's id.
pub(super) async fn a_commission() -> (Site, i64, String, String) {
    let (site, anna, _, id) = an_idea("Скамейки у пруда").await;
    let project = domain::projects::detail(&site.d, "parks", None)
        .await
        .unwrap()
        .card
        .id;
    let olga = user(&site.d, "olga", Role::Staff).await;
    for name in ["alla", "boris"] {
        user(&site.d, name, Role::Expert).await;
        let member = domain::staff::MemberInput {
            name_ru: name.into(),
            name_en: name.into(),
            position_ru: "Эксперт".into(),
            position_en: "Expert".into(),
            expert_email: format!("{name}@example.org"),
        };
        domain::staff::add_member(&site.d, &olga, project, &member)
            .await
            .unwrap();
    }
    user(&site.d, "zoya", Role::Expert).await;
    (site, project, anna, id)
}

/// Scores 5, 4, 5 for idea `id`, as the dashboard's form posts them.
fn score_form(id: &str) -> [(&'static str, &str); 5] {
    [
        ("idea_id", id),
        ("scores[0]", "5"),
        ("scores[1]", "4"),
        ("scores[2]", "5"),
        ("comment", ""),
    ]
}

#[tokio::test]
async fn only_the_projects_commission_judges() {
    let (site, project, anna, id) = a_commission().await;
    let score = score_form(&id);
    let calls: [(&str, &[(&str, &str)]); 5] = [
        ("commission/board", &[("slug", "parks")]),
        ("commission/score", &score),
        (
            "commission/conflict",
            &[("idea_id", id.as_str()), ("reason", "Автор — мой сосед")],
        ),
        (
            "commission/shortlist",
            &[("idea_id", id.as_str()), ("reason", "Высокие оценки")],
        ),
        (
            "commission/vote",
            &[
                ("idea_id", id.as_str()),
                ("decision", "select"),
                ("reason", "Нужно городу"),
            ],
        ),
    ];
    for (endpoint, form) in calls {
        assert_eq!(
            site.call(endpoint, form, None).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let mut refused = vec![("resident", anna.clone())];
    for role in [Role::Moderator, Role::Admin] {
        let name = role.as_str();
        user(&site.d, name, role).await;
        let cookie = site
            .login(&format!("{name}@example.org"), &format!("password-{name}"))
            .await;
        refused.push((name, cookie));
    }
    // An expert of no commission of this project is refused too.
    refused.push((
        "zoya",
        site.login("zoya@example.org", "password-zoya").await,
    ));
    let stream = format!("/api/events/commission?project={project}");
    for (name, cookie) in &refused {
        for (endpoint, form) in calls {
            let reply = site.call(endpoint, form, Some(cookie)).await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{name} calling {endpoint}"
            );
        }
        assert_eq!(
            site.get(&stream, Some(cookie)).await.status,
            StatusCode::FORBIDDEN,
            "{name}"
        );
    }
    assert_eq!(
        site.get(&stream, None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn scores_stay_blind_until_one_scores_and_bad_scores_are_refused() {
    let (site, _, _, id) = a_commission().await;
    let score = score_form(&id);
    // Blind: Boris does not see Alla's scores until he scores.
    let alla = site.login("alla@example.org", "password-alla").await;
    let boris = site.login("boris@example.org", "password-boris").await;
    let reply = site.call("commission/score", &score, Some(&alla)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let board = site
        .call("commission/board", &[("slug", "parks")], Some(&boris))
        .await;
    let parsed: wire::CommissionBoard = serde_json::from_str(&board.body).unwrap();
    assert!(parsed.ideas[0].all.is_none(), "blind before scoring");
    assert!(!board.body.contains("\"scores\":[5,4,5]"));
    let out_of_range = [
        ("idea_id", id.as_str()),
        ("scores[0]", "9"),
        ("scores[1]", "4"),
        ("scores[2]", "5"),
        ("comment", ""),
    ];
    let bad = site
        .call("commission/score", &out_of_range, Some(&boris))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let wrong_type = [
        ("idea_id", id.as_str()),
        ("scores[0]", "много"),
        ("scores[1]", "4"),
        ("scores[2]", "5"),
        ("comment", ""),
    ];
    let bad = site
        .call("commission/score", &wrong_type, Some(&boris))
        .await;
    assert_ne!(bad.status, StatusCode::OK);
    site.call("commission/score", &score, Some(&boris)).await;
    let board = site
        .call("commission/board", &[("slug", "parks")], Some(&boris))
        .await;
    let parsed: wire::CommissionBoard = serde_json::from_str(&board.body).unwrap();
    assert_eq!(
        parsed.ideas[0].all.as_ref().unwrap().len(),
        2,
        "revealed after scoring"
    );
}
