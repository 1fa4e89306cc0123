//! Moderation: the queue of what no moderator has reviewed yet (ideas waiting for publication, ideas and
//! comments published without waiting, open reports), and the decisions on them — publish, reject with a
//! reason, correct a typo (marked "edited by moderator"), hide a comment, close a report — each recorded
//! in the idea's timeline and in the hash-chained decision trail ([`crate::audit`]), and told to the
//! author. Two moderators acting on one item cannot both win: every decision is a conditional update of
//! an item nobody has reviewed yet; the second gets "already moderated". An idea already published or
//! approved can still be taken down ([`take_down_idea`]), and a kept comment hidden: what is taken
//! down leaves the feed, the search, the counts and the replay of the live stream ([`events::redact_idea`]),
//! and the open reports about it are closed.
//!
//! One file per part: the queue, decisions, reason templates and merges; what they share (the bulk loop,
//! reasons, "already moderated") is here.

mod decisions;
mod merges;
mod queue;
mod templates;

pub use decisions::*;
pub use merges::*;
pub use queue::*;
pub use templates::*;

use crate::audit::{self, Action, Entry};

use crate::auth::{Role, User};

use crate::comments::Comment;

use crate::entities::{
    comment, idea, idea_merge, idea_merge_vote, idea_vote, project, reason_template, report, user,
};

use crate::events;

use wire::IdeaCard;

use crate::notifications::{self, About};

use crate::text::check_text;

use crate::{Domain, Error, Result};

use chrono::{DateTime, Utc};

use sea_orm::sea_query::{Expr, ExprTrait};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use std::collections::HashMap;

use wire::LiveEvent;

use wire::{Bilingual, CommentStatus, IdeaStatus, ReportTarget};

pub use wire::{
    BulkOutcome as Bulk, CommentHidden, IdeaCorrection, MergeRow, ModerationQueue as Queue,
    OpenReport, QueueComment, QueueIdea, ReasonTemplate, TemplateInput,
};

/// Who moderates.
pub const MODERATE: &[Role] = Role::MODERATE;

/// Length of a reason in characters.
pub const REASON_LEN: (usize, usize) = (5, 1000);

/// Items of each kind the queue shows at once (oldest first).
pub const QUEUE_PAGE: u64 = 100;

/// Counts one item's outcome in `bulk`; a failure other than "already decided" or "gone" stops the batch.
fn count(bulk: &mut Bulk, outcome: Result<()>) -> Result<()> {
    match outcome {
        Ok(()) => bulk.done += 1,
        Err(Error::NotFound) => bulk.skipped += 1,
        Err(Error::Invalid(errors)) if errors == [already_code()] => bulk.skipped += 1,
        Err(other) => return Err(other),
    }
    Ok(())
}

/// The ids of a bulk action: at least one, at most a queue page, each once.
fn bulk_ids(ids: &[i64]) -> Result<Vec<i64>> {
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    if unique.is_empty() {
        return Err(Error::field("ids", "none_selected"));
    }
    if unique.len() > usize::try_from(QUEUE_PAGE).unwrap_or(usize::MAX) {
        return Err(Error::field("ids", "too_many_selected"));
    }
    Ok(unique)
}

fn check_reason(reason: &str) -> Result<String> {
    let mut errors = Vec::new();
    check_text("reason", reason, REASON_LEN.0, REASON_LEN.1, &mut errors);
    Error::check(errors)?;
    Ok(reason.trim().to_owned())
}

const fn already_code() -> crate::FieldError {
    crate::FieldError::new("form", "already_moderated")
}

fn already() -> Error {
    Error::Invalid(vec![already_code()])
}

/// Runs `decide` on every id of a bulk action in turn, then tells the queue once.
async fn each<F, Fut>(d: &Domain, ids: &[i64], mut decide: F) -> Result<Bulk>
where
    F: FnMut(i64) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let ids = bulk_ids(ids)?;
    let mut bulk = Bulk::default();
    let mut outcome = Ok(());
    for id in ids {
        outcome = count(&mut bulk, decide(id).await);
        if outcome.is_err() {
            break;
        }
    }
    d.queue_changed();
    outcome.map(|()| bulk)
}
