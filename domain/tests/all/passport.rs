//! An idea's passport: one timeline from submission to the milestones ahead, each decision linked to its
//! entry in the trail, the commission's mean score once the review is over, and the residents' vote's
//! result; on SQLite, or PostgreSQL with `CROWD_TEST_PG_URL`.

use chrono::Duration;
use domain::entities::decision;
use domain::implementation::{self, RecordInput};
use domain::testing::{self, domain, resident};
use domain::{Domain, ideas};
use sea_orm::EntityTrait;
use wire::{FinalVerdict, ImplStatus, Step, VoteRule, VoteRules};

/// The statuses of `idea`'s timeline, in order, as a visitor reads it.
async fn passport(d: &Domain, idea: i64) -> Vec<Step> {
    ideas::page(d, idea, None).await.unwrap().timeline
}

fn statuses(steps: &[Step]) -> Vec<&str> {
    steps.iter().map(|s| s.status.as_str()).collect()
}

#[tokio::test]
async fn the_passport_runs_from_submission_to_the_milestones_ahead_each_decision_linked_to_the_trail()
 {
    let (d, clock) = domain().await;
    let f = testing::selected_idea(&d).await;
    let record = RecordInput {
        department: "Мосгорпарк".into(),
        status: ImplStatus::InProgress,
        reason: String::new(),
        percent: 30,
    };
    implementation::save(&d, &f.staffer, f.idea, &record)
        .await
        .unwrap();
    let past = implementation::add_milestone(&d, &f.staffer, f.idea, "Проект", "2020-01-10")
        .await
        .unwrap();
    implementation::add_milestone(&d, &f.staffer, f.idea, "Установка скамеек", "2099-06-01")
        .await
        .unwrap();
    clock.advance(Duration::days(1));
    implementation::reach_milestone(&d, &f.staffer, past, "")
        .await
        .unwrap();

    let steps = passport(&d, f.idea).await;
    assert_eq!(
        statuses(&steps),
        vec![
            "submitted",
            "published",
            "shortlisted",
            "selected",
            "implementation_in_progress",
            "milestone_added",
            "milestone_added",
            "milestone_reached",
            "milestone_due",
        ]
    );
    assert_eq!(steps[3].reason.as_deref(), Some("Отобрана для реализации"));
    let ahead = steps.last().unwrap();
    assert!(ahead.ahead && ahead.decision.is_none());
    assert_eq!(ahead.reason.as_deref(), Some("Установка скамеек"));
    // Every decision on it is the trail's entry of that kind about this idea.
    for s in &steps[2..8] {
        let id = s
            .decision
            .unwrap_or_else(|| panic!("{} has no entry", s.status));
        let entry = decision::Entity::find_by_id(id)
            .one(&d.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(entry.idea_id, Some(f.idea));
        assert!(
            entry.kind.ends_with(&s.status),
            "{} ~ {}",
            entry.kind,
            s.status
        );
    }
    assert_eq!(steps[0].decision, None, "a submission is not a decision");
}

#[tokio::test]
async fn the_commissions_mean_score_shows_once_the_review_is_over() {
    let (d, clock) = domain().await;
    let f = testing::selected_idea(&d).await;
    let idea = testing::post(&d, &f.author, "parks", "Фонари в сквере")
        .await
        .id;
    domain::commission::score(&d, &f.expert, idea, &[4, 5, 4], "Хорошо продумано")
        .await
        .unwrap();
    domain::commission::shortlist(&d, &f.expert, idea, "Полезно жителям")
        .await
        .unwrap();
    domain::commission::vote(&d, &f.expert, idea, FinalVerdict::Select, "Нужно городу")
        .await
        .unwrap();
    let during = passport(&d, idea).await;
    assert!(
        during.iter().all(|s| s.mean_score.is_none()),
        "not while the review runs"
    );
    clock.advance(Duration::days(21));
    let after = passport(&d, idea).await;
    let selected = after.iter().find(|s| s.status == "selected").unwrap();
    assert_eq!(selected.mean_score, Some(43));
}

#[tokio::test]
async fn the_vote_result_joins_the_passport_when_the_vote_is_over() {
    let (d, clock) = domain().await;
    let rules = VoteRules {
        rule: VoteRule::Approval,
        max_choices: 1,
        results_live: false,
    };
    let v = testing::vote_running(&d, &clock, rules).await;
    for name in ["anna", "boris"] {
        let voter = resident(&d, name, "parks").await;
        domain::vote::save(&d, &voter, "parks", &[v.ideas[0]], true)
            .await
            .unwrap();
    }
    assert!(!statuses(&passport(&d, v.ideas[0]).await).contains(&"vote_won"));
    clock.advance(Duration::days(7));
    let won = passport(&d, v.ideas[0]).await;
    let step = won.iter().find(|s| s.status == "vote_won").unwrap();
    assert_eq!(step.votes, Some(2));
    let lost = passport(&d, v.ideas[1]).await;
    let step = lost.iter().find(|s| s.status == "vote_lost").unwrap();
    assert_eq!(step.votes, Some(0));
    assert!(
        !statuses(&passport(&d, v.other).await)
            .iter()
            .any(|s| s.starts_with("vote_")),
        "an idea not on the ballot has no result"
    );
}
