//! Blind scoring: an expert's scores and comment on an idea, conflicts of interest, and the commission's
//! agreement (Krippendorff's alpha).

use super::*;

/// Whether the expert has scored the idea and colleagues' scores of it are therefore shown to them: their
/// own score is then final (changing it after seeing the others' would not be blind).
pub(super) async fn revealed(d: &Domain, expert_id: i64, idea_id: i64) -> Result<bool> {
    let scorers: Vec<i64> = expert_score::Entity::find()
        .select_only()
        .column(expert_score::Column::ExpertId)
        .distinct()
        .filter(expert_score::Column::IdeaId.eq(idea_id))
        .into_tuple()
        .all(&d.db)
        .await?;
    Ok(scorers.contains(&expert_id) && scorers.iter().any(|id| *id != expert_id))
}

/// Whether the commission has made its final decision on an idea of this status.
fn decided(status: &str) -> bool {
    [IdeaStatus::Selected, IdeaStatus::NotSelected]
        .iter()
        .any(|s| s.as_str() == status)
}

/// Records the expert's scores of an idea on every criterion of its project (in their order), with an
/// optional comment. A score may be replaced only while no colleague has scored the idea (until then
/// nothing was revealed to its author); after that it is final (`score_final`).
pub async fn score(
    d: &Domain,
    expert: &User,
    idea_id: i64,
    scores: &[i16],
    comment: &str,
) -> Result<()> {
    let (row, _) = judged_idea(d, expert, idea_id).await?;
    if decided(&row.status) {
        return Err(Error::field("form", "already_decided"));
    }
    let criteria = criteria(&d.db, row.project_id).await?;
    let mut errors = Vec::new();
    if scores.len() != criteria.len() || scores.iter().any(|v| !(1..=5).contains(v)) {
        errors.push(crate::FieldError::new("scores", "score_range"));
    }
    let comment = comment.trim();
    if !comment.is_empty() {
        check_text("comment", comment, 2, REASON_LEN.1, &mut errors);
    }
    Error::check(errors)?;
    if conflicted(d, expert.id, idea_id).await? {
        return Err(Error::field("form", "conflicted"));
    }
    if revealed(d, expert.id, idea_id).await? {
        return Err(Error::field("scores", "score_final"));
    }
    let now = d.now();
    let txn = d.db.begin().await?;
    expert_score::Entity::delete_many()
        .filter(expert_score::Column::IdeaId.eq(idea_id))
        .filter(expert_score::Column::ExpertId.eq(expert.id))
        .exec(&txn)
        .await?;
    // Checked again under the write lock the delete took (SQLite) and the idea row's lock (PostgreSQL):
    // a decision made since the first check is not scored after the fact.
    let now_status = idea::Entity::find_by_id(idea_id)
        .select_only()
        .column(idea::Column::Status)
        .lock_exclusive()
        .into_tuple::<String>()
        .one(&txn)
        .await?;
    if now_status.as_deref().is_none_or(decided) {
        return Err(Error::field("form", "already_decided"));
    }
    let rows: Vec<expert_score::ActiveModel> = criteria
        .iter()
        .zip(scores)
        .map(|(criterion, value)| expert_score::ActiveModel {
            idea_id: Set(idea_id),
            expert_id: Set(expert.id),
            criterion: Set(criterion.key.clone()),
            score: Set(*value),
            comment: Set((!comment.is_empty()).then(|| comment.to_owned())),
            created_at: Set(now),
            ..Default::default()
        })
        .collect();
    expert_score::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    totals_outdated(&txn, row.project_id).await?;
    txn.commit().await?;
    d.commission_changed(row.project_id);
    Ok(())
}

/// The expert steps aside from judging an idea (conflict of interest), with a reason; their scores of it,
/// if any, are removed.
pub async fn declare_conflict(d: &Domain, expert: &User, idea_id: i64, reason: &str) -> Result<()> {
    let reason = check_reason("reason", reason)?;
    let (row, _) = judged_idea(d, expert, idea_id).await?;
    let now = d.now();
    let txn = d.db.begin().await?;
    let inserted = expert_conflict::Entity::insert(expert_conflict::ActiveModel {
        idea_id: Set(idea_id),
        expert_id: Set(expert.id),
        reason: Set(reason),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        expert_conflict::Column::IdeaId,
        expert_conflict::Column::ExpertId,
    ])
    .exec_without_returning(&txn)
    .await?;
    if !matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0) {
        return Err(Error::field("reason", "already_declared"));
    }
    expert_score::Entity::delete_many()
        .filter(expert_score::Column::IdeaId.eq(idea_id))
        .filter(expert_score::Column::ExpertId.eq(expert.id))
        .exec(&txn)
        .await?;
    totals_outdated(&txn, row.project_id).await?;
    txn.commit().await?;
    d.commission_changed(row.project_id);
    Ok(())
}

/// Moves the project's `commission_version` (a score, a conflict or the commission's members changed):
/// the dashboards recompute their totals over every score.
pub(crate) async fn totals_outdated<C: ConnectionTrait>(conn: &C, project_id: i64) -> Result<()> {
    project::Entity::update_many()
        .col_expr(
            project::Column::CommissionVersion,
            Expr::col(project::Column::CommissionVersion).add(1),
        )
        .filter(project::Column::Id.eq(project_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// The values given to one unit (an idea on one criterion) as the three sums Krippendorff's alpha
/// needs: how many, their sum and the sum of their squares.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    /// How many values.
    pub count: f64,
    /// Their sum.
    pub sum: f64,
    /// The sum of their squares.
    pub squares: f64,
}

impl Moments {
    /// The moments of `values`.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Self {
        values.into_iter().fold(Self::default(), |m, v| Self {
            count: m.count + 1.0,
            sum: m.sum + v,
            squares: m.squares + v * v,
        })
    }

    /// Σ over ordered pairs i ≠ j of (a_i − a_j)², which is 2·m·Σa² − 2·(Σa)²: linear, not quadratic,
    /// in the number of values.
    fn squared_differences(self) -> f64 {
        (2.0 * self.count * self.squares - 2.0 * self.sum * self.sum).max(0.0)
    }
}

/// Krippendorff's alpha for interval data: `units` are the values given to each scored item (here an
/// idea on one criterion); items with fewer than two values do not count. `None` without disagreement
/// to compare to (fewer than two pairable values, or every value the same).
pub fn krippendorff_alpha(units: &[Vec<f64>]) -> Option<f64> {
    let moments: Vec<Moments> = units
        .iter()
        .map(|u| Moments::of(u.iter().copied()))
        .collect();
    alpha_of_moments(&moments)
}

/// [`krippendorff_alpha`] from each unit's [`Moments`] (which a database can sum for it).
pub fn alpha_of_moments(units: &[Moments]) -> Option<f64> {
    let pairable: Vec<&Moments> = units.iter().filter(|u| u.count >= 2.0).collect();
    let n: f64 = pairable.iter().map(|u| u.count).sum();
    if n < 2.0 {
        return None;
    }
    let observed: f64 = pairable
        .iter()
        .map(|u| u.squared_differences() / (u.count - 1.0))
        .sum::<f64>()
        / n;
    let all = pairable.iter().fold(Moments::default(), |a, u| Moments {
        count: a.count + u.count,
        sum: a.sum + u.sum,
        squares: a.squares + u.squares,
    });
    let expected = all.squared_differences() / (n * (n - 1.0));
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::krippendorff_alpha;

    #[test]
    fn alpha_is_one_for_perfect_agreement_and_low_for_disagreement() {
        let same = vec![vec![5.0, 5.0, 5.0], vec![2.0, 2.0, 2.0], vec![4.0, 4.0]];
        assert_eq!(krippendorff_alpha(&same), Some(1.0));
        let opposite = vec![vec![1.0, 5.0], vec![5.0, 1.0], vec![1.0, 5.0]];
        assert!(krippendorff_alpha(&opposite).unwrap() < 0.0);
        // A worked example: 3 units rated by two coders.
        let units = vec![vec![1.0, 2.0], vec![3.0, 3.0], vec![5.0, 4.0]];
        let alpha = krippendorff_alpha(&units).unwrap();
        assert!((alpha - 0.8333).abs() < 0.001, "{alpha}");
        assert_eq!(krippendorff_alpha(&[vec![3.0]]), None, "nothing pairable");
    }
}
