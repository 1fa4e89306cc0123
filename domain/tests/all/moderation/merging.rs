//! Merging duplicates: only within a project, each supporter counted once, the duplicate's discussion
//! readable on the idea it joined, an undone merge restoring both, and the candidates offered.

use super::*;

/// An idea's support, opposition and status, read from its row.
async fn counts(d: &Domain, id: i64) -> (i64, i64, String) {
    let row = domain::entities::idea::Entity::find_by_id(id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap();
    (row.support_count, row.oppose_count, row.status)
}

/// Two alike ideas in "parks" — Anna's target and Boris' duplicate — rated by three voters (one supports
/// both), and moderator Mira.
struct Duplicates {
    d: Domain,
    project: i64,
    anna: User,
    boris: User,
    mira: User,
    target: IdeaCard,
    source: IdeaCard,
}

async fn duplicates() -> Duplicates {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let target = post(&d, &anna, "parks", "Скамейки у пруда").await;
    let source = post(&d, &boris, "parks", "Лавочки возле пруда").await;
    let mut voters = Vec::new();
    for n in 0..3 {
        voters.push(resident(&d, &format!("voter{n}"), "parks").await);
    }
    ideas::vote(&d, &voters[0], target.id, 1).await.unwrap();
    ideas::vote(&d, &voters[0], source.id, 1).await.unwrap();
    ideas::vote(&d, &voters[1], source.id, 1).await.unwrap();
    ideas::vote(&d, &voters[2], source.id, -1).await.unwrap();
    Duplicates {
        d,
        project,
        anna,
        boris,
        mira,
        target,
        source,
    }
}

#[tokio::test]
async fn a_duplicate_merges_only_into_another_idea_of_its_project() {
    let Duplicates {
        d,
        anna,
        mira,
        source,
        ..
    } = duplicates().await;
    assert_eq!(
        codes(
            moderation::merge(&d, &mira, source.id, source.id, "Дубликат")
                .await
                .unwrap_err()
        ),
        vec![("target", "same_idea")]
    );
    let other = open_project(&d, "river").await;
    projects::join(&d, &anna, "river").await.unwrap();
    let elsewhere = post(&d, &anna, "river", "Скамейки у реки").await;
    assert_eq!(elsewhere.project_id, other);
    assert_eq!(
        codes(
            moderation::merge(&d, &mira, source.id, elsewhere.id, "Дубликат")
                .await
                .unwrap_err()
        ),
        vec![("target", "other_project")]
    );
}

#[tokio::test]
async fn merging_a_duplicate_counts_each_supporter_once_and_credits_its_author() {
    let Duplicates {
        d,
        project,
        anna,
        boris,
        mira,
        target,
        source,
    } = duplicates().await;
    let why = "Та же идея другими словами";
    moderation::merge(&d, &mira, source.id, target.id, why)
        .await
        .unwrap();
    // Voter 0 counts once; voters 1 and 2 join the target.
    assert_eq!(
        counts(&d, target.id).await,
        (2, 1, IdeaStatus::Published.into())
    );
    let feed = ideas::feed(&d.db, project, None, 20).await.unwrap();
    assert_eq!(
        feed.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![target.id]
    );
    let page = ideas::page(&d, target.id, None).await.unwrap();
    assert_eq!(
        page.coauthors,
        vec!["boris".to_owned()],
        "the duplicate's author is credited"
    );
    let told = notifications::list(&d, &boris).await.unwrap();
    assert_eq!(told[0].kind, IdeaStatus::Merged.as_str());
    assert!(
        matches!(
            ideas::page(&d, source.id, Some(&anna)).await,
            Err(Error::Merged { into }) if into == target.id
        ),
        "the duplicate's page is the idea it joined now"
    );
}

#[tokio::test]
async fn a_merged_duplicate_s_discussion_stays_readable_on_the_idea_it_joined() {
    let Duplicates {
        d,
        anna,
        boris,
        mira,
        target,
        source,
        ..
    } = duplicates().await;
    let kept = comments::add(&d, &anna, source.id, None, "Поставьте их в тени")
        .await
        .unwrap();
    let reply = comments::add(
        &d,
        &boris,
        source.id,
        Some(kept.id),
        "Согласен, у воды жарко",
    )
    .await
    .unwrap();
    let rude = comments::add(&d, &anna, source.id, None, "Грубый комментарий")
        .await
        .unwrap();
    moderation::review_comment(&d, &mira, rude.id, Some("Оскорбления запрещены правилами."))
        .await
        .unwrap();
    let merge = moderation::merge(&d, &mira, source.id, target.id, "Дубликат идеи")
        .await
        .unwrap();
    let page = ideas::page(&d, target.id, None).await.unwrap();
    assert_eq!(page.merged.len(), 1);
    assert_eq!(
        (page.merged[0].idea_id, page.merged[0].title.as_str()),
        (source.id, "Лавочки возле пруда")
    );
    let shown: Vec<i64> = page.merged[0].comments.iter().map(|c| c.id).collect();
    assert_eq!(shown, vec![kept.id, reply.id], "not the hidden one");
    assert!(
        page.comments.is_empty(),
        "the idea's own comments stay its own"
    );
    moderation::undo_merge(&d, &mira, merge).await.unwrap();
    let page = ideas::page(&d, target.id, None).await.unwrap();
    assert!(
        page.merged.is_empty(),
        "undone: the discussion is the duplicate's again"
    );
}

#[tokio::test]
async fn undoing_a_merge_restores_both_ideas_exactly() {
    let Duplicates {
        d,
        project,
        boris,
        mira,
        target,
        source,
        ..
    } = duplicates().await;
    let before = (counts(&d, target.id).await, counts(&d, source.id).await);
    let merge = moderation::merge(&d, &mira, source.id, target.id, "Дубликат идеи")
        .await
        .unwrap();
    let queue = moderation::queue(&d).await.unwrap();
    assert_eq!(
        (
            queue.merges[0].source_title.as_str(),
            queue.merges[0].target_title.as_str()
        ),
        ("Лавочки возле пруда", "Скамейки у пруда"),
        "the queue lists the merge to undo"
    );
    moderation::undo_merge(&d, &mira, merge).await.unwrap();
    let queue = moderation::queue(&d).await.unwrap();
    assert!(queue.merges.is_empty());
    assert!(
        queue.ideas.iter().any(|i| i.card.id == source.id),
        "no moderator had reviewed the duplicate: it is back in the queue"
    );
    let told = notifications::list(&d, &boris).await.unwrap();
    assert_eq!(told[0].kind, moderation::MERGE_UNDONE, "its author is told");
    assert_eq!(told[0].about.idea_id, source.id);
    let steps = ideas::page(&d, source.id, Some(&boris))
        .await
        .unwrap()
        .timeline;
    let last = steps.last().unwrap();
    assert_eq!(
        (last.status.as_str(), last.reason.as_deref()),
        (moderation::MERGE_UNDONE, None),
        "the timeline names the undoing, with no English note as its reason"
    );
    let slug = domain::entities::project::Entity::find_by_id(project)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap()
        .slug;
    let trail = audit::of_project(&d, &slug).await.unwrap().decisions;
    let readable: Vec<(&str, Option<i64>, &str)> = trail
        .iter()
        .map(|x| (x.kind.as_str(), x.into_idea, x.reason.as_str()))
        .collect();
    assert_eq!(
        readable,
        vec![
            ("idea_merged", Some(target.id), "Дубликат идеи"),
            (moderation::MERGE_UNDONE, Some(target.id), ""),
        ],
        "the trail names the idea as a link, not as `#36 ↛ #32`"
    );
    let after = (counts(&d, target.id).await, counts(&d, source.id).await);
    assert_eq!(
        after, before,
        "both ideas and their votes exactly as before"
    );
    let page = ideas::page(&d, target.id, None).await.unwrap();
    assert!(page.coauthors.is_empty());
    assert_eq!(
        codes(moderation::undo_merge(&d, &mira, merge).await.unwrap_err()),
        vec![("form", "already_moderated")]
    );
    assert!(matches!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        Verdict::Intact(2)
    ));
}

#[tokio::test]
async fn an_undone_merge_names_the_other_idea_by_title_only_while_it_is_public() {
    let Duplicates {
        d,
        boris,
        mira,
        target,
        source,
        ..
    } = duplicates().await;
    let merge = moderation::merge(&d, &mira, source.id, target.id, "Дубликат идеи")
        .await
        .unwrap();
    moderation::take_down_idea(&d, &mira, target.id, "Реклама под видом идеи")
        .await
        .unwrap();
    moderation::undo_merge(&d, &mira, merge).await.unwrap();
    let told = notifications::list(&d, &boris).await.unwrap();
    assert_eq!(told[0].kind, moderation::MERGE_UNDONE);
    assert_eq!(
        told[0].about.text.as_deref(),
        Some(format!("#{}", target.id).as_str()),
        "the taken-down idea's title is not repeated to anyone"
    );
}

#[tokio::test]
async fn merge_candidates_are_the_most_similar_ideas_or_the_one_named() {
    let (d, _) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let duplicate = post(&d, &anna, "parks", "Скамейки у пруда").await;
    let original = post(&d, &anna, "parks", "Новые скамейки у пруда в парке").await;
    let fountain = post(&d, &anna, "parks", "Фонтан на площади").await;
    let ids = |cards: Vec<IdeaCard>| cards.into_iter().map(|c| c.id).collect::<Vec<_>>();

    let similar = ids(moderation::merge_candidates(&d, duplicate.id, "")
        .await
        .unwrap());
    assert_eq!(similar.first(), Some(&original.id));
    assert!(!similar.contains(&duplicate.id), "never itself");
    let searched = ids(moderation::merge_candidates(&d, duplicate.id, "фонтаны")
        .await
        .unwrap());
    assert_eq!(searched.first(), Some(&fountain.id));
    let named = format!("#{}", fountain.id);
    assert_eq!(
        ids(moderation::merge_candidates(&d, duplicate.id, &named)
            .await
            .unwrap()),
        vec![fountain.id]
    );
    let itself = duplicate.id.to_string();
    assert!(
        moderation::merge_candidates(&d, duplicate.id, &itself)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn an_obvious_duplicate_finds_its_original_with_an_empty_search_box() {
    let (d, _) = domain().await;
    open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let original = post_text(
        &d,
        &anna,
        "parks",
        "Скамейки вокруг пруда",
        "Поставить скамейки вокруг пруда в центральном парке.",
    )
    .await;
    for (title, body) in [
        (
            "Фонтан на площади",
            "Построить фонтан на главной площади района.",
        ),
        (
            "Велодорожка вдоль реки",
            "Проложить велодорожку вдоль всей набережной.",
        ),
        ("Освещение аллей", "Добавить фонари на тёмных аллеях парка."),
    ] {
        post_text(&d, &anna, "parks", title, body).await;
    }
    // The same idea in other words, with words of its own that no other idea uses.
    let duplicate = post_text(
        &d,
        &boris,
        "parks",
        "Скамейки у пруда",
        "Поставить скамейки вокруг пруда: пожилым соседям негде присесть, мамам с колясками тоже.",
    )
    .await;
    let found: Vec<i64> = moderation::merge_candidates(&d, duplicate.id, "")
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(found.first(), Some(&original.id), "{found:?}");
    assert!(!found.contains(&duplicate.id));
}
