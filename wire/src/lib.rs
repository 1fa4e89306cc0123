//! What crosses the network, defined once: the views the server sends and the browser renders, the closed
//! sets (statuses, roles, phases) and the live events of the Server-Sent Events streams ([`LiveEvent`]).
//!
//! Only serde and chrono: the crate builds for the server and for WebAssembly alike, and holds no secret
//! (no password hash, no session token ever gets a type here). `domain` returns these types, `app` renders
//! them, the public JSON API and the event streams serialise them, so the compiler keeps every end in
//! step. One module per feature, named as the feature's `domain` module and `app` page.

pub mod account;
pub mod api;
pub mod commission;
pub mod ideas;
pub mod implementation;
pub mod live;
pub mod moderation;
pub mod projects;
pub mod results;
pub mod sets;
pub mod staff;
pub mod text;
pub mod time;
pub mod vote;

pub use account::{About, CameBack, FormEcho, Notice, Viewer};
pub use api::{ApiError, ApiProjects};
pub use commission::{BoardTab, CommissionBoard, Criterion, JudgedIdea, ProgressRow, ScoreRow};
pub use ideas::{
    Comment, CommentAdded, CommentHidden, FeedPage, IdeaCard, IdeaFields, IdeaPage,
    MergedDiscussion, MyIdea, Step, VoteCounts, Withdrawn,
};
pub use implementation::{
    BuiltCounts, BuiltFilter, BuiltPage, BuiltRow, IdeaImplementation, Implementation,
    ImplementationEditor, ImplementationRow, Milestone, ProgressReport,
};
pub use live::{CatalogueChanged, LiveEvent};
pub use moderation::{
    BulkOutcome, IdeaCorrection, MergeRow, ModerationQueue, OpenReport, QueueComment, QueueIdea,
    ReasonTemplate, TemplateInput,
};
pub use projects::{
    Catalogue, Direction, FeedFilter, HomeData, IdeaLimits, Member, ProjectCard, ProjectData,
    ProjectDetail, STAGE_KINDS, Stage, Totals,
};
pub use results::{DecisionRow, DecisionsData, DirectionResult, ResultsData, SelectedIdea};
pub use sets::{
    ApiErrorCode, BallotSource, ChangeKind, CommentStatus, CommentVerdict, FinalVerdict,
    IdeaStatus, IdeaVerdict, ImplChange, ImplStatus, Lang, Phase, ProjectState, PublicationAction,
    ReportTarget, Role, VoteRule,
};
pub use staff::{
    Change, MemberInput, PreviewLinkRow, ProjectInput, RevisionRow, StaffDirection, StaffMember,
    StaffProjectRow, StaffStage, StaffWorkspace, StageForm,
};
pub use text::Bilingual;
pub use vote::{
    BallotDirection, BallotOption, MyBallot, PublishedBallot, VotePage, VoteRules, VoteSetup,
};
