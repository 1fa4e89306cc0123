//! The commission's dashboard: one direction a page at a time, each idea with the viewer's scores and,
//! once revealed, everybody's, with the members' progress.

use super::*;
use sea_orm::{JoinType, RelationDef};

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
    // Progress and the commission's alpha are over every public idea: the members' scores as numbers and
    // their conflicts, each read in one statement joined to the ideas they are about; the scores'
    // comments only for the ideas shown.
    let scores: Vec<(i64, i64, String, i16)> = expert_score::Entity::find()
        .select_only()
        .columns([
            expert_score::Column::ExpertId,
            expert_score::Column::IdeaId,
            expert_score::Column::Criterion,
            expert_score::Column::Score,
        ])
        .join(
            JoinType::InnerJoin,
            about_idea::<expert_score::Entity>(expert_score::Column::IdeaId),
        )
        .filter(expert_score::Column::ExpertId.is_in(members.clone()))
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .into_tuple()
        .all(&d.db)
        .await?;
    let conflicts: Vec<(i64, i64)> = expert_conflict::Entity::find()
        .select_only()
        .columns([
            expert_conflict::Column::ExpertId,
            expert_conflict::Column::IdeaId,
        ])
        .join(
            JoinType::InnerJoin,
            about_idea::<expert_conflict::Entity>(expert_conflict::Column::IdeaId),
        )
        .filter(expert_conflict::Column::ExpertId.is_in(members.clone()))
        .filter(idea::Column::ProjectId.eq(p.id))
        .filter(idea::Column::Status.is_in(crate::cards::VISIBLE))
        .into_tuple()
        .all(&d.db)
        .await?;
    let comments: HashMap<(i64, i64), String> = expert_score::Entity::find()
        .filter(expert_score::Column::IdeaId.is_in(ids.clone()))
        .filter(expert_score::Column::ExpertId.is_in(members.clone()))
        .filter(expert_score::Column::Comment.is_not_null())
        .all(&d.db)
        .await?
        .into_iter()
        .filter_map(|s| Some(((s.idea_id, s.expert_id), s.comment?)))
        .collect();
    let votes = commission_vote::Entity::find()
        .filter(commission_vote::Column::IdeaId.is_in(ids))
        .all(&d.db)
        .await?;
    let total: i64 = directions.iter().map(|(_, n)| i64::from(*n)).sum();
    // Members by the names the project gives them (as its page does), in both languages.
    let names: HashMap<i64, Bilingual> = commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(p.id))
        .all(&d.db)
        .await?
        .into_iter()
        .filter_map(|m| Some((m.user_id?, Bilingual::new(m.name_ru, m.name_en))))
        .collect();
    let criteria = criteria(&d.db, p.id).await?;
    let width = criteria.len();
    let mut by_idea: HashMap<i64, HashMap<i64, Given>> = HashMap::new();
    for (expert_id, idea_id, criterion, score) in &scores {
        let Some(k) = criteria.iter().position(|c| c.key == *criterion) else {
            continue;
        };
        let entry = by_idea
            .entry(*idea_id)
            .or_default()
            .entry(*expert_id)
            .or_insert_with(|| {
                (
                    vec![0; width],
                    comments.get(&(*idea_id, *expert_id)).cloned(),
                )
            });
        entry.0[k] = *score;
    }
    let stepped: HashSet<(i64, i64)> = conflicts.iter().map(|(e, i)| (*i, *e)).collect();
    // The commission's agreement, as this member may see it: over the ideas they have scored.
    let units: Vec<Vec<f64>> = by_idea
        .values()
        .filter(|experts| experts.contains_key(&expert.id))
        .flat_map(|experts| {
            (0..width).map(move |k| experts.values().map(|(s, _)| f64::from(s[k])).collect())
        })
        .collect();
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
        .map(|m| {
            let scored = scores
                .iter()
                .filter(|(e, ..)| e == m)
                .map(|(_, idea_id, ..)| idea_id)
                .collect::<HashSet<_>>()
                .len();
            let aside = conflicts.iter().filter(|(e, _)| e == m).count();
            Progress {
                expert: names.get(m).cloned().unwrap_or_default(),
                scored: u32::try_from(scored).unwrap_or(0),
                total: total.saturating_sub(u32::try_from(aside).unwrap_or(0)),
            }
        })
        .collect();
    Ok(Dashboard {
        alpha: krippendorff_alpha(&units),
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

/// The join from a score or conflict (its idea column `column`) to the idea it is about.
fn about_idea<E: EntityTrait>(column: E::Column) -> RelationDef {
    E::belongs_to(idea::Entity)
        .from(column)
        .to(idea::Column::Id)
        .into()
}

/// What one expert gave one idea: scores by criterion and the comment.
pub(super) type Given = (Vec<i16>, Option<String>);
