//! An idea's page as its viewer may see it (the idea, its discussion, the viewer's vote, what the author
//! may still do, the merged duplicates' discussions), and a resident's list of their own ideas.

use super::{IdeaPage, MergedDiscussion, MyIdea, VISIBLE, VOTABLE, card_of, cards, changeable};
use crate::auth::User;
use crate::entities::{direction, idea, idea_vote, project, user};
use crate::projects::{stage_open, stages};
use crate::{Domain, Error, Result};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// An idea's page: public ideas of public projects for everyone; the author also sees an idea of theirs
/// that is not public (waiting for moderation, rejected).
pub async fn page(d: &Domain, idea_id: i64, viewer: Option<&User>) -> Result<IdeaPage> {
    let now = d.now();
    let row = idea::Entity::find_by_id(idea_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let mine = viewer.is_some_and(|u| u.id == row.author_id);
    let p = project::Entity::find_by_id(row.project_id)
        .one(&d.db)
        .await?
        .ok_or(Error::NotFound)?;
    let public = VISIBLE.contains(&row.status.as_str()) && crate::projects::is_public(&p, now);
    if !public && !mine {
        // A merged duplicate's address (shared links, earlier e-mails) leads to the idea it joined.
        if let Some(into) = row.merged_into_id
            && crate::projects::is_public(&p, now)
            && idea::Entity::find_by_id(into)
                .one(&d.db)
                .await?
                .is_some_and(|t| VISIBLE.contains(&t.status.as_str()))
        {
            return Err(Error::Merged { into });
        }
        return Err(Error::NotFound);
    }
    let timeline = crate::passport::timeline(&d.db, &row, &p, now).await?;
    let stage_rows = stages(&d.db, p.id).await?;
    let editable = mine && changeable(&row) && stage_open(&stage_rows, "ideas", now);
    let directions = if editable {
        direction::Entity::find()
            .filter(direction::Column::ProjectId.eq(p.id))
            .filter(direction::Column::Retired.eq(false))
            .order_by_asc(direction::Column::Position)
            .all(&d.db)
            .await?
            .into_iter()
            .map(|x| wire::Direction {
                id: x.id,
                title: wire::Bilingual::new(x.title_ru, x.title_en),
                ideas_count: x.ideas_count,
            })
            .collect()
    } else {
        Vec::new()
    };
    let my_vote = match viewer {
        Some(u) => idea_vote::Entity::find()
            .filter(idea_vote::Column::IdeaId.eq(idea_id))
            .filter(idea_vote::Column::UserId.eq(u.id))
            .one(&d.db)
            .await?
            .map(|v| v.value),
        None => None,
    };
    let voting_open = VOTABLE.contains(&row.status.as_str())
        && (stage_open(&stage_rows, "ideas", now) || stage_open(&stage_rows, "discussion", now));
    let comments_open =
        public && wire::Phase::at(p.starts_at, p.ends_at, now) != wire::Phase::Finished;
    let body = row.body.clone();
    let comments = crate::comments::list(&d.db, idea_id).await?;
    let moderator_edited_at = row.moderator_edited_at;
    let sources: Vec<i64> = crate::moderation::merged_into(&d.db, idea_id)
        .await?
        .into_iter()
        .map(|m| m.source_idea_id)
        .collect();
    let source_rows = idea::Entity::find()
        .filter(idea::Column::Id.is_in(sources.clone()))
        .order_by_asc(idea::Column::Id)
        .all(&d.db)
        .await?;
    let merged = merged_discussions(&d.db, &source_rows).await?;
    let source_authors: Vec<i64> = source_rows
        .iter()
        .map(|i| i.author_id)
        .filter(|a| *a != row.author_id)
        .collect();
    let coauthors: Vec<String> = user::Entity::find()
        .filter(user::Column::Id.is_in(source_authors))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| u.display_name)
        .collect();
    let implementation = if public {
        crate::implementation::on_page(d, &row, viewer).await?
    } else {
        None
    };
    let card = card_of(&d.db, row).await?;
    Ok(IdeaPage {
        card,
        implementation,
        body,
        project_slug: p.slug.clone(),
        project_title: wire::Bilingual::new(p.title_ru.clone(), p.title_en.clone()),
        timeline,
        comments,
        my_vote,
        mine,
        signed_in: viewer.is_some(),
        editable,
        moderator_edited_at,
        coauthors,
        directions,
        voting_open,
        comments_open,
        last_event_id: crate::events::last_id(&d.db, Some(p.id)).await?,
        comment_max: crate::comments::BODY_LEN.1,
        merged,
    })
}

/// The published comments of the duplicates merged into an idea (`sources`), per duplicate, leaving
/// out those without any: what was said there stays readable after the merge.
async fn merged_discussions<C: ConnectionTrait>(
    conn: &C,
    sources: &[idea::Model],
) -> Result<Vec<MergedDiscussion>> {
    let ids: Vec<i64> = sources.iter().map(|s| s.id).collect();
    let mut comments = crate::comments::list_of(conn, &ids).await?;
    Ok(sources
        .iter()
        .filter_map(|source| {
            let (own, rest) = std::mem::take(&mut comments)
                .into_iter()
                .partition(|c: &wire::Comment| c.idea_id == source.id);
            comments = rest;
            (!own.is_empty()).then(|| MergedDiscussion {
                idea_id: source.id,
                title: source.title.clone(),
                comments: own,
            })
        })
        .collect())
}

/// Every idea of `user`, newest first, whatever its status (four queries whatever their number).
pub async fn mine(d: &Domain, user: &User) -> Result<Vec<MyIdea>> {
    let rows = idea::Entity::find()
        .filter(idea::Column::AuthorId.eq(user.id))
        .order_by_desc(idea::Column::Id)
        .all(&d.db)
        .await?;
    let reasons: HashMap<i64, Option<String>> = rows
        .iter()
        .map(|r| (r.id, r.status_reason.clone()))
        .collect();
    let project_ids: Vec<i64> = rows.iter().map(|r| r.project_id).collect();
    let projects: HashMap<i64, project::Model> = project::Entity::find()
        .filter(project::Column::Id.is_in(project_ids))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(cards(&d.db, rows)
        .await?
        .into_iter()
        .filter_map(|card| {
            let p = projects.get(&card.project_id)?;
            Some(MyIdea {
                reason: reasons.get(&card.id).cloned().flatten(),
                project_slug: p.slug.clone(),
                project_title: wire::Bilingual::new(p.title_ru.clone(), p.title_en.clone()),
                card,
            })
        })
        .collect())
}
