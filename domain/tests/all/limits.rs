//! Per-account rate limits on residents' writes (ideas, comments, votes): the window slides, every change
//! of a vote counts, and the limit holds when an account's requests arrive together, as does the rule
//! against an author's second idea with the same title.

use domain::ideas::{self, IdeaCard, NewIdea};
use domain::testing::{domain, open_project, post, post_text, resident};
use domain::{Domain, Error, ManualClock, Result, User, comments, limits, projects};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::Arc;

/// "parks" open, Anna and Boris joined, and Anna's idea about benches by the pond.
async fn anna_boris_and_an_idea() -> (Domain, Arc<ManualClock>, User, User, IdeaCard) {
    let (d, clock) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let idea = post_text(
        &d,
        &anna,
        "parks",
        "Скамейки у пруда",
        "Поставить скамейки у пруда.",
    )
    .await;
    (d, clock, anna, boris, idea)
}

/// A new idea titled `title` for the first direction of "parks".
async fn draft(d: &Domain, title: &str) -> NewIdea {
    let direction = projects::detail(d, "parks", None).await.unwrap().directions[0].id;
    NewIdea {
        project_slug: "parks".into(),
        direction_id: Some(direction),
        title: title.into(),
        body: "Текст идеи достаточной длины.".into(),
    }
}

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
    let sixth = draft(&d, "Шестая идея").await;
    assert!(matches!(
        ideas::submit(&d, &anna, &sixth).await,
        Err(Error::RateLimited { .. })
    ));
    clock.advance(chrono::Duration::minutes(61));
    ideas::submit(&d, &anna, &sixth).await.unwrap();
}

#[tokio::test]
async fn every_change_of_a_vote_counts_against_the_vote_limit() {
    let (d, clock, _, boris, idea) = anna_boris_and_an_idea().await;
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
    let (d, clock, anna, boris, _) = anna_boris_and_an_idea().await;
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
        drafts.push(draft(&d, &format!("Одновременная идея {n}")).await);
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
    let new = draft(&d, "Скамейки у пруда").await;
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
    let (d, _, _, boris, idea) = anna_boris_and_an_idea().await;
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

#[tokio::test]
async fn an_edit_and_a_new_idea_given_the_same_title_at_once_leave_one_idea_with_it() {
    let (d, clock, anna, _, idea) = anna_boris_and_an_idea().await;
    for round in 0..8 {
        // Anna's own limit is five ideas an hour.
        clock.advance(chrono::Duration::minutes(13));
        let new = draft(&d, &format!("Фонтан номер {round}")).await;
        let (edited, posted) = tokio::join!(
            ideas::edit(&d, &anna, idea.id, &new),
            ideas::submit(&d, &anna, &new)
        );
        let through = [edited.is_ok(), posted.is_ok()];
        assert_eq!(
            through.iter().filter(|&&ok| ok).count(),
            1,
            "round {round}: edited {edited:?}, posted {posted:?}"
        );
    }
}

#[tokio::test]
async fn an_idea_its_author_changes_as_it_gets_its_first_vote_is_changed_before_the_vote_or_not_at_all()
 {
    use domain::entities::event;
    use sea_orm::QueryOrder;
    let (d, clock, anna, boris, _) = anna_boris_and_an_idea().await;
    for round in 0..8 {
        clock.advance(chrono::Duration::minutes(13));
        let idea = post(&d, &anna, "parks", &format!("Идея номер {round}")).await;
        let change = draft(&d, &format!("Идея номер {round}, исправленная")).await;
        let (edited, voted) = tokio::join!(
            ideas::edit(&d, &anna, idea.id, &change),
            ideas::vote(&d, &boris, idea.id, 1)
        );
        voted.unwrap();
        let order: Vec<String> = event::Entity::find()
            .filter(event::Column::Kind.is_in(["idea_edited", "idea_voted"]))
            .filter(event::Column::IdeaId.eq(idea.id))
            .order_by_asc(event::Column::Id)
            .all(&d.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        match edited {
            Ok(_) => assert_eq!(order, ["idea_edited", "idea_voted"], "round {round}"),
            Err(Error::Invalid(list)) => {
                assert_eq!(list[0].code, "not_editable", "round {round}");
                assert_eq!(order, ["idea_voted"], "round {round}");
            }
            Err(other) => panic!("round {round}: {other:?}"),
        }
    }
}
