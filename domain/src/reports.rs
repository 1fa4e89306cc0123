//! Reports: a resident flags an idea or a comment for the moderators, with a reason. One report per
//! person per target (a unique key); the moderation queue reads the open ones.

use crate::auth::{Role, User};
use crate::entities::{comment, report};
use crate::text::check_text;
use crate::{Domain, Error, Result};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

/// Who may report.
pub const REPORT: &[Role] = &[Role::Resident];
/// Length of a reason in characters.
pub const REASON_LEN: (usize, usize) = (5, 500);

/// What is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An idea, by id.
    Idea(i64),
    /// A comment, by id.
    Comment(i64),
}

/// Files `user`'s report; a second report of the same target by the same person is refused.
pub async fn file(d: &Domain, user: &User, target: Target, reason: &str) -> Result<()> {
    let mut errors = Vec::new();
    check_text("reason", reason, REASON_LEN.0, REASON_LEN.1, &mut errors);
    Error::check(errors)?;
    let (kind, id, idea_id) = match target {
        Target::Idea(id) => (wire::ReportTarget::Idea, id, id),
        Target::Comment(id) => {
            let c = comment::Entity::find_by_id(id)
                .filter(comment::Column::Status.eq(wire::CommentStatus::Published.as_str()))
                .one(&d.db)
                .await?
                .ok_or(Error::NotFound)?;
            (wire::ReportTarget::Comment, id, c.idea_id)
        }
    };
    let (_, p) = crate::comments::public_idea(d, idea_id).await?;
    let inserted = report::Entity::insert(report::ActiveModel {
        reporter_id: Set(user.id),
        target_kind: Set(kind.into()),
        target_id: Set(id),
        project_id: Set(p.id),
        reason: Set(reason.trim().to_owned()),
        created_at: Set(d.now()),
        resolved_at: Set(None),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([
        report::Column::ReporterId,
        report::Column::TargetKind,
        report::Column::TargetId,
    ])
    .exec_without_returning(&d.db)
    .await?;
    match inserted {
        sea_orm::TryInsertResult::Inserted(n) if n > 0 => {
            d.queue_changed();
            Ok(())
        }
        _ => Err(Error::field("reason", "already_reported")),
    }
}
