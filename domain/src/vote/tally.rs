//! Counting the vote and proving the count: totals from the confirmed choices, the published ballots
//! (receipt, token, choices; no voter), a receipt check for residents, the Pabulib export of a budget
//! vote, and the verifier behind `crowd verify-ballots`.

use super::*;
use crate::entities::ballot_choice;
use sea_orm::{PaginatorTrait, QuerySelect};
use wire::PublishedBallot;

/// Confirmed choices per idea of project `project_id` (one grouped statement).
pub async fn totals<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = ballot_choice::Entity::find()
        .select_only()
        .column(ballot_choice::Column::IdeaId)
        .column_as(ballot_choice::Column::BallotId.count(), "n")
        .filter(ballot_choice::Column::ProjectId.eq(project_id))
        .group_by(ballot_choice::Column::IdeaId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Confirmed ballots of project `project_id`.
pub async fn confirmed<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<i64> {
    let n = ballot::Entity::find()
        .filter(ballot::Column::ProjectId.eq(project_id))
        .filter(ballot::Column::ConfirmedAt.is_not_null())
        .count(conn)
        .await?;
    Ok(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The stage and rules of project `project_id`'s vote once the stage has ended (`None` before it ends,
/// and for a project without a vote).
async fn ended<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<(stage::Model, VoteRules)>> {
    match stage_and_rules(conn, project_id, now).await {
        Ok((stage, Phase::Finished, rules)) => Ok(Some((stage, rules))),
        Ok(_) | Err(Error::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The winners of project `project_id`'s ended vote under `rules`.
async fn winners_under<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    rules: &VoteRules,
) -> Result<Vec<i64>> {
    let reading = Reading {
        totals: true,
        winners: true,
        every_direction: false,
    };
    Ok(ballot_directions(conn, project_id, Some(rules), reading)
        .await?
        .into_iter()
        .flat_map(|dir| dir.options)
        .filter(|o| o.winner)
        .map(|o| o.idea_id)
        .collect())
}

/// The ideas that won project `project_id`'s vote, once its stage has ended (none before, and none
/// without a vote).
pub async fn winners<C: ConnectionTrait>(
    conn: &C,
    project_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    match ended(conn, project_id, now).await? {
        Some((_, rules)) => winners_under(conn, project_id, &rules).await,
        None => Ok(Vec::new()),
    }
}

/// The result of idea `row` in its project's vote, once the stage has ended and if it was on the
/// ballot: when the vote ended, the confirmed ballots that chose it, and whether it won.
pub async fn result_of<C: ConnectionTrait>(
    conn: &C,
    row: &idea::Model,
    now: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, i64, bool)>> {
    if ballot_item::Entity::find_by_id(row.id)
        .one(conn)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let Some((stage, rules)) = ended(conn, row.project_id, now).await? else {
        return Ok(None);
    };
    let votes = ballot_choice::Entity::find()
        .filter(ballot_choice::Column::ProjectId.eq(row.project_id))
        .filter(ballot_choice::Column::IdeaId.eq(row.id))
        .count(conn)
        .await?;
    let won = winners_under(conn, row.project_id, &rules)
        .await?
        .contains(&row.id);
    Ok(Some((
        stage.ends_at,
        i64::try_from(votes).unwrap_or(i64::MAX),
        won,
    )))
}

/// A stored ballot as published.
fn published_of(row: &ballot::Model) -> Option<PublishedBallot> {
    Some(PublishedBallot {
        receipt: row.receipt.clone()?,
        token: row.token.clone()?,
        choices: parse_ids(row.choices.as_deref()?),
    })
}

/// The confirmed ballots of project `slug`, ordered by receipt (which says nothing of who voted or
/// when), once the totals are public; `NotFound` before.
pub async fn published(d: &Domain, slug: &str) -> Result<Vec<PublishedBallot>> {
    let p = find_public(&d.db, slug, d.now()).await?;
    let (_, phase, rules) = stage_and_rules(&d.db, p.id, d.now()).await?;
    if !totals_public(&rules, phase) {
        return Err(Error::NotFound);
    }
    Ok(ballot::Entity::find()
        .filter(ballot::Column::ProjectId.eq(p.id))
        .filter(ballot::Column::ConfirmedAt.is_not_null())
        .order_by_asc(ballot::Column::Receipt)
        .all(&d.db)
        .await?
        .iter()
        .filter_map(published_of)
        .collect())
}

/// The counted ballot with `receipt` in project `slug`, if it is one (any time: it shows one ballot's
/// choices only, to whoever holds its receipt).
pub async fn check_receipt(
    d: &Domain,
    slug: &str,
    receipt: &str,
) -> Result<Option<PublishedBallot>> {
    let p = find_public(&d.db, slug, d.now()).await?;
    let receipt = receipt.trim().to_ascii_lowercase();
    if receipt.len() != 64 || !receipt.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::field("receipt", "receipt_malformed"));
    }
    Ok(ballot::Entity::find()
        .filter(ballot::Column::ProjectId.eq(p.id))
        .filter(ballot::Column::Receipt.eq(receipt))
        .one(&d.db)
        .await?
        .as_ref()
        .and_then(published_of))
}

/// What `crowd verify-ballots` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotAudit {
    /// Confirmed ballots checked.
    pub ballots: usize,
    /// Ideas whose total was recounted.
    pub ideas: usize,
    /// Each disagreement, naming the ballot or the idea.
    pub problems: Vec<String>,
}

/// Recounts project `slug`'s vote from its ballots: each confirmed ballot's receipt is recomputed from
/// its token and choices, its counted choices are compared with them, and every idea's total is
/// recounted from the ballots and compared with the total the site shows. `progress` is told how many
/// ballots were checked, every thousand.
pub async fn verify(d: &Domain, slug: &str, progress: &dyn Fn(usize)) -> Result<BallotAudit> {
    let p = crate::entities::project::Entity::find()
        .filter(crate::entities::project::Column::Slug.eq(slug))
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let ballots = ballot::Entity::find()
        .filter(ballot::Column::ProjectId.eq(p.id))
        .filter(ballot::Column::ConfirmedAt.is_not_null())
        .order_by_asc(ballot::Column::Id)
        .all(&d.db)
        .await?;
    let mut counted: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for row in ballot_choice::Entity::find()
        .filter(ballot_choice::Column::ProjectId.eq(p.id))
        .all(&d.db)
        .await?
    {
        counted
            .entry(row.ballot_id)
            .or_default()
            .insert(row.idea_id);
    }
    let mut problems = Vec::new();
    let mut recount: HashMap<i64, i64> = HashMap::new();
    for (n, row) in ballots.iter().enumerate() {
        let choices: BTreeSet<i64> = parse_ids(row.choices.as_deref().unwrap_or_default())
            .into_iter()
            .collect();
        let token = row.token.as_deref().unwrap_or_default();
        let expected = receipt(p.id, token, &choices.iter().copied().collect::<Vec<_>>());
        let shown = row.receipt.as_deref().unwrap_or_default();
        if expected != shown {
            problems.push(format!(
                "ballot {} (receipt {shown}): its receipt does not match its token and choices",
                row.id
            ));
        }
        if counted.remove(&row.id).unwrap_or_default() != choices {
            problems.push(format!(
                "ballot {} (receipt {shown}): the choices counted differ from the ballot's",
                row.id
            ));
        }
        for idea in choices {
            *recount.entry(idea).or_default() += 1;
        }
        if (n + 1) % 1000 == 0 {
            progress(n + 1);
        }
    }
    for ballot_id in counted.keys() {
        problems.push(format!(
            "choices counted for ballot {ballot_id}, which is not a confirmed ballot"
        ));
    }
    let shown = totals(&d.db, p.id).await?;
    let mut ideas: BTreeSet<i64> = recount.keys().copied().collect();
    ideas.extend(shown.keys().copied());
    for idea in &ideas {
        let (a, b) = (
            recount.get(idea).copied().unwrap_or(0),
            shown.get(idea).copied().unwrap_or(0),
        );
        if a != b {
            problems.push(format!("idea {idea}: {b} votes shown, {a} in the ballots"));
        }
    }
    progress(ballots.len());
    Ok(BallotAudit {
        ballots: ballots.len(),
        ideas: ideas.len(),
        problems,
    })
}

/// A cell of a Pabulib file (semicolon-separated, quoted as CSV when needed).
fn pb_cell(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if clean.contains([';', '"', ',']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

/// One direction of project `slug`'s budget vote in the Pabulib `.pb` format (pabulib.org), so that
/// third parties can recount it with their own tools: META (budget, rule `greedy`), PROJECTS (cost,
/// votes, name) and VOTES (one line per confirmed ballot, its receipt as the voter id). Once the totals
/// are public; `NotFound` before, for another rule, or for a direction of another project.
pub async fn pabulib(d: &Domain, slug: &str, direction_id: i64) -> Result<String> {
    let p = find_public(&d.db, slug, d.now()).await?;
    let (stage, phase, rules) = stage_and_rules(&d.db, p.id, d.now()).await?;
    if !totals_public(&rules, phase) || rules.rule != VoteRule::Budget {
        return Err(Error::NotFound);
    }
    let reading = Reading {
        totals: true,
        winners: false,
        every_direction: false,
    };
    let dirs = ballot_directions(&d.db, p.id, Some(&rules), reading).await?;
    let dir = dirs
        .into_iter()
        .find(|x| x.id == direction_id)
        .ok_or(Error::NotFound)?;
    let on_direction: BTreeSet<i64> = dir.options.iter().map(|o| o.idea_id).collect();
    let votes: Vec<(String, Vec<i64>)> = published(d, slug)
        .await?
        .into_iter()
        .map(|b| {
            let mine = b
                .choices
                .into_iter()
                .filter(|i| on_direction.contains(i))
                .collect::<Vec<_>>();
            (b.receipt, mine)
        })
        .filter(|(_, mine)| !mine.is_empty())
        .collect();
    let date = |at: DateTime<Utc>| {
        at.with_timezone(&chrono_tz::Europe::Moscow)
            .format("%d.%m.%Y")
            .to_string()
    };
    let mut out = String::new();
    out.push_str("META\nkey;value\n");
    for (key, value) in [
        ("description", format!("{} — {}", p.title_en, dir.title.en)),
        ("country", "Russia".to_owned()),
        ("unit", "Moscow".to_owned()),
        ("instance", format!("{}/{}", p.slug, dir.id)),
        ("num_projects", dir.options.len().to_string()),
        ("num_votes", votes.len().to_string()),
        ("budget", dir.budget.unwrap_or(0).to_string()),
        ("vote_type", "approval".to_owned()),
        ("rule", "greedy".to_owned()),
        ("date_begin", date(stage.starts_at)),
        ("date_end", date(stage.ends_at)),
        ("currency", "RUB".to_owned()),
    ] {
        out.push_str(&format!("{key};{}\n", pb_cell(&value)));
    }
    out.push_str("PROJECTS\nproject_id;cost;votes;name\n");
    for o in &dir.options {
        out.push_str(&format!(
            "{};{};{};{}\n",
            o.idea_id,
            o.cost.unwrap_or(0),
            o.votes.unwrap_or(0),
            pb_cell(&o.title)
        ));
    }
    out.push_str("VOTES\nvoter_id;vote\n");
    for (voter, mine) in votes {
        let list: Vec<String> = mine.iter().map(i64::to_string).collect();
        out.push_str(&format!("{voter};{}\n", list.join(",")));
    }
    Ok(out)
}
