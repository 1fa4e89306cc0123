//! The nine past projects the Moscow-scale data adds to the demo's fifteen (24 since 2014, as the
//! reference platform ran), and the words its generated accounts, reasons and comments are made of.

use crate::seed::{Pair, ProjectSpec, msk};

/// Past projects: address, title, one-line summary (ru, en), year and month of the ideas stage.
const PAST: [(&str, Pair, Pair, i32, u32); 9] = [
    (
        "moscow-transport-2014",
        ("Транспорт Москвы", "Moscow transport"),
        (
            "Как сделать поездки на метро, автобусах и трамваях удобнее.",
            "How to make trips by metro, bus and tram more convenient.",
        ),
        2014,
        9,
    ),
    (
        "city-parks-2015",
        ("Парки города", "City parks"),
        (
            "Что добавить в городские парки: от спортивных площадок до тихих зон.",
            "What to add to the city's parks: from sports grounds to quiet areas.",
        ),
        2015,
        4,
    ),
    (
        "my-street-2015",
        ("Моя улица", "My street"),
        (
            "Благоустройство улиц: тротуары, освещение, остановки.",
            "Street improvements: pavements, lighting, bus stops.",
        ),
        2015,
        10,
    ),
    (
        "school-of-the-future-2016",
        ("Школа будущего", "School of the future"),
        (
            "Идеи учителей, родителей и школьников для столичных школ.",
            "Ideas of teachers, parents and pupils for the capital's schools.",
        ),
        2016,
        2,
    ),
    (
        "healthy-city-2016",
        ("Здоровый город", "Healthy city"),
        (
            "Поликлиники, запись к врачу и профилактика рядом с домом.",
            "Clinics, doctor's appointments and prevention close to home.",
        ),
        2016,
        11,
    ),
    (
        "cycling-moscow-2017",
        ("Велосипедная Москва", "Cycling Moscow"),
        (
            "Велодорожки, прокат и парковки для велосипедов.",
            "Cycle lanes, bike hire and bicycle parking.",
        ),
        2017,
        5,
    ),
    (
        "moscow-embankments-2019",
        ("Набережные Москвы", "Moscow embankments"),
        (
            "Прогулочные маршруты и отдых у воды.",
            "Walking routes and leisure by the water.",
        ),
        2019,
        6,
    ),
    (
        "digital-city-2021",
        ("Цифровой город", "Digital city"),
        (
            "Городские онлайн-сервисы, которые экономят время жителей.",
            "The city's online services that save residents' time.",
        ),
        2021,
        3,
    ),
    (
        "green-moscow-2022",
        ("Зелёная Москва", "Green Moscow"),
        (
            "Деревья, раздельный сбор отходов и чистый воздух.",
            "Trees, separate waste collection and clean air.",
        ),
        2022,
        9,
    ),
];

/// The past projects as specifications: archived, with their three-stage timeline and one direction.
pub fn past() -> Vec<ProjectSpec> {
    PAST.iter()
        .map(|&(slug, title, summary, year, month)| ProjectSpec {
            slug,
            title,
            summary,
            body: summary,
            state: wire::ProjectState::Archived,
            stages: vec![
                ("ideas", msk(year, month, 1, 0), msk(year, month, 11, 0)),
                ("review", msk(year, month, 11, 0), msk(year, month, 25, 0)),
                ("results", msk(year, month, 25, 0), msk(year, month, 28, 0)),
            ],
            directions: vec![("Предложения жителей", "Residents' proposals")],
            commission: vec![],
        })
        .collect()
}

/// First names of the generated accounts.
pub const FIRST_NAMES: [&str; 16] = [
    "Александр",
    "Мария",
    "Дмитрий",
    "Елена",
    "Сергей",
    "Ольга",
    "Андрей",
    "Наталья",
    "Алексей",
    "Татьяна",
    "Михаил",
    "Ирина",
    "Иван",
    "Светлана",
    "Николай",
    "Юлия",
];

/// Initials of surnames of the generated accounts.
pub const INITIALS: [&str; 12] = [
    "А.", "Б.", "В.", "Г.", "Д.", "Е.", "К.", "Л.", "М.", "Н.", "П.", "С.",
];

/// The commission's reasons for selecting an idea.
pub const SELECTED: [&str; 4] = [
    "Идея востребована жителями и реализуема в текущем году.",
    "Поддержано большинством комиссии: решение передано профильному департаменту.",
    "Высокая поддержка жителей, понятные сроки и бюджет.",
    "Идея дополняет действующую городскую программу.",
];

/// The commission's reasons for not selecting a shortlisted idea.
pub const NOT_SELECTED: [&str; 3] = [
    "Уже реализуется в рамках городской программы.",
    "Требует изменения федерального законодательства.",
    "Затраты несоразмерны ожидаемому эффекту.",
];

/// Moderators' reasons for rejecting an idea.
pub const REJECTED: [&str; 3] = [
    "Не относится к теме проекта.",
    "Дублирует ранее опубликованную идею.",
    "Нарушает правила проекта.",
];
