//! Publishing, scheduling, unpublishing and archiving a project, and its premoderation setting.

use super::*;

/// Turns premoderation on (new ideas wait in the moderation queue until a moderator publishes them) or
/// off (they are public at once and reviewed afterwards).
pub async fn set_premoderation(d: &Domain, actor: &User, project_id: i64, on: bool) -> Result<()> {
    let p = find_project(&d.db, project_id).await?;
    if p.premoderation == on {
        return Ok(());
    }
    let txn = d.db.begin().await?;
    let mut row = p.into_active_model();
    row.premoderation = Set(on);
    row.update(&txn).await?;
    let line = Change::new(
        if on {
            ChangeKind::PremoderationOn
        } else {
            ChangeKind::PremoderationOff
        },
        [],
    );
    record(&txn, project_id, actor, &[line], d.now()).await?;
    txn.commit().await?;
    Ok(())
}

/// What to do with a project's publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    /// Public now.
    PublishNow,
    /// Public by itself at the instant.
    Schedule(DateTime<Utc>),
    /// Back to draft.
    Unpublish,
    /// Finished and filed.
    Archive,
}

/// Changes a project's publication state. Publishing or scheduling needs a timeline with an ideas stage
/// and at least one direction; a schedule must lie in the future.
pub async fn set_publication(
    d: &Domain,
    actor: &User,
    project_id: i64,
    what: Publication,
) -> Result<()> {
    let now = d.now();
    let p = find_project(&d.db, project_id).await?;
    if matches!(what, Publication::PublishNow | Publication::Schedule(_)) {
        let mut errors = Vec::new();
        let stages = crate::projects::stages(&d.db, project_id).await?;
        if !stages.iter().any(|s| s.kind == "ideas") {
            errors.push(FieldError::new("publication", "ideas_required"));
        }
        let directions = direction::Entity::find()
            .filter(direction::Column::ProjectId.eq(project_id))
            .filter(direction::Column::Retired.eq(false))
            .one(&d.db)
            .await?;
        if directions.is_none() {
            errors.push(FieldError::new("publication", "directions_required"));
        }
        if let Publication::Schedule(at) = what
            && at <= now
        {
            errors.push(FieldError::new("publish_at", "in_past"));
        }
        Error::check(errors)?;
    }
    let (state, publish_at, line) = match what {
        Publication::PublishNow => (
            ProjectState::Published,
            Some(now),
            Change::new(ChangeKind::Published, []),
        ),
        Publication::Schedule(at) => (
            ProjectState::Scheduled,
            Some(at),
            Change::new(ChangeKind::Scheduled, [&at.to_rfc3339()]),
        ),
        Publication::Unpublish => (
            ProjectState::Draft,
            None,
            Change::new(ChangeKind::Unpublished, []),
        ),
        Publication::Archive => {
            // Archiving files a project that residents have seen; it must not publish a draft.
            if ProjectState::parse(&p.state).is_none_or(|state| state == ProjectState::Draft) {
                return Err(Error::field("publication", "not_published"));
            }
            (
                ProjectState::Archived,
                p.publish_at,
                Change::new(ChangeKind::Archived, []),
            )
        }
    };
    let txn = d.db.begin().await?;
    let mut row = p.into_active_model();
    row.state = Set(state.into());
    row.publish_at = Set(publish_at);
    row.update(&txn).await?;
    record(&txn, project_id, actor, &[line], now).await?;
    txn.commit().await?;
    Ok(())
}
