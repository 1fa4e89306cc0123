//! What a moderator takes down leaves every public channel: the replay of live events, the feed, the
//! search, reports, and the counts of a direction's public ideas.

use super::*;

/// Every stored event of `project`, as a replay from the start reads them: `(kind, payload)`.
async fn replay(d: &Domain, project: i64) -> Vec<(String, String)> {
    domain::events::since(&d.db, Some(project), 0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.payload))
        .collect()
}

fn carries(events: &[(String, String)], text: &str) -> bool {
    events.iter().any(|(_, payload)| payload.contains(text))
}

#[tokio::test]
async fn a_reviewed_idea_can_still_be_taken_down_and_leaves_the_replay_the_feed_and_the_search() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let idea = post(&d, &anna, "parks", "Звоните Анне 8-999-123-45-67").await;
    moderation::review_idea(&d, &mira, idea.id, &Decide::Publish)
        .await
        .unwrap();
    assert!(carries(&replay(&d, project).await, "8-999-123-45-67"));

    let why = "Личные данные в заголовке.";
    // The queue's decision is taken; taking down is a decision of its own.
    assert_eq!(
        codes(
            moderation::review_idea(&d, &mira, idea.id, &Decide::Reject(why.into()))
                .await
                .unwrap_err()
        ),
        vec![("form", "already_moderated")]
    );
    moderation::take_down_idea(&d, &mira, idea.id, why)
        .await
        .expect("an idea already published and reviewed can be taken down");

    let events = replay(&d, project).await;
    assert!(!carries(&events, "8-999-123-45-67"), "{events:?}");
    assert!(events.iter().any(|(kind, _)| kind == "redacted"));
    assert!(events.iter().any(|(kind, _)| kind == "idea_withdrawn"));
    let feed = ideas::feed(&d.db, project, None, 20).await.unwrap();
    assert!(feed.items.is_empty());
    let found = domain::search::similar(&d, project, "Звоните Анне", None)
        .await
        .unwrap();
    assert!(found.is_empty());
    let (rows, _) = domain::export::batch(&d, project, domain::export::Dataset::Ideas, 0)
        .await
        .unwrap();
    assert!(rows.is_empty());
    let told = notifications::list(&d, &anna).await.unwrap();
    assert_eq!(
        (told[0].kind.as_str(), told[0].about.text.as_deref()),
        ("rejected", Some(why))
    );
    let trail = audit::of_project(&d, "parks").await.unwrap().decisions;
    assert_eq!(trail.last().unwrap().kind, "idea_rejected");
    // Taken down once: a second take-down loses.
    assert_eq!(
        codes(
            moderation::take_down_idea(&d, &mira, idea.id, why)
                .await
                .unwrap_err()
        ),
        vec![("form", "already_moderated")]
    );
}

#[tokio::test]
async fn a_hidden_comment_leaves_the_replay_and_its_reports_are_closed() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let idea = post(&d, &anna, "parks", "Скамейки у пруда").await;
    let insult = comments::add(&d, &boris, idea.id, None, "Автор идеи — дурак")
        .await
        .unwrap();
    reports::file(
        &d,
        &anna,
        reports::Target::Comment(insult.id),
        "Оскорбление",
    )
    .await
    .unwrap();
    // Kept first, then hidden after the report.
    moderation::review_comment(&d, &mira, insult.id, None)
        .await
        .unwrap();
    moderation::review_comment(&d, &mira, insult.id, Some("Оскорбление автора"))
        .await
        .unwrap();

    let events = replay(&d, project).await;
    assert!(!carries(&events, "дурак"), "{events:?}");
    assert!(events.iter().any(|(kind, _)| kind == "comment_hidden"));
    assert!(
        carries(&events, "Скамейки у пруда"),
        "the idea itself stays"
    );
    assert!(comments::list(&d.db, idea.id).await.unwrap().is_empty());
    assert!(moderation::queue(&d).await.unwrap().reports.is_empty());
}

#[tokio::test]
async fn withdrawn_merged_and_corrected_ideas_replay_no_earlier_text() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let withdrawn = post(&d, &anna, "parks", "Передумала про фонтан").await;
    ideas::withdraw(&d, &anna, withdrawn.id).await.unwrap();
    let duplicate = post(&d, &anna, "parks", "Скамейки повтор").await;
    let target = post(&d, &anna, "parks", "Скамейки у пруда").await;
    moderation::merge(&d, &mira, duplicate.id, target.id, "Дубликат идеи")
        .await
        .unwrap();
    let typo = post(&d, &anna, "parks", "Скамйки у рекки").await;
    let correction = moderation::IdeaCorrection {
        title: "Скамейки у реки".into(),
        body: "Текст идеи достаточной длины для модерации.".into(),
        reason: "Опечатки в заголовке".into(),
    };
    moderation::correct_idea(&d, &mira, typo.id, &correction)
        .await
        .unwrap();

    let events = replay(&d, project).await;
    for gone in [
        "Передумала про фонтан",
        "Скамейки повтор",
        "Скамйки у рекки",
    ] {
        assert!(!carries(&events, gone), "{gone}: {events:?}");
    }
    assert!(
        carries(&events, "Скамейки у реки"),
        "the corrected text stays"
    );
    assert!(carries(&events, "Скамейки у пруда"));
}

/// A direction's kept count of public ideas, and the same counted over its ideas.
async fn public_ideas(d: &Domain, direction: i64) -> (i64, i64) {
    use domain::entities::{direction as dir, idea};
    use sea_orm::PaginatorTrait;
    let kept = dir::Entity::find_by_id(direction)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap()
        .public_ideas;
    let counted = idea::Entity::find()
        .filter(idea::Column::DirectionId.eq(direction))
        .filter(idea::Column::Status.is_in(IdeaStatus::VISIBLE.map(|s| s.as_str())))
        .count(&d.db)
        .await
        .unwrap();
    (kept, i64::try_from(counted).unwrap())
}

#[tokio::test]
async fn a_directions_count_of_public_ideas_follows_every_decision() {
    let (d, _) = domain().await;
    premoderated(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let a = post(&d, &anna, "parks", "Скамейки у пруда").await;
    let b = post(&d, &boris, "parks", "Лавочки возле пруда").await;
    let c = post(&d, &boris, "parks", "Фонтан на площади").await;
    let direction = domain::entities::idea::Entity::find_by_id(a.id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap()
        .direction_id;
    assert_eq!(
        public_ideas(&d, direction).await,
        (0, 0),
        "waiting: not public"
    );
    for id in [a.id, b.id] {
        moderation::review_idea(&d, &mira, id, &Decide::Publish)
            .await
            .unwrap();
    }
    assert_eq!(public_ideas(&d, direction).await, (2, 2));
    moderation::review_idea(&d, &mira, c.id, &Decide::Reject("Не по теме".into()))
        .await
        .unwrap();
    assert_eq!(
        public_ideas(&d, direction).await,
        (2, 2),
        "rejected: not counted"
    );
    let merge = moderation::merge(&d, &mira, b.id, a.id, "Дубликат идеи")
        .await
        .unwrap();
    assert_eq!(public_ideas(&d, direction).await, (1, 1), "merged away");
    moderation::undo_merge(&d, &mira, merge).await.unwrap();
    assert_eq!(public_ideas(&d, direction).await, (2, 2), "merge undone");
    moderation::take_down_idea(&d, &mira, a.id, "Личные данные")
        .await
        .unwrap();
    assert_eq!(public_ideas(&d, direction).await, (1, 1), "taken down");
    ideas::withdraw(&d, &boris, b.id).await.unwrap();
    assert_eq!(public_ideas(&d, direction).await, (0, 0), "withdrawn");
}
