//! The residents' vote over HTTP: who may call each of its server functions, a ballot confirmed by a
//! plain form post (no JavaScript), the receipt on the page and in the published list, and the
//! exports that appear only once the totals are public.

use super::*;
use domain::testing::vote_running;
use wire::{VoteRule, VoteRules};

/// A server function, its form, and who may call it.
type Call<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a [&'a str]);

const LIVE_HIDDEN: VoteRules = VoteRules {
    rule: VoteRule::Approval,
    max_choices: 2,
    results_live: false,
};

#[tokio::test]
async fn every_vote_function_lets_only_its_roles_in() {
    let site = site().await;
    let vote = vote_running(&site.d, &site.clock, LIVE_HIDDEN).await;
    for (name, role) in [
        ("anna", Role::Resident),
        ("egor", Role::Expert),
        ("mila", Role::Moderator),
        ("sasha", Role::Staff),
    ] {
        user(&site.d, name, role).await;
    }
    let idea = vote.ideas[0].to_string();
    let project = vote.project.to_string();
    let direction = domain::projects::detail(&site.d, "parks", None)
        .await
        .unwrap()
        .directions[0]
        .id
        .to_string();
    let calls: [Call; 7] = [
        (
            "ballot/save",
            vec![("slug", "parks"), ("ideas[0]", &idea), ("confirm", "true")],
            &["anna"],
        ),
        ("staff/vote", vec![("project_id", &project)], &["sasha"]),
        (
            "staff/vote_rules",
            vec![
                ("project_id", &project),
                ("rule", "approval"),
                ("max_choices", "2"),
            ],
            &["sasha"],
        ),
        (
            "staff/ballot_cost",
            vec![("idea_id", &idea), ("cost", "100")],
            &["sasha"],
        ),
        (
            "staff/fill_ballot",
            vec![("project_id", &project), ("source", "selection")],
            &["sasha"],
        ),
        (
            "staff/remove_from_ballot",
            vec![("idea_id", &idea)],
            &["sasha"],
        ),
        (
            "staff/vote_budget",
            vec![("direction_id", &direction), ("budget", "1000000")],
            &["sasha"],
        ),
    ];
    for (endpoint, form, allowed) in calls {
        let reply = site.call(endpoint, &form, None).await;
        assert_eq!(
            reply.status,
            StatusCode::UNAUTHORIZED,
            "{endpoint} without a session"
        );
        for name in ["anna", "egor", "mila", "sasha"] {
            let cookie = site
                .login(&format!("{name}@example.org"), &format!("password-{name}"))
                .await;
            let reply = site.call(endpoint, &form, Some(&cookie)).await;
            let expected = if allowed.contains(&name) {
                // Staff may read the set-up; changing it once the stage runs is refused with a message.
                match endpoint {
                    "staff/vote" => StatusCode::OK,
                    "ballot/save" => StatusCode::OK,
                    _ => StatusCode::UNPROCESSABLE_ENTITY,
                }
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
    let page = site.call("ballot/page", &[("slug", "parks")], None).await;
    assert_eq!(page.status, StatusCode::OK, "everyone reads the ballot");
    assert!(page.body.contains("Скамейки у пруда"));
    let receipt = "0".repeat(64);
    let check = [("slug", "parks"), ("receipt", receipt.as_str())];
    let checked = site.call("ballot/receipt", &check, None).await;
    assert_eq!(checked.status, StatusCode::OK, "everyone checks a receipt");
    assert_eq!(checked.body, "null", "no ballot has this receipt");
}

#[tokio::test]
async fn a_ballot_confirmed_without_javascript_counts_and_its_receipt_checks_out() {
    let site = site().await;
    let vote = vote_running(&site.d, &site.clock, LIVE_HIDDEN).await;
    user(&site.d, "anna", Role::Resident).await;
    let cookie = site.login("anna@example.org", "password-anna").await;
    let (first, third) = (vote.ideas[0].to_string(), vote.ideas[2].to_string());
    // Checkboxes keep their place in the form: the first and the third are ticked.
    let form = [
        ("slug", "parks"),
        ("ideas[0]", first.as_str()),
        ("ideas[2]", third.as_str()),
        ("confirm", "true"),
    ];
    let reply = site
        .post_plain("ballot/save", &form, "/projects/parks/vote", Some(&cookie))
        .await;
    assert_eq!(Site::see_other(&reply), "/projects/parks/vote");

    let page = site.get("/projects/parks/vote", Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let marker = "class=\"receipt-code\">";
    let start = page.body.find(marker).expect("the receipt is on the page") + marker.len();
    let receipt = page.body[start..start + 64].to_owned();
    assert!(receipt.chars().all(|c| c.is_ascii_hexdigit()), "{receipt}");
    assert!(page.body.contains("Ваш голос учтён"));
    assert!(
        page.body.contains("Итоги откроются"),
        "totals hidden while voting runs"
    );

    // Anyone can check the receipt, without JavaScript: a GET form.
    let checked = site
        .get(&format!("/projects/parks/vote?receipt={receipt}"), None)
        .await;
    assert!(
        checked.body.contains("Бюллетень с этой квитанцией учтён"),
        "{}",
        checked.body
    );
    assert!(checked.body.contains(&format!("/ideas/{third}")));

    // The ballots are published once the totals are: not while the stage runs, then as CSV and JSON.
    let hidden = site.get("/projects/parks/export/ballots.csv", None).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    site.clock.advance(chrono::Duration::days(7));
    let csv = site.get("/projects/parks/export/ballots.csv", None).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains(&format!("{receipt},")), "{}", csv.body);
    assert!(csv.body.contains(&format!(",{first} {third}\r\n")));
    assert!(!csv.body.contains("anna"), "no voter in the list");
    let json = site.get("/projects/parks/export/ballots.json", None).await;
    let list: Vec<wire::PublishedBallot> = serde_json::from_str(&json.body).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        domain::vote::receipt(vote.project, &list[0].token, &list[0].choices),
        receipt
    );
    let results = site.get("/projects/parks/vote", None).await;
    assert!(results.body.contains("Итоги голосования"));
}
