//! Previews: links that expire and can be revoked, a scheduled publication announced once, unsaved
//! edits (texts, stages, directions, members) previewed without being stored.

use super::*;

#[tokio::test]
async fn preview_links_expire_and_can_be_revoked() {
    let (d, clock) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    assert_eq!(
        codes(
            staff::create_preview_link(&d, &olga, id, 0)
                .await
                .unwrap_err()
        ),
        vec![("hours", "hours_range")]
    );
    let (link, token) = staff::create_preview_link(&d, &olga, id, 24).await.unwrap();
    let preview = staff::preview_by_token(&d, &token).await.unwrap();
    assert_eq!(preview.card.title.en, "Clean air");
    assert!(!preview.public, "a draft's preview is not the public page");
    assert!(
        matches!(
            projects::detail(&d, "clean-air", None).await,
            Err(Error::NotFound)
        ),
        "still a draft"
    );

    let mut tampered = token.clone();
    tampered.replace_range(0..1, if token.starts_with('A') { "B" } else { "A" });
    assert!(matches!(
        staff::preview_by_token(&d, &tampered).await,
        Err(Error::NotFound)
    ));
    let listed = |links: &[wire::PreviewLinkRow]| {
        let row = links.iter().find(|l| l.id == link).unwrap();
        (row.expired, row.revoked)
    };
    assert_eq!(
        listed(&staff::workspace(&d, id).await.unwrap().links),
        (false, false)
    );
    clock.advance(Duration::hours(24));
    assert!(
        matches!(staff::preview_by_token(&d, &token).await, Err(Error::Gone)),
        "expired"
    );
    assert_eq!(
        listed(&staff::workspace(&d, id).await.unwrap().links),
        (true, false),
        "the editor's list marks it expired"
    );

    let (_, fresh) = staff::create_preview_link(&d, &olga, id, 1).await.unwrap();
    staff::preview_by_token(&d, &fresh).await.unwrap();
    let newest = staff::workspace(&d, id).await.unwrap().links[0].id;
    assert_ne!(newest, link);
    staff::revoke_preview_link(&d, &olga, newest).await.unwrap();
    assert!(
        matches!(staff::preview_by_token(&d, &fresh).await, Err(Error::Gone)),
        "revoked"
    );
}

#[tokio::test]
async fn a_scheduled_publication_is_announced_once_on_the_site_stream() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    let start = d.now();
    let at = start + Duration::hours(1);
    staff::set_publication(&d, &olga, id, Publication::Schedule(at))
        .await
        .unwrap();
    let half = start + Duration::minutes(30);
    assert!(
        projects::announce_publications(&d, start, half)
            .await
            .unwrap()
            .is_empty()
    );
    // Three instances look at the same moment (each with its own last look): one announces.
    let (a, b, c) = tokio::join!(
        projects::announce_publications(&d, half, at),
        projects::announce_publications(&d, start, at),
        projects::announce_publications(&d, half, at + Duration::seconds(1)),
    );
    let mut announced = [a.unwrap(), b.unwrap(), c.unwrap()].concat();
    assert_eq!(announced.len(), 1, "once, whichever instance claims it");
    assert_eq!(
        (announced[0].project_id, announced[0].kind.as_str()),
        (None, "catalogue_changed")
    );
    assert!(announced[0].payload.contains("clean-air"));
    assert!(
        projects::announce_publications(&d, at, at + Duration::hours(1))
            .await
            .unwrap()
            .is_empty()
    );
    let site = domain::events::since(&d.db, None, 0, 10).await.unwrap();
    assert_eq!(site, announced, "stored for browsers that reconnect");
    // Moved to a later instant, it is announced again then.
    let later = at + Duration::hours(2);
    staff::set_publication(&d, &olga, id, Publication::Schedule(later))
        .await
        .unwrap();
    announced = projects::announce_publications(&d, at, later)
        .await
        .unwrap();
    assert_eq!(announced.len(), 1, "the new instant is announced");
}

#[tokio::test]
async fn unsaved_changes_can_be_previewed_without_being_stored() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    let changed = ProjectInput {
        title_en: "Clean air, draft two".into(),
        ..texts("clean-air")
    };
    let preview = staff::preview_pending(&d, id, &Pending::Texts(changed))
        .await
        .unwrap();
    assert_eq!(preview.card.title.en, "Clean air, draft two");
    assert_eq!(
        preview.directions.len(),
        1,
        "the rest of the page is the real one"
    );
    let ws = staff::workspace(&d, id).await.unwrap();
    assert_eq!(ws.row.title.en, "Clean air", "nothing saved");
    assert_eq!(ws.revisions.len(), 3, "no history entry for a preview");
    let bad = ProjectInput {
        title_ru: "<i>x</i>".into(),
        ..texts("clean-air")
    };
    assert_eq!(
        codes(
            staff::preview_pending(&d, id, &Pending::Texts(bad))
                .await
                .unwrap_err()
        ),
        vec![("title_ru", "markup")]
    );
}

#[tokio::test]
async fn unsaved_stages_directions_and_members_can_be_previewed() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", 2, 10).await;
    let other = ready_draft(&d, &olga, "other", 2, 10).await;
    let ws = staff::workspace(&d, id).await.unwrap();
    let (ideas, transport) = (ws.stages[0].id, ws.directions[0].id);

    // A new stage and a moved one: the timeline, the current stage and the span follow.
    let review = Pending::Stage(None, stage(&d, "review", 12, 20));
    let page = staff::preview_pending(&d, id, &review).await.unwrap();
    let kinds: Vec<&str> = page.stages.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, vec!["ideas", "review"]);
    assert_eq!(page.card.ends_at, d.now() + Duration::days(20));
    let now_open = Pending::Stage(Some(ideas), stage(&d, "ideas", -1, 10));
    let page = staff::preview_pending(&d, id, &now_open).await.unwrap();
    assert!(page.ideas_open && page.stages[0].current);
    // The same checks as saving, with the same messages.
    let overlapping = Pending::Stage(None, stage(&d, "review", 5, 20));
    assert_eq!(
        codes(
            staff::preview_pending(&d, id, &overlapping)
                .await
                .unwrap_err()
        ),
        vec![("starts_at", "stage_overlap")]
    );

    let renamed = Pending::Direction(Some(transport), "Дороги".into(), "Roads".into());
    let page = staff::preview_pending(&d, id, &renamed).await.unwrap();
    assert_eq!(page.directions[0].title.en, "Roads");
    let added = Pending::Direction(None, "Парки".into(), "Parks".into());
    let page = staff::preview_pending(&d, id, &added).await.unwrap();
    let titles: Vec<&str> = page
        .directions
        .iter()
        .map(|x| x.title.en.as_str())
        .collect();
    assert_eq!(titles, vec!["Transport", "Parks"]);
    let foreign = Pending::Direction(Some(transport), "Дороги".into(), "Roads".into());
    assert!(matches!(
        staff::preview_pending(&d, other, &foreign).await,
        Err(Error::NotFound)
    ));
    let markup = Pending::Direction(None, "<b>x</b>".into(), "Parks".into());
    assert_eq!(
        codes(staff::preview_pending(&d, id, &markup).await.unwrap_err()),
        vec![("title_ru", "markup")]
    );

    let member = MemberInput {
        name_ru: "Павел Смирнов".into(),
        name_en: "Pavel Smirnov".into(),
        position_ru: "Главный эколог".into(),
        position_en: "Chief ecologist".into(),
        expert_email: String::new(),
    };
    let page = staff::preview_pending(&d, id, &Pending::Member(None, member.clone()))
        .await
        .unwrap();
    assert_eq!(page.commission[0].name.en, "Pavel Smirnov");

    let stored = staff::workspace(&d, id).await.unwrap();
    assert_eq!(stored.stages.len(), 1, "nothing saved");
    assert_eq!(stored.directions[0].title.en, "Transport");
    assert!(stored.commission.is_empty());
    assert_eq!(stored.revisions.len(), 3, "no history entry for a preview");
}
