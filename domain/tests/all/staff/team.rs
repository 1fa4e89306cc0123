//! A project's directions and commission: directions with ideas retired rather than deleted, members
//! linked to expert accounts only, edited in place, with photos.

use super::*;

#[tokio::test]
async fn directions_with_ideas_are_retired_not_deleted() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = ready_draft(&d, &olga, "clean-air", -1, 10).await;
    staff::add_direction(&d, &olga, id, "Зелень", "Greenery")
        .await
        .unwrap();
    staff::set_publication(&d, &olga, id, Publication::PublishNow)
        .await
        .unwrap();
    let directions = staff::workspace(&d, id).await.unwrap().directions;
    staff::move_in_order(&d, &olga, Movable::Direction(directions[1].id), true)
        .await
        .unwrap();
    let order: Vec<String> = staff::workspace(&d, id)
        .await
        .unwrap()
        .directions
        .into_iter()
        .map(|x| x.title.en)
        .collect();
    assert_eq!(order, vec!["Greenery", "Transport"]);

    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "clean-air").await.unwrap();
    let new = domain::ideas::NewIdea {
        project_slug: "clean-air".into(),
        direction_id: Some(directions[0].id),
        title: "Электробусы".into(),
        body: "Заменить дизельные автобусы на электробусы.".into(),
    };
    domain::ideas::submit(&d, &anna, &new).await.unwrap();
    assert_eq!(
        codes(
            staff::delete_direction(&d, &olga, directions[0].id)
                .await
                .unwrap_err()
        ),
        vec![("direction", "has_ideas")]
    );
    staff::set_direction_retired(&d, &olga, directions[0].id, true)
        .await
        .unwrap();
    let public = projects::detail(&d, "clean-air", None).await.unwrap();
    assert_eq!(
        public.directions.len(),
        1,
        "a retired direction leaves the public page"
    );
    staff::delete_direction(&d, &olga, directions[1].id)
        .await
        .unwrap();
    assert_eq!(staff::workspace(&d, id).await.unwrap().directions.len(), 1);
}

#[tokio::test]
async fn commission_members_link_to_expert_accounts_only() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = staff::create_project(&d, &olga, &texts("clean-air"))
        .await
        .unwrap();
    user(&d, "pavel", Role::Expert).await;
    user(&d, "anna", Role::Resident).await;
    let member = |email: &str| MemberInput {
        name_ru: "Павел Смирнов".into(),
        name_en: "Pavel Smirnov".into(),
        position_ru: "Главный эколог".into(),
        position_en: "Chief ecologist".into(),
        expert_email: email.into(),
    };
    assert_eq!(
        codes(
            staff::add_member(&d, &olga, id, &member("anna@example.org"))
                .await
                .unwrap_err()
        ),
        vec![("expert_email", "not_expert")]
    );
    assert_eq!(
        codes(
            staff::add_member(&d, &olga, id, &member("nobody@example.org"))
                .await
                .unwrap_err()
        ),
        vec![("expert_email", "unknown")]
    );
    staff::add_member(&d, &olga, id, &member("Pavel@example.org"))
        .await
        .unwrap();
    let second = MemberInput {
        name_ru: "Анна Орлова".into(),
        name_en: "Anna Orlova".into(),
        ..member("")
    };
    staff::add_member(&d, &olga, id, &second).await.unwrap();
    let ws = staff::workspace(&d, id).await.unwrap();
    assert!(ws.commission[0].expert_email.is_some() && ws.commission[1].expert_email.is_none());
    staff::move_in_order(&d, &olga, Movable::Member(ws.commission[1].id), true)
        .await
        .unwrap();
    staff::move_in_order(&d, &olga, Movable::Member(ws.commission[1].id), true)
        .await
        .unwrap();
    let ws = staff::workspace(&d, id).await.unwrap();
    let names: Vec<&str> = ws.commission.iter().map(|m| m.name.en.as_str()).collect();
    assert_eq!(
        names,
        vec!["Anna Orlova", "Pavel Smirnov"],
        "moved up once; the top stays the top"
    );
    staff::remove_member(&d, &olga, ws.commission[1].id)
        .await
        .unwrap();
    assert_eq!(staff::workspace(&d, id).await.unwrap().commission.len(), 1);
}

#[tokio::test]
async fn members_are_edited_in_place_and_get_photos() {
    let (d, _) = domain().await;
    let olga = staffer(&d).await;
    let id = staff::create_project(&d, &olga, &texts("clean-air"))
        .await
        .unwrap();
    user(&d, "pavel", Role::Expert).await;
    let member = MemberInput {
        name_ru: "Павел Смирнов".into(),
        name_en: "Pavel Smirnov".into(),
        position_ru: "Главный эколог".into(),
        position_en: "Chief ecologist".into(),
        expert_email: String::new(),
    };
    staff::add_member(&d, &olga, id, &member).await.unwrap();
    let member_id = staff::workspace(&d, id).await.unwrap().commission[0].id;
    let promoted = MemberInput {
        position_en: "Minister of ecology".into(),
        expert_email: "pavel@example.org".into(),
        ..member.clone()
    };
    staff::update_member(&d, &olga, member_id, &promoted)
        .await
        .unwrap();
    let ws = staff::workspace(&d, id).await.unwrap();
    let row = &ws.commission[0];
    assert_eq!(row.position.en, "Minister of ecology");
    assert_eq!(row.expert_email.as_deref(), Some("pavel@example.org"));
    let changes = &ws.revisions[0].changes;
    assert!(changes.contains(&Change::new(
        ChangeKind::MemberChanged,
        [
            "Павел Смирнов",
            "position_en",
            "Chief ecologist",
            "Minister of ecology"
        ]
    )));
    assert_eq!(
        changes.last().map(|c| (c.kind, c.arg(0))),
        Some((ChangeKind::MemberLinked, "Павел Смирнов"))
    );

    let empty_name = MemberInput {
        name_en: " ".into(),
        ..member.clone()
    };
    assert_eq!(
        codes(
            staff::update_member(&d, &olga, member_id, &empty_name)
                .await
                .unwrap_err()
        ),
        vec![("name_en", "required")]
    );
    assert!(matches!(
        staff::update_member(&d, &olga, 9999, &member).await,
        Err(Error::NotFound)
    ));

    let dir = scratch_dir();
    let fake = staff::set_member_photo(&d, &olga, member_id, b"<svg/>".to_vec(), &dir).await;
    assert_eq!(codes(fake.unwrap_err()), vec![("photo", "not_image")]);
    let mut png = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image::RgbImage::new(900, 900))
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
    let project = staff::set_member_photo(&d, &olga, member_id, png.into_inner(), &dir)
        .await
        .unwrap();
    assert_eq!(project, id);
    let page = staff::preview(&d, id).await.unwrap();
    let path = page.commission[0].photo.clone().unwrap();
    assert!(path.starts_with("/uploads/photos/member-"));
    let stored = dir.join(path.trim_start_matches('/'));
    let picture = image::open(stored).unwrap();
    assert_eq!(picture.width(), 400, "resized once on upload");
    staff::remove_member_photo(&d, &olga, member_id)
        .await
        .unwrap();
    assert!(
        staff::preview(&d, id).await.unwrap().commission[0]
            .photo
            .is_none()
    );
}
