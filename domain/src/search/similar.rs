//! Similar ideas: the published ideas that best share the words typed, ranked by BM25, the rarest typed
//! words looked up first, each through one capped range of a covering index.

use super::{POSTINGS_CAP, QUERY_TERMS, SIMILAR, terms};
use crate::entities::{idea, idea_term, term_stat};
use crate::{Domain, Result};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use wire::IdeaCard;

/// Most candidates (found by the rarer typed words) scored by the common ones.
const CANDIDATES: usize = 500;
/// A match must reach this share of the best possible score of the typed words.
const MIN_SHARE: f64 = 0.2;

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
