//! The discussions of the duplicates merged into an idea, under its own comments: read-only (the
//! duplicate is closed), each comment still reportable, so what residents said there is not lost; a
//! comment a moderator hides leaves an open page at once ([`hide`]).

use super::comments::{CommentBody, Report};
use crate::i18n::{fill, use_lang, use_texts};
use leptos::prelude::*;
use wire::{Comment, MergedDiscussion};

/// Takes the comment `comment_id` (hidden by a moderator) out of the merged discussions, and a
/// discussion left without comments with it.
pub(super) fn hide(merged: RwSignal<Vec<MergedDiscussion>>, comment_id: i64) {
    merged.update(|list| {
        for m in list.iter_mut() {
            m.comments.retain(|c| c.id != comment_id);
        }
        list.retain(|m| !m.comments.is_empty());
    });
}

/// One section per merged duplicate that had comments, with its threads as they stand.
#[component]
pub(super) fn MergedDiscussions(merged: RwSignal<Vec<MergedDiscussion>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    move || {
        merged
            .get()
            .into_iter()
        .map(|m| {
            let heading = format!("merged-{}", m.idea_id);
            let labelled_by = heading.clone();
            let (top, replies): (Vec<Comment>, Vec<Comment>) =
                m.comments.into_iter().partition(|c| c.parent_id.is_none());
            let threads = top
                .into_iter()
                .map(|c| {
                    let id = c.id;
                    let own: Vec<Comment> = replies
                        .iter()
                        .filter(|r| r.parent_id == Some(id))
                        .cloned()
                        .collect();
                    view! {
                        <li class="comment" id=format!("comment-{id}")>
                            <CommentBody c lang/>
                            <ol class="replies">
                                {own.into_iter().map(|r| {
                                    let anchor = format!("comment-{}", r.id);
                                    view! {
                                        <li class="comment reply" id=anchor>
                                            <CommentBody c=r lang/>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                            <Report kind="comment" target_id=id/>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="comments merged-discussion" aria-labelledby=labelled_by>
                    <h2 id=heading>{fill(t.merged_discussion, &[m.title, m.idea_id.to_string()])}</h2>
                    <ol class="comment-list">{threads}</ol>
                </section>
            }
        })
        .collect_view()
    }
}
