//! The initial schema: the whole domain model of docs/architecture.md.
//!
//! The rules that must hold under concurrency live here as keys: one participation per user and project, one
//! vote per user and idea, one score per expert, idea and criterion. Counters shown in feeds are columns kept up
//! to date by the domain in the same transaction as the write.

use sea_orm_migration::{prelude::*, schema::*};

/// Creates every table of the initial domain model.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20260601_000001_initial"
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    Slug,
    TitleRu,
    TitleEn,
    SummaryRu,
    SummaryEn,
    BodyRu,
    BodyEn,
    State,
    PublishAt,
    Premoderation,
    CoverPath,
    StartsAt,
    EndsAt,
    IdeasCount,
    ParticipantsCount,
    SelectedCount,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Stages {
    Table,
    Id,
    ProjectId,
    Kind,
    StartsAt,
    EndsAt,
}

#[derive(DeriveIden)]
enum Directions {
    Table,
    Id,
    ProjectId,
    TitleRu,
    TitleEn,
    Position,
    Retired,
    IdeasCount,
}

#[derive(DeriveIden)]
enum CommissionMembers {
    Table,
    Id,
    ProjectId,
    UserId,
    NameRu,
    NameEn,
    PositionRu,
    PositionEn,
    PhotoPath,
    Ordering,
}

#[derive(DeriveIden)]
enum Participations {
    Table,
    Id,
    ProjectId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Ideas {
    Table,
    Id,
    ProjectId,
    DirectionId,
    AuthorId,
    Title,
    Body,
    Status,
    StatusReason,
    MergedIntoId,
    SupportCount,
    OpposeCount,
    CommentCount,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum IdeaVotes {
    Table,
    Id,
    IdeaId,
    UserId,
    Value,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    IdeaId,
    AuthorId,
    ParentId,
    Body,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ModerationActions {
    Table,
    Id,
    ModeratorId,
    TargetKind,
    TargetId,
    Action,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ExpertScores {
    Table,
    Id,
    IdeaId,
    ExpertId,
    Criterion,
    Score,
    Comment,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Decisions {
    Table,
    Id,
    ProjectId,
    IdeaId,
    Kind,
    DecidedBy,
    Reason,
    PrevHash,
    Hash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    ProjectId,
    ActorId,
    Kind,
    Payload,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    Payload,
    ReadAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PreviewLinks {
    Table,
    Id,
    ProjectId,
    TokenHash,
    CreatedBy,
    ExpiresAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdeaMerges {
    Table,
    Id,
    SourceIdeaId,
    TargetIdeaId,
    MergedBy,
    CreatedAt,
    UndoneAt,
}

/// A foreign key from `table.column` to `to_table.id`, removing children with the parent when `cascade`.
fn fk<T: IntoIden, C: IntoIden, R: IntoIden>(
    table: T,
    column: C,
    to_table: R,
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.from(table, column).to(to_table, Alias::new("id"));
    key.on_delete(if cascade {
        ForeignKeyAction::Cascade
    } else {
        ForeignKeyAction::Restrict
    });
    key
}

/// An index named after its table and columns.
fn index<T: IntoIden>(
    name: &str,
    table: T,
    columns: Vec<Alias>,
    unique: bool,
) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table).if_not_exists();
    for column in columns {
        idx.col(column);
    }
    if unique {
        idx.unique();
    }
    idx
}

fn cols(names: &[&str]) -> Vec<Alias> {
    names.iter().map(|n| Alias::new(*n)).collect()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = vec![
            Table::create()
                .table(Users::Table)
                .if_not_exists()
                .col(big_pk_auto(Users::Id))
                .col(string_len_uniq(Users::Email, 254))
                .col(string_len(Users::DisplayName, 80))
                .col(string(Users::PasswordHash))
                .col(string_len(Users::Role, 16))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .to_owned(),
            Table::create()
                .table(Sessions::Table)
                .if_not_exists()
                .col(big_pk_auto(Sessions::Id))
                .col(string_len_uniq(Sessions::TokenHash, 64))
                .col(big_integer(Sessions::UserId))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .foreign_key(&mut fk(
                    Sessions::Table,
                    Sessions::UserId,
                    Users::Table,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(Projects::Table)
                .if_not_exists()
                .col(big_pk_auto(Projects::Id))
                .col(string_len_uniq(Projects::Slug, 80))
                .col(string_len(Projects::TitleRu, 200))
                .col(string_len(Projects::TitleEn, 200))
                .col(text(Projects::SummaryRu))
                .col(text(Projects::SummaryEn))
                .col(text(Projects::BodyRu))
                .col(text(Projects::BodyEn))
                .col(string_len(Projects::State, 16))
                .col(timestamp_with_time_zone_null(Projects::PublishAt))
                .col(boolean(Projects::Premoderation).default(false))
                .col(string_null(Projects::CoverPath))
                .col(timestamp_with_time_zone(Projects::StartsAt))
                .col(timestamp_with_time_zone(Projects::EndsAt))
                .col(big_integer(Projects::IdeasCount).default(0))
                .col(big_integer(Projects::ParticipantsCount).default(0))
                .col(big_integer(Projects::SelectedCount).default(0))
                .col(timestamp_with_time_zone(Projects::CreatedAt))
                .col(timestamp_with_time_zone(Projects::UpdatedAt))
                .to_owned(),
            Table::create()
                .table(Stages::Table)
                .if_not_exists()
                .col(big_pk_auto(Stages::Id))
                .col(big_integer(Stages::ProjectId))
                .col(string_len(Stages::Kind, 16))
                .col(timestamp_with_time_zone(Stages::StartsAt))
                .col(timestamp_with_time_zone(Stages::EndsAt))
                .foreign_key(&mut fk(
                    Stages::Table,
                    Stages::ProjectId,
                    Projects::Table,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(Directions::Table)
                .if_not_exists()
                .col(big_pk_auto(Directions::Id))
                .col(big_integer(Directions::ProjectId))
                .col(string_len(Directions::TitleRu, 200))
                .col(string_len(Directions::TitleEn, 200))
                .col(integer(Directions::Position))
                .col(boolean(Directions::Retired).default(false))
                .col(big_integer(Directions::IdeasCount).default(0))
                .foreign_key(&mut fk(
                    Directions::Table,
                    Directions::ProjectId,
                    Projects::Table,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(CommissionMembers::Table)
                .if_not_exists()
                .col(big_pk_auto(CommissionMembers::Id))
                .col(big_integer(CommissionMembers::ProjectId))
                .col(big_integer_null(CommissionMembers::UserId))
                .col(string_len(CommissionMembers::NameRu, 200))
                .col(string_len(CommissionMembers::NameEn, 200))
                .col(string_len(CommissionMembers::PositionRu, 400))
                .col(string_len(CommissionMembers::PositionEn, 400))
                .col(string_null(CommissionMembers::PhotoPath))
                .col(integer(CommissionMembers::Ordering))
                .foreign_key(&mut fk(
                    CommissionMembers::Table,
                    CommissionMembers::ProjectId,
                    Projects::Table,
                    true,
                ))
                .foreign_key(&mut fk(
                    CommissionMembers::Table,
                    CommissionMembers::UserId,
                    Users::Table,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(Participations::Table)
                .if_not_exists()
                .col(big_pk_auto(Participations::Id))
                .col(big_integer(Participations::ProjectId))
                .col(big_integer(Participations::UserId))
                .col(timestamp_with_time_zone(Participations::CreatedAt))
                .foreign_key(&mut fk(
                    Participations::Table,
                    Participations::ProjectId,
                    Projects::Table,
                    true,
                ))
                .foreign_key(&mut fk(
                    Participations::Table,
                    Participations::UserId,
                    Users::Table,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(Ideas::Table)
                .if_not_exists()
                .col(big_pk_auto(Ideas::Id))
                .col(big_integer(Ideas::ProjectId))
                .col(big_integer(Ideas::DirectionId))
                .col(big_integer(Ideas::AuthorId))
                .col(string_len(Ideas::Title, 200))
                .col(text(Ideas::Body))
                .col(string_len(Ideas::Status, 16))
                .col(text_null(Ideas::StatusReason))
                .col(big_integer_null(Ideas::MergedIntoId))
                .col(big_integer(Ideas::SupportCount).default(0))
                .col(big_integer(Ideas::OpposeCount).default(0))
                .col(big_integer(Ideas::CommentCount).default(0))
                .col(timestamp_with_time_zone(Ideas::CreatedAt))
                .col(timestamp_with_time_zone(Ideas::UpdatedAt))
                .col(timestamp_with_time_zone_null(Ideas::PublishedAt))
                .foreign_key(&mut fk(
                    Ideas::Table,
                    Ideas::ProjectId,
                    Projects::Table,
                    true,
                ))
                .foreign_key(&mut fk(
                    Ideas::Table,
                    Ideas::DirectionId,
                    Directions::Table,
                    false,
                ))
                .foreign_key(&mut fk(Ideas::Table, Ideas::AuthorId, Users::Table, false))
                .foreign_key(&mut fk(
                    Ideas::Table,
                    Ideas::MergedIntoId,
                    Ideas::Table,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(IdeaVotes::Table)
                .if_not_exists()
                .col(big_pk_auto(IdeaVotes::Id))
                .col(big_integer(IdeaVotes::IdeaId))
                .col(big_integer(IdeaVotes::UserId))
                .col(small_integer(IdeaVotes::Value))
                .col(timestamp_with_time_zone(IdeaVotes::CreatedAt))
                .col(timestamp_with_time_zone(IdeaVotes::UpdatedAt))
                .foreign_key(&mut fk(
                    IdeaVotes::Table,
                    IdeaVotes::IdeaId,
                    Ideas::Table,
                    true,
                ))
                .foreign_key(&mut fk(
                    IdeaVotes::Table,
                    IdeaVotes::UserId,
                    Users::Table,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(Comments::Table)
                .if_not_exists()
                .col(big_pk_auto(Comments::Id))
                .col(big_integer(Comments::IdeaId))
                .col(big_integer(Comments::AuthorId))
                .col(big_integer_null(Comments::ParentId))
                .col(text(Comments::Body))
                .col(string_len(Comments::Status, 16))
                .col(timestamp_with_time_zone(Comments::CreatedAt))
                .foreign_key(&mut fk(
                    Comments::Table,
                    Comments::IdeaId,
                    Ideas::Table,
                    true,
                ))
                .foreign_key(&mut fk(
                    Comments::Table,
                    Comments::AuthorId,
                    Users::Table,
                    false,
                ))
                .foreign_key(&mut fk(
                    Comments::Table,
                    Comments::ParentId,
                    Comments::Table,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(ModerationActions::Table)
                .if_not_exists()
                .col(big_pk_auto(ModerationActions::Id))
                .col(big_integer(ModerationActions::ModeratorId))
                .col(string_len(ModerationActions::TargetKind, 16))
                .col(big_integer(ModerationActions::TargetId))
                .col(string_len(ModerationActions::Action, 16))
                .col(text_null(ModerationActions::Reason))
                .col(timestamp_with_time_zone(ModerationActions::CreatedAt))
                .foreign_key(&mut fk(
                    ModerationActions::Table,
                    ModerationActions::ModeratorId,
                    Users::Table,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(ExpertScores::Table)
                .if_not_exists()
                .col(big_pk_auto(ExpertScores::Id))
                .col(big_integer(ExpertScores::IdeaId))
                .col(big_integer(ExpertScores::ExpertId))
                .col(string_len(ExpertScores::Criterion, 32))
                .col(small_integer(ExpertScores::Score))
                .col(text_null(ExpertScores::Comment))
                .col(timestamp_with_time_zone(ExpertScores::CreatedAt))
                .foreign_key(&mut fk(
                    ExpertScores::Table,
                    ExpertScores::IdeaId,
                    Ideas::Table,
                    true,
                ))
                .foreign_key(&mut fk(
                    ExpertScores::Table,
                    ExpertScores::ExpertId,
                    Users::Table,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(Decisions::Table)
                .if_not_exists()
                .col(big_pk_auto(Decisions::Id))
                .col(big_integer(Decisions::ProjectId))
                .col(big_integer_null(Decisions::IdeaId))
                .col(string_len(Decisions::Kind, 32))
                .col(big_integer(Decisions::DecidedBy))
                .col(text(Decisions::Reason))
                .col(string_len(Decisions::PrevHash, 64))
                .col(string_len(Decisions::Hash, 64))
                .col(timestamp_with_time_zone(Decisions::CreatedAt))
                .foreign_key(&mut fk(
                    Decisions::Table,
                    Decisions::ProjectId,
                    Projects::Table,
                    false,
                ))
                .foreign_key(&mut fk(
                    Decisions::Table,
                    Decisions::IdeaId,
                    Ideas::Table,
                    false,
                ))
                .foreign_key(&mut fk(
                    Decisions::Table,
                    Decisions::DecidedBy,
                    Users::Table,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(Events::Table)
                .if_not_exists()
                .col(big_pk_auto(Events::Id))
                .col(big_integer_null(Events::ProjectId))
                .col(big_integer_null(Events::ActorId))
                .col(string_len(Events::Kind, 32))
                .col(text(Events::Payload))
                .col(timestamp_with_time_zone(Events::CreatedAt))
                .to_owned(),
            Table::create()
                .table(Notifications::Table)
                .if_not_exists()
                .col(big_pk_auto(Notifications::Id))
                .col(big_integer(Notifications::UserId))
                .col(string_len(Notifications::Kind, 32))
                .col(text(Notifications::Payload))
                .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                .col(timestamp_with_time_zone(Notifications::CreatedAt))
                .foreign_key(&mut fk(
                    Notifications::Table,
                    Notifications::UserId,
                    Users::Table,
                    true,
                ))
                .to_owned(),
            Table::create()
                .table(PreviewLinks::Table)
                .if_not_exists()
                .col(big_pk_auto(PreviewLinks::Id))
                .col(big_integer(PreviewLinks::ProjectId))
                .col(string_len_uniq(PreviewLinks::TokenHash, 64))
                .col(big_integer(PreviewLinks::CreatedBy))
                .col(timestamp_with_time_zone(PreviewLinks::ExpiresAt))
                .col(timestamp_with_time_zone_null(PreviewLinks::RevokedAt))
                .col(timestamp_with_time_zone(PreviewLinks::CreatedAt))
                .foreign_key(&mut fk(
                    PreviewLinks::Table,
                    PreviewLinks::ProjectId,
                    Projects::Table,
                    true,
                ))
                .foreign_key(&mut fk(
                    PreviewLinks::Table,
                    PreviewLinks::CreatedBy,
                    Users::Table,
                    false,
                ))
                .to_owned(),
            Table::create()
                .table(IdeaMerges::Table)
                .if_not_exists()
                .col(big_pk_auto(IdeaMerges::Id))
                .col(big_integer(IdeaMerges::SourceIdeaId))
                .col(big_integer(IdeaMerges::TargetIdeaId))
                .col(big_integer(IdeaMerges::MergedBy))
                .col(timestamp_with_time_zone(IdeaMerges::CreatedAt))
                .col(timestamp_with_time_zone_null(IdeaMerges::UndoneAt))
                .foreign_key(&mut fk(
                    IdeaMerges::Table,
                    IdeaMerges::SourceIdeaId,
                    Ideas::Table,
                    false,
                ))
                .foreign_key(&mut fk(
                    IdeaMerges::Table,
                    IdeaMerges::TargetIdeaId,
                    Ideas::Table,
                    false,
                ))
                .foreign_key(&mut fk(
                    IdeaMerges::Table,
                    IdeaMerges::MergedBy,
                    Users::Table,
                    false,
                ))
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }

        let indexes = vec![
            index(
                "ux_participations_project_user",
                Participations::Table,
                cols(&["project_id", "user_id"]),
                true,
            ),
            index(
                "ix_participations_user",
                Participations::Table,
                cols(&["user_id"]),
                false,
            ),
            index(
                "ux_idea_votes_idea_user",
                IdeaVotes::Table,
                cols(&["idea_id", "user_id"]),
                true,
            ),
            index(
                "ix_idea_votes_user",
                IdeaVotes::Table,
                cols(&["user_id"]),
                false,
            ),
            index(
                "ux_expert_scores_idea_expert_criterion",
                ExpertScores::Table,
                cols(&["idea_id", "expert_id", "criterion"]),
                true,
            ),
            index(
                "ix_sessions_user",
                Sessions::Table,
                cols(&["user_id"]),
                false,
            ),
            index(
                "ix_stages_project",
                Stages::Table,
                cols(&["project_id", "starts_at"]),
                false,
            ),
            index(
                "ix_directions_project",
                Directions::Table,
                cols(&["project_id", "position"]),
                false,
            ),
            index(
                "ix_commission_project",
                CommissionMembers::Table,
                cols(&["project_id", "ordering"]),
                false,
            ),
            index(
                "ix_ideas_feed",
                Ideas::Table,
                cols(&["project_id", "status", "id"]),
                false,
            ),
            index(
                "ix_ideas_author",
                Ideas::Table,
                cols(&["author_id", "id"]),
                false,
            ),
            index(
                "ix_ideas_direction",
                Ideas::Table,
                cols(&["direction_id"]),
                false,
            ),
            index(
                "ix_comments_idea",
                Comments::Table,
                cols(&["idea_id", "id"]),
                false,
            ),
            index(
                "ix_events_project",
                Events::Table,
                cols(&["project_id", "id"]),
                false,
            ),
            index(
                "ix_notifications_user",
                Notifications::Table,
                cols(&["user_id", "id"]),
                false,
            ),
            index(
                "ix_decisions_project",
                Decisions::Table,
                cols(&["project_id", "id"]),
                false,
            ),
            index(
                "ix_projects_state",
                Projects::Table,
                cols(&["state", "starts_at"]),
                false,
            ),
        ];
        for idx in indexes {
            manager.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<DynIden> = vec![
            IdeaMerges::Table.into_iden(),
            PreviewLinks::Table.into_iden(),
            Notifications::Table.into_iden(),
            Events::Table.into_iden(),
            Decisions::Table.into_iden(),
            ExpertScores::Table.into_iden(),
            ModerationActions::Table.into_iden(),
            Comments::Table.into_iden(),
            IdeaVotes::Table.into_iden(),
            Ideas::Table.into_iden(),
            Participations::Table.into_iden(),
            CommissionMembers::Table.into_iden(),
            Directions::Table.into_iden(),
            Stages::Table.into_iden(),
            Projects::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
        ];
        for table in tables {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
