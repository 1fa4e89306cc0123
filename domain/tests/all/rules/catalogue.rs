//! What the public sees of the projects: a scheduled project appearing at its time, events resuming
//! after an id, the catalogue's filters, the home page's totals, and the demo data.

use super::*;

#[tokio::test]
async fn a_scheduled_project_appears_by_itself_at_its_time() {
    let (d, clock) = domain().await;
    let id = open_project(&d, "parks").await;
    let at = clock.now() + Duration::hours(3);
    let mut row: project::ActiveModel = project::Entity::find_by_id(id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.state = sea_orm::Set("scheduled".into());
    row.publish_at = sea_orm::Set(Some(at));
    sea_orm::ActiveModelTrait::update(row, &d.db).await.unwrap();
    assert!(projects::list_public(&d).await.unwrap().is_empty());
    assert!(matches!(
        projects::detail(&d, "parks", None).await,
        Err(Error::NotFound)
    ));
    clock.set(at);
    assert_eq!(projects::list_public(&d).await.unwrap().len(), 1);
}

#[tokio::test]
async fn events_resume_after_an_id() {
    let (d, _) = domain().await;
    let project_id = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = first_direction(&d, "parks").await;
    for i in 0..3 {
        ideas::submit(
            &d,
            &anna,
            &new_idea("parks", direction, &format!("Событие {i}")),
        )
        .await
        .unwrap();
    }
    let all = domain::events::since(&d.db, Some(project_id), 0, 100)
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    let rest = domain::events::since(&d.db, Some(project_id), all[0].id, 100)
        .await
        .unwrap();
    assert_eq!(rest, all[1..].to_vec());
    assert_eq!(
        domain::events::last_id(&d.db, Some(project_id))
            .await
            .unwrap(),
        all[2].id
    );
}

#[tokio::test]
async fn demo_data_loads_once_and_totals_come_from_rows() {
    let (d, _) = domain().await;
    assert!(domain::seed::demo(&d, &|_| {}).await.unwrap());
    assert!(
        !domain::seed::demo(&d, &|_| {}).await.unwrap(),
        "a second load changes nothing"
    );
    let totals = projects::totals(&d).await.unwrap();
    let list = projects::list_public(&d).await.unwrap();
    assert_eq!(totals.projects, list.len() as u64);
    assert_eq!(totals.projects, 15);
    assert_eq!(totals.ideas, idea_count(&d).await);
    let selected = idea::Entity::find()
        .filter(idea::Column::Status.eq("selected"))
        .count(&d.db)
        .await
        .unwrap();
    assert_eq!(totals.selected, selected);
    assert!(totals.selected > 0 && totals.participants == 8);
    let culture = projects::detail(&d, "culture-online", None).await.unwrap();
    assert_eq!(culture.commission.len(), 4);
    assert_eq!(culture.commission[0].name.en, "Alexander Kibovsky");
    let services = projects::detail(&d, "moscow-e-services-2", None)
        .await
        .unwrap();
    assert_eq!(services.directions.len(), 3);
    let open = list
        .iter()
        .filter(|p| p.phase == projects::Phase::Active)
        .count();
    assert_eq!(
        open, 2,
        "two projects are open when the demo data is loaded: ideas in one, the residents' vote in the other"
    );
}

#[tokio::test]
async fn the_catalogue_filters_by_phase_year_and_title_words() {
    let (d, _) = domain().await;
    domain::seed::demo(&d, &|_| {}).await.unwrap();
    let find = |phase: Option<projects::Phase>, year: Option<i32>, query: &str| {
        let filter = projects::CatalogueFilter {
            phase,
            year,
            query: query.into(),
        };
        let d = d.clone();
        async move {
            let list = projects::catalogue(&d, &filter).await.unwrap().projects;
            list.into_iter().map(|p| p.slug).collect::<Vec<_>>()
        }
    };
    assert_eq!(find(None, None, "культура").await, vec!["culture-online"]);
    assert_eq!(
        find(None, None, "CULTURE online").await,
        vec!["culture-online"]
    );
    assert_eq!(
        find(None, Some(2020), "").await,
        vec!["culture-online", "moscow-e-services-2"]
    );
    assert_eq!(
        find(Some(projects::Phase::Active), None, "").await,
        vec!["city-by-the-water", "park-next-door"]
    );
    assert_eq!(
        find(Some(projects::Phase::Upcoming), None, "").await,
        vec!["library-of-the-future"]
    );
    assert!(
        find(Some(projects::Phase::Active), Some(2014), "")
            .await
            .is_empty()
    );
    assert!(
        find(None, None, "'; DROP TABLE projects; --")
            .await
            .is_empty()
    );
    let years = projects::catalogue(&d, &projects::CatalogueFilter::default())
        .await
        .unwrap()
        .years;
    assert_eq!(years.first(), Some(&2026));
    assert!(years.contains(&2014) && years.contains(&2020));
}

#[tokio::test]
async fn home_totals_count_only_what_the_public_sees() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let direction = projects::detail(&d, "parks", None)
        .await
        .unwrap()
        .directions[0]
        .id;
    ideas::submit(&d, &anna, &new_idea("parks", direction, "Скамейки у пруда"))
        .await
        .unwrap();
    let gone = ideas::submit(&d, &anna, &new_idea("parks", direction, "Фонтан у школы"))
        .await
        .unwrap();
    ideas::withdraw(&d, &anna, gone.id).await.unwrap();
    let olga = user(&d, "olga", Role::Staff).await;
    domain::staff::set_premoderation(&d, &olga, project, true)
        .await
        .unwrap();
    ideas::submit(
        &d,
        &anna,
        &new_idea("parks", direction, "Идея ждёт модератора"),
    )
    .await
    .unwrap();
    assert_eq!(idea_count(&d).await, 3, "three stored");
    assert_eq!(projects::totals(&d).await.unwrap().ideas, 1, "one public");
}

#[tokio::test]
async fn every_demo_idea_carries_its_fate_its_scores_and_the_trail_verifies() {
    let (d, _) = domain().await;
    domain::seed::demo(&d, &|_| {}).await.unwrap();
    let selected = idea::Entity::find()
        .filter(idea::Column::Status.eq("selected"))
        .all(&d.db)
        .await
        .unwrap();
    assert!(!selected.is_empty());
    for x in &selected {
        let page = ideas::page(&d, x.id, None).await.unwrap();
        let steps: Vec<(&str, bool)> = page
            .timeline
            .iter()
            .map(|s| (s.status.as_str(), s.reason.is_some()))
            .collect();
        assert!(
            steps.ends_with(&[("shortlisted", true), ("selected", true)]),
            "#{}: {steps:?}",
            x.id
        );
        let scores = domain::entities::expert_score::Entity::find()
            .filter(domain::entities::expert_score::Column::IdeaId.eq(x.id))
            .all(&d.db)
            .await
            .unwrap();
        let criteria = domain::commission::criteria(&d.db, x.project_id)
            .await
            .unwrap();
        assert_eq!(
            scores.len(),
            3 * criteria.len(),
            "#{}: each of the three demo experts scored every criterion",
            x.id
        );
        assert!(scores.iter().all(|s| (4..=5).contains(&s.score)));
        assert!(scores.iter().any(|s| s.comment.is_some()));
    }
    let ideas = idea::Entity::find().all(&d.db).await.unwrap();
    for x in &ideas {
        let page = ideas::page(&d, x.id, None).await.unwrap();
        let published = page.timeline.iter().find(|s| s.status == "published");
        assert!(
            published.is_some_and(|s| s.decision.is_some()),
            "#{}: a moderator's publication, in the trail: {:?}",
            x.id,
            page.timeline
        );
    }
    assert_eq!(
        domain::audit::verify(&d, &|_| {}).await.unwrap(),
        domain::audit::Verdict::Intact((ideas.len() + 2 * selected.len()) as u64 + 16),
        "crowd verify-audit passes on the demo data: every publication, every selection and the sixteen \
         ideas shortlisted for the three votes"
    );
}
