//! Events name the idea and comment they are about, so that moderation can redact what it takes down; the
//! events already stored get their subjects from their payloads, and those that still carry the text of an
//! idea or comment no longer public are redacted (kind `redacted`, payload `{}`), keeping their ids.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// Adds `events.idea_id` and `events.comment_id` with their indexes, fills them and redacts.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000001_event_subjects"
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    IdeaId,
    CommentId,
}

/// The statuses in which an idea was public when this migration was written.
const PUBLIC_IDEAS: &str = "('published', 'shortlisted', 'selected', 'not_selected')";

/// The payload field at `path` (`$.a.b`) as a number, in the backend's own JSON dialect.
fn number_at(backend: DatabaseBackend, path: &[&str]) -> String {
    match backend {
        DatabaseBackend::Postgres => {
            let (last, init) = path.split_last().unwrap_or((&"id", &[]));
            let mut expr = "payload::jsonb".to_owned();
            for key in init {
                expr.push_str(&format!(" -> '{key}'"));
            }
            format!("({expr} ->> '{last}')::bigint")
        }
        _ => format!("json_extract(payload, '$.{}')", path.join(".")),
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Events::IdeaId, Events::CommentId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .add_column(ColumnDef::new(column).big_integer().null())
                        .to_owned(),
                )
                .await?;
        }
        for (name, column) in [
            ("ix_events_idea", Events::IdeaId),
            ("ix_events_comment", Events::CommentId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Events::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        let backend = manager.get_database_backend();
        let db = manager.get_connection();
        let card_id = number_at(backend, &["id"]);
        let about_idea = number_at(backend, &["idea_id"]);
        let (comment_idea, comment_id) = (
            number_at(backend, &["comment", "idea_id"]),
            number_at(backend, &["comment", "id"]),
        );
        for sql in [
            format!(
                "UPDATE events SET idea_id = {card_id} \
                 WHERE kind IN ('idea_published', 'idea_edited')"
            ),
            format!(
                "UPDATE events SET idea_id = {about_idea} \
                 WHERE kind IN ('idea_voted', 'idea_withdrawn', 'comment_hidden')"
            ),
            format!(
                "UPDATE events SET idea_id = {comment_idea}, comment_id = {comment_id} \
                 WHERE kind = 'comment_added'"
            ),
            format!(
                "UPDATE events SET comment_id = {} WHERE kind = 'comment_hidden'",
                number_at(backend, &["comment_id"])
            ),
            // What is no longer public leaves the replay.
            format!(
                "UPDATE events SET kind = 'redacted', payload = '{{}}' \
                 WHERE kind IN ('idea_published', 'idea_edited', 'comment_added') \
                 AND idea_id IN (SELECT id FROM ideas WHERE status NOT IN {PUBLIC_IDEAS})"
            ),
            "UPDATE events SET kind = 'redacted', payload = '{}' WHERE kind = 'comment_added' \
             AND comment_id IN (SELECT id FROM comments WHERE status <> 'published')"
                .to_owned(),
            // An idea edited or corrected since: every earlier event carries its latest version.
            "UPDATE events SET payload = (SELECT latest.payload FROM events latest \
             WHERE latest.idea_id = events.idea_id \
             AND latest.kind IN ('idea_published', 'idea_edited') \
             ORDER BY latest.id DESC LIMIT 1) \
             WHERE kind IN ('idea_published', 'idea_edited') AND idea_id IS NOT NULL"
                .to_owned(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_events_idea", "ix_events_comment"] {
            manager
                .drop_index(Index::drop().name(name).table(Events::Table).to_owned())
                .await?;
        }
        for column in [Events::IdeaId, Events::CommentId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
