//! The queue: what no moderator has reviewed yet, oldest first, read in one batch per table.

use super::*;

pub(super) fn excerpt(text: &str) -> String {
    text.chars().take(200).collect()
}

/// The queue.
pub async fn queue(d: &Domain) -> Result<Queue> {
    let idea_rows = idea::Entity::find()
        .filter(idea::Column::ReviewedAt.is_null())
        .filter(idea::Column::Status.is_in([
            IdeaStatus::Submitted.as_str(),
            IdeaStatus::Published.as_str(),
        ]))
        .order_by_asc(idea::Column::Id)
        .limit(QUEUE_PAGE)
        .all(&d.db)
        .await?;
    let bodies: HashMap<i64, String> = idea_rows.iter().map(|r| (r.id, r.body.clone())).collect();
    let project_ids: Vec<i64> = idea_rows.iter().map(|r| r.project_id).collect();
    let projects: HashMap<i64, (String, Bilingual)> = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|p| (p.id, (p.slug, Bilingual::new(p.title_ru, p.title_en))))
        .collect();
    let ideas = crate::cards::cards(&d.db, idea_rows)
        .await?
        .into_iter()
        .map(|card| {
            let (project_slug, project_title) =
                projects.get(&card.project_id).cloned().unwrap_or_default();
            QueueIdea {
                body: bodies.get(&card.id).cloned().unwrap_or_default(),
                project_slug,
                project_title,
                card,
            }
        })
        .collect();

    let comment_rows = comment::Entity::find()
        .filter(comment::Column::ReviewedAt.is_null())
        .filter(comment::Column::Status.eq(CommentStatus::Published.as_str()))
        .order_by_asc(comment::Column::Id)
        .limit(QUEUE_PAGE)
        .all(&d.db)
        .await?;
    let report_rows = report::Entity::find()
        .filter(report::Column::ResolvedAt.is_null())
        .order_by_asc(report::Column::Id)
        .limit(QUEUE_PAGE)
        .all(&d.db)
        .await?;
    // Everything the comments and reports name, in one batch per table.
    let mut comment_ids: Vec<i64> = report_rows
        .iter()
        .filter(|r| r.target_kind == ReportTarget::Comment.as_str())
        .map(|r| r.target_id)
        .collect();
    comment_ids.extend(comment_rows.iter().map(|c| c.id));
    let reported_comments: HashMap<i64, comment::Model> = comment::Entity::find()
        .filter(comment::Column::Id.is_in(comment_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let merge_rows = idea_merge::Entity::find()
        .filter(idea_merge::Column::UndoneAt.is_null())
        .order_by_desc(idea_merge::Column::Id)
        .limit(20)
        .all(&d.db)
        .await?;
    let mut idea_ids: Vec<i64> = comment_rows.iter().map(|c| c.idea_id).collect();
    idea_ids.extend(merge_rows.iter().map(|m| m.source_idea_id));
    idea_ids.extend(merge_rows.iter().map(|m| m.target_idea_id));
    idea_ids.extend(reported_comments.values().map(|c| c.idea_id));
    idea_ids.extend(
        report_rows
            .iter()
            .filter(|r| r.target_kind == ReportTarget::Idea.as_str())
            .map(|r| r.target_id),
    );
    let named_ideas: HashMap<i64, idea::Model> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(idea_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut user_ids: Vec<i64> = comment_rows.iter().map(|c| c.author_id).collect();
    user_ids.extend(report_rows.iter().map(|r| r.reporter_id));
    let names: HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    let comments = comment_rows
        .into_iter()
        .map(|c| QueueComment {
            idea_title: named_ideas
                .get(&c.idea_id)
                .map(|i| i.title.clone())
                .unwrap_or_default(),
            comment: Comment {
                id: c.id,
                idea_id: c.idea_id,
                parent_id: c.parent_id,
                author: name(c.author_id),
                body: c.body,
                created_at: c.created_at,
            },
        })
        .collect();
    let reports = report_rows
        .into_iter()
        .map(|r| {
            let target_kind = ReportTarget::parse(&r.target_kind).unwrap_or(ReportTarget::Idea);
            let (idea_id, text) = match target_kind {
                ReportTarget::Comment => reported_comments
                    .get(&r.target_id)
                    .map(|c| (c.idea_id, c.body.clone()))
                    .unwrap_or_default(),
                ReportTarget::Idea => named_ideas
                    .get(&r.target_id)
                    .map(|i| (i.id, format!("{}. {}", i.title, i.body)))
                    .unwrap_or_default(),
            };
            OpenReport {
                id: r.id,
                target_kind,
                target_id: r.target_id,
                idea_id,
                excerpt: excerpt(&text),
                reason: r.reason,
                reporter: name(r.reporter_id),
                created_at: r.created_at,
            }
        })
        .collect();
    let templates = templates(d).await?;
    let title = |id: i64| {
        named_ideas
            .get(&id)
            .map(|i| i.title.clone())
            .unwrap_or_default()
    };
    let merges = merge_rows
        .into_iter()
        .map(|m| MergeRow {
            id: m.id,
            source_id: m.source_idea_id,
            source_title: title(m.source_idea_id),
            target_id: m.target_idea_id,
            target_title: title(m.target_idea_id),
            created_at: m.created_at,
        })
        .collect();
    Ok(Queue {
        ideas,
        comments,
        reports,
        templates,
        merges,
        now: d.now(),
    })
}
