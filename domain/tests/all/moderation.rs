//! Moderation and the decision trail: the queue, publishing and rejecting with reasons, races between
//! moderators, hiding comments, corrections, and the hash chain catching an altered row; on SQLite, or
//! PostgreSQL with `CROWD_TEST_PG_URL`.

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
