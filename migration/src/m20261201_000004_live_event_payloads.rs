//! Stored events hold the whole live event as JSON (`{"kind": ..., "data": ...}`, the `wire::LiveEvent`
//! shape) instead of its data alone, so the stream sends one self-describing shape for every kind.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

/// Wraps every stored payload in its kind.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000004_live_event_payloads"
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE events SET payload = '{\"kind\":\"redacted\"}' WHERE kind = 'redacted'",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE events SET payload = '{\"kind\":\"' || kind || '\",\"data\":' || payload || '}' \
             WHERE kind <> 'redacted'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The data alone, out of its wrapper.
        let data = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
                "(payload::jsonb -> 'data')::text"
            }
            _ => "json_extract(payload, '$.data')",
        };
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "UPDATE events SET payload = COALESCE({data}, '{{}}')"
            ))
            .await?;
        Ok(())
    }
}
