//! The commission's dashboard: one direction a page at a time, each idea with the viewer's scores and,
//! once revealed, everybody's, with the members' progress.

use super::*;
use sea_orm::sea_query::Func;
use sea_orm::{JoinType, QueryTrait, RelationDef};
use std::sync::Arc;

/// Ideas the dashboard shows at once.
pub const BOARD_PAGE: u64 = 30;

/// Which ideas the dashboard shows: one direction (the first when none or an unknown one is asked for),
/// newest first, [`BOARD_PAGE`] at a time from before idea `before`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BoardPage {
    /// The direction.
    pub direction: Option<i64>,
    /// The page starts below this idea id.
    pub before: Option<i64>,
}

/// The dashboard of project `slug` for `expert` (a member of its commission).
pub async fn dashboard(
    d: &Domain,
    expert: &User,
    slug: &str,
    page: BoardPage,
) -> Result<Dashboard> {
    let p = crate::projects::find_public(&d.db, slug, d.now()).await?;
    let members = members(d, p.id).await?;
    if !members.contains(&expert.id) {
        return Err(Error::Forbidden);
    }
    // The tabs: every direction with its public ideas (a counter the database keeps).
    let directions: Vec<(direction::Model, u32)> = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(p.id))
        .order_by_asc(direction::Column::Position)
        .order_by_asc(direction::Column::Id)
        .all(&d.db)
        .await?
        .into_iter()
        .map(|x| {
            let n = u32::try_from(x.public_ideas).unwrap_or(0);
            (x, n)
        })
        .collect();
    let shown = page
        .direction
        .filter(|id| directions.iter().any(|(x, _)| x.id == *id))
        .or_else(|| directions.first().map(|(x, _)| x.id));
    let mut rows = idea::Entity::find()
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .filter(idea::Column::DirectionId.eq(shown.unwrap_or(0)))
        .filter(idea::Column::Id.lt(page.before.unwrap_or(i64::MAX)))
        .order_by_desc(idea::Column::Id)
        .limit(BOARD_PAGE + 1)
        .all(&d.db)
        .await?;
    let next = if rows.len() > usize::try_from(BOARD_PAGE).unwrap_or(usize::MAX) {
        rows.pop();
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let criteria = criteria(&d.db, p.id).await?;
    let public: i64 = directions.iter().map(|(_, n)| i64::from(*n)).sum();
    let key = TotalsKey {
        project: p.id,
        viewer: expert.id,
        version: p.commission_version,
        public,
    };
    let totals = match d.commission_totals.get(&key) {
        Some(kept) => kept,
        None => {
            let fresh = Arc::new(totals(d, p.id, &members, expert.id, &criteria).await?);
            d.commission_totals.keep(key, fresh.clone());
            fresh
        }
    };
    // The shown ideas' scores with their comments, and who stepped aside from them.
    let scores = expert_score::Entity::find()
        .filter(expert_score::Column::IdeaId.is_in(ids.clone()))
        .filter(expert_score::Column::ExpertId.is_in(members.clone()))
        .all(&d.db)
        .await?;
    let conflicts: Vec<(i64, i64)> = expert_conflict::Entity::find()
        .select_only()
        .columns([
            expert_conflict::Column::ExpertId,
            expert_conflict::Column::IdeaId,
        ])
        .filter(expert_conflict::Column::IdeaId.is_in(ids.clone()))
        .filter(expert_conflict::Column::ExpertId.is_in(members.clone()))
        .into_tuple()
        .all(&d.db)
        .await?;
    let votes = commission_vote::Entity::find()
        .filter(commission_vote::Column::IdeaId.is_in(ids))
        .all(&d.db)
        .await?;
    let total = public;
    // Members by the names the project gives them (as its page does), in both languages.
    let names: HashMap<i64, Bilingual> = commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(p.id))
        .all(&d.db)
        .await?
        .into_iter()
        .filter_map(|m| Some((m.user_id?, Bilingual::new(m.name_ru, m.name_en))))
        .collect();
    let width = criteria.len();
    let mut by_idea: HashMap<i64, HashMap<i64, Given>> = HashMap::new();
    for score in scores {
        let Some(k) = criteria.iter().position(|c| c.key == score.criterion) else {
            continue;
        };
        let entry = by_idea
            .entry(score.idea_id)
            .or_default()
            .entry(score.expert_id)
            .or_insert_with(|| (vec![0; width], None));
        entry.0[k] = score.score;
        if score.comment.is_some() {
            entry.1 = score.comment;
        }
    }
    let stepped: HashSet<(i64, i64)> = conflicts.iter().map(|(e, i)| (*i, *e)).collect();
    let mut judged = Vec::new();
    let cards = crate::cards::cards(&d.db, rows).await?;
    for card in cards {
        let experts = by_idea.remove(&card.id).unwrap_or_default();
        let scoring = |(id, (s, c)): (&i64, &Given)| Scoring {
            expert: names.get(id).cloned().unwrap_or_default(),
            scores: s.clone(),
            comment: c.clone(),
        };
        let mine = experts.get_key_value(&expert.id).map(scoring);
        let is_conflicted = stepped.contains(&(card.id, expert.id));
        // Blind until the viewer has scored; one who stepped aside sees none of it.
        let reveal = mine.is_some() && !is_conflicted;
        let all = reveal.then(|| {
            let mut list: Vec<Scoring> = experts.iter().map(scoring).collect();
            list.sort_by(|a, b| a.expert.ru.cmp(&b.expert.ru));
            list
        });
        let means = (reveal && !experts.is_empty()).then(|| {
            let mut m = vec![0.0; width];
            for (s, _) in experts.values() {
                for (k, v) in s.iter().enumerate() {
                    m[k] += f64::from(*v) / experts.len() as f64;
                }
            }
            m
        });
        let spread = (reveal && experts.len() >= 2).then(|| {
            (0..width)
                .map(|k| {
                    let values = experts.values().map(|(s, _)| s[k]);
                    values.clone().max().unwrap_or(0) - values.min().unwrap_or(0)
                })
                .collect()
        });
        let agreement = if reveal {
            let own: Vec<Vec<f64>> = (0..width)
                .map(|k| experts.values().map(|(s, _)| f64::from(s[k])).collect())
                .collect();
            krippendorff_alpha(&own)
        } else {
            None
        };
        let idea_votes: Vec<&commission_vote::Model> =
            votes.iter().filter(|v| v.idea_id == card.id).collect();
        let eligible = members
            .iter()
            .filter(|m| !stepped.contains(&(card.id, **m)))
            .count();
        judged.push(Judged {
            votes_for: u32::try_from(idea_votes.iter().filter(|v| v.selected).count()).unwrap_or(0),
            votes_against: u32::try_from(idea_votes.iter().filter(|v| !v.selected).count())
                .unwrap_or(0),
            my_vote: idea_votes
                .iter()
                .find(|v| v.expert_id == expert.id)
                .map(|v| v.selected),
            needed: needed(&p, eligible),
            mine,
            conflicted: is_conflicted,
            all,
            means,
            spread,
            agreement,
            card,
        });
    }
    let total = u32::try_from(total).unwrap_or(0);
    let progress = members
        .iter()
        .map(|m| Progress {
            expert: names.get(m).cloned().unwrap_or_default(),
            scored: totals.scored.get(m).copied().unwrap_or(0),
            total: total.saturating_sub(totals.aside.get(m).copied().unwrap_or(0)),
        })
        .collect();
    Ok(Dashboard {
        alpha: totals.alpha,
        project_id: p.id,
        slug: p.slug,
        title: Bilingual::new(p.title_ru, p.title_en),
        criteria,
        directions: directions
            .into_iter()
            .map(|(x, ideas)| BoardTab {
                id: x.id,
                title: Bilingual::new(x.title_ru, x.title_en),
                ideas,
            })
            .collect(),
        direction: shown,
        ideas: judged,
        next,
        progress,
    })
}

/// What the dashboard says about the whole project, over every public idea: how many ideas each member
/// scored and stepped aside from, and the commission's agreement as the viewer may see it (over the
/// ideas they scored). Computed by the database in three aggregate statements (per idea and criterion
/// only the count, sum and sum of squares of the scores come back: [`alpha_of_moments`]), and kept in
/// [`TotalsCache`] until a score, a conflict or the number of public ideas changes.
#[derive(Debug)]
pub struct Totals {
    scored: HashMap<i64, u32>,
    aside: HashMap<i64, u32>,
    alpha: Option<f64>,
}

async fn totals(
    d: &Domain,
    project_id: i64,
    members: &[i64],
    viewer: i64,
    criteria: &[wire::Criterion],
) -> Result<Totals> {
    let public = || {
        idea::Column::ProjectId
            .eq(project_id)
            .and(idea::Column::Status.is_in(crate::cards::VISIBLE))
    };
    let per_member = |rows: Vec<(i64, i64)>| -> HashMap<i64, u32> {
        rows.into_iter()
            .map(|(m, n)| (m, u32::try_from(n).unwrap_or(0)))
            .collect()
    };
    let scored: Vec<(i64, i64)> = expert_score::Entity::find()
        .select_only()
        .column(expert_score::Column::ExpertId)
        .expr(Expr::cust("COUNT(DISTINCT expert_scores.idea_id)"))
        .join(
            JoinType::InnerJoin,
            about_idea::<expert_score::Entity>(expert_score::Column::IdeaId),
        )
        .filter(expert_score::Column::ExpertId.is_in(members.to_vec()))
        .filter(public())
        .group_by(expert_score::Column::ExpertId)
        .into_tuple()
        .all(&d.db)
        .await?;
    let aside: Vec<(i64, i64)> = expert_conflict::Entity::find()
        .select_only()
        .column(expert_conflict::Column::ExpertId)
        .expr(Expr::cust("COUNT(*)"))
        .join(
            JoinType::InnerJoin,
            about_idea::<expert_conflict::Entity>(expert_conflict::Column::IdeaId),
        )
        .filter(expert_conflict::Column::ExpertId.is_in(members.to_vec()))
        .filter(public())
        .group_by(expert_conflict::Column::ExpertId)
        .into_tuple()
        .all(&d.db)
        .await?;
    let viewers_ideas = sea_orm::sea_query::Query::select()
        .column(expert_score::Column::IdeaId)
        .from(expert_score::Entity)
        .and_where(expert_score::Column::ExpertId.eq(viewer))
        .to_owned();
    // One row per idea, along the unique index (idea, expert, criterion), with each criterion's count,
    // sum and sum of squares side by side: grouping by idea and criterion instead needed a temporary
    // B-tree over every score (about 34 of the 81 ms of a recount at 105,000 ideas).
    let mut units = expert_score::Entity::find()
        .select_only()
        .column(expert_score::Column::IdeaId);
    for c in criteria {
        let on = || {
            Expr::col((expert_score::Entity, expert_score::Column::Criterion)).eq(c.key.as_str())
        };
        let score = || Expr::col((expert_score::Entity, expert_score::Column::Score));
        units = units
            .expr(Func::sum(Expr::case(on(), 1).finally(0)))
            .expr(Func::sum(Expr::case(on(), score()).finally(0)))
            .expr(Func::sum(Expr::case(on(), score().mul(score())).finally(0)));
    }
    let rows =
        d.db.query_all(
            &units
                .join(
                    JoinType::InnerJoin,
                    about_idea::<expert_score::Entity>(expert_score::Column::IdeaId),
                )
                .filter(expert_score::Column::ExpertId.is_in(members.to_vec()))
                .filter(expert_score::Column::IdeaId.in_subquery(viewers_ideas))
                .filter(public())
                .group_by(expert_score::Column::IdeaId)
                .into_query(),
        )
        .await?;
    let mut moments = Vec::with_capacity(rows.len() * criteria.len());
    for row in rows {
        for k in 0..criteria.len() {
            let at = |i: usize| row.try_get_by_index::<i64>(1 + 3 * k + i).map(|v| v as f64);
            moments.push(Moments {
                count: at(0)?,
                sum: at(1)?,
                squares: at(2)?,
            });
        }
    }
    Ok(Totals {
        scored: per_member(scored),
        aside: per_member(aside),
        alpha: alpha_of_moments(&moments),
    })
}

/// What kept totals are valid for: the project and viewer, the project's `commission_version` (moved by
/// every score and conflict, on any instance) and its number of public ideas (moved by moderation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TotalsKey {
    project: i64,
    viewer: i64,
    version: i64,
    public: i64,
}

/// The dashboard's totals last computed for each project and viewer, so that paging through the ideas
/// does not recount every score of the project (about 30 ms at 9,000 scored ideas on SQLite).
#[derive(Debug, Default)]
pub struct TotalsCache(std::sync::Mutex<HashMap<(i64, i64), Kept>>);

/// Totals and what they are valid for.
type Kept = (TotalsKey, Arc<Totals>);

impl TotalsCache {
    /// Most (project, viewer) pairs kept; past it the cache starts again.
    const MAX: usize = 10_000;

    fn get(&self, key: &TotalsKey) -> Option<Arc<Totals>> {
        let kept = self.0.lock().ok()?;
        kept.get(&(key.project, key.viewer))
            .filter(|(valid_for, _)| valid_for == key)
            .map(|(_, totals)| totals.clone())
    }

    fn keep(&self, key: TotalsKey, totals: Arc<Totals>) {
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() >= Self::MAX {
                kept.clear();
            }
            kept.insert((key.project, key.viewer), (key, totals));
        }
    }
}

/// The join from a score or conflict (its idea column `column`) to the idea it is about.
fn about_idea<E: EntityTrait>(column: E::Column) -> RelationDef {
    E::belongs_to(idea::Entity)
        .from(column)
        .to(idea::Column::Id)
        .into()
}

/// What one expert gave one idea: scores by criterion and the comment.
pub(super) type Given = (Vec<i16>, Option<String>);
