//! Database schema migrations for the crowdsourcing platform.
//!
//! Migrations are written once with SeaQuery's schema builder, so the same code creates the schema on SQLite
//! (the embedded default) and PostgreSQL (production). A migration that has landed is never edited: change the
//! schema with a new one.

pub use sea_orm_migration::prelude::*;

mod m20260601_000001_initial;
mod m20260602_000001_project_revisions;
mod m20261127_000001_search;
mod m20261127_000002_reports;
mod m20261127_000003_feed_orders;
mod m20261127_000004_moderation;
mod m20261127_000005_commission;
mod m20261127_000006_merge_votes;
mod m20261127_000007_criteria;
mod m20261127_000008_expert_index;
mod m20261201_000001_event_subjects;
mod m20261201_000002_auth_attempts;
mod m20261201_000003_email_confirmation;
mod m20261201_000004_live_event_payloads;
mod m20261201_000005_scale_indexes;
mod m20261202_000001_direction_public_ideas;
mod m20261203_000001_direction_count_per_statement;
mod m20261203_000002_announced_publications;
mod m20261203_000003_form_echoes;
mod m20261203_000004_merges_restore_exactly;
mod m20261203_000005_reader_language;
mod m20261203_000006_commission_version;
mod m20261203_000007_residents_vote;
mod m20261204_000001_implementation;

/// The ordered list of every migration.
pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260601_000001_initial::Migration),
            Box::new(m20260602_000001_project_revisions::Migration),
            Box::new(m20261127_000001_search::Migration),
            Box::new(m20261127_000002_reports::Migration),
            Box::new(m20261127_000003_feed_orders::Migration),
            Box::new(m20261127_000004_moderation::Migration),
            Box::new(m20261127_000005_commission::Migration),
            Box::new(m20261127_000006_merge_votes::Migration),
            Box::new(m20261127_000007_criteria::Migration),
            Box::new(m20261127_000008_expert_index::Migration),
            Box::new(m20261201_000001_event_subjects::Migration),
            Box::new(m20261201_000002_auth_attempts::Migration),
            Box::new(m20261201_000003_email_confirmation::Migration),
            Box::new(m20261201_000004_live_event_payloads::Migration),
            Box::new(m20261201_000005_scale_indexes::Migration),
            Box::new(m20261202_000001_direction_public_ideas::Migration),
            Box::new(m20261203_000001_direction_count_per_statement::Migration),
            Box::new(m20261203_000002_announced_publications::Migration),
            Box::new(m20261203_000003_form_echoes::Migration),
            Box::new(m20261203_000004_merges_restore_exactly::Migration),
            Box::new(m20261203_000005_reader_language::Migration),
            Box::new(m20261203_000006_commission_version::Migration),
            Box::new(m20261203_000007_residents_vote::Migration),
            Box::new(m20261204_000001_implementation::Migration),
        ]
    }
}
