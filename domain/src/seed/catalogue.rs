//! The demo catalogue: the residents and officials' accounts, and every demo project with its timeline
//! (relative to the moment of loading), directions, commission and ideas.

use super::{Pair, ProjectSpec, msk, votes};
use crate::auth::Role;
use chrono::{DateTime, Duration, Utc};

pub(super) const RESIDENTS: [(&str, &str); 8] = [
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
pub(super) const STAFF: [(&str, &str, Role); 6] = [
    ("staff@example.org", "Сотрудник проекта", Role::Staff),
    ("moderator@example.org", "Модератор", Role::Moderator),
    ("expert@example.org", "Мария Орлова", Role::Expert),
    ("expert2@example.org", "Сергей Лебедев", Role::Expert),
    ("expert3@example.org", "Анна Белова", Role::Expert),
    ("admin@example.org", "Администратор", Role::Admin),
];

/// The project whose commission the demo experts sit on (in the order of [`STAFF`]).
pub(super) const EXPERTS_PROJECT: &str = "city-by-the-water";

pub(super) type Ideas = &'static [(&'static str, &'static str, bool)];

pub(super) fn projects(now: DateTime<Utc>) -> Vec<(ProjectSpec, Ideas)> {
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
