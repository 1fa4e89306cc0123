//! Demo data: the platform's own projects, so that a newcomer sees a living site on first start.
//!
//! Two 2020 projects with their real commissions and directions, eight archived past projects, one project
//! whose idea window is open now, two with a residents' vote (one running, one over: [`votes`]), one whose
//! shortlist waits for staff to set up its vote ([`PREPARING`]) and one upcoming project (dates relative to the moment of loading). Loading happens only into an empty
//! database and reports its progress through a callback. The implementation records of selected ideas
//! are kept afterwards through the staff's own functions ([`built`]).

pub mod built;
mod votes;

pub use votes::PREPARING;

use crate::auth::{Registration, Role};
use crate::entities::{
    commission_member, direction, expert_score, idea, participation, project, stage, user,
};
use crate::{Domain, Error, Result};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// A text in Russian and English.
pub type Pair = (&'static str, &'static str);

/// A project to create, with its timeline, directions and commission.
#[derive(Debug, Clone)]
pub struct ProjectSpec {
    /// URL name.
    pub slug: &'static str,
    /// Title (ru, en).
    pub title: Pair,
    /// Summary (ru, en).
    pub summary: Pair,
    /// Description (ru, en).
    pub body: Pair,
    /// draft, scheduled, published or archived.
    pub state: wire::ProjectState,
    /// Stages: kind, start, end.
    pub stages: Vec<(&'static str, DateTime<Utc>, DateTime<Utc>)>,
    /// Directions (ru, en).
    pub directions: Vec<Pair>,
    /// Commission: name (ru, en), position (ru, en).
    pub commission: Vec<(Pair, Pair)>,
}

pub use crate::time::msk;

/// The demo projects that ship with a cover picture, served at `/covers/<slug>.svg` (files in
/// `public/covers/`, made for this repository, CC0).
pub const COVERS: [&str; 15] = [
    "quiet-streets",
    "park-next-door",
    "district-budget",
    "city-by-the-water",
    "library-of-the-future",
    "culture-online",
    "moscow-e-services-2",
    "my-park",
    "electronic-house",
    "childrens-clinic",
    "moscow-clinic",
    "active-longevity",
    "moscow-libraries",
    "my-office-of-government-services",
    "cultural-centers-future",
];

/// Creates a project with its stages, directions and commission; returns the project row.
pub async fn insert_project<C: ConnectionTrait>(
    conn: &C,
    spec: &ProjectSpec,
    now: DateTime<Utc>,
) -> Result<project::Model> {
    let starts_at = spec.stages.iter().map(|s| s.1).min().unwrap_or(now);
    let ends_at = spec.stages.iter().map(|s| s.2).max().unwrap_or(now);
    let p = project::ActiveModel {
        slug: Set(spec.slug.to_owned()),
        title_ru: Set(spec.title.0.to_owned()),
        title_en: Set(spec.title.1.to_owned()),
        summary_ru: Set(spec.summary.0.to_owned()),
        summary_en: Set(spec.summary.1.to_owned()),
        body_ru: Set(spec.body.0.to_owned()),
        body_en: Set(spec.body.1.to_owned()),
        state: Set(spec.state.into()),
        publish_at: Set(None),
        premoderation: Set(false),
        cover_path: Set(COVERS
            .contains(&spec.slug)
            .then(|| format!("/covers/{}.svg", spec.slug))),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        ideas_count: Set(0),
        participants_count: Set(0),
        selected_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    for (kind, starts_at, ends_at) in &spec.stages {
        stage::ActiveModel {
            project_id: Set(p.id),
            kind: Set((*kind).to_owned()),
            starts_at: Set(*starts_at),
            ends_at: Set(*ends_at),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    for (position, (ru, en)) in spec.directions.iter().enumerate() {
        direction::ActiveModel {
            project_id: Set(p.id),
            title_ru: Set((*ru).to_owned()),
            title_en: Set((*en).to_owned()),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            retired: Set(false),
            ideas_count: Set(0),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    for (ordering, ((name_ru, name_en), (pos_ru, pos_en))) in spec.commission.iter().enumerate() {
        commission_member::ActiveModel {
            project_id: Set(p.id),
            user_id: Set(None),
            name_ru: Set((*name_ru).to_owned()),
            name_en: Set((*name_en).to_owned()),
            position_ru: Set((*pos_ru).to_owned()),
            position_en: Set((*pos_en).to_owned()),
            photo_path: Set(None),
            ordering: Set(i32::try_from(ordering).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(conn)
        .await?;
    }
    Ok(p)
}

/// Links the demo expert accounts to the commission of [`EXPERTS_PROJECT`], member by member.
async fn link_experts<C: ConnectionTrait>(conn: &C, experts: &[i64]) -> Result<()> {
    let Some(p) = project::Entity::find()
        .filter(project::Column::Slug.eq(EXPERTS_PROJECT))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let members = commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(p.id))
        .order_by_asc(commission_member::Column::Ordering)
        .all(conn)
        .await?;
    for (member, expert) in members.into_iter().zip(experts) {
        let mut row = member.into_active_model();
        row.user_id = Set(Some(*expert));
        row.update(conn).await?;
    }
    Ok(())
}

/// Recomputes every project's and direction's counters from rows (after bulk loading).
pub async fn recount<C: ConnectionTrait>(conn: &C) -> Result<()> {
    use wire::IdeaStatus::{Merged, Rejected, Selected, Withdrawn};
    // Ideas count until they are rejected, merged or withdrawn (as the live rules move the counters).
    let counted = format!(
        "ideas.status NOT IN ('{}', '{}', '{}')",
        Rejected.as_str(),
        Merged.as_str(),
        Withdrawn.as_str()
    );
    for sql in [
        format!(
            "UPDATE projects SET ideas_count = \
               (SELECT COUNT(*) FROM ideas WHERE ideas.project_id = projects.id AND {counted})"
        ),
        "UPDATE projects SET participants_count = \
           (SELECT COUNT(*) FROM participations WHERE participations.project_id = projects.id)"
            .to_owned(),
        format!(
            "UPDATE projects SET selected_count = \
               (SELECT COUNT(*) FROM ideas WHERE ideas.project_id = projects.id AND ideas.status = '{}')",
            Selected.as_str()
        ),
        format!(
            "UPDATE directions SET ideas_count = \
               (SELECT COUNT(*) FROM ideas WHERE ideas.direction_id = directions.id AND {counted})"
        ),
    ] {
        conn.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// The demo residents' shared password (documented in the README).
pub const DEMO_PASSWORD: &str = "demo-password";

const RESIDENTS: [(&str, &str); 8] = [
    ("anna@example.org", "Анна Смирнова"),
    ("boris@example.org", "Борис Кузнецов"),
    ("vera@example.org", "Вера Попова"),
    ("gleb@example.org", "Глеб Васильев"),
    ("daria@example.org", "Дарья Соколова"),
    ("egor@example.org", "Егор Михайлов"),
    ("zhanna@example.org", "Жанна Новикова"),
    ("ilya@example.org", "Илья Фёдоров"),
];

/// Accounts of the other roles, for trying the platform (password [`DEMO_PASSWORD`]).
const STAFF: [(&str, &str, Role); 6] = [
    ("staff@example.org", "Сотрудник проекта", Role::Staff),
    ("moderator@example.org", "Модератор", Role::Moderator),
    ("expert@example.org", "Мария Орлова", Role::Expert),
    ("expert2@example.org", "Сергей Лебедев", Role::Expert),
    ("expert3@example.org", "Анна Белова", Role::Expert),
    ("admin@example.org", "Администратор", Role::Admin),
];

/// The project whose commission the demo experts sit on (in the order of [`STAFF`]).
const EXPERTS_PROJECT: &str = "city-by-the-water";

type Ideas = &'static [(&'static str, &'static str, bool)];

fn projects(now: DateTime<Utc>) -> Vec<(ProjectSpec, Ideas)> {
    let day = Duration::days(1);
    let today = now - Duration::hours(2);
    let mut list: Vec<(ProjectSpec, Ideas)> = vec![
        (
            ProjectSpec {
                slug: "culture-online",
                title: ("Культура онлайн", "Culture online"),
                summary: (
                    "Идеи по развитию сервисов и разнообразию контента столичных учреждений культуры.",
                    "Ideas for the development of services and the diversity of content of the capital's cultural institutions.",
                ),
                body: (
                    "Музеи, театры, библиотеки и культурные центры Москвы работают онлайн. Предложите, какие сервисы и какой контент им стоит развивать: экскурсии, лекции, трансляции, детские программы. Экспертная комиссия рассмотрит идеи и отберёт лучшие для реализации.",
                    "Moscow's museums, theatres, libraries and cultural centres work online. Suggest which services and content they should develop: tours, lectures, broadcasts, programmes for children. An expert commission will review the ideas and select the best for implementation.",
                ),
                state: wire::ProjectState::Published,
                stages: vec![
                    ("ideas", msk(2020, 6, 22, 0), msk(2020, 6, 26, 0)),
                    ("review", msk(2020, 6, 26, 0), msk(2020, 6, 30, 0)),
                    ("results", msk(2020, 6, 30, 0), msk(2020, 7, 1, 0)),
                ],
                directions: vec![
                    (
                        "Онлайн-сервисы учреждений культуры",
                        "Online services of cultural institutions",
                    ),
                    ("Контент и программы", "Content and programmes"),
                ],
                commission: vec![
                    (
                        ("Александр Кибовский", "Alexander Kibovsky"),
                        (
                            "Министр Правительства Москвы, руководитель Департамента культурного наследия города Москвы",
                            "Minister of the Moscow Government, head of the Department of Cultural Heritage",
                        ),
                    ),
                    (
                        ("Тимур Вахитов", "Timur Vakhitov"),
                        (
                            "Руководитель Московской дирекции по развитию культурных центров",
                            "Head of the Moscow Directorate for the development of cultural centers",
                        ),
                    ),
                    (
                        ("Инна Голубева", "Inna Golubeva"),
                        ("Генеральный директор", "General Director"),
                    ),
                    (
                        ("Виктория Харалампова", "Victoria Haralanova"),
                        (
                            "Директор объединённой дирекции «Мосгорпарк»",
                            "Director of the joint directorate \"Mosgorpark\"",
                        ),
                    ),
                ],
            },
            &[
                (
                    "Онлайн-экскурсии по запасникам музеев",
                    "Показывать в прямом эфире фонды, которые не выставляются в залах, с рассказом хранителей и ответами на вопросы зрителей.",
                    true,
                ),
                (
                    "Единая афиша онлайн-трансляций",
                    "Собрать трансляции всех театров и концертных залов города в одном расписании с напоминаниями и фильтром по возрасту.",
                    true,
                ),
                (
                    "Лекции культурных центров в записи",
                    "Выкладывать лекции и мастер-классы культурных центров в открытый доступ с субтитрами и таймкодами.",
                    false,
                ),
                (
                    "Детские квесты по музеям",
                    "Интерактивные квесты для детей, которые можно пройти дома, а потом продолжить в музее с той же историей.",
                    false,
                ),
            ],
        ),
        (
            ProjectSpec {
                slug: "moscow-e-services-2",
                title: (
                    "Электронные услуги Москвы. Этап 2",
                    "Moscow e-services. Stage 2",
                ),
                summary: (
                    "Идеи по развитию электронных услуг в сфере жилищно-коммунального хозяйства.",
                    "Ideas for the development of electronic services in housing and communal services.",
                ),
                body: (
                    "Второй этап проекта посвящён услугам ЖКХ: передаче показаний, оплате, заявкам в управляющую компанию. Предложите, как сделать их удобнее для жителей и организаций.",
                    "The second stage of the project is about housing and communal services: meter readings, payments, requests to the management company. Suggest how to make them more convenient for residents and organisations.",
                ),
                state: wire::ProjectState::Published,
                stages: vec![
                    ("ideas", msk(2020, 5, 25, 0), msk(2020, 5, 29, 0)),
                    ("review", msk(2020, 5, 29, 0), msk(2020, 5, 31, 0)),
                    ("results", msk(2020, 5, 31, 0), msk(2020, 6, 1, 0)),
                ],
                directions: vec![
                    ("Услуги для юридических лиц", "Services for legal entities"),
                    ("Услуги для физических лиц", "Services for individuals"),
                    (
                        "Развитие единого личного кабинета",
                        "Development of a unified personal account",
                    ),
                ],
                commission: vec![],
            },
            &[
                (
                    "Показания счётчиков голосом",
                    "Передавать показания счётчиков голосовым помощником без входа в личный кабинет.",
                    true,
                ),
                (
                    "Единый кабинет для управляющих компаний",
                    "Организациям нужен один кабинет для всех домов с выгрузкой заявок жителей.",
                    false,
                ),
                (
                    "История платежей за пять лет",
                    "Показывать в личном кабинете историю начислений и оплат за пять лет с возможностью скачать справку.",
                    true,
                ),
            ],
        ),
    ];
    // Each archived project with its own one-line description (Russian, English).
    let archived: [(&'static str, Pair, Pair, i32); 8] = [
        (
            "my-park",
            ("Мой парк", "My Park"),
            (
                "Как благоустроить парки у дома: дорожки, площадки, освещение.",
                "How to improve neighbourhood parks: paths, playgrounds, lighting.",
            ),
            2014,
        ),
        (
            "electronic-house",
            ("Электронный дом", "Electronic house"),
            (
                "Собрания и голосования жильцов многоквартирных домов онлайн.",
                "Meetings and votes of a block of flats' residents, online.",
            ),
            2015,
        ),
        (
            "childrens-clinic",
            ("Детская поликлиника", "Children's clinic"),
            (
                "Как сделать детские поликлиники удобнее для родителей и детей.",
                "How to make children's clinics easier for parents and children.",
            ),
            2016,
        ),
        (
            "moscow-clinic",
            ("Московская поликлиника", "Moscow clinic"),
            (
                "Запись к врачу, очереди и навигация во взрослых поликлиниках.",
                "Appointments, queues and signage in the city's adult clinics.",
            ),
            2016,
        ),
        (
            "active-longevity",
            ("Активное долголетие", "Active longevity"),
            (
                "Занятия, кружки и прогулки для старшего поколения.",
                "Classes, clubs and walks for older residents.",
            ),
            2017,
        ),
        (
            "moscow-libraries",
            ("Московские библиотеки", "Moscow libraries"),
            (
                "Какими стать городским библиотекам: часы работы, пространства, события.",
                "What the city's libraries should become: opening hours, spaces, events.",
            ),
            2018,
        ),
        (
            "my-office-of-government-services",
            ("Мои документы", "My office of government services"),
            (
                "Как улучшить центры госуслуг «Мои документы».",
                "How to improve the \"My documents\" public service centres.",
            ),
            2018,
        ),
        (
            "cultural-centers-future",
            ("Культурные центры. Будущее", "Cultural centers. Future"),
            (
                "Будущее культурных центров: кружки, афиша и места для соседей.",
                "The future of cultural centres: clubs, programme and places for neighbours.",
            ),
            2019,
        ),
    ];
    const PAST_IDEAS: Ideas = &[
        (
            "Продлить часы работы по выходным",
            "Открываться раньше и закрываться позже по выходным, когда у жителей больше свободного времени.",
            true,
        ),
        (
            "Запись онлайн без звонков",
            "Сделать запись на все занятия и приёмы через сайт и приложение, без обязательного звонка.",
            false,
        ),
        (
            "Библиотеки как места для встреч",
            "Оборудовать в библиотеках зоны для встреч соседских сообществ и клубов по интересам.",
            true,
        ),
    ];
    for (i, (slug, title, summary, year)) in archived.into_iter().enumerate() {
        let month = 3 + u32::try_from(i % 8).unwrap_or(0);
        list.push((
            ProjectSpec {
                slug,
                title,
                summary,
                body: (
                    "Проект завершён. Итоги опубликованы: идеи, отобранные экспертной комиссией, переданы на реализацию.",
                    "The project is over. The results are published: the ideas selected by the expert commission were passed on for implementation.",
                ),
                state: wire::ProjectState::Archived,
                stages: vec![
                    ("ideas", msk(year, month, 1, 0), msk(year, month, 8, 0)),
                    ("review", msk(year, month, 8, 0), msk(year, month, 15, 0)),
                    ("results", msk(year, month, 15, 0), msk(year, month, 16, 0)),
                ],
                directions: vec![("Предложения жителей", "Residents' proposals")],
                commission: vec![],
            },
            PAST_IDEAS,
        ));
    }
    list.push((
        ProjectSpec {
            slug: "city-by-the-water",
            title: ("Город у воды", "City by the water"),
            summary: (
                "Как сделать набережные, пруды и речные маршруты удобнее для жителей? Приём идей открыт.",
                "How can embankments, ponds and river routes serve residents better? Idea submission is open.",
            ),
            body: (
                "Москва-река, Яуза и городские пруды — общественные пространства для всех. Присоединяйтесь к проекту и предложите идеи: от мест для отдыха до речного транспорта. Идеи принимаются десять дней, затем их обсуждают жители и рассматривает экспертная комиссия.",
                "The Moskva, the Yauza and the city's ponds are public spaces for everyone. Join the project and propose ideas: from places to rest to river transport. Ideas are accepted for ten days, then residents discuss them and an expert commission reviews them.",
            ),
            state: wire::ProjectState::Published,
            stages: vec![
                ("ideas", today - day, today + day * 10),
                ("discussion", today + day * 10, today + day * 14),
                ("review", today + day * 14, today + day * 21),
                ("results", today + day * 21, today + day * 28),
            ],
            directions: vec![
                ("Набережные", "Embankments"),
                ("Парки и пруды", "Parks and ponds"),
                ("Речной транспорт", "River transport"),
            ],
            commission: vec![
                (("Мария Орлова", "Maria Orlova"), ("Главный архитектор проекта", "Chief architect of the project")),
                (("Сергей Лебедев", "Sergey Lebedev"), ("Директор парка «Зарядье»", "Director of Zaryadye Park")),
                (("Анна Белова", "Anna Belova"), ("Эколог", "Ecologist")),
            ],
        },
        &[
            ("Тень и скамейки на набережных", "На длинных набережных почти нет тени. Нужны деревья, навесы и скамейки каждые двести метров.", false),
            ("Речной трамвай круглый год", "Ледоколы уже ходят зимой. Пусть городской речной трамвай работает круглый год по проездному.", false),
        ],
    ));
    list.extend(votes::projects(today));
    list.push((
        ProjectSpec {
            slug: "library-of-the-future",
            title: ("Библиотека будущего", "Library of the future"),
            summary: (
                "Скоро: каким должно быть библиотечное пространство через десять лет.",
                "Coming soon: what a library space should be like ten years from now.",
            ),
            body: (
                "Проект стартует через месяц. Подумайте заранее, какие сервисы вы хотели бы видеть в районной библиотеке.",
                "The project starts in a month. Think ahead about the services you would like in your local library.",
            ),
            state: wire::ProjectState::Published,
            stages: vec![
                ("announcement", today + day * 20, today + day * 30),
                ("ideas", today + day * 30, today + day * 40),
                ("review", today + day * 40, today + day * 50),
            ],
            directions: vec![("Пространство", "Space"), ("Сервисы", "Services")],
            commission: vec![],
        },
        &[],
    ));
    list
}

/// Loads the demo data into an empty database; does nothing (and says so) when projects already exist.
/// Returns whether data was loaded.
pub async fn demo(d: &Domain, progress: &dyn Fn(&str)) -> Result<bool> {
    if project::Entity::find().count(&d.db).await? > 0 {
        progress("the database already holds projects: demo data not loaded");
        return Ok(false);
    }
    let now = d.now();
    progress("creating demo accounts");
    let first = crate::auth::create_user(
        d,
        &Registration {
            email: RESIDENTS[0].0.into(),
            display_name: RESIDENTS[0].1.into(),
            password: DEMO_PASSWORD.into(),
            lang: wire::Lang::Ru,
        },
        Role::Resident,
    )
    .await?;
    let hash = user::Entity::find_by_id(first.id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?
        .password_hash;
    let txn = d.db.begin().await?;
    let mut residents = vec![first.id];
    let mut experts = Vec::new();
    let mut moderator = first.id;
    let others = RESIDENTS[1..]
        .iter()
        .map(|(e, n)| (*e, *n, Role::Resident))
        .chain(STAFF);
    for (email, name, role) in others {
        let row = user::ActiveModel {
            email: Set(email.to_owned()),
            display_name: Set(name.to_owned()),
            password_hash: Set(hash.clone()),
            role: Set(role.as_str().to_owned()),
            created_at: Set(now),
            email_confirmed_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if role == Role::Resident {
            residents.push(row.id);
        }
        if role == Role::Expert {
            experts.push(row.id);
        }
        if role == Role::Moderator {
            moderator = row.id;
        }
    }
    let specs = projects(now);
    let total = specs.len();
    for (n, (spec, ideas)) in specs.iter().enumerate() {
        progress(&format!("project {}/{total}: {}", n + 1, spec.title.1));
        let p = insert_project(&txn, spec, now).await?;
        let first_direction = direction::Entity::find()
            .filter(direction::Column::ProjectId.eq(p.id))
            .all(&txn)
            .await?;
        for &user_id in &residents {
            participation::ActiveModel {
                project_id: Set(p.id),
                user_id: Set(user_id),
                created_at: Set(p.starts_at),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        for (i, (title, body, selected)) in ideas.iter().enumerate() {
            let dir = &first_direction[i % first_direction.len().max(1)];
            let at = p.starts_at + Duration::hours(i64::try_from(i).unwrap_or(0) * 5 + 1);
            let status = if *selected {
                wire::IdeaStatus::Selected
            } else {
                wire::IdeaStatus::Published
            };
            let text = (*title, *body);
            let people = (residents[i % residents.len()], moderator);
            let row = insert_idea(&txn, dir, people, text, status, at).await?;
            if *selected && let Some(&expert) = experts.first() {
                demo_scores(&txn, &row, &experts, p.ends_at - Duration::days(4)).await?;
                commission_trail(&txn, &row, expert, p.ends_at, true).await?;
            }
        }
    }
    progress("residents' votes");
    votes::load(&txn, &residents, &experts, now).await?;
    link_experts(&txn, &experts).await?;
    progress("counting");
    recount(&txn).await?;
    txn.commit().await?;
    progress(&format!(
        "demo data loaded: {total} projects, {} accounts",
        RESIDENTS.len() + STAFF.len()
    ));
    Ok(true)
}

/// Inserts a public demo idea of `author` in direction `dir` with `status`, posted at `at` and published
/// by `moderator` half an hour later (in the idea's timeline and the hash-chained trail, as
/// [`crate::moderation`] records it), and indexes its words.
async fn insert_idea<C: ConnectionTrait>(
    conn: &C,
    dir: &direction::Model,
    (author, moderator): (i64, i64),
    (title, body): Pair,
    status: wire::IdeaStatus,
    at: DateTime<Utc>,
) -> Result<idea::Model> {
    let reviewed = at + Duration::minutes(30);
    let row = idea::ActiveModel {
        project_id: Set(dir.project_id),
        direction_id: Set(dir.id),
        author_id: Set(author),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
        status: Set(status.into()),
        status_reason: Set(None),
        merged_into_id: Set(None),
        support_count: Set(0),
        oppose_count: Set(0),
        comment_count: Set(0),
        created_at: Set(at),
        updated_at: Set(at),
        published_at: Set(Some(reviewed)),
        reviewed_at: Set(Some(reviewed)),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let published = wire::IdeaStatus::Published;
    crate::audit::decided(
        conn,
        &crate::audit::Action {
            target: ("idea", row.id),
            action: published.as_str(),
            note: None,
        },
        &crate::audit::Entry {
            project_id: row.project_id,
            idea_id: Some(row.id),
            kind: &format!("idea_{published}"),
            decided_by: moderator,
            reason: "",
        },
        reviewed,
    )
    .await?;
    crate::search::index(conn, dir.project_id, row.id, &row.title, &row.body).await?;
    Ok(row)
}

/// The commission's reasons for a demo idea it selected.
const SHORTLISTED: &str = "Идею поддержали жители, её можно выполнить в сроки проекта.";
const SELECTED: &str =
    "Комиссия отобрала идею для реализации: заметная польза при разумных затратах.";

/// The experts' comment on a demo idea they selected.
const SCORED: &str = "Понятная идея с измеримым результатом; жители её поддержали.";

/// Every demo expert's scores of a selected demo idea on each of its project's criteria, made at `at`
/// (before the shortlist): high (4 or 5) and not all alike, as for an idea the commission went on to
/// select; the first expert explains theirs.
async fn demo_scores<C: ConnectionTrait>(
    conn: &C,
    idea: &idea::Model,
    experts: &[i64],
    at: DateTime<Utc>,
) -> Result<()> {
    let criteria = crate::commission::criteria(conn, idea.project_id).await?;
    let mut rows = Vec::new();
    for (e, &expert_id) in experts.iter().enumerate() {
        for (c, criterion) in criteria.iter().enumerate() {
            let spread = (usize::try_from(idea.id).unwrap_or(0) + e + c) % 3;
            rows.push(expert_score::ActiveModel {
                idea_id: Set(idea.id),
                expert_id: Set(expert_id),
                criterion: Set(criterion.key.clone()),
                score: Set(if spread == 0 { 4 } else { 5 }),
                comment: Set((e == 0).then(|| SCORED.to_owned())),
                created_at: Set(at),
                ..Default::default()
            });
        }
    }
    if !rows.is_empty() {
        expert_score::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The commission's steps for a demo idea: shortlisted, and then selected when `select`, each with its
/// reason, in the hash-chained trail and the idea's timeline (three days and one day before `end`).
async fn commission_trail<C: ConnectionTrait>(
    conn: &C,
    idea: &idea::Model,
    expert: i64,
    end: DateTime<Utc>,
    select: bool,
) -> Result<()> {
    let steps = [
        (
            wire::IdeaStatus::Shortlisted,
            SHORTLISTED,
            Duration::days(3),
        ),
        (wire::IdeaStatus::Selected, SELECTED, Duration::days(1)),
    ];
    let steps = if select { &steps[..] } else { &steps[..1] };
    for &(status, reason, before_end) in steps {
        crate::audit::decided(
            conn,
            &crate::audit::Action {
                target: ("idea", idea.id),
                action: status.as_str(),
                note: Some(reason),
            },
            &crate::audit::Entry {
                project_id: idea.project_id,
                idea_id: Some(idea.id),
                kind: &format!("idea_{status}"),
                decided_by: expert,
                reason,
            },
            end - before_end,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_project_has_its_cover_picture_in_the_repository() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/covers");
        let now = Utc::now();
        for (spec, _) in projects(now) {
            assert!(COVERS.contains(&spec.slug), "{} has no cover", spec.slug);
        }
        for slug in COVERS {
            let svg = std::fs::read_to_string(folder.join(format!("{slug}.svg"))).unwrap();
            assert!(
                svg.starts_with("<svg") && !svg.contains("<script"),
                "{slug}"
            );
        }
    }

    #[test]
    fn archived_projects_each_have_their_own_description() {
        let specs = projects(Utc::now());
        let summaries: std::collections::HashSet<&str> =
            specs.iter().map(|(spec, _)| spec.summary.0).collect();
        assert_eq!(summaries.len(), specs.len(), "no sentence repeated");
    }
}
