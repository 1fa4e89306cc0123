//! Per-account rate limits on residents' writes (ideas, comments, votes): the window slides, every change
//! of a vote counts, and the limit holds when an account's requests arrive together, as does the rule
//! against an author's second idea with the same title (other writes that race: `races`).

use domain::ideas;
use domain::testing::{domain, draft, neighbours_and_an_idea, open_project, post, resident};
use domain::{Domain, Error, Result, comments, limits};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// How many of `outcomes` went through and how many were refused by a rate limit; anything else fails.
fn through_and_refused<T: std::fmt::Debug>(outcomes: &[Result<T>]) -> (u64, u64) {
    let mut counts = (0, 0);
    for outcome in outcomes {
        match outcome {
            Ok(_) => counts.0 += 1,
            Err(Error::RateLimited { .. }) => counts.1 += 1,
            Err(other) => panic!("neither through nor refused by the limit: {other:?}"),
        }
    }
    counts
}

/// The live events `user_id` caused of `kind` (a vote's change, a comment).
async fn events_by(d: &Domain, user_id: i64, kind: &str) -> u64 {
    use domain::entities::event;
    event::Entity::find()
        .filter(event::Column::ActorId.eq(user_id))
        .filter(event::Column::Kind.eq(kind))
        .count(&d.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn ideas_and_votes_are_rate_limited_per_account() {
    let (d, clock) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    for n in 0..5 {
        post(&d, &anna, "parks", &format!("Идея номер {n}")).await;
    }
    let sixth = draft(&d, "parks", "Шестая идея").await;
    assert!(matches!(
        ideas::submit(&d, &anna, &sixth).await,
        Err(Error::RateLimited { .. })
    ));
    clock.advance(chrono::Duration::minutes(61));
    ideas::submit(&d, &anna, &sixth).await.unwrap();
}

#[tokio::test]
async fn every_change_of_a_vote_counts_against_the_vote_limit() {
    let (d, clock, _, boris, idea) = neighbours_and_an_idea().await;
    let limit = limits::VOTES.max;
    for n in 0..limit {
        let value = if n % 2 == 0 { 1 } else { -1 };
        ideas::vote(&d, &boris, idea.id, value).await.unwrap();
    }
    // One vote row, but as many changes as the limit allows: the next flip waits.
    assert!(matches!(
        ideas::vote(&d, &boris, idea.id, 1).await,
        Err(Error::RateLimited { .. })
    ));
    clock.advance(chrono::Duration::seconds(limits::VOTES.window_secs + 1));
    let counts = ideas::vote(&d, &boris, idea.id, 1).await.unwrap();
    assert_eq!((counts.support_count, counts.oppose_count), (1, 0));
}

#[tokio::test]
async fn seventy_votes_sent_at_once_by_one_account_get_no_more_than_the_limit() {
    let (d, clock, anna, boris, _) = neighbours_and_an_idea().await;
    let mut targets = Vec::new();
    for n in 0..70 {
        // Anna's own limit is five ideas an hour.
        clock.advance(chrono::Duration::minutes(13));
        targets.push(
            post(&d, &anna, "parks", &format!("Идея номер {n}"))
                .await
                .id,
        );
    }
    let votes = targets.iter().map(|&id| ideas::vote(&d, &boris, id, 1));
    let outcomes = futures::future::join_all(votes).await;
    let max = limits::VOTES.max;
    assert_eq!(through_and_refused(&outcomes), (max, 70 - max));
    assert_eq!(events_by(&d, boris.id, "idea_voted").await, max);
}

#[tokio::test]
async fn eight_ideas_sent_at_once_by_one_account_get_no_more_than_the_limit() {
    let (d, _) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let mut drafts = Vec::new();
    for n in 0..8 {
        drafts.push(draft(&d, "parks", &format!("Одновременная идея {n}")).await);
    }
    let outcomes =
        futures::future::join_all(drafts.iter().map(|new| ideas::submit(&d, &anna, new))).await;
    let max = limits::IDEAS.max;
    assert_eq!(through_and_refused(&outcomes), (max, 8 - max));
}

#[tokio::test]
async fn one_idea_sent_twice_at_once_is_posted_once() {
    let (d, _) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let new = draft(&d, "parks", "Скамейки у пруда").await;
    let (first, second) = tokio::join!(
        ideas::submit(&d, &anna, &new),
        ideas::submit(&d, &anna, &new)
    );
    let mut outcomes = [first.map(|_| ()), second.map(|_| ())];
    outcomes.sort_by_key(Result::is_err);
    assert!(outcomes[0].is_ok());
    let refused = outcomes[1].as_ref().unwrap_err();
    assert!(
        matches!(refused, Error::Invalid(list) if list.iter().any(|e| e.field == "title" && e.code == "duplicate")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn fifteen_comments_sent_at_once_by_one_account_get_no_more_than_the_limit() {
    let (d, _, _, boris, idea) = neighbours_and_an_idea().await;
    let texts: Vec<String> = (0..15).map(|n| format!("Комментарий номер {n}")).collect();
    let outcomes = futures::future::join_all(
        texts
            .iter()
            .map(|text| comments::add(&d, &boris, idea.id, None, text)),
    )
    .await;
    let max = limits::COMMENTS.max;
    assert_eq!(through_and_refused(&outcomes), (max, 15 - max));
    assert_eq!(events_by(&d, boris.id, "comment_added").await, max);
}
