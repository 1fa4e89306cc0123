//! What moves on an idea's page: the rating, the discussion (with the merged duplicates' discussions and
//! reporting) and their counts, kept up to date from the project's event stream. One island; the timeline and the implementation part between the rating and the comments are its
//! `children`, server HTML.

use super::comments::{Comments, Report, add_once};
use super::merged;
use super::votes::Votes;
use crate::components::form::provide_came_back;
use leptos::prelude::*;
use wire::{CameBack, Comment, LiveEvent, MergedDiscussion};

/// The rating, `children`, then the comments, the merged discussions and reporting the idea.
#[island(lazy)]
pub(super) fn IdeaLive(
    idea_id: i64,
    project_id: i64,
    /// Where the live stream resumes.
    last_event_id: i64,
    /// Support and oppose.
    counts: (i64, i64),
    /// The viewer's vote, if any.
    my_vote: Option<i16>,
    voting_open: bool,
    /// The viewer wrote it (and may not rate it).
    mine: bool,
    comments: Vec<Comment>,
    comment_count: i64,
    merged: Vec<MergedDiscussion>,
    comments_open: bool,
    /// Longest comment, in characters.
    comment_max: usize,
    signed_in: bool,
    /// The form posted without JavaScript that brought the reader back, if one did.
    came_back: Option<CameBack>,
    children: Children,
) -> impl IntoView {
    provide_came_back(came_back);
    let comments = RwSignal::new(comments);
    let merged = RwSignal::new(merged);
    let comment_count = RwSignal::new(comment_count);
    let counts = RwSignal::new(counts);
    Effect::new(move |_| {
        crate::live::subscribe(Some(project_id), last_event_id, move |event| {
            match event {
                LiveEvent::IdeaVoted(v) if v.idea_id == idea_id => {
                    counts.set((v.support_count, v.oppose_count));
                }
                LiveEvent::CommentAdded(added) if added.comment.idea_id == idea_id => {
                    comment_count.set(added.comment_count);
                    add_once(comments, added.comment);
                }
                LiveEvent::CommentHidden(hidden) if hidden.idea_id == idea_id => {
                    comment_count.set(hidden.comment_count);
                    comments.update(|list| list.retain(|c| c.id != hidden.comment_id));
                }
                // A comment of a duplicate merged into this idea, shown under its own comments.
                LiveEvent::CommentHidden(hidden) => merged::hide(merged, hidden.comment_id),
                // Other ideas' events, and those this page does not show live.
                LiveEvent::IdeaVoted(_)
                | LiveEvent::CommentAdded(_)
                | LiveEvent::IdeaPublished(_)
                | LiveEvent::IdeaEdited(_)
                | LiveEvent::IdeaWithdrawn(_)
                | LiveEvent::CatalogueChanged(_)
                | LiveEvent::Redacted
                | LiveEvent::Reload
                | LiveEvent::Gone
                | LiveEvent::Unread(_)
                | LiveEvent::QueueChanged
                | LiveEvent::BoardChanged => {}
            }
        });
    });
    view! {
        <Votes idea_id counts my_vote open=voting_open mine/>
        {children()}
        <Comments idea_id comments comment_count open=comments_open max=comment_max signed_in/>
        <merged::MergedDiscussions merged/>
        <Report kind="idea" target_id=idea_id/>
    }
}
