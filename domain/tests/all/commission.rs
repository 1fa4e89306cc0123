//! The expert commission: blind scoring enforced by the server, conflicts of interest, the agreement
//! measure, the shortlist and the final vote with reasons; on SQLite, or PostgreSQL with
//! `CROWD_TEST_PG_URL`.

use domain::auth::{Role, User};
use domain::commission::{self, Dashboard};
use domain::entities::project;
use domain::ideas::{self, NewIdea};
use domain::staff::{self, MemberInput};
use domain::testing::{codes, domain, open_project, post, user};
use domain::{Domain, Error, audit, notifications, projects};
use sea_orm::EntityTrait;
use wire::FinalVerdict::{Reject, Select};
use wire::{Change, ChangeKind, IdeaCard, IdeaStatus};

async fn expert_member(d: &Domain, staffer: &User, project: i64, name: &str) -> User {
    let expert = user(d, name, Role::Expert).await;
    let member = MemberInput {
        name_ru: format!("{name} (ru)"),
        name_en: name.into(),
        position_ru: "Член комиссии".into(),
        position_en: "Commission member".into(),
        expert_email: format!("{name}@example.org"),
    };
    staff::add_member(d, staffer, project, &member)
        .await
        .unwrap();
    expert
}

fn judged(board: &Dashboard, id: i64) -> &commission::Judged {
    board.ideas.iter().find(|j| j.card.id == id).unwrap()
}

#[tokio::test]
async fn scores_are_blind_until_one_scores_and_outsiders_are_refused() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let olga = user(&d, "olga", Role::Staff).await;
    let a = expert_member(&d, &olga, project, "alla").await;
    let b = expert_member(&d, &olga, project, "boris").await;
    let outsider = user(&d, "zoya", Role::Expert).await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let first = post(&d, &anna, "parks", "Скамейки у пруда").await;

    commission::score(&d, &a, first.id, &[5, 4, 5], "Полезно жителям")
        .await
        .unwrap();
    // Boris has not scored: he sees nothing of Alla's scores.
    let board = commission::dashboard(&d, &b, "parks", Default::default())
        .await
        .unwrap();
    let j = judged(&board, first.id);
    assert!(j.all.is_none() && j.means.is_none() && j.mine.is_none());
    assert_eq!(
        board.progress.iter().map(|p| p.scored).collect::<Vec<_>>(),
        vec![1, 0]
    );
    assert_eq!(
        board
            .progress
            .iter()
            .map(|p| (p.expert.ru.as_str(), p.expert.en.as_str()))
            .collect::<Vec<_>>(),
        vec![("alla (ru)", "alla"), ("boris (ru)", "boris")],
        "members by the names the project gives them, in both languages (not their accounts')"
    );
    commission::score(&d, &b, first.id, &[4, 4, 3], "")
        .await
        .unwrap();
    let board = commission::dashboard(&d, &b, "parks", Default::default())
        .await
        .unwrap();
    let j = judged(&board, first.id);
    let all = j.all.as_ref().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(j.means.as_ref().unwrap()[0], 4.5);
    assert_eq!(j.spread.clone().unwrap(), vec![1, 0, 2]);
    assert!(j.agreement.is_some() && board.alpha.is_some());

    // Out of range, and not on this commission.
    assert_eq!(
        codes(
            commission::score(&d, &a, first.id, &[6, 0, 3], "")
                .await
                .unwrap_err()
        ),
        vec![("scores", "score_range")]
    );
    assert!(matches!(
        commission::score(&d, &outsider, first.id, &[3, 3, 3], "").await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        commission::dashboard(&d, &outsider, "parks", Default::default()).await,
        Err(Error::Forbidden)
    ));
}

fn keys(list: &[commission::Criterion]) -> Vec<String> {
    list.iter().map(|c| c.key.clone()).collect()
}

fn pair(ru: &str, en: &str) -> (String, String) {
    (ru.to_owned(), en.to_owned())
}

#[tokio::test]
async fn criteria_default_to_three_and_staff_s_own_are_checked() {
    let (d, _) = domain().await;
    let (project, olga, experts, _) = commission_of(&d, &["alla"]).await;
    // The default three until staff set others.
    let board = commission::dashboard(&d, &experts[0], "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(
        keys(&board.criteria),
        ["relevance", "feasibility", "impact"]
    );
    let blank = pair(" ", "");
    // Nothing, too many, a title too short or missing in one language: refused, nothing stored.
    for (titles, code) in [
        (vec![blank.clone()], "criteria_count"),
        (vec![pair("Цена", "Cost"); 9], "criteria_count"),
        (vec![pair("Ц", "Cost")], "too_short"),
        (vec![pair("Цена", "")], "required"),
    ] {
        let error = commission::set_criteria(&d, &olga, project, &titles)
            .await
            .unwrap_err();
        assert_eq!(codes(error), vec![("criteria", code)], "{titles:?}");
    }
}

#[tokio::test]
async fn a_project_scores_on_its_own_criteria_fixed_once_scoring_starts() {
    let (d, _) = domain().await;
    let (project, olga, experts, anna) = commission_of(&d, &["alla", "boris"]).await;
    let (a, b) = (&experts[0], &experts[1]);
    let first = post(&d, &anna, "parks", "Скамейки у пруда").await;
    let blank = pair(" ", "");
    let saved = commission::set_criteria(
        &d,
        &olga,
        project,
        &[
            pair("Стоимость", "Cost"),
            blank,
            pair("Доступность для маломобильных", "Accessibility"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(keys(&saved), ["c1", "c2"]);
    assert_eq!(saved[1].title.en, "Accessibility");
    let history = staff::workspace(&d, project).await.unwrap().revisions;
    assert_eq!(
        history[0].changes,
        [Change::new(
            ChangeKind::CriteriaSet,
            ["Стоимость, Доступность для маломобильных"]
        )]
    );

    // Scores follow the project's criteria: two now, not three.
    assert_eq!(
        codes(
            commission::score(&d, a, first.id, &[4, 4, 4], "")
                .await
                .unwrap_err()
        ),
        vec![("scores", "score_range")]
    );
    commission::score(&d, a, first.id, &[5, 2], "")
        .await
        .unwrap();
    commission::score(&d, b, first.id, &[3, 4], "")
        .await
        .unwrap();
    let board = commission::dashboard(&d, a, "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(board.criteria.len(), 2);
    let j = judged(&board, first.id);
    assert_eq!(j.mine.as_ref().unwrap().scores, vec![5, 2]);
    assert_eq!(j.means.clone().unwrap(), vec![4.0, 3.0]);
    assert_eq!(
        board.progress.iter().map(|p| p.scored).collect::<Vec<_>>(),
        vec![1, 1]
    );

    // Once anyone has scored, the criteria stay.
    assert_eq!(
        codes(
            commission::set_criteria(&d, &olga, project, &[pair("Стоимость", "Cost")])
                .await
                .unwrap_err()
        ),
        vec![("criteria", "criteria_locked")]
    );
    assert_eq!(
        keys(&commission::criteria(&d.db, project).await.unwrap()),
        ["c1", "c2"]
    );
}

#[tokio::test]
async fn staff_set_the_votes_that_select_until_the_vote_starts() {
    let (d, _) = domain().await;
    let project = open_project(&d, "parks").await;
    let olga = user(&d, "olga", Role::Staff).await;
    let a = expert_member(&d, &olga, project, "alla").await;
    expert_member(&d, &olga, project, "boris").await;
    expert_member(&d, &olga, project, "vera").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let good = post(&d, &anna, "parks", "Скамейки у пруда").await;
    let board = commission::dashboard(&d, &a, "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(judged(&board, good.id).needed, 2, "a majority of three");
    for bad in [0, 51] {
        assert_eq!(
            codes(
                commission::set_quorum(&d, &olga, project, Some(bad))
                    .await
                    .unwrap_err()
            ),
            vec![("quorum", "quorum_range")]
        );
    }
    commission::set_quorum(&d, &olga, project, Some(1))
        .await
        .unwrap();
    let board = commission::dashboard(&d, &a, "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(judged(&board, good.id).needed, 1);
    commission::shortlist(&d, &a, good.id, "Высокие оценки")
        .await
        .unwrap();
    let decided = commission::vote(&d, &a, good.id, Select, "Нужно городу")
        .await
        .unwrap();
    assert_eq!(
        decided,
        Some(IdeaStatus::Selected),
        "one vote is enough now"
    );
    // The public trail names commission members.
    let trail = audit::of_project(&d, "parks").await.unwrap().decisions;
    let named: Vec<(&str, Option<&str>)> = trail
        .iter()
        .map(|e| (e.kind.as_str(), e.by_name.as_deref()))
        .collect();
    assert_eq!(
        named,
        [
            ("idea_shortlisted", Some("alla")),
            ("idea_selected", Some("alla"))
        ]
    );
    assert_eq!(
        codes(
            commission::set_quorum(&d, &olga, project, None)
                .await
                .unwrap_err()
        ),
        vec![("quorum", "quorum_locked")]
    );
}

/// Alla, Boris and Vera on the commission of "parks", and Anna's two ideas, "good" and "weak".
async fn three_experts_two_ideas(d: &Domain) -> (i64, [User; 3], User, IdeaCard, IdeaCard) {
    let (project, _, experts, anna) = commission_of(d, &["alla", "boris", "vera"]).await;
    let good = post(d, &anna, "parks", "Скамейки у пруда").await;
    let weak = post(d, &anna, "parks", "Фонтан на крыше").await;
    let [a, b, c]: [User; 3] = experts.try_into().unwrap();
    (project, [a, b, c], anna, good, weak)
}

#[tokio::test]
async fn a_member_who_stepped_aside_cannot_score_and_only_shortlisted_ideas_are_voted_on() {
    let (d, _) = domain().await;
    let (_, [a, _, c], _, good, _) = three_experts_two_ideas(&d).await;
    // Vera knows the author: she steps aside from the first idea.
    commission::declare_conflict(&d, &c, good.id, "Автор — мой родственник")
        .await
        .unwrap();
    assert_eq!(
        codes(
            commission::score(&d, &c, good.id, &[3, 3, 3], "")
                .await
                .unwrap_err()
        ),
        vec![("form", "conflicted")]
    );
    assert_eq!(
        codes(
            commission::vote(&d, &a, good.id, Select, "Нужно городу")
                .await
                .unwrap_err()
        ),
        vec![("form", "not_shortlisted")]
    );
    assert_eq!(
        codes(
            commission::shortlist(&d, &a, good.id, "")
                .await
                .unwrap_err()
        ),
        vec![("reason", "required")]
    );
}

#[tokio::test]
async fn the_commission_shortlists_and_selects_by_majority_with_reasons() {
    let (d, _) = domain().await;
    let (project, [a, b, c], anna, good, weak) = three_experts_two_ideas(&d).await;
    commission::declare_conflict(&d, &c, good.id, "Автор — мой родственник")
        .await
        .unwrap();
    commission::shortlist(&d, &a, good.id, "Высокие оценки всех экспертов")
        .await
        .unwrap();
    commission::shortlist(&d, &b, weak.id, "Стоит обсудить на заседании")
        .await
        .unwrap();
    let board = commission::dashboard(&d, &a, "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(judged(&board, good.id).needed, 2, "two may vote on it");
    assert_eq!(judged(&board, weak.id).needed, 2, "majority of three");

    assert_eq!(
        commission::vote(&d, &a, good.id, Select, "Нужно городу")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        codes(
            commission::vote(&d, &a, good.id, Reject, "Передумала")
                .await
                .unwrap_err()
        ),
        vec![("form", "already_voted")]
    );
    assert_eq!(
        commission::vote(&d, &b, good.id, Select, "Недорого и полезно")
            .await
            .unwrap(),
        Some(IdeaStatus::Selected)
    );
    assert_eq!(
        commission::vote(&d, &a, weak.id, Reject, "Технически невозможно")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        commission::vote(&d, &c, weak.id, Reject, "Слишком дорого")
            .await
            .unwrap(),
        Some(IdeaStatus::NotSelected)
    );

    let page = ideas::page(&d, good.id, None).await.unwrap();
    let steps: Vec<&str> = page.timeline.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(
        steps,
        vec!["submitted", "published", "shortlisted", "selected"]
    );
    assert_eq!(
        page.timeline.last().unwrap().reason.as_deref(),
        Some("Нужно городу / Недорого и полезно")
    );
    let p = project::Entity::find_by_id(project)
        .one(&d.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.selected_count, 1);
    let told: Vec<String> = notifications::list(&d, &anna)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(
        told,
        vec!["not_selected", "selected", "shortlisted", "shortlisted"],
        "newest first"
    );
    assert_eq!(
        codes(
            commission::score(&d, &b, good.id, &[4, 4, 4], "")
                .await
                .unwrap_err()
        ),
        vec![("form", "already_decided")],
        "a decided idea is not scored any more"
    );
    assert!(matches!(
        audit::verify(&d, &|_| {}).await.unwrap(),
        audit::Verdict::Intact(4)
    ));
}

#[tokio::test]
async fn the_dashboard_shows_one_direction_a_page_at_a_time() {
    let (d, clock) = domain().await;
    let project = open_project(&d, "parks").await;
    let olga = user(&d, "olga", Role::Staff).await;
    let a = expert_member(&d, &olga, project, "alla").await;
    let anna = user(&d, "anna", Role::Resident).await;
    projects::join(&d, &anna, "parks").await.unwrap();
    let mut posted = Vec::new();
    for n in 0..=commission::BOARD_PAGE {
        if n % 5 == 0 {
            // Past the hourly limit on ideas.
            clock.advance(chrono::Duration::minutes(61));
        }
        posted.push(
            post(&d, &anna, "parks", &format!("Идея номер {n}"))
                .await
                .id,
        );
    }
    let other = projects::detail(&d, "parks", None)
        .await
        .unwrap()
        .directions[1]
        .id;
    let elsewhere = NewIdea {
        project_slug: "parks".into(),
        direction_id: Some(other),
        title: "Автобус до парка".into(),
        body: "Текст идеи достаточной длины для комиссии.".into(),
    };
    clock.advance(chrono::Duration::minutes(61));
    let bus = ideas::submit(&d, &anna, &elsewhere).await.unwrap();
    commission::score(&d, &a, bus.id, &[4, 4, 4], "")
        .await
        .unwrap();

    let ids = |board: &Dashboard| board.ideas.iter().map(|j| j.card.id).collect::<Vec<_>>();
    let first = commission::dashboard(&d, &a, "parks", Default::default())
        .await
        .unwrap();
    let tabs: Vec<u32> = first.directions.iter().map(|tab| tab.ideas).collect();
    assert_eq!(tabs, vec![31, 1]);
    let newest: Vec<i64> = posted.iter().rev().take(30).copied().collect();
    assert_eq!(ids(&first), newest, "the first direction, newest first");
    assert_eq!(first.next, Some(posted[1]));
    // Progress counts every public idea, not the page's.
    assert_eq!((first.progress[0].scored, first.progress[0].total), (1, 32));
    let second = commission::dashboard(
        &d,
        &a,
        "parks",
        commission::BoardPage {
            direction: None,
            before: first.next,
        },
    )
    .await
    .unwrap();
    assert_eq!((ids(&second), second.next), (vec![posted[0]], None));
    let tab = commission::BoardPage {
        direction: Some(other),
        before: None,
    };
    let board = commission::dashboard(&d, &a, "parks", tab).await.unwrap();
    assert_eq!(ids(&board), vec![bus.id]);
    assert_eq!(board.direction, Some(other));
    assert!(board.ideas[0].mine.is_some());
}

/// A project "parks" whose commission seats the experts `names` (staffed by Olga), and Anna, a resident
/// who joined it: the project's id, the staffer, the experts in order, and Anna.
async fn commission_of(d: &Domain, names: &[&str]) -> (i64, User, Vec<User>, User) {
    let project = open_project(d, "parks").await;
    let olga = user(d, "olga", Role::Staff).await;
    let mut experts = Vec::new();
    for name in names {
        experts.push(expert_member(d, &olga, project, name).await);
    }
    let anna = user(d, "anna", Role::Resident).await;
    projects::join(d, &anna, "parks").await.unwrap();
    (project, olga, experts, anna)
}

#[tokio::test]
async fn a_score_is_final_once_colleagues_scores_are_shown_to_its_author() {
    let (d, _) = domain().await;
    let (_, _, experts, anna) = commission_of(&d, &["alla", "boris"]).await;
    let (a, b) = (&experts[0], &experts[1]);
    let first = post(&d, &anna, "parks", "Скамейки у пруда").await;

    // Alla fixes a slip while nobody else has scored: nothing was shown to her yet.
    commission::score(&d, a, first.id, &[1, 1, 1], "")
        .await
        .unwrap();
    commission::score(&d, a, first.id, &[4, 4, 4], "")
        .await
        .unwrap();
    // Boris places a score, sees Alla's, and tries to move his towards hers.
    commission::score(&d, b, first.id, &[2, 2, 2], "")
        .await
        .unwrap();
    let board = commission::dashboard(&d, b, "parks", Default::default())
        .await
        .unwrap();
    assert!(judged(&board, first.id).all.is_some(), "revealed to Boris");
    for expert in [b, a] {
        assert_eq!(
            codes(
                commission::score(&d, expert, first.id, &[4, 4, 4], "")
                    .await
                    .unwrap_err()
            ),
            vec![("scores", "score_final")]
        );
    }
    let board = commission::dashboard(&d, a, "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(
        judged(&board, first.id).mine.as_ref().unwrap().scores,
        vec![4, 4, 4]
    );
}

#[tokio::test]
async fn a_member_who_steps_aside_sees_no_scores_and_agreement_counts_only_ones_own_ideas() {
    let (d, _) = domain().await;
    let (_, _, experts, anna) = commission_of(&d, &["alla", "boris", "vera"]).await;
    let (a, b, c) = (&experts[0], &experts[1], &experts[2]);
    let first = post(&d, &anna, "parks", "Скамейки у пруда").await;
    let second = post(&d, &anna, "parks", "Фонтан у школы").await;
    for (idea_id, scores) in [(first.id, [5, 4, 5]), (second.id, [2, 3, 1])] {
        commission::score(&d, a, idea_id, &scores, "")
            .await
            .unwrap();
        commission::score(&d, b, idea_id, &scores, "")
            .await
            .unwrap();
    }
    commission::declare_conflict(&d, c, first.id, "Автор — мой сосед")
        .await
        .unwrap();
    let board = commission::dashboard(&d, c, "parks", Default::default())
        .await
        .unwrap();
    let j = judged(&board, first.id);
    assert!(j.conflicted);
    assert!(j.all.is_none() && j.means.is_none() && j.agreement.is_none());
    assert_eq!(
        board.alpha, None,
        "Vera has scored nothing: no agreement to show her"
    );
    let board = commission::dashboard(&d, a, "parks", Default::default())
        .await
        .unwrap();
    assert!(board.alpha.is_some());
}

#[tokio::test]
async fn progress_and_agreement_cover_every_idea_of_the_project_not_only_the_page_shown() {
    let (d, clock) = domain().await;
    let (_, _, experts, anna) = commission_of(&d, &["alla", "boris", "vera"]).await;
    let (a, b, c) = (&experts[0], &experts[1], &experts[2]);
    // Per idea, the values each criterion got: Alla and Boris score all 31, Vera two and steps aside once.
    let mut given: Vec<[Vec<f64>; 3]> = Vec::new();
    let mut ids = Vec::new();
    for n in 0..=commission::BOARD_PAGE {
        if n % 5 == 0 {
            // Past the hourly limit on ideas.
            clock.advance(chrono::Duration::minutes(61));
        }
        let idea = post(&d, &anna, "parks", &format!("Идея номер {n}")).await;
        ids.push(idea.id);
        let step = i16::try_from(n % 5).unwrap();
        let mut values: [Vec<f64>; 3] = Default::default();
        let mut scorers = vec![
            (a, [1 + step, 3, 5 - step]),
            (b, [1 + (step + 1) % 5, 3, 5 - step]),
        ];
        if n < 2 {
            scorers.push((c, [3, 2, 1]));
        }
        for (expert, scores) in scorers {
            commission::score(&d, expert, idea.id, &scores, "")
                .await
                .unwrap();
            for (k, v) in scores.iter().enumerate() {
                values[k].push(f64::from(*v));
            }
        }
        if n == 2 {
            commission::declare_conflict(&d, c, idea.id, "Автор — мой сосед")
                .await
                .unwrap();
        }
        given.push(values);
    }
    let board = commission::dashboard(&d, a, "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(board.ideas.len(), 30, "one page");
    let progress: Vec<(u32, u32)> = board.progress.iter().map(|p| (p.scored, p.total)).collect();
    assert_eq!(progress, vec![(31, 31), (31, 31), (2, 30)]);
    let units: Vec<Vec<f64>> = given.iter().flatten().cloned().collect();
    let expected = commission::krippendorff_alpha(&units).unwrap();
    assert!(
        (board.alpha.unwrap() - expected).abs() < 1e-9,
        "{:?} vs {expected}",
        board.alpha
    );
    // Vera's agreement is over the two ideas she scored.
    let hers = commission::dashboard(&d, c, "parks", Default::default())
        .await
        .unwrap();
    let units: Vec<Vec<f64>> = given[..2].iter().flatten().cloned().collect();
    let expected = commission::krippendorff_alpha(&units).unwrap();
    assert!((hers.alpha.unwrap() - expected).abs() < 1e-9);
    // The totals are kept between pages, and a new score or conflict shows at once.
    commission::score(&d, c, ids[3], &[5, 5, 5], "")
        .await
        .unwrap();
    commission::declare_conflict(&d, c, ids[4], "Автор — мой коллега")
        .await
        .unwrap();
    let board = commission::dashboard(&d, a, "parks", Default::default())
        .await
        .unwrap();
    assert_eq!(board.progress[2].scored, 3);
    assert_eq!(board.progress[2].total, 29);
}

#[tokio::test]
async fn an_expert_sits_once_on_a_commission_which_is_fixed_once_voting_starts() {
    let (d, _) = domain().await;
    let (project, olga, experts, anna) = commission_of(&d, &["alla"]).await;
    let a = &experts[0];
    let again = MemberInput {
        name_ru: "Алла снова".into(),
        name_en: "Alla again".into(),
        position_ru: "Член комиссии".into(),
        position_en: "Commission member".into(),
        expert_email: "alla@example.org".into(),
    };
    assert_eq!(
        codes(
            staff::add_member(&d, &olga, project, &again)
                .await
                .unwrap_err()
        ),
        vec![("expert_email", "already_member")]
    );
    let good = post(&d, &anna, "parks", "Скамейки у пруда").await;
    commission::shortlist(&d, a, good.id, "Высокие оценки экспертов")
        .await
        .unwrap();
    commission::vote(&d, a, good.id, Select, "Нужно городу")
        .await
        .unwrap();
    user(&d, "boris", Role::Expert).await;
    let late = MemberInput {
        expert_email: "boris@example.org".into(),
        ..again
    };
    assert_eq!(
        codes(
            staff::add_member(&d, &olga, project, &late)
                .await
                .unwrap_err()
        ),
        vec![("form", "commission_locked")]
    );
}
