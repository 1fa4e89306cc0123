//! The demo's residents' votes: "Парк у дома", whose vote on the commission's shortlist runs now
//! (approval, two ideas per direction; five residents confirmed, one left a draft, Anna has not voted
//! yet), and "Бюджет района", whose budget vote ended a month ago with its winners. Ballots are
//! confirmed by the same function as a resident's, so their receipts and totals verify.

use super::*;
use crate::entities::{ballot, ballot_item, vote_rule};
use std::collections::BTreeSet;
use wire::{VoteRule, VoteRules};

/// How one demo vote goes: the rule, each direction's budget, each idea's cost (in the order of the
/// ideas), and the ballots of the residents after Anna (idea indexes; the last one a draft when `draft`).
struct Plan {
    slug: &'static str,
    rules: VoteRules,
    budgets: &'static [i64],
    costs: &'static [i64],
    ballots: &'static [&'static [usize]],
    draft: bool,
}

/// The project whose budget vote is over.
pub(super) const FINISHED: &str = "district-budget";

const PLANS: [Plan; 2] = [
    Plan {
        slug: "park-next-door",
        rules: VoteRules {
            rule: VoteRule::Approval,
            max_choices: 2,
            results_live: false,
        },
        budgets: &[],
        costs: &[],
        ballots: &[&[0, 1, 3], &[0, 2, 5], &[1, 3], &[0, 4, 5], &[2], &[0, 1]],
        draft: true,
    },
    Plan {
        slug: FINISHED,
        rules: VoteRules {
            rule: VoteRule::Budget,
            max_choices: 1,
            results_live: false,
        },
        budgets: &[10_000_000, 6_000_000],
        costs: &[
            6_500_000, 2_400_000, 3_000_000, 4_500_000, 5_000_000, 1_200_000,
        ],
        ballots: &[
            &[0, 2, 1, 5],
            &[0, 3, 5],
            &[2, 4, 1],
            &[0, 1, 5],
            &[2, 4, 3],
            &[0, 2, 3, 5],
            &[4, 1],
        ],
        draft: false,
    },
];

/// The project whose commission has made its shortlist and whose vote staff have yet to set up (no vote
/// stage, no rule, an empty ballot).
pub const PREPARING: &str = "quiet-streets";

/// The ideas of [`PREPARING`] its commission shortlisted (indexes in the order of the ideas).
const PREPARING_SHORTLIST: [usize; 4] = [0, 1, 2, 4];

/// The three demo projects of this part: two with a vote stage, one waiting for it (dates relative to
/// `today`).
pub(super) fn projects(today: DateTime<Utc>) -> Vec<(ProjectSpec, Ideas)> {
    let day = Duration::days(1);
    vec![
        (
            ProjectSpec {
                slug: PREPARING,
                title: ("Тихие улицы", "Quiet streets"),
                summary: (
                    "Комиссия составила шорт-лист идей о безопасных и тихих улицах. Скоро выбирать будут жители.",
                    "The commission has shortlisted ideas for safe and quiet streets. Residents will choose soon.",
                ),
                body: (
                    "Жители предложили, как сделать улицы района тише и безопаснее для пешеходов. Экспертная комиссия составила шорт-лист; голосование жителей откроется, когда его подготовят сотрудники.",
                    "Residents proposed how to make the district's streets quieter and safer for people on foot. The expert commission has made a shortlist; the residents' vote opens once staff have prepared it.",
                ),
                state: wire::ProjectState::Published,
                stages: vec![
                    ("ideas", today - day * 40, today - day * 25),
                    ("review", today - day * 25, today - day),
                ],
                directions: vec![("Пешеходы", "People on foot"), ("Тишина", "Quiet")],
                commission: vec![(
                    ("Ольга Зуева", "Olga Zueva"),
                    ("Глава управы района", "Head of the district council"),
                )],
            },
            &[
                (
                    "Приподнятые переходы у школ",
                    "Пешеходные переходы на уровне тротуара у трёх школ района, чтобы машины сбавляли скорость.",
                    false,
                ),
                (
                    "Шумозащитные экраны вдоль шоссе",
                    "Прозрачные экраны вдоль шоссе у жилых домов, где ночью шумят грузовики.",
                    false,
                ),
                (
                    "Широкие тротуары на Садовой",
                    "Расширить тротуары на Садовой улице за счёт лишней полосы парковки.",
                    false,
                ),
                (
                    "Живая изгородь вместо забора",
                    "Заменить бетонный забор у промзоны живой изгородью из кустарника.",
                    false,
                ),
                (
                    "Зона 30 в жилых кварталах",
                    "Ограничить скорость тридцатью километрами в час во дворах и на тихих улицах.",
                    false,
                ),
            ],
        ),
        (
            ProjectSpec {
                slug: "park-next-door",
                title: ("Парк у дома", "A park next door"),
                summary: (
                    "Комиссия отобрала идеи для дворов и скверов — теперь выбирают жители. Голосование открыто.",
                    "The commission shortlisted ideas for yards and squares; now residents choose. Voting is open.",
                ),
                body: (
                    "Жители предложили, как обустроить дворы и скверы района, экспертная комиссия составила шорт-лист. Проголосуйте: в каждом направлении можно выбрать до двух идей. Итоги откроются после окончания голосования.",
                    "Residents proposed how to improve the district's yards and squares, and an expert commission made a shortlist. Vote: you may choose up to two ideas in each direction. The totals are shown once voting ends.",
                ),
                state: wire::ProjectState::Published,
                stages: vec![
                    ("ideas", today - day * 30, today - day * 20),
                    ("review", today - day * 20, today - day * 2),
                    ("vote", today - day * 2, today + day * 5),
                    ("results", today + day * 5, today + day * 6),
                ],
                directions: vec![
                    ("Детские площадки", "Playgrounds"),
                    ("Дорожки и свет", "Paths and lighting"),
                ],
                commission: vec![(
                    ("Ольга Зуева", "Olga Zueva"),
                    ("Глава управы района", "Head of the district council"),
                )],
            },
            &[
                (
                    "Площадка для малышей у школы",
                    "Мягкое покрытие, песочница и качели для детей до пяти лет рядом со школой.",
                    false,
                ),
                (
                    "Освещённая тропа к метро",
                    "Фонари вдоль тропинки через сквер, по которой ходят к метро зимними вечерами.",
                    false,
                ),
                (
                    "Скалодром во дворе",
                    "Невысокая стенка для лазания с мягким покрытием для школьников.",
                    false,
                ),
                (
                    "Ровная дорожка вокруг пруда",
                    "Заменить разбитый асфальт вокруг пруда, чтобы гулять с колясками и на самокатах.",
                    false,
                ),
                (
                    "Теневой навес над песочницей",
                    "Навес от солнца над большой песочницей во дворе.",
                    false,
                ),
                (
                    "Подсветка спортивной площадки",
                    "Свет над спортплощадкой до десяти вечера, чтобы играть после работы и учёбы.",
                    false,
                ),
            ],
        ),
        (
            ProjectSpec {
                slug: "district-budget",
                title: ("Бюджет района", "District budget"),
                summary: (
                    "Жители распределили бюджет района между идеями из шорт-листа комиссии. Итоги голосования опубликованы.",
                    "Residents shared out the district's budget among the ideas the commission shortlisted. The voting results are published.",
                ),
                body: (
                    "Каждый житель выбирал идеи так, чтобы их стоимость укладывалась в бюджет направления. Победители определены по правилу жадного распределения: по убыванию голосов, пока хватает бюджета. Бюллетени без имён опубликованы для пересчёта.",
                    "Each resident chose ideas whose cost fits the direction's budget. The winners follow the greedy rule: by votes, most first, while the budget lasts. The ballots are published without names for a recount.",
                ),
                state: wire::ProjectState::Published,
                stages: vec![
                    ("ideas", today - day * 70, today - day * 60),
                    ("review", today - day * 60, today - day * 45),
                    ("vote", today - day * 45, today - day * 31),
                    ("results", today - day * 31, today - day * 30),
                ],
                directions: vec![
                    ("Благоустройство", "Public spaces"),
                    ("Досуг и спорт", "Leisure and sport"),
                ],
                commission: vec![(
                    ("Ольга Зуева", "Olga Zueva"),
                    ("Глава управы района", "Head of the district council"),
                )],
            },
            &[
                (
                    "Новый сквер на месте пустыря",
                    "Деревья, дорожки и скамейки на пустыре у рынка.",
                    false,
                ),
                (
                    "Уличные тренажёры у стадиона",
                    "Комплекс тренажёров и турников рядом со школьным стадионом.",
                    false,
                ),
                (
                    "Скамейки и урны на бульваре",
                    "Заменить сломанные скамейки и поставить урны через каждые пятьдесят метров.",
                    false,
                ),
                (
                    "Каток в парке зимой",
                    "Заливной каток с раздевалкой и прокатом коньков.",
                    false,
                ),
                (
                    "Велопарковки у станций",
                    "Крытые велопарковки у трёх станций метро района.",
                    false,
                ),
                (
                    "Настольный теннис во дворах",
                    "Всепогодные столы для настольного тенниса в пяти дворах.",
                    false,
                ),
            ],
        ),
    ]
}

/// Shortlists the demo vote projects' ideas, sets their rules, ballots and budgets, and casts the
/// residents' ballots (`residents[0]`, Anna, keeps hers for whoever tries the site).
pub(super) async fn load<C: ConnectionTrait>(
    conn: &C,
    residents: &[i64],
    experts: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(&expert) = experts.first() else {
        return Ok(());
    };
    shortlist_only(conn, expert).await?;
    for plan in &PLANS {
        let Some(p) = project::Entity::find()
            .filter(project::Column::Slug.eq(plan.slug))
            .one(conn)
            .await?
        else {
            continue;
        };
        let all = crate::projects::stages(conn, p.id).await?;
        let (Some(review), Some(vote)) = (
            all.iter().find(|s| s.kind == "review"),
            crate::vote::vote_stage(&all),
        ) else {
            continue;
        };
        vote_rule::ActiveModel {
            project_id: Set(p.id),
            rule: Set(plan.rules.rule.as_str().to_owned()),
            max_choices: Set(plan.rules.max_choices),
            results_live: Set(plan.rules.results_live),
        }
        .insert(conn)
        .await?;
        let dirs = direction::Entity::find()
            .filter(direction::Column::ProjectId.eq(p.id))
            .order_by_asc(direction::Column::Position)
            .all(conn)
            .await?;
        for (dir, budget) in dirs.into_iter().zip(plan.budgets) {
            let mut row = dir.into_active_model();
            row.vote_budget = Set(Some(*budget));
            row.update(conn).await?;
        }
        let ideas = idea::Entity::find()
            .filter(idea::Column::ProjectId.eq(p.id))
            .order_by_asc(idea::Column::Id)
            .all(conn)
            .await?;
        for (i, row) in ideas.iter().enumerate() {
            shortlist(conn, row, expert, review.ends_at).await?;
            ballot_item::ActiveModel {
                idea_id: Set(row.id),
                project_id: Set(p.id),
                direction_id: Set(row.direction_id),
                cost: Set(plan.costs.get(i).copied()),
            }
            .insert(conn)
            .await?;
        }
        for (n, choice) in plan.ballots.iter().enumerate() {
            let Some(&voter) = residents.get(n + 1) else {
                break;
            };
            let at = (vote.starts_at + Duration::hours(i64::try_from(n).unwrap_or(0) + 1)).min(now);
            let chosen: BTreeSet<i64> = choice
                .iter()
                .filter_map(|i| ideas.get(*i))
                .map(|x| x.id)
                .collect();
            let row = ballot::ActiveModel {
                project_id: Set(p.id),
                user_id: Set(voter),
                draft: Set(crate::vote::ids_text(&chosen)),
                draft_at: Set(Some(at)),
                ..Default::default()
            }
            .insert(conn)
            .await?;
            let last = n + 1 == plan.ballots.len();
            if !(plan.draft && last) {
                crate::vote::confirm_ballot(conn, row, &chosen, at).await?;
            }
        }
    }
    Ok(())
}

/// The commission's shortlist of [`PREPARING`], made by `expert` at the end of its review: each chosen
/// idea shortlisted with its reason in the trail; nothing of a vote yet.
async fn shortlist_only<C: ConnectionTrait>(conn: &C, expert: i64) -> Result<()> {
    let Some(p) = project::Entity::find()
        .filter(project::Column::Slug.eq(PREPARING))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let all = crate::projects::stages(conn, p.id).await?;
    let Some(review) = all.iter().find(|s| s.kind == "review") else {
        return Ok(());
    };
    let ideas = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(p.id))
        .order_by_asc(idea::Column::Id)
        .all(conn)
        .await?;
    for i in PREPARING_SHORTLIST {
        let Some(row) = ideas.get(i) else { continue };
        shortlist(conn, row, expert, review.ends_at).await?;
    }
    Ok(())
}

/// `expert` shortlists demo idea `row` at the end of its review (`end`), with the reason in the trail.
async fn shortlist<C: ConnectionTrait>(
    conn: &C,
    row: &idea::Model,
    expert: i64,
    end: DateTime<Utc>,
) -> Result<()> {
    commission_trail(conn, row, expert, end, false).await?;
    let mut shortlisted = row.clone().into_active_model();
    shortlisted.status = Set(wire::IdeaStatus::Shortlisted.into());
    shortlisted.update(conn).await?;
    Ok(())
}
