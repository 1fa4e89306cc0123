//! Finding ideas by their words, in Russian and English: the word index written when an idea becomes
//! public, "similar ideas" while a resident types, and the feed's search.
//!
//! Words are lower-cased (ё read as е), stop words dropped, and reduced to their stems with the Snowball
//! stemmers (Russian for Cyrillic words, English for Latin ones), so "библиотеки" and "библиотека" are
//! one term. Each published idea's terms are rows of `idea_terms` (weight 2 when in the title);
//! `term_stats` counts, per project, the ideas containing each term, maintained on write.
//!
//! Similar ideas are ranked by the BM25 weight of the words they share with what is typed
//! ([`similar`]): the rarest typed words are looked up first, each through one range of a covering index
//! capped at [`POSTINGS_CAP`] rows, so the cost does not grow with the number of ideas.

use crate::entities::{idea, idea_term, term_stat};
use crate::{Domain, Result};
use rust_stemmers::{Algorithm, Stemmer};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;
use wire::IdeaCard;

/// Ideas shown as similar.
pub const SIMILAR: usize = 5;
/// Most index rows read per typed word.
pub const POSTINGS_CAP: u64 = 4_000;
/// Most typed words looked up (the rarest ones).
pub const QUERY_TERMS: usize = 8;
/// Most distinct terms indexed per idea.
const IDEA_TERMS: usize = 300;
/// Longest term stored.
const TERM_CHARS: usize = 60;
/// Most candidates (found by the rarer typed words) scored by the common ones.
const CANDIDATES: usize = 500;
/// A match must reach this share of the best possible score of the typed words.
const MIN_SHARE: f64 = 0.2;

static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

const STOP_RU: &[&str] = &[
    "и",
    "в",
    "во",
    "не",
    "что",
    "он",
    "на",
    "я",
    "с",
    "со",
    "как",
    "а",
    "то",
    "все",
    "она",
    "так",
    "его",
    "но",
    "да",
    "ты",
    "к",
    "у",
    "же",
    "вы",
    "за",
    "бы",
    "по",
    "только",
    "ее",
    "мне",
    "было",
    "вот",
    "от",
    "меня",
    "еще",
    "нет",
    "о",
    "из",
    "ему",
    "когда",
    "даже",
    "ну",
    "ли",
    "если",
    "уже",
    "или",
    "ни",
    "быть",
    "был",
    "него",
    "до",
    "вас",
    "там",
    "потом",
    "себя",
    "ей",
    "может",
    "они",
    "тут",
    "где",
    "есть",
    "надо",
    "ней",
    "для",
    "мы",
    "тебя",
    "их",
    "чем",
    "была",
    "сам",
    "чтоб",
    "без",
    "чего",
    "раз",
    "тоже",
    "себе",
    "под",
    "будет",
    "ж",
    "тогда",
    "кто",
    "этот",
    "того",
    "потому",
    "этого",
    "какой",
    "ним",
    "здесь",
    "этом",
    "почти",
    "мой",
    "тем",
    "чтобы",
    "нее",
    "были",
    "куда",
    "зачем",
    "всех",
    "можно",
    "при",
    "об",
    "хоть",
    "после",
    "над",
    "больше",
    "тот",
    "через",
    "эти",
    "нас",
    "про",
    "всего",
    "них",
    "какая",
    "много",
    "эту",
    "моя",
    "свою",
    "этой",
    "перед",
    "том",
    "такой",
    "им",
    "более",
    "всю",
    "между",
    "это",
    "также",
    "которые",
    "который",
];
const STOP_EN: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by",
    "from", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "as", "not", "no", "we", "our", "i", "my", "you", "your", "they", "their", "there",
    "so", "if", "can", "should", "would", "could", "will", "all", "more", "into", "about", "than",
    "also", "do", "does",
];

fn stem(word: &str) -> Option<String> {
    if word.chars().any(|c| ('а'..='я').contains(&c)) {
        if STOP_RU.contains(&word) {
            return None;
        }
        Some(RUSSIAN.stem(word).into_owned())
    } else if word.chars().all(|c| c.is_ascii_digit()) {
        // House numbers and years: kept whole when they say something.
        (word.len() >= 3).then(|| word.to_owned())
    } else {
        if STOP_EN.contains(&word) || word.chars().count() < 2 {
            return None;
        }
        Some(ENGLISH.stem(word).into_owned())
    }
}

/// The distinct terms of `text` in the order they first occur.
pub fn terms(text: &str) -> Vec<String> {
    let lower = text.to_lowercase().replace('ё', "е");
    let mut seen = Vec::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if let Some(term) = stem(word) {
            let term: String = term.chars().take(TERM_CHARS).collect();
            if !term.is_empty() && !seen.contains(&term) {
                seen.push(term);
            }
        }
    }
    seen
}

/// The terms of an idea with their weights: 2 for the title's words, 1 for the text's only.
fn weighted(title: &str, body: &str) -> BTreeMap<String, i16> {
    let mut out = BTreeMap::new();
    for term in terms(title) {
        out.insert(term, 2);
    }
    for term in terms(body) {
        if out.len() >= IDEA_TERMS {
            break;
        }
        out.entry(term).or_insert(1);
    }
    out
}

/// Adds one to the document frequency of each of `terms` (and of the project's idea count, the empty
/// term) — or takes one off when `delta` is -1.
async fn count<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    terms: impl Iterator<Item = String>,
    delta: i64,
) -> Result<()> {
    let rows: Vec<term_stat::ActiveModel> = std::iter::once(String::new())
        .chain(terms)
        .map(|term| term_stat::ActiveModel {
            project_id: sea_orm::Set(project_id),
            term: sea_orm::Set(term),
            df: sea_orm::Set(Ord::max(delta, 0)),
        })
        .collect();
    for chunk in rows.chunks(200) {
        term_stat::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([term_stat::Column::ProjectId, term_stat::Column::Term])
                    .value(
                        term_stat::Column::Df,
                        Expr::col((term_stat::Entity, term_stat::Column::Df)).add(delta),
                    )
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Writes the terms of a public idea (in the caller's transaction).
pub async fn index<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    idea_id: i64,
    title: &str,
    body: &str,
) -> Result<()> {
    let terms = weighted(title, body);
    let rows: Vec<idea_term::ActiveModel> = terms
        .iter()
        .map(|(term, weight)| idea_term::ActiveModel {
            project_id: sea_orm::Set(project_id),
            term: sea_orm::Set(term.clone()),
            idea_id: sea_orm::Set(idea_id),
            weight: sea_orm::Set(*weight),
        })
        .collect();
    for chunk in rows.chunks(200) {
        idea_term::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(conn)
            .await?;
    }
    count(conn, project_id, terms.into_keys(), 1).await
}

/// Removes an idea's terms (when it is edited, withdrawn, rejected or merged), in the caller's
/// transaction. Nothing happens for an idea that was not indexed.
pub async fn unindex<C: ConnectionTrait>(conn: &C, project_id: i64, idea_id: i64) -> Result<()> {
    let old: Vec<String> = idea_term::Entity::find()
        .select_only()
        .column(idea_term::Column::Term)
        .filter(idea_term::Column::IdeaId.eq(idea_id))
        .into_tuple()
        .all(conn)
        .await?;
    if old.is_empty() {
        return Ok(());
    }
    idea_term::Entity::delete_many()
        .filter(idea_term::Column::IdeaId.eq(idea_id))
        .exec(conn)
        .await?;
    for chunk in old.chunks(200) {
        term_stat::Entity::update_many()
            .col_expr(
                term_stat::Column::Df,
                Expr::col(term_stat::Column::Df).sub(1),
            )
            .filter(term_stat::Column::ProjectId.eq(project_id))
            .filter(term_stat::Column::Term.is_in(chunk.to_vec()))
            .exec(conn)
            .await?;
    }
    term_stat::Entity::update_many()
        .col_expr(
            term_stat::Column::Df,
            Expr::col(term_stat::Column::Df).sub(1),
        )
        .filter(term_stat::Column::ProjectId.eq(project_id))
        .filter(term_stat::Column::Term.eq(""))
        .exec(conn)
        .await?;
    Ok(())
}

/// Ideas read per batch when rebuilding the index.
const REINDEX_BATCH: u64 = 2_000;

/// Rebuilds the whole index from the public ideas, in one transaction, reporting progress as
/// `(ideas done, ideas in all)`. Term counts are gathered in memory and written once at the end.
pub async fn reindex(d: &Domain, progress: &dyn Fn(u64, u64)) -> Result<u64> {
    use sea_orm::{PaginatorTrait, TransactionTrait};
    let txn = d.db.begin().await?;
    idea_term::Entity::delete_many().exec(&txn).await?;
    term_stat::Entity::delete_many().exec(&txn).await?;
    // PostgreSQL writes millions of rows into a table without keys several times faster than into its
    // three B-trees row by row; the keys are then built once, sorted (see `keys`).
    let keys = keys(&txn).await?;
    let bulk = txn.get_database_backend() == DbBackend::Postgres;
    if bulk {
        for (name, _, constraint) in keys.iter().rev() {
            let sql = if *constraint {
                format!("ALTER TABLE idea_terms DROP CONSTRAINT \"{name}\"")
            } else {
                format!("DROP INDEX \"{name}\"")
            };
            txn.execute_unprepared(&sql).await?;
        }
    }
    let total = idea::Entity::find()
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .count(&txn)
        .await?;
    let mut df: HashMap<(i64, String), i64> = HashMap::new();
    let (mut done, mut after) = (0u64, 0i64);
    loop {
        let batch: Vec<(i64, i64, String, String)> = idea::Entity::find()
            .select_only()
            .columns([
                idea::Column::Id,
                idea::Column::ProjectId,
                idea::Column::Title,
                idea::Column::Body,
            ])
            .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
            .filter(idea::Column::Id.gt(after))
            .order_by_asc(idea::Column::Id)
            .limit(REINDEX_BATCH)
            .into_tuple()
            .all(&txn)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        let mut rows = Vec::new();
        for (id, project_id, title, body) in &batch {
            *df.entry((*project_id, String::new())).or_default() += 1;
            for (term, weight) in weighted(title, body) {
                *df.entry((*project_id, term.clone())).or_default() += 1;
                rows.push(idea_term::ActiveModel {
                    project_id: sea_orm::Set(*project_id),
                    term: sea_orm::Set(term),
                    idea_id: sea_orm::Set(*id),
                    weight: sea_orm::Set(weight),
                });
            }
        }
        for chunk in rows.chunks(500) {
            idea_term::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await?;
        }
        done += batch.len() as u64;
        progress(done, total);
    }
    let stats: Vec<term_stat::ActiveModel> = df
        .into_iter()
        .map(|((project_id, term), df)| term_stat::ActiveModel {
            project_id: sea_orm::Set(project_id),
            term: sea_orm::Set(term),
            df: sea_orm::Set(df),
        })
        .collect();
    for chunk in stats.chunks(500) {
        term_stat::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    if bulk {
        for (name, definition, constraint) in &keys {
            let sql = if *constraint {
                format!("ALTER TABLE idea_terms ADD CONSTRAINT \"{name}\" {definition}")
            } else {
                definition.clone()
            };
            txn.execute_unprepared(&sql).await?;
        }
    }
    txn.commit().await?;
    Ok(done)
}

/// The keys of the word index (`idea_terms`) as `(name, SQL definition, is a constraint)`, in the order
/// they are built: on PostgreSQL its constraints (primary key first) and then the indexes no constraint
/// owns, read from the catalog of the current schema so that a rebuild puts back exactly what the
/// migrations made; on SQLite its indexes' SQL.
pub async fn keys<C: ConnectionTrait>(conn: &C) -> Result<Vec<(String, String, bool)>> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT conname::text AS name, pg_get_constraintdef(oid) AS definition, true AS is_constraint, \
               CASE contype WHEN 'p' THEN 0 ELSE 1 END AS rank \
             FROM pg_constraint WHERE conrelid = 'idea_terms'::regclass AND contype IN ('p', 'u', 'f') \
             UNION ALL \
             SELECT indexname::text, indexdef, false, 2 FROM pg_indexes \
             WHERE schemaname = current_schema() AND tablename = 'idea_terms' AND indexname NOT IN \
               (SELECT conname FROM pg_constraint WHERE conrelid = 'idea_terms'::regclass) \
             ORDER BY rank, name"
        }
        _ => {
            "SELECT name, COALESCE(sql, '') AS definition, false AS is_constraint FROM sqlite_master \
             WHERE type = 'index' AND tbl_name = 'idea_terms' ORDER BY name"
        }
    };
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(backend, sql))
        .await?;
    let mut keys = Vec::with_capacity(rows.len());
    for row in rows {
        keys.push((
            row.try_get("", "name")?,
            row.try_get("", "definition")?,
            row.try_get("", "is_constraint")?,
        ));
    }
    Ok(keys)
}

/// Whether public ideas exist but the index is empty (a database from before the index existed).
pub async fn needs_reindex(d: &Domain) -> Result<bool> {
    use sea_orm::PaginatorTrait;
    if term_stat::Entity::find().count(&d.db).await? > 0 {
        return Ok(false);
    }
    Ok(idea::Entity::find()
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .count(&d.db)
        .await?
        > 0)
}

/// Replaces an edited idea's terms with those of its new title and text.
pub async fn reindex_idea<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    idea_id: i64,
    title: &str,
    body: &str,
) -> Result<()> {
    unindex(conn, project_id, idea_id).await?;
    index(conn, project_id, idea_id, title, body).await
}

/// BM25's inverse document frequency of a term found in `df` of `n` ideas.
fn idf(n: i64, df: i64) -> f64 {
    let (n, df) = (n as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The ideas (and weights) of `term` in `project_id`: only those `among` the given ids, or else the
/// newest [`POSTINGS_CAP`]. One range of the covering index either way.
async fn postings<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    term: &str,
    among: Option<&[i64]>,
) -> Result<Vec<(i64, i16)>> {
    let mut query = idea_term::Entity::find()
        .select_only()
        .column(idea_term::Column::IdeaId)
        .column(idea_term::Column::Weight)
        .filter(idea_term::Column::ProjectId.eq(project_id))
        .filter(idea_term::Column::Term.eq(term));
    if let Some(ids) = among {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        query = query.filter(idea_term::Column::IdeaId.is_in(ids.to_vec()));
    }
    Ok(query
        .order_by_desc(idea_term::Column::IdeaId)
        .limit(POSTINGS_CAP)
        .into_tuple()
        .all(conn)
        .await?)
}

/// The ids of the published ideas of `project_id` that best share the words of `text`, best first, at
/// most `limit`; never `except`, which is also left out of the word statistics (a duplicate compared by
/// its own words would otherwise find its rarest words, found in no other idea, raising the bar past
/// the very idea it repeats).
pub async fn similar_ids<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    text: &str,
    limit: usize,
    except: Option<i64>,
) -> Result<Vec<i64>> {
    let typed = terms(text);
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let mut asked = typed.clone();
    asked.push(String::new());
    let mut stats: HashMap<String, i64> = term_stat::Entity::find()
        .filter(term_stat::Column::ProjectId.eq(project_id))
        .filter(term_stat::Column::Term.is_in(asked))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| (s.term, s.df))
        .collect();
    if let Some(own) = except {
        let own_terms: Vec<String> = idea_term::Entity::find()
            .select_only()
            .column(idea_term::Column::Term)
            .filter(idea_term::Column::ProjectId.eq(project_id))
            .filter(idea_term::Column::IdeaId.eq(own))
            .filter(idea_term::Column::Term.is_in(typed.clone()))
            .into_tuple()
            .all(conn)
            .await?;
        if !own_terms.is_empty() {
            for term in own_terms.iter().chain(std::iter::once(&String::new())) {
                if let Some(df) = stats.get_mut(term) {
                    *df -= 1;
                }
            }
        }
    }
    let n = stats.get("").copied().unwrap_or(0);
    if n <= 0 {
        return Ok(Vec::new());
    }
    // The rarest typed words say the most. Words no idea uses yet (often the one being typed) are left
    // out, also from the best possible score.
    let mut known: Vec<(String, i64)> = typed
        .iter()
        .filter_map(|t| stats.get(t).map(|df| (t.clone(), *df)))
        .filter(|(_, df)| *df > 0)
        .collect();
    known.sort_by_key(|(_, df)| *df);
    known.truncate(QUERY_TERMS);
    let best: f64 = known.iter().map(|(_, df)| idf(n, *df)).sum();
    // Words in at most POSTINGS_CAP ideas are read whole and name the candidates; the commoner words
    // then only score those candidates. When every typed word is common, the newest ideas having them
    // are the candidates.
    let (rare, common): (Vec<_>, Vec<_>) = known
        .iter()
        .partition(|(_, df)| u64::try_from(*df).unwrap_or(u64::MAX) <= POSTINGS_CAP);
    let mut scores: HashMap<i64, f64> = HashMap::new();
    for (term, df) in &rare {
        for (id, w) in postings(conn, project_id, term, None).await? {
            *scores.entry(id).or_default() += idf(n, *df) * f64::from(w);
        }
    }
    let mut candidates: Vec<(i64, f64)> = scores.iter().map(|(id, s)| (*id, *s)).collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    candidates.truncate(CANDIDATES);
    let among: Option<Vec<i64>> =
        (!rare.is_empty()).then(|| candidates.iter().map(|(id, _)| *id).collect());
    for (term, df) in &common {
        for (id, w) in postings(conn, project_id, term, among.as_deref()).await? {
            *scores.entry(id).or_default() += idf(n, *df) * f64::from(w);
        }
    }
    if let Some(own) = except {
        scores.remove(&own);
    }
    // A title match counts double, so the best possible score is twice the sum of the weights.
    let floor = MIN_SHARE * 2.0 * best;
    let mut ranked: Vec<(i64, f64)> = scores.into_iter().filter(|(_, s)| *s >= floor).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    Ok(ranked.into_iter().take(limit).map(|(id, _)| id).collect())
}

/// The public ideas of `project_id` most similar to what is typed (`text`: title and text together),
/// best first, at most [`SIMILAR`]. Ideas of `except` (the one being edited) are left out.
pub async fn similar(
    d: &Domain,
    project_id: i64,
    text: &str,
    except: Option<i64>,
) -> Result<Vec<IdeaCard>> {
    let ids = similar_ids(&d.db, project_id, text, SIMILAR, except).await?;
    let rows = idea::Entity::find()
        .filter(idea::Column::Id.is_in(ids.clone()))
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .all(&d.db)
        .await?;
    let mut cards = crate::cards::cards(&d.db, rows).await?;
    cards.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
    Ok(cards)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_and_english_word_forms_share_a_term() {
        assert_eq!(terms("библиотеки"), terms("библиотека"));
        assert_eq!(terms("Библиотекам"), terms("библиотеке"));
        assert_eq!(terms("ёлки"), terms("елка"));
        assert_eq!(terms("libraries"), terms("library"));
        assert_eq!(terms("opening hours"), terms("open hour"));
    }

    #[test]
    fn stop_words_and_punctuation_are_dropped() {
        assert_eq!(terms("и в на, the of!"), Vec::<String>::new());
        assert_eq!(terms("парк, парки; ПАРКОВ"), vec!["парк".to_owned()]);
        assert_eq!(terms("дом 12, 2026 год"), vec!["дом", "2026", "год"]);
    }

    #[test]
    fn title_words_weigh_double() {
        let w = weighted("Новые парки", "Парки и скамейки");
        assert_eq!(w.get("парк"), Some(&2));
        assert_eq!(w.get("скамейк"), Some(&1));
    }
}
