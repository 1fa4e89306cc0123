//! Generated data for `crowd bench`: a project of any number of ideas made of real Russian words in
//! varied grammatical forms plus rarer made-up place names, so that stemming, common words (long posting
//! lists) and rare ones (short lists) are all exercised; and queries that type an existing idea's title
//! again in other forms, as a resident writing the same idea would.

use crate::entities::{commission_member, direction, expert_score, idea};
use crate::seed::ProjectSpec;
use crate::{Domain, Result};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

/// Lemmas as a stem and the endings of some of its forms.
const WORDS: &[(&str, &[&str])] = &[
    ("библиотек", &["а", "и", "у", "ой", "ам", "ах", "е"]),
    ("парк", &["", "и", "ов", "ам", "ах", "е", "а"]),
    ("музе", &["й", "и", "ев", "ям", "ях", "ю"]),
    ("театр", &["", "ы", "ов", "ам", "ах", "е", "а"]),
    ("концерт", &["", "ы", "ов", "ам", "ах", "е"]),
    ("выставк", &["а", "и", "у", "ам", "ах", "е"]),
    ("экскурси", &["я", "и", "ю", "й", "ям", "ях"]),
    ("школьник", &["", "и", "ов", "ам", "ах", "а"]),
    ("пенсионер", &["", "ы", "ов", "ам", "ах", "а"]),
    ("студент", &["", "ы", "ов", "ам", "ах", "а"]),
    ("площадк", &["а", "и", "у", "ам", "ах", "е"]),
    ("скамейк", &["а", "и", "у", "ам", "ах"]),
    ("фонтан", &["", "ы", "ов", "ам", "ах", "е"]),
    ("велодорожк", &["а", "и", "у", "ам", "ах"]),
    ("остановк", &["а", "и", "у", "ам", "ах", "е"]),
    ("автобус", &["", "ы", "ов", "ам", "ах", "е"]),
    ("трамва", &["й", "и", "ев", "ям", "ях", "е"]),
    ("освещени", &["е", "я", "ю", "ем"]),
    ("фестивал", &["ь", "и", "ей", "ям", "ях", "е"]),
    ("кружк", &["и", "ов", "ам", "ах"]),
    ("лекци", &["я", "и", "ю", "й", "ям", "ях"]),
    ("мастер-класс", &["", "ы", "ов", "ам", "ах"]),
    ("кинотеатр", &["", "ы", "ов", "ам", "ах", "е"]),
    ("двор", &["", "ы", "ов", "ам", "ах", "е"]),
    ("набережн", &["ая", "ой", "ую", "ые", "ых"]),
    ("сквер", &["", "ы", "ов", "ам", "ах", "е"]),
    ("детск", &["ий", "ая", "ие", "их", "ому"]),
    ("бесплатн", &["ый", "ая", "ые", "ых", "ое"]),
    ("вечерн", &["ий", "ие", "их", "ее", "яя"]),
    ("городск", &["ой", "ая", "ие", "их", "ое"]),
    ("нов", &["ый", "ая", "ые", "ых", "ое"]),
    ("удобн", &["ый", "ая", "ые", "ых", "ое"]),
    ("открыт", &["ь", "ие", "ия", "ые"]),
    ("организова", &["ть", "ли", "ние", "нные"]),
    ("продли", &["ть", "ли", "ть"]),
    ("поставить", &[""]),
    ("сделать", &[""]),
    ("работ", &["а", "ы", "у", "ать", "ают"]),
    ("выходн", &["ые", "ых", "ым"]),
    ("жител", &["ь", "и", "ей", "ям", "ях"]),
];

/// Syllables of made-up place names: rare words with short posting lists.
const SYLLABLES: &[&str] = &[
    "ку", "зь", "ми", "на", "ро", "бе", "ло", "ва", "ти", "ше", "до", "гра", "мо", "ст", "ки", "лу",
];

/// A small deterministic generator (xorshift), so that runs are comparable.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn step(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.step() % n as u64).unwrap_or(0)
    }
}

fn word(rng: &mut Rng) -> String {
    let (stem, endings) = WORDS[rng.below(WORDS.len())];
    format!("{stem}{}", endings[rng.below(endings.len())])
}

fn place(rng: &mut Rng) -> String {
    (0..3)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

pub(crate) fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out: Vec<String> = (0..words).map(|_| word(rng)).collect();
    out.push(place(rng));
    out.join(" ")
}

/// Creates a published project "bench" with an open ideas stage and `size` generated ideas; returns its
/// id. Reports progress as `(ideas made, size)`.
pub async fn project(d: &Domain, size: u64, progress: &dyn Fn(u64, u64)) -> Result<i64> {
    let now = Utc::now();
    let spec = ProjectSpec {
        slug: "bench",
        title: ("Бенчмарк", "Benchmark"),
        summary: ("Сгенерированный проект", "A generated project"),
        body: ("", ""),
        state: wire::ProjectState::Published,
        stages: vec![("ideas", now - Duration::days(1), now + Duration::days(10))],
        directions: vec![("Культура", "Culture")],
        commission: vec![],
    };
    let txn = d.db.begin().await?;
    let project = crate::seed::insert_project(&txn, &spec, now).await?;
    txn.commit().await?;
    let direction_id = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(project.id))
        .one(&d.db)
        .await?
        .ok_or(crate::Error::NotFound)?
        .id;
    let author = crate::auth::create_user(
        d,
        &crate::auth::Registration {
            email: format!("bench-{}@example.org", project.id),
            display_name: "Bench".into(),
            password: "bench-password".into(),
            lang: wire::Lang::Ru,
        },
        crate::Role::Resident,
    )
    .await?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let txn = d.db.begin().await?;
    let mut made = 0u64;
    while made < size {
        let batch = (size - made).min(500);
        let rows: Vec<idea::ActiveModel> = (0..batch)
            .map(|i| {
                let title_words = 3 + rng.below(4);
                let body_words = 20 + rng.below(25);
                let at = now - Duration::seconds(i64::try_from(size - made - i).unwrap_or(0));
                let count = |rng: &mut Rng, n| i64::try_from(rng.below(n)).unwrap_or(0);
                idea::ActiveModel {
                    project_id: Set(project.id),
                    direction_id: Set(direction_id),
                    author_id: Set(author.id),
                    title: Set(sentence(&mut rng, title_words)),
                    body: Set(sentence(&mut rng, body_words)),
                    status: Set(wire::IdeaStatus::Published.into()),
                    status_reason: Set(None),
                    merged_into_id: Set(None),
                    support_count: Set(count(&mut rng, 500)),
                    oppose_count: Set(count(&mut rng, 50)),
                    comment_count: Set(count(&mut rng, 40)),
                    created_at: Set(at),
                    updated_at: Set(at),
                    published_at: Set(Some(at)),
                    ..Default::default()
                }
            })
            .collect();
        idea::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
        made += batch;
        progress(made, size);
    }
    txn.commit().await?;
    Ok(project.id)
}

/// The titles of the first `n` ideas of `project_id`, each typed again with other endings.
pub async fn queries(d: &Domain, project_id: i64, n: u64) -> Result<Vec<(String, String)>> {
    let titles: Vec<String> = idea::Entity::find()
        .select_only()
        .column(idea::Column::Title)
        .filter(idea::Column::ProjectId.eq(project_id))
        .order_by_asc(idea::Column::Id)
        .limit(n)
        .into_tuple()
        .all(&d.db)
        .await?;
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    Ok(titles
        .into_iter()
        .map(|title| {
            let retyped: Vec<String> = title
                .split(' ')
                .map(|w| {
                    WORDS
                        .iter()
                        .find(|(stem, _)| w.starts_with(stem))
                        .map_or_else(
                            || w.to_owned(),
                            |(stem, endings)| {
                                format!("{stem}{}", endings[rng.below(endings.len())])
                            },
                        )
                })
                .collect();
            (title, retyped.join(" "))
        })
        .collect())
}

/// The newest idea id (0 without ideas).
pub async fn newest_id(d: &Domain) -> Result<i64> {
    Ok(idea::Entity::find()
        .order_by_desc(idea::Column::Id)
        .one(&d.db)
        .await?
        .map_or(0, |i| i.id))
}

/// A commission of `experts` expert accounts on project `project_id`, each having scored the newest
/// `scored` ideas on the default criteria (random 1–5); returns the experts.
pub async fn commission(
    d: &Domain,
    project_id: i64,
    experts: usize,
    scored: u64,
) -> Result<Vec<crate::User>> {
    let now = Utc::now();
    let ideas: Vec<i64> = idea::Entity::find()
        .select_only()
        .column(idea::Column::Id)
        .filter(idea::Column::ProjectId.eq(project_id))
        .order_by_desc(idea::Column::Id)
        .limit(scored)
        .into_tuple()
        .all(&d.db)
        .await?;
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut made = Vec::new();
    for n in 0..experts {
        let name = format!("bench-expert-{project_id}-{n}");
        let expert = crate::auth::create_user(
            d,
            &crate::auth::Registration {
                email: format!("{name}@example.org"),
                display_name: name.clone(),
                password: "bench-password".into(),
                lang: wire::Lang::Ru,
            },
            crate::Role::Expert,
        )
        .await?;
        commission_member::ActiveModel {
            project_id: Set(project_id),
            user_id: Set(Some(expert.id)),
            name_ru: Set(name.clone()),
            name_en: Set(name),
            position_ru: Set("Эксперт".into()),
            position_en: Set("Expert".into()),
            photo_path: Set(None),
            ordering: Set(i32::try_from(n).unwrap_or(0)),
            ..Default::default()
        }
        .insert(&d.db)
        .await?;
        let txn = d.db.begin().await?;
        for chunk in ideas.chunks(300) {
            let rows: Vec<expert_score::ActiveModel> = chunk
                .iter()
                .flat_map(|idea_id| {
                    crate::commission::DEFAULT_CRITERIA
                        .iter()
                        .map(|(key, _, _)| (*idea_id, *key))
                        .collect::<Vec<_>>()
                })
                .map(|(idea_id, key)| expert_score::ActiveModel {
                    idea_id: Set(idea_id),
                    expert_id: Set(expert.id),
                    criterion: Set(key.to_owned()),
                    score: Set(i16::try_from(1 + rng.below(5)).unwrap_or(3)),
                    comment: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                })
                .collect();
            expert_score::Entity::insert_many(rows)
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        made.push(expert);
    }
    Ok(made)
}
