//! What the staff editor shows: the project list and one project's workspace.

use super::*;

/// The editor's view of a project.
pub async fn workspace(d: &Domain, project_id: i64) -> Result<StaffWorkspace> {
    let project = find_project(&d.db, project_id).await?;
    let stages = crate::projects::stages(&d.db, project_id).await?;
    let directions = direction::Entity::find()
        .filter(direction::Column::ProjectId.eq(project_id))
        .order_by_asc(direction::Column::Position)
        .order_by_asc(direction::Column::Id)
        .all(&d.db)
        .await?;
    let commission = commission_member::Entity::find()
        .filter(commission_member::Column::ProjectId.eq(project_id))
        .order_by_asc(commission_member::Column::Ordering)
        .all(&d.db)
        .await?;
    let linked: Vec<i64> = commission.iter().filter_map(|m| m.user_id).collect();
    let expert_emails: std::collections::HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(linked))
        .all(&d.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let links = preview_link::Entity::find()
        .filter(preview_link::Column::ProjectId.eq(project_id))
        .order_by_desc(preview_link::Column::Id)
        .all(&d.db)
        .await?;
    let revisions = crate::revisions::of_project(&d.db, project_id).await?;
    let now = d.now();
    Ok(StaffWorkspace {
        vote: crate::vote::setup(d, project_id).await?,
        implementations: crate::implementation::for_project(d, project_id).await?,
        criteria: crate::commission::criteria(&d.db, project_id).await?,
        criteria_locked: crate::commission::scoring_started(&d.db, project_id).await?,
        quorum_locked: crate::commission::voting_started(&d.db, project_id).await?,
        quorum: project.selection_quorum,
        premoderation: project.premoderation,
        summary: Bilingual::new(project.summary_ru.clone(), project.summary_en.clone()),
        body: Bilingual::new(project.body_ru.clone(), project.body_en.clone()),
        row: staff_row(project),
        stages: stages
            .into_iter()
            .map(|s| StaffStage {
                id: s.id,
                kind: s.kind,
                starts_local: crate::time::to_local(s.starts_at),
                ends_local: crate::time::to_local(s.ends_at),
            })
            .collect(),
        directions: directions
            .into_iter()
            .map(|x| StaffDirection {
                id: x.id,
                title: Bilingual::new(x.title_ru, x.title_en),
                retired: x.retired,
                ideas_count: x.ideas_count,
            })
            .collect(),
        commission: commission
            .into_iter()
            .map(|m| StaffMember {
                id: m.id,
                name: Bilingual::new(m.name_ru, m.name_en),
                position: Bilingual::new(m.position_ru, m.position_en),
                expert_email: m.user_id.and_then(|id| expert_emails.get(&id).cloned()),
                photo: m.photo_path,
            })
            .collect(),
        links: links
            .into_iter()
            .map(|l| PreviewLinkRow {
                id: l.id,
                expires_at: l.expires_at,
                revoked: l.revoked_at.is_some(),
                expired: l.expires_at <= now,
            })
            .collect(),
        revisions,
    })
}

/// A project as the staff list shows it.
pub(super) fn staff_row(p: project::Model) -> StaffProjectRow {
    StaffProjectRow {
        id: p.id,
        slug: p.slug,
        title: Bilingual::new(p.title_ru, p.title_en),
        state: ProjectState::parse(&p.state).unwrap_or(ProjectState::Draft),
        publish_at: p.publish_at,
        updated_at: p.updated_at,
        cover: p.cover_path,
    }
}

/// Every project, whatever its state, newest first.
pub async fn list_all(d: &Domain) -> Result<Vec<StaffProjectRow>> {
    Ok(project::Entity::find()
        .order_by_desc(project::Column::Id)
        .all(&d.db)
        .await?
        .into_iter()
        .map(staff_row)
        .collect())
}
