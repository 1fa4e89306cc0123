//! The residents' vote on the shortlist: drafts and confirmation, the rules, one ballot per person even
//! when two confirmations race, receipts anyone can recompute, and a verifier that names a tampered
//! ballot; on SQLite, or PostgreSQL with `CROWD_TEST_PG_URL`.

use chrono::Duration;
use domain::auth::{Role, User};
use domain::entities::{ballot, ballot_choice};
use domain::staff::{self, StageInput};
use domain::testing::{self, codes, domain, open_project, user};
use domain::{Domain, ManualClock, vote};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use std::sync::Arc;
use wire::{BallotSource, Phase, VoteRule, VoteRules};

/// A running vote ([`vote_running`]) with its domain and clock.
struct Vote {
    d: Domain,
    clock: Arc<ManualClock>,
    project: i64,
    olga: User,
    ideas: Vec<i64>,
    other: i64,
}

async fn vote_running(rules: VoteRules) -> Vote {
    let (d, clock) = domain().await;
    let f = testing::vote_running(&d, &clock, rules).await;
    Vote {
        d,
        clock,
        project: f.project,
        olga: f.staffer,
        ideas: f.ideas,
        other: f.other,
    }
}

fn approval(k: i32) -> VoteRules {
    VoteRules {
        rule: VoteRule::Approval,
        max_choices: k,
        results_live: false,
    }
}

#[tokio::test]
async fn a_draft_survives_until_confirmed_and_only_the_confirmed_ballot_counts() {
    let v = vote_running(approval(2)).await;
    let anna = user(&v.d, "anna", Role::Resident).await;
    let draft = vote::save(&v.d, &anna, "parks", &[v.ideas[1], v.ideas[0]], false)
        .await
        .unwrap();
    assert_eq!(draft.draft, vec![v.ideas[0], v.ideas[1]]);
    assert!(draft.unconfirmed() && draft.receipt.is_none());
    // Another device, later: the page gives the draft back; nothing counts yet.
    let page = vote::page(&v.d, "parks", Some(&anna)).await.unwrap();
    assert_eq!(page.mine.as_ref().unwrap().draft, draft.draft);
    assert!(page.may_vote);
    assert_eq!(vote::totals(&v.d.db, v.project).await.unwrap().len(), 0);

    let confirmed = vote::save(&v.d, &anna, "parks", &[v.ideas[0], v.ideas[1]], true)
        .await
        .unwrap();
    assert!(!confirmed.unconfirmed());
    let receipt = confirmed.receipt.clone().unwrap();
    assert_eq!(receipt.len(), 64);
    let totals = vote::totals(&v.d.db, v.project).await.unwrap();
    assert_eq!((totals[&v.ideas[0]], totals[&v.ideas[1]]), (1, 1));

    // She changes her mind: the draft differs until she confirms again, and then only the new one counts.
    let changed = vote::save(&v.d, &anna, "parks", &[v.ideas[2]], false)
        .await
        .unwrap();
    assert!(changed.unconfirmed());
    assert_eq!(changed.confirmed, Some(vec![v.ideas[0], v.ideas[1]]));
    let again = vote::save(&v.d, &anna, "parks", &[v.ideas[2]], true)
        .await
        .unwrap();
    assert_ne!(
        again.receipt,
        Some(receipt.clone()),
        "a new confirmation, a new receipt"
    );
    let totals = vote::totals(&v.d.db, v.project).await.unwrap();
    assert_eq!(totals.get(&v.ideas[0]), None);
    assert_eq!(totals[&v.ideas[2]], 1);
    assert!(
        vote::check_receipt(&v.d, "parks", &receipt)
            .await
            .unwrap()
            .is_none(),
        "the replaced ballot's receipt is no longer in the list"
    );
}

#[tokio::test]
async fn the_rule_and_the_window_are_enforced_with_field_messages() {
    let v = vote_running(approval(2)).await;
    let anna = user(&v.d, "anna", Role::Resident).await;
    let all = v.ideas.clone();
    let err = vote::save(&v.d, &anna, "parks", &all, true)
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("ideas", "too_many")]);
    let err = vote::save(&v.d, &anna, "parks", &[v.other], false)
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("ideas", "not_on_ballot")]);
    let err = vote::save(&v.d, &anna, "parks", &[], true)
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("ideas", "ballot_empty")]);
    // Officials do not vote.
    let expert = user(&v.d, "egor", Role::Expert).await;
    let err = vote::save(&v.d, &expert, "parks", &[all[0]], true)
        .await
        .unwrap_err();
    assert!(matches!(err, domain::Error::Forbidden));
    // The ballot and the rule are fixed once the stage runs.
    let err = vote::set_rules(&v.d, &v.olga, v.project, approval(3))
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("form", "vote_started")]);
    // After the end nothing more is taken.
    v.clock.advance(Duration::days(7));
    let err = vote::save(&v.d, &anna, "parks", &[all[0]], true)
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("form", "vote_closed")]);
    assert!(vote::totals(&v.d.db, v.project).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_budget_ballot_must_fit_and_the_winners_are_taken_greedily_by_votes() {
    let rules = VoteRules {
        rule: VoteRule::Budget,
        max_choices: 1,
        results_live: false,
    };
    let v = vote_running(rules).await;
    // Costs and the budget are set before the stage: move the clock back to set them.
    v.clock.advance(Duration::days(-21));
    let costs = ["600 000", "500 000", "300 000"];
    for (idea, cost) in v.ideas.iter().zip(costs) {
        vote::set_cost(&v.d, &v.olga, *idea, cost).await.unwrap();
    }
    let parks = vote::setup(&v.d, v.project).await.unwrap().directions[0].id;
    let err = vote::set_budget(&v.d, &v.olga, parks, "много")
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("budget", "not_a_number")]);
    vote::set_budget(&v.d, &v.olga, parks, "1 000 000")
        .await
        .unwrap();
    v.clock.advance(Duration::days(21));

    let [big, mid, small] = [v.ideas[0], v.ideas[1], v.ideas[2]];
    let anna = user(&v.d, "anna", Role::Resident).await;
    let err = vote::save(&v.d, &anna, "parks", &[big, mid], true)
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("ideas", "over_budget")]);
    // Three ballots for the 600k idea, two for the 500k one, one for the 300k one: the 500k idea no
    // longer fits after the 600k one, so the greedy rule passes over it and takes the 300k one.
    for (name, choice) in [
        ("anna", vec![big, small]),
        ("boris", vec![big]),
        ("vera", vec![big]),
        ("gleb", vec![mid]),
        ("dina", vec![mid]),
    ] {
        let u = match name {
            "anna" => anna.clone(),
            _ => user(&v.d, name, Role::Resident).await,
        };
        vote::save(&v.d, &u, "parks", &choice, true).await.unwrap();
    }
    let during = vote::page(&v.d, "parks", None).await.unwrap();
    assert!(during.ballots.is_none(), "hidden while the stage runs");
    assert!(
        during.directions[0]
            .options
            .iter()
            .all(|o| o.votes.is_none())
    );

    v.clock.advance(Duration::days(7));
    let after = vote::page(&v.d, "parks", None).await.unwrap();
    assert_eq!(after.phase, Phase::Finished);
    assert_eq!(after.ballots, Some(5));
    let ranked: Vec<(i64, Option<i64>, bool)> = after.directions[0]
        .options
        .iter()
        .map(|o| (o.idea_id, o.votes, o.winner))
        .collect();
    assert_eq!(
        ranked,
        vec![
            (big, Some(3), true),
            (mid, Some(2), false),
            (small, Some(1), true)
        ]
    );
    let pb = vote::pabulib(&v.d, "parks", parks).await.unwrap();
    assert!(pb.contains("budget;1000000\n") && pb.contains("rule;greedy\n"));
    assert!(pb.contains(&format!("{big};600000;3;")));
    assert_eq!(pb.lines().skip_while(|l| *l != "VOTES").count(), 2 + 5);
}

#[tokio::test]
async fn two_confirmations_at_once_leave_one_ballot_that_verifies() {
    let v = vote_running(approval(1)).await;
    let anna = user(&v.d, "anna", Role::Resident).await;
    let (first, second) = ([v.ideas[0]], [v.ideas[1]]);
    let (a, b) = tokio::join!(
        vote::save(&v.d, &anna, "parks", &first, true),
        vote::save(&v.d, &anna, "parks", &second, true),
    );
    a.unwrap();
    b.unwrap();
    let rows = ballot::Entity::find()
        .filter(ballot::Column::UserId.eq(anna.id))
        .all(&v.d.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let choices = ballot_choice::Entity::find().all(&v.d.db).await.unwrap();
    assert_eq!(choices.len(), 1, "one choice counted, not both");
    let audit = vote::verify(&v.d, "parks", &|_| {}).await.unwrap();
    assert_eq!((audit.ballots, audit.problems.len()), (1, 0), "{audit:?}");
}

#[tokio::test]
async fn a_receipt_verifies_and_a_tampered_ballot_is_named() {
    let v = vote_running(approval(2)).await;
    let mut receipts = Vec::new();
    for name in ["anna", "boris", "vera"] {
        let u = user(&v.d, name, Role::Resident).await;
        let mine = vote::save(&v.d, &u, "parks", &[v.ideas[0], v.ideas[1]], true)
            .await
            .unwrap();
        receipts.push(mine.receipt.unwrap());
    }
    // Anna checks her receipt: it is in the list, with her choices, and anyone can recompute it.
    let found = vote::check_receipt(&v.d, "parks", &receipts[0].to_uppercase())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.choices, vec![v.ideas[0], v.ideas[1]]);
    assert_eq!(
        vote::receipt(v.project, &found.token, &found.choices),
        receipts[0]
    );
    let err = vote::check_receipt(&v.d, "parks", "abc; DROP TABLE ballots")
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("receipt", "receipt_malformed")]);

    // Someone with database access moves Boris's vote to another idea.
    let boris = ballot::Entity::find()
        .filter(ballot::Column::Receipt.eq(receipts[1].clone()))
        .one(&v.d.db)
        .await
        .unwrap()
        .unwrap();
    let boris_id = boris.id;
    let mut row = boris.into_active_model();
    row.choices = Set(Some(format!("{},{}", v.ideas[0], v.ideas[2])));
    row.update(&v.d.db).await.unwrap();
    ballot_choice::Entity::update_many()
        .col_expr(
            ballot_choice::Column::IdeaId,
            sea_orm::sea_query::Expr::value(v.ideas[2]),
        )
        .filter(ballot_choice::Column::BallotId.eq(boris_id))
        .filter(ballot_choice::Column::IdeaId.eq(v.ideas[1]))
        .exec(&v.d.db)
        .await
        .unwrap();
    let audit = vote::verify(&v.d, "parks", &|_| {}).await.unwrap();
    assert_eq!(audit.ballots, 3);
    assert_eq!(audit.problems.len(), 1, "{audit:?}");
    assert!(audit.problems[0].starts_with(&format!("ballot {boris_id} (receipt {}", receipts[1])));
}

#[tokio::test]
async fn a_vote_stage_needs_an_expert_review_before_it() {
    let (d, _) = domain().await;
    let olga = user(&d, "olga", Role::Staff).await;
    let project = open_project(&d, "parks").await;
    let review = domain::projects::stages(&d.db, project)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.kind == "review")
        .unwrap();
    let vote_stage = StageInput {
        kind: "vote".into(),
        starts_at: Some(review.ends_at),
        ends_at: Some(review.ends_at + Duration::days(5)),
    };
    staff::add_stage(&d, &olga, project, &vote_stage)
        .await
        .unwrap();
    let err = staff::delete_stage(&d, &olga, review.id).await.unwrap_err();
    assert_eq!(codes(err), vec![("kind", "review_required")]);
}

#[tokio::test]
async fn the_demo_votes_verify_and_the_finished_one_has_its_winners() {
    let (d, _) = domain().await;
    domain::seed::demo(&d, &|_| {}).await.unwrap();
    for slug in ["park-next-door", "district-budget"] {
        let audit = vote::verify(&d, slug, &|_| {}).await.unwrap();
        assert!(
            audit.ballots > 0 && audit.problems.is_empty(),
            "{slug}: {audit:?}"
        );
    }
    let running = vote::page(&d, "park-next-door", None).await.unwrap();
    assert_eq!(running.phase, Phase::Active);
    assert!(running.ballots.is_none(), "totals hidden while it runs");
    let over = vote::page(&d, "district-budget", None).await.unwrap();
    assert_eq!(over.ballots, Some(7));
    for dir in &over.directions {
        let spent: i64 = dir
            .options
            .iter()
            .filter(|o| o.winner)
            .filter_map(|o| o.cost)
            .sum();
        assert!(spent > 0 && spent <= dir.budget.unwrap(), "{dir:?}");
    }
}

#[tokio::test]
async fn the_demo_project_waiting_for_its_vote_has_a_shortlist_and_nothing_else_yet() {
    let (d, _) = domain().await;
    domain::seed::demo(&d, &|_| {}).await.unwrap();
    let p = domain::projects::find_public(&d.db, domain::seed::PREPARING, d.now())
        .await
        .unwrap();
    let before = vote::setup(&d, p.id).await.unwrap();
    assert!(before.rules.is_none() && before.starts_at.is_none());
    assert!(before.directions.iter().all(|dir| dir.options.is_empty()));
    let olga = user(&d, "olga", Role::Staff).await;
    let added = vote::fill_ballot(&d, &olga, p.id, BallotSource::Shortlist, None)
        .await
        .unwrap();
    assert_eq!(added, 4, "four of its five ideas were shortlisted");
}

#[tokio::test]
async fn a_draft_that_does_not_count_is_reminded_once_a_day_before_the_end() {
    let (d, clock, outbox) = testing::with_outbox().await;
    let f = testing::vote_running(&d, &clock, approval(2)).await;
    let [anna, boris, vera] = [
        user(&d, "anna", Role::Resident).await,
        user(&d, "boris", Role::Resident).await,
        user(&d, "vera", Role::Resident).await,
    ];
    vote::save(&d, &anna, "parks", &[f.ideas[0]], false)
        .await
        .unwrap();
    vote::save(&d, &boris, "parks", &[f.ideas[0]], true)
        .await
        .unwrap();
    vote::save(&d, &vera, "parks", &[f.ideas[0]], true)
        .await
        .unwrap();
    vote::save(&d, &vera, "parks", &[f.ideas[1]], false)
        .await
        .unwrap();
    assert_eq!(vote::remind(&d).await.unwrap(), 0, "six days left: not yet");

    // The stage ends on day 27; on day 26 plus an hour, less than a day is left.
    clock.advance(Duration::days(5) + Duration::hours(1));
    assert_eq!(
        vote::remind(&d).await.unwrap(),
        2,
        "Anna's draft and Vera's change"
    );
    assert_eq!(vote::remind(&d).await.unwrap(), 0, "each is reminded once");
    let notices = domain::notifications::list(&d, &anna).await.unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, vote::REMINDER);
    assert_eq!(notices[0].about.href(), "/projects/parks/vote");
    assert!(
        domain::notifications::list(&d, &boris)
            .await
            .unwrap()
            .is_empty(),
        "a counted ballot needs no reminder"
    );
    let mail = testing::mails_to(&outbox, "anna@example.org").join("\n");
    assert!(mail.contains("/projects/parks/vote"), "{mail}");
    assert!(!mail.contains("/ideas/0"));
}

#[tokio::test]
async fn staff_fill_the_ballot_one_direction_at_a_time_until_the_stage_starts() {
    let v = vote_running(approval(2)).await;
    v.clock.advance(Duration::days(-21));
    for idea in &v.ideas {
        vote::remove_from_ballot(&v.d, &v.olga, *idea)
            .await
            .unwrap();
    }
    let dirs = vote::setup(&v.d, v.project).await.unwrap().directions;
    let (parks, transport) = (dirs[0].id, dirs[1].id);
    assert!(dirs.iter().all(|d| d.options.is_empty()));
    let shortlist = BallotSource::Shortlist;
    let err = vote::fill_ballot(&v.d, &v.olga, v.project, shortlist, Some(transport))
        .await
        .unwrap_err();
    assert_eq!(
        codes(err),
        vec![("source", "nothing_to_add")],
        "Transport has none"
    );
    let added = vote::fill_ballot(&v.d, &v.olga, v.project, shortlist, Some(parks))
        .await
        .unwrap();
    assert_eq!(added, 3);
    let on_ballot = vote::setup(&v.d, v.project).await.unwrap().directions[0]
        .options
        .len();
    assert_eq!(on_ballot, 3, "the shortlist, not the idea left out of it");
    v.clock.advance(Duration::days(21));
    let err = vote::fill_ballot(&v.d, &v.olga, v.project, shortlist, None)
        .await
        .unwrap_err();
    assert_eq!(codes(err), vec![("form", "vote_started")]);
}
