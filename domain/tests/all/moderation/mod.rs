//! Moderation and the decision trail: the queue, publishing and rejecting with reasons, races between
//! moderators, hiding comments, corrections, bulk decisions, reason templates, and the hash chain
//! catching an altered row; merging duplicates in [`merging`], what a take-down removes in
//! [`takedowns`]; on SQLite, or PostgreSQL with `CROWD_TEST_PG_URL`.

use domain::audit::{self, Verdict};
use domain::auth::{Role, User};
use domain::entities::{decision, project};
use domain::ideas::{self, IdeaCard};
use domain::moderation::{self, Verdict as Decide};
use domain::testing::{codes, domain, open_project, post, post_text, resident, user};
use domain::{Domain, Error, comments, notifications, projects, reports};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use wire::IdeaStatus;

mod merging;
mod takedowns;

async fn premoderated(d: &Domain, slug: &'static str) -> i64 {
    let id = open_project(d, slug).await;
    project::Entity::update_many()
        .col_expr(project::Column::Premoderation, Expr::value(true))
        .filter(project::Column::Id.eq(id))
        .exec(&d.db)
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn premoderated_ideas_wait_in_the_queue_until_a_moderator_publishes_them() {
    let (d, _) = domain().await;
    let project = premoderated(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let idea = post(&d, &anna, "parks", "Скамейки у пруда").await;
    assert_eq!(idea.status, IdeaStatus::Submitted);
    assert!(
        ideas::feed(&d.db, project, None, 20)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let mut queue_pings = d.queue.subscribe();

    let queue = moderation::queue(&d).await.unwrap();
    assert_eq!(queue.ideas.len(), 1);
    assert_eq!(queue.ideas[0].card.title, "Скамейки у пруда");
    assert_eq!(
        queue.ideas[0].project_title,
        wire::Bilingual::new("Тестовый проект", "Test project"),
        "projects by title, as residents know them"
    );
    moderation::review_idea(&d, &mira, idea.id, &Decide::Publish)
        .await
        .unwrap();
    queue_pings.recv().await.unwrap();
    assert!(moderation::queue(&d).await.unwrap().ideas.is_empty());
    let feed = ideas::feed(&d.db, project, None, 20).await.unwrap();
    assert_eq!(feed.items[0].status, IdeaStatus::Published);
    let page = ideas::page(&d, idea.id, None).await.unwrap();
    let steps: Vec<&str> = page.timeline.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(steps, vec!["submitted", "published"]);
    let told = notifications::list(&d, &anna).await.unwrap();
    assert_eq!(told[0].kind, "published");
    // Already decided: the second decision loses.
    assert_eq!(
        codes(
            moderation::review_idea(&d, &mira, idea.id, &Decide::Publish)
                .await
                .unwrap_err()
        ),
        vec![("form", "already_moderated")]
    );
}

#[tokio::test]
async fn rejections_need_a_reason_which_the_author_is_told() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    // Published without waiting (no premoderation), then taken down.
    let idea = post(&d, &anna, "parks", "Реклама магазина").await;
    assert_eq!(
        codes(
            moderation::review_idea(&d, &mira, idea.id, &Decide::Reject(" ".into()))
                .await
                .unwrap_err()
        ),
        vec![("reason", "required")]
    );
    let why = "Это реклама, а не идея для города.";
    moderation::review_idea(&d, &mira, idea.id, &Decide::Reject(why.into()))
        .await
        .unwrap();
    assert!(
        ideas::feed(&d.db, project, None, 20)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let p = project::Entity::find_by_id(project)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.ideas_count, 0, "out of the counts");
    let told = notifications::list(&d, &anna).await.unwrap();
    assert_eq!(
        (told[0].kind.as_str(), told[0].about.text.as_deref()),
        ("rejected", Some(why))
    );
    let mine = ideas::mine(&d, &anna).await.unwrap();
    assert_eq!(
        (mine[0].card.status.as_str(), mine[0].reason.as_deref()),
        ("rejected", Some(why))
    );
    let page = ideas::page(&d, idea.id, Some(&anna)).await.unwrap();
    assert_eq!(page.timeline.last().unwrap().reason.as_deref(), Some(why));
    // The public trail names the moderator by role only.
    let trail = audit::of_project(&d, "parks").await.unwrap().decisions;
    let entry = trail.last().unwrap();
    assert_eq!(
        (entry.kind.as_str(), entry.reason.as_str()),
        ("idea_rejected", why)
    );
    assert_eq!(
        (entry.by_role, entry.by_name.as_deref()),
        (Role::Moderator, None)
    );
}

#[tokio::test]
async fn two_moderators_deciding_at_once_cannot_both_win() {
    let (d, _) = domain().await;
    premoderated(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let oleg = user(&d, "oleg", Role::Moderator).await;
    for n in 0..5 {
        let idea = post(&d, &anna, "parks", &format!("Идея номер {n}")).await;
        let reject = Decide::Reject("Повтор уже опубликованной идеи.".into());
        let (a, b) = tokio::join!(
            moderation::review_idea(&d, &mira, idea.id, &Decide::Publish),
            moderation::review_idea(&d, &oleg, idea.id, &reject),
        );
        assert!(a.is_ok() != b.is_ok(), "exactly one wins: {a:?} / {b:?}");
        let lost = if a.is_ok() { b } else { a };
        assert_eq!(
            codes(lost.unwrap_err()),
            vec![("form", "already_moderated")]
        );
    }
    let chain = decision::Entity::find().all(&d.db).await.unwrap();
    assert_eq!(chain.len(), 5, "one decision each");
    assert!(matches!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        Verdict::Intact(5)
    ));
}

/// A project with four ideas by Anna that moderator Mira published, and Boris who joined: the ideas' ids.
async fn four_published(d: &Domain) -> (User, User, User, Vec<i64>) {
    open_project(d, "parks").await;
    let anna = resident(d, "anna", "parks").await;
    let boris = resident(d, "boris", "parks").await;
    let mira = user(d, "mira", Role::Moderator).await;
    let mut ids = Vec::new();
    for n in 0..4 {
        let idea = post(d, &anna, "parks", &format!("Идея номер {n}")).await;
        moderation::review_idea(d, &mira, idea.id, &Decide::Publish)
            .await
            .unwrap();
        ids.push(idea.id);
    }
    (anna, boris, mira, ids)
}

#[tokio::test]
async fn hiding_a_reported_comment_answers_its_report_and_uncounts_it() {
    let (d, _) = domain().await;
    let (anna, boris, mira, ids) = four_published(&d).await;
    let comment = comments::add(&d, &boris, ids[0], None, "Грубый комментарий")
        .await
        .unwrap();
    let target = reports::Target::Comment(comment.id);
    reports::file(&d, &anna, target, "Оскорбления в комментарии")
        .await
        .unwrap();
    let queue = moderation::queue(&d).await.unwrap();
    assert_eq!((queue.comments.len(), queue.reports.len()), (1, 1));
    let why = Some("Оскорбления запрещены правилами.");
    moderation::review_comment(&d, &mira, comment.id, why)
        .await
        .unwrap();
    assert!(
        moderation::queue(&d).await.unwrap().reports.is_empty(),
        "hiding the comment answered its report"
    );
    let page = ideas::page(&d, ids[0], None).await.unwrap();
    assert!(page.comments.is_empty());
    assert_eq!(page.card.comment_count, 0);
}

#[tokio::test]
async fn a_moderators_correction_is_marked_on_the_idea() {
    let (d, _) = domain().await;
    let (_, _, mira, ids) = four_published(&d).await;
    let correction = moderation::IdeaCorrection {
        title: "Идея номер один".into(),
        body: "Исправленный текст идеи без опечаток.".into(),
        reason: "Исправлена опечатка в заголовке.".into(),
    };
    moderation::correct_idea(&d, &mira, ids[1], &correction)
        .await
        .unwrap();
    let corrected = ideas::page(&d, ids[1], None).await.unwrap();
    assert!(corrected.moderator_edited_at.is_some());
    assert_eq!(corrected.card.title, "Идея номер один");
    assert!(matches!(
        moderation::review_idea(&d, &mira, 999_999, &Decide::Publish).await,
        Err(Error::NotFound)
    ));
}

#[tokio::test]
async fn the_decision_chain_names_the_first_altered_entry() {
    let (d, _) = domain().await;
    four_published(&d).await;
    assert!(matches!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        Verdict::Intact(4)
    ));
    // Someone edits a reason in the database: the chain names that entry.
    let chain = decision::Entity::find().all(&d.db).await.unwrap();
    let third = chain[2].id;
    decision::Entity::update_many()
        .col_expr(decision::Column::Reason, Expr::value("подправлено"))
        .filter(decision::Column::Id.eq(third))
        .exec(&d.db)
        .await
        .unwrap();
    assert_eq!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        Verdict::Broken {
            id: third,
            why: "its content does not match its hash"
        }
    );
    // Removing an entry breaks the link of the next one.
    decision::Entity::delete_by_id(third)
        .exec(&d.db)
        .await
        .unwrap();
    assert_eq!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        Verdict::Broken {
            id: chain[3].id,
            why: "its link does not name the previous entry"
        }
    );
}

#[tokio::test]
async fn bulk_actions_decide_many_and_skip_what_another_moderator_decided_first() {
    let (d, _) = domain().await;
    premoderated(&d, "parks").await;
    let anna = resident(&d, "anna", "parks").await;
    let boris = resident(&d, "boris", "parks").await;
    let mira = user(&d, "mira", Role::Moderator).await;
    let lev = user(&d, "lev", Role::Moderator).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(
            post(&d, &anna, "parks", &format!("Идея номер {n}"))
                .await
                .id,
        );
    }
    // Lev publishes the second idea while Mira selects all three.
    moderation::review_idea(&d, &lev, ids[1], &Decide::Publish)
        .await
        .unwrap();
    // A bad reason, nothing selected, more than a page: refused before anything changes.
    let short = Decide::Reject("нет".into());
    assert_eq!(
        codes(
            moderation::review_ideas(&d, &mira, &ids, &short)
                .await
                .unwrap_err()
        ),
        vec![("reason", "too_short")]
    );
    assert_eq!(
        codes(
            moderation::review_ideas(&d, &mira, &[], &Decide::Publish)
                .await
                .unwrap_err()
        ),
        vec![("ids", "none_selected")]
    );
    let many: Vec<i64> = (1..=101).collect();
    assert_eq!(
        codes(
            moderation::review_ideas(&d, &mira, &many, &Decide::Publish)
                .await
                .unwrap_err()
        ),
        vec![("ids", "too_many_selected")]
    );
    assert_eq!(moderation::queue(&d).await.unwrap().ideas.len(), 2);

    let mut pings = d.queue.subscribe();
    let chosen = [ids[0], ids[1], ids[2], ids[2]];
    let bulk = moderation::review_ideas(&d, &mira, &chosen, &Decide::Publish)
        .await
        .unwrap();
    assert_eq!((bulk.done, bulk.skipped), (2, 1));
    pings.recv().await.unwrap();
    assert!(pings.try_recv().is_err(), "one ping for the whole batch");
    assert!(moderation::queue(&d).await.unwrap().ideas.is_empty());
    for id in &ids {
        let page = ideas::page(&d, *id, None).await.unwrap();
        assert_eq!(page.card.status, IdeaStatus::Published);
    }

    // Comments: two hidden at once, with one reason; the idea's count follows.
    let first = comments::add(&d, &boris, ids[0], None, "Реклама магазина")
        .await
        .unwrap();
    let second = comments::add(&d, &boris, ids[0], None, "Ещё реклама")
        .await
        .unwrap();
    let bulk = moderation::review_comments(
        &d,
        &mira,
        &[first.id, second.id],
        Some("Реклама запрещена правилами."),
    )
    .await
    .unwrap();
    assert_eq!((bulk.done, bulk.skipped), (2, 0));
    let page = ideas::page(&d, ids[0], None).await.unwrap();
    assert_eq!(page.card.comment_count, 0);
    assert!(moderation::queue(&d).await.unwrap().comments.is_empty());
    let trail = audit::verify(&d, &|_| {}).await.unwrap();
    assert_eq!(trail, Verdict::Intact(5));
}

#[tokio::test]
async fn reason_templates_are_added_changed_and_removed() {
    let (d, _) = domain().await;
    let text = |title_ru: &str| moderation::TemplateInput {
        title_ru: title_ru.into(),
        title_en: "Advertising".into(),
        text_ru: "Реклама не является идеей.".into(),
        text_en: "Advertising is not an idea.".into(),
    };
    let added = moderation::add_template(&d, &text("Реклама"))
        .await
        .unwrap();
    assert_eq!(
        codes(
            moderation::update_template(&d, added.id, &text("<b>x</b>"))
                .await
                .unwrap_err()
        ),
        vec![("title_ru", "markup")]
    );
    moderation::update_template(&d, added.id, &text("Реклама и спам"))
        .await
        .unwrap();
    let list = moderation::templates(&d).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title.ru, "Реклама и спам");
    assert_eq!(moderation::queue(&d).await.unwrap().templates, list);
    moderation::delete_template(&d, added.id).await.unwrap();
    assert!(moderation::templates(&d).await.unwrap().is_empty());
    assert!(matches!(
        moderation::delete_template(&d, added.id).await,
        Err(Error::NotFound)
    ));
}
