//! Writes that race: an author changing or withdrawing an idea as others answer it, and an author's
//! change racing their own new idea. Each pair is sent at once, round after round; whichever comes
//! first, the outcome is one that the two in either order would give.

use domain::entities::event;
use domain::ideas;
use domain::testing::{draft, neighbours_and_an_idea, post};
use domain::{Domain, Error, Result, comments};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The kinds of idea `idea_id`'s live events, oldest first.
async fn events_of(d: &Domain, idea_id: i64) -> Vec<String> {
    event::Entity::find()
        .filter(event::Column::IdeaId.eq(idea_id))
        .order_by_asc(event::Column::Id)
        .all(&d.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

/// Exactly one of `first` and `second` went through; the other was refused as `refusal` says.
fn one_of<A: std::fmt::Debug, B: std::fmt::Debug>(
    first: &Result<A>,
    second: &Result<B>,
    refusal: impl Fn(&Error) -> bool,
) {
    let refused = match (first, second) {
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => e,
        _ => panic!("not exactly one through: {first:?}, {second:?}"),
    };
    assert!(refusal(refused), "{refused:?}");
}

fn not_editable(e: &Error) -> bool {
    matches!(e, Error::Invalid(list) if list.iter().any(|f| f.code == "not_editable"))
}

fn not_found(e: &Error) -> bool {
    matches!(e, Error::NotFound)
}

#[tokio::test]
async fn an_edit_and_a_new_idea_given_the_same_title_at_once_leave_one_idea_with_it() {
    let (d, clock, anna, _, idea) = neighbours_and_an_idea().await;
    for round in 0..8 {
        // Anna's own limit is five ideas an hour.
        clock.advance(chrono::Duration::minutes(13));
        let new = draft(&d, "parks", &format!("Фонтан номер {round}")).await;
        let (edited, posted) = tokio::join!(
            ideas::edit(&d, &anna, idea.id, &new),
            ideas::submit(&d, &anna, &new)
        );
        one_of(
            &edited,
            &posted,
            |e| matches!(e, Error::Invalid(list) if list.iter().any(|f| f.field == "title" && f.code == "duplicate")),
        );
    }
}

#[tokio::test]
async fn an_idea_its_author_changes_as_it_gets_its_first_vote_is_changed_before_the_vote_or_not_at_all()
 {
    let (d, clock, anna, boris, _) = neighbours_and_an_idea().await;
    for round in 0..8 {
        clock.advance(chrono::Duration::minutes(13));
        let idea = post(&d, &anna, "parks", &format!("Идея номер {round}")).await;
        let change = draft(&d, "parks", &format!("Идея номер {round}, исправленная")).await;
        let (edited, voted) = tokio::join!(
            ideas::edit(&d, &anna, idea.id, &change),
            ideas::vote(&d, &boris, idea.id, 1)
        );
        voted.unwrap();
        let order = events_of(&d, idea.id).await;
        match edited {
            Ok(_) => assert_eq!(
                order,
                ["idea_published", "idea_edited", "idea_voted"],
                "round {round}"
            ),
            Err(e) => {
                assert!(not_editable(&e), "round {round}: {e:?}");
                assert_eq!(order, ["idea_published", "idea_voted"], "round {round}");
            }
        }
    }
}

#[tokio::test]
async fn an_idea_withdrawn_as_it_gets_its_first_vote_is_withdrawn_or_voted_on_not_both() {
    let (d, clock, anna, boris, _) = neighbours_and_an_idea().await;
    for round in 0..8 {
        clock.advance(chrono::Duration::minutes(13));
        let idea = post(&d, &anna, "parks", &format!("Идея номер {round}")).await;
        let (withdrawn, voted) = tokio::join!(
            ideas::withdraw(&d, &anna, idea.id),
            ideas::vote(&d, &boris, idea.id, 1)
        );
        // Withdrawn first: the vote finds no idea. Voted first: the idea has an answer and stays.
        one_of(&withdrawn, &voted, |e| not_editable(e) || not_found(e));
        let last = events_of(&d, idea.id).await.pop();
        let expected = if withdrawn.is_ok() {
            "idea_withdrawn"
        } else {
            "idea_voted"
        };
        assert_eq!(last.as_deref(), Some(expected), "round {round}");
    }
}

#[tokio::test]
async fn an_idea_withdrawn_as_it_gets_its_first_comment_is_withdrawn_or_commented_not_both() {
    let (d, clock, anna, boris, _) = neighbours_and_an_idea().await;
    for round in 0..8 {
        clock.advance(chrono::Duration::minutes(13));
        let idea = post(&d, &anna, "parks", &format!("Идея номер {round}")).await;
        let (withdrawn, commented) = tokio::join!(
            ideas::withdraw(&d, &anna, idea.id),
            comments::add(&d, &boris, idea.id, None, "Хорошая мысль, поддерживаю.")
        );
        one_of(&withdrawn, &commented, |e| not_editable(e) || not_found(e));
        let last = events_of(&d, idea.id).await.pop();
        let expected = if withdrawn.is_ok() {
            "idea_withdrawn"
        } else {
            "comment_added"
        };
        assert_eq!(last.as_deref(), Some(expected), "round {round}");
    }
}
