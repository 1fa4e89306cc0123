//! Implementation tracking: records only for selected ideas and vote winners, every change in the trail
//! and in the followers' bells, followers who opt out or in, milestones reached once even when two staff
//! race, refused input that stores nothing, and the public lists that drop a taken-down idea; on SQLite,
//! or PostgreSQL with `CROWD_TEST_PG_URL`.

use chrono::Duration;
use domain::auth::{Role, User};
use domain::entities::{decision, implementation as record, milestone, notification};
use domain::implementation::{self as implementation, RecordInput};
use domain::testing::{self, SelectedFixture, codes, domain, resident, user};
use domain::{Domain, audit, notifications};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use wire::{BuiltFilter, ImplChange, ImplStatus, VoteRule, VoteRules};

fn input(department: &str, status: ImplStatus, percent: i32, reason: &str) -> RecordInput {
    RecordInput {
        department: department.into(),
        status,
        reason: reason.into(),
        percent,
    }
}

/// `staffer` saves the record of `idea` (department, status, percent, reason), which must be accepted.
async fn keep(d: &Domain, staffer: &User, idea: i64, record: (&str, ImplStatus, i32, &str)) {
    let (department, status, percent, reason) = record;
    let record = input(department, status, percent, reason);
    implementation::save(d, staffer, idea, &record)
        .await
        .unwrap();
}

/// The kinds of the trail's entries about idea `idea`, oldest first.
async fn trail_of(d: &Domain, idea: i64) -> Vec<String> {
    decision::Entity::find()
        .filter(decision::Column::IdeaId.eq(idea))
        .order_by_asc(decision::Column::Id)
        .all(&d.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

/// The kinds of `u`'s notices, oldest first.
async fn notices_of(d: &Domain, u: &User) -> Vec<String> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(u.id))
        .order_by_asc(notification::Column::Id)
        .all(&d.db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

async fn selected() -> (Domain, SelectedFixture) {
    let (d, _clock) = domain().await;
    let f = testing::selected_idea(&d).await;
    (d, f)
}

#[tokio::test]
async fn each_change_of_a_record_is_in_the_trail_and_reaches_the_author_and_supporters() {
    let (d, f) = selected().await;
    let before = notices_of(&d, &f.author).await.len();
    let dept = "Департамент ЖКХ";
    keep(&d, &f.staffer, f.idea, (dept, ImplStatus::Planned, 0, "")).await;
    keep(
        &d,
        &f.staffer,
        f.idea,
        (dept, ImplStatus::InProgress, 40, ""),
    )
    .await;
    // Saving the same again changes nothing and tells nobody.
    keep(
        &d,
        &f.staffer,
        f.idea,
        (dept, ImplStatus::InProgress, 40, ""),
    )
    .await;
    keep(
        &d,
        &f.staffer,
        f.idea,
        (dept, ImplStatus::InProgress, 60, ""),
    )
    .await;
    let due = "2030-05-01";
    implementation::add_milestone(&d, &f.staffer, f.idea, "Проект благоустройства", due)
        .await
        .unwrap();
    let scratch = testing::scratch_dir();
    implementation::report(
        &d,
        &f.staffer,
        f.idea,
        "Подрядчик выбран, работы начнутся весной.",
        Vec::new(),
        &scratch,
    )
    .await
    .unwrap();

    let expected = [
        ImplChange::Planned,
        ImplChange::InProgress,
        ImplChange::Updated,
        ImplChange::MilestoneAdded,
        ImplChange::Reported,
    ]
    .map(|c| c.as_str().to_owned());
    let trail = trail_of(&d, f.idea).await;
    assert_eq!(trail[trail.len() - 5..], expected);
    assert_eq!(notices_of(&d, &f.author).await[before..], expected);
    assert_eq!(notices_of(&d, &f.supporter).await, expected);
    assert!(
        notices_of(&d, &f.staffer).await.is_empty(),
        "the staff member is not told of their own change"
    );
    assert!(matches!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        audit::Verdict::Intact(_)
    ));

    let r = implementation::record(&d.db, f.idea)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (r.status, r.percent, r.department.as_str()),
        (ImplStatus::InProgress, 60, dept)
    );
    assert_eq!(r.milestones[0].title, "Проект благоустройства");
    assert_eq!(r.reports.len(), 1);
    let part = implementation::for_idea(&d, f.idea, Some(&f.supporter))
        .await
        .unwrap();
    assert_eq!(part.record, Some(r));
    assert_eq!((part.following, part.followers), (Some(true), 2));
}

#[tokio::test]
async fn an_idea_page_carries_its_implementation_part_only_when_selected() {
    let (d, f) = selected().await;
    let page = domain::ideas::page(&d, f.idea, Some(&f.supporter))
        .await
        .unwrap();
    let part = page.implementation.expect("a selected idea shows its part");
    assert_eq!(part.record, None, "before staff open a record");
    assert_eq!((part.following, part.followers), (Some(true), 2));
    let other = domain::ideas::page(&d, f.other, None).await.unwrap();
    assert_eq!(other.implementation, None);
}

#[tokio::test]
async fn followers_get_each_change_by_e_mail_with_its_link() {
    let (d, _clock, outbox) = testing::with_outbox().await;
    let f = testing::selected_idea(&d).await;
    keep(
        &d,
        &f.staffer,
        f.idea,
        ("Мосгорпарк", ImplStatus::Planned, 0, ""),
    )
    .await;
    implementation::add_milestone(&d, &f.staffer, f.idea, "Установка скамеек", "2030-06-01")
        .await
        .unwrap();
    // The e-mails go out in a task of their own once the change is committed.
    let mut mail = None;
    for _ in 0..100 {
        mail = testing::mails_to(&outbox, "vera@example.org")
            .into_iter()
            .find(|m| m.contains("Установка скамеек"));
        if mail.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mail = mail.expect("the supporter's e-mail about the milestone");
    assert!(
        mail.contains(&format!("/ideas/{}#implementation", f.idea)),
        "{mail}"
    );
    assert!(mail.contains("Этап"), "{mail}");
    assert!(testing::mails_to(&outbox, "olga@example.org").is_empty());
}

#[tokio::test]
async fn done_means_a_hundred_percent_and_a_cancellation_needs_its_reason() {
    let (d, f) = selected().await;
    let dept = "Мосгорпарк";
    let refused = implementation::save(
        &d,
        &f.staffer,
        f.idea,
        &input(dept, ImplStatus::Cancelled, 0, ""),
    )
    .await
    .unwrap_err();
    assert_eq!(codes(refused), vec![("reason", "required")]);
    keep(&d, &f.staffer, f.idea, (dept, ImplStatus::Done, 10, "")).await;
    let r = implementation::record(&d.db, f.idea)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((r.status, r.percent), (ImplStatus::Done, 100));
    keep(
        &d,
        &f.staffer,
        f.idea,
        (
            dept,
            ImplStatus::Cancelled,
            100,
            "Участок передан под школу",
        ),
    )
    .await;
    let r = implementation::record(&d.db, f.idea)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.reason.as_deref(), Some("Участок передан под школу"));
    let last = notification::Entity::find()
        .filter(notification::Column::UserId.eq(f.author.id))
        .order_by_desc(notification::Column::Id)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(last.kind, ImplChange::Cancelled.as_str());
    assert!(last.payload.contains("Участок передан под школу"));
}

#[tokio::test]
async fn only_selected_ideas_and_vote_winners_may_have_a_record() {
    let (d, f) = selected().await;
    let refused = implementation::save(
        &d,
        &f.staffer,
        f.other,
        &input("Мосгорпарк", ImplStatus::Planned, 0, ""),
    )
    .await
    .unwrap_err();
    assert_eq!(codes(refused), vec![("form", "not_eligible")]);

    // A vote: the first idea wins, the others were not chosen by anyone.
    let (d, clock) = domain().await;
    let rules = VoteRules {
        rule: VoteRule::Approval,
        max_choices: 1,
        results_live: false,
    };
    let v = testing::vote_running(&d, &clock, rules).await;
    let anna = resident(&d, "anna", "parks").await;
    domain::vote::save(&d, &anna, "parks", &[v.ideas[0]], true)
        .await
        .unwrap();
    let early = input("Мосгорпарк", ImplStatus::Planned, 0, "");
    let refused = implementation::save(&d, &v.staffer, v.ideas[0], &early)
        .await
        .unwrap_err();
    assert_eq!(
        codes(refused),
        vec![("form", "not_eligible")],
        "not before the vote ends"
    );
    clock.advance(Duration::days(7));
    let planned = ("Мосгорпарк", ImplStatus::Planned, 0, "");
    keep(&d, &v.staffer, v.ideas[0], planned).await;
    let refused = implementation::save(&d, &v.staffer, v.ideas[1], &early)
        .await
        .unwrap_err();
    assert_eq!(codes(refused), vec![("form", "not_eligible")]);
    let listed = domain::staff::workspace(&d, v.project)
        .await
        .unwrap()
        .implementations;
    assert_eq!(
        listed
            .iter()
            .map(|r| (r.idea_id, r.status))
            .collect::<Vec<_>>(),
        vec![(v.ideas[0], Some(ImplStatus::Planned))]
    );
}

#[tokio::test]
async fn bad_input_gets_a_message_by_its_field_and_stores_nothing() {
    let (d, f) = selected().await;
    let bad = implementation::save(
        &d,
        &f.staffer,
        f.idea,
        &input("<b>ЖКХ</b>", ImplStatus::InProgress, 101, ""),
    )
    .await
    .unwrap_err();
    assert_eq!(
        codes(bad),
        vec![("department", "markup"), ("percent", "out_of_range")]
    );
    assert_eq!(
        codes(domain::implementation::parse_percent("сорок").unwrap_err()),
        vec![("percent", "not_a_number")]
    );
    let early = implementation::add_milestone(&d, &f.staffer, f.idea, "Проект", "2030-01-01")
        .await
        .unwrap_err();
    assert_eq!(codes(early), vec![("form", "no_record")]);
    keep(&d, &f.staffer, f.idea, ("ЖКХ", ImplStatus::Planned, 0, "")).await;
    let bad = implementation::add_milestone(&d, &f.staffer, f.idea, "", "01.05.2030")
        .await
        .unwrap_err();
    assert_eq!(
        codes(bad),
        vec![("title", "required"), ("due", "not_a_date")]
    );
    let scratch = testing::scratch_dir();
    let bad = implementation::report(&d, &f.staffer, f.idea, "коротко", Vec::new(), &scratch)
        .await
        .unwrap_err();
    assert_eq!(codes(bad), vec![("body", "too_short")]);
    let bad = implementation::report(
        &d,
        &f.staffer,
        f.idea,
        "Отчёт с фотографией, которая не фотография.",
        b"<svg onload=alert(1)>".to_vec(),
        &scratch,
    )
    .await
    .unwrap_err();
    assert_eq!(codes(bad), vec![("photo", "not_image")]);
    assert_eq!(milestone::Entity::find().count(&d.db).await.unwrap(), 0);
    assert_eq!(
        trail_of(&d, f.idea).await.last().map(String::as_str),
        Some(ImplChange::Planned.as_str()),
        "nothing refused reached the trail"
    );
}

#[tokio::test]
async fn followers_are_the_author_and_supporters_unless_they_opt_out_and_anyone_who_opts_in() {
    let (d, f) = selected().await;
    let nina = user(&d, "nina", Role::Resident).await;
    assert!(
        implementation::set_follow(&d, &nina, f.idea, true)
            .await
            .unwrap()
    );
    assert!(
        !implementation::set_follow(&d, &f.supporter, f.idea, false)
            .await
            .unwrap()
    );
    keep(&d, &f.staffer, f.idea, ("ЖКХ", ImplStatus::Planned, 0, "")).await;
    let planned = vec![ImplChange::Planned.as_str().to_owned()];
    assert_eq!(notices_of(&d, &nina).await, planned);
    assert!(notices_of(&d, &f.supporter).await.is_empty());
    let part = implementation::for_idea(&d, f.idea, Some(&f.supporter))
        .await
        .unwrap();
    assert_eq!((part.following, part.followers), (Some(false), 2));
    assert!(notifications::unread(&d.db, f.author.id).await.unwrap() > 0);
    // A visitor reads the record but cannot follow.
    let visitor = implementation::for_idea(&d, f.idea, None).await.unwrap();
    assert_eq!(visitor.following, None);
}

#[tokio::test]
async fn a_milestone_is_reached_once_even_when_two_staff_mark_it_at_once() {
    let (d, f) = selected().await;
    let boris = user(&d, "boris", Role::Staff).await;
    keep(
        &d,
        &f.staffer,
        f.idea,
        ("ЖКХ", ImplStatus::InProgress, 10, ""),
    )
    .await;
    let id = implementation::add_milestone(&d, &f.staffer, f.idea, "Закупка", "2030-03-01")
        .await
        .unwrap();
    let future = implementation::reach_milestone(&d, &f.staffer, id, "2099-01-01")
        .await
        .unwrap_err();
    assert_eq!(codes(future), vec![("on", "in_future")]);
    let (a, b) = tokio::join!(
        implementation::reach_milestone(&d, &f.staffer, id, ""),
        implementation::reach_milestone(&d, &boris, id, ""),
    );
    let outcomes = [a.is_ok(), b.is_ok()];
    assert_eq!(outcomes.iter().filter(|ok| **ok).count(), 1, "{a:?} {b:?}");
    let reached = trail_of(&d, f.idea)
        .await
        .into_iter()
        .filter(|k| k == ImplChange::MilestoneReached.as_str())
        .count();
    assert_eq!(reached, 1);
    let r = implementation::record(&d.db, f.idea)
        .await
        .unwrap()
        .unwrap();
    assert!(r.milestones[0].reached_at.is_some());
}

#[tokio::test]
async fn the_lists_count_by_status_filter_page_and_drop_an_idea_a_moderator_took_down() {
    let (d, f) = selected().await;
    keep(&d, &f.staffer, f.idea, ("ЖКХ", ImplStatus::Done, 100, "")).await;
    // Two more ideas the commission selects.
    let mut more = Vec::new();
    for title in ["Фонари в сквере", "Велодорожка вдоль реки"] {
        let id = testing::post(&d, &f.author, "parks", title).await.id;
        domain::commission::shortlist(&d, &f.expert, id, "Полезно жителям")
            .await
            .unwrap();
        domain::commission::vote(
            &d,
            &f.expert,
            id,
            wire::FinalVerdict::Select,
            "Нужно городу",
        )
        .await
        .unwrap();
        more.push(id);
    }
    keep(
        &d,
        &f.staffer,
        more[0],
        ("ЖКХ", ImplStatus::InProgress, 30, ""),
    )
    .await;
    keep(
        &d,
        &f.staffer,
        more[1],
        ("Транспорт", ImplStatus::Planned, 0, ""),
    )
    .await;

    let all = BuiltFilter::default();
    let first = implementation::built_page(&d, &all, None, 2).await.unwrap();
    assert_eq!(
        (
            first.counts.planned,
            first.counts.in_progress,
            first.counts.done
        ),
        (1, 1, 1)
    );
    assert_eq!(
        first.rows.iter().map(|r| r.idea_id).collect::<Vec<_>>(),
        vec![more[1], more[0]]
    );
    let second = implementation::built_page(&d, &all, first.next, 2)
        .await
        .unwrap();
    assert_eq!(
        second.rows.iter().map(|r| r.idea_id).collect::<Vec<_>>(),
        vec![f.idea]
    );
    assert_eq!(second.next, None);
    assert_eq!(
        first.departments,
        vec!["ЖКХ".to_owned(), "Транспорт".to_owned()]
    );

    let only = BuiltFilter {
        status: Some(ImplStatus::InProgress),
        project: Some("parks".into()),
        department: Some("ЖКХ".into()),
    };
    let page = implementation::built(&d, &only, None).await.unwrap();
    assert_eq!(
        page.rows.iter().map(|r| r.idea_id).collect::<Vec<_>>(),
        vec![more[0]]
    );
    assert_eq!(
        (page.counts.done, page.counts.planned),
        (1, 0),
        "counts ignore the status filter"
    );
    let nowhere = BuiltFilter {
        project: Some("no-such-project".into()),
        ..BuiltFilter::default()
    };
    assert!(matches!(
        implementation::built(&d, &nowhere, None).await,
        Err(domain::Error::NotFound)
    ));

    // A moderator takes one down: it leaves the lists and its page, and it cannot be followed.
    let moderator = user(&d, "mila", Role::Moderator).await;
    domain::moderation::take_down_idea(&d, &moderator, more[0], "Персональные данные в тексте")
        .await
        .unwrap();
    let after = implementation::built(&d, &all, None).await.unwrap();
    assert!(after.rows.iter().all(|r| r.idea_id != more[0]));
    assert_eq!(after.counts.in_progress, 0);
    assert!(matches!(
        implementation::for_idea(&d, more[0], None).await,
        Err(domain::Error::NotFound)
    ));
    assert!(matches!(
        implementation::set_follow(&d, &f.supporter, more[0], true).await,
        Err(domain::Error::NotFound)
    ));
    assert_eq!(record::Entity::find().count(&d.db).await.unwrap(), 3);
}

#[tokio::test]
async fn the_demo_keeps_records_done_with_photos_and_its_trail_verifies() {
    let (d, _) = domain().await;
    domain::seed::demo(&d, &|_| {}).await.unwrap();
    let dir = testing::scratch_dir();
    let kept = domain::seed::built::load(&d, &dir, &|_| {}).await.unwrap();
    assert_eq!(kept, 5);
    let page = implementation::built(&d, &BuiltFilter::default(), None)
        .await
        .unwrap();
    let c = page.counts;
    assert_eq!(
        (c.planned, c.in_progress, c.done, c.cancelled),
        (1, 1, 2, 1)
    );
    let budget = BuiltFilter {
        project: Some("district-budget".into()),
        ..BuiltFilter::default()
    };
    let winners = implementation::built(&d, &budget, None).await.unwrap();
    assert_eq!(winners.rows.len(), 1, "a winner of the finished vote");
    let mut photos = 0;
    for row in &page.rows {
        let r = implementation::record(&d.db, row.idea_id)
            .await
            .unwrap()
            .unwrap();
        for photo in r.reports.iter().filter_map(|p| p.photo.as_deref()) {
            let file = dir.join(photo.trim_start_matches('/'));
            assert!(file.is_file(), "{photo} stored under the data folder");
            photos += 1;
        }
    }
    assert_eq!(photos, 3);
    assert!(matches!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        audit::Verdict::Intact(_)
    ));
}
