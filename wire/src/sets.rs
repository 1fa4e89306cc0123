//! Closed sets: every value a status, a role or a phase can take, as enums.
//!
//! Each set is declared once with [`closed_set!`], which gives the enum its stored name (the same as its
//! serde name and the database column's value), `parse`, `ALL` and `Display`. Code compares enums, never
//! strings: a misspelt status does not compile.
//!
//! Serde goes through the stored name (`as_str`, `parse`) rather than a derived visitor: one small body
//! per format instead of a visitor per enum and format, which keeps the WebAssembly build small.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares a closed set: an enum whose variants each have one stored name.
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $stored:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let stored = String::deserialize(deserializer)?;
                $name::parse(&stored).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&stored, &[$($stored,)+])
                })
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored name (database column, serde, URLs).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $stored,)+
                }
            }

            /// The value with this stored name.
            pub fn parse(stored: &str) -> Option<$name> {
                match stored {
                    $($stored => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.as_str().to_owned()
            }
        }

        /// A string, one of the stored names (for the API's OpenAPI description).
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($stored,)+] })
            }
        }
    };
}

closed_set! {
    /// Where an idea stands.
    IdeaStatus {
        /// Sent, waiting for a moderator (premoderation): not public.
        Submitted = "submitted",
        /// Public.
        Published = "published",
        /// Refused by a moderator, with a reason: not public.
        Rejected = "rejected",
        /// Merged into another idea as its duplicate: not public.
        Merged = "merged",
        /// Withdrawn by its author: not public.
        Withdrawn = "withdrawn",
        /// On the commission's shortlist.
        Shortlisted = "shortlisted",
        /// Selected for implementation.
        Selected = "selected",
        /// Shortlisted, then not selected.
        NotSelected = "not_selected",
    }
}

impl IdeaStatus {
    /// The statuses the public sees.
    pub const VISIBLE: [IdeaStatus; 4] = [
        IdeaStatus::Published,
        IdeaStatus::Shortlisted,
        IdeaStatus::Selected,
        IdeaStatus::NotSelected,
    ];

    /// The statuses residents may still rate.
    pub const VOTABLE: [IdeaStatus; 2] = [IdeaStatus::Published, IdeaStatus::Shortlisted];

    /// Whether the public sees an idea in this status.
    pub fn is_visible(self) -> bool {
        Self::VISIBLE.contains(&self)
    }

    /// The status stored in a row; an unknown name counts as [`IdeaStatus::Submitted`] (not public).
    pub fn stored(name: &str) -> IdeaStatus {
        IdeaStatus::parse(name).unwrap_or(IdeaStatus::Submitted)
    }
}

closed_set! {
    /// Whether a comment is shown.
    CommentStatus {
        /// Shown.
        Published = "published",
        /// Hidden by a moderator.
        Hidden = "hidden",
    }
}

closed_set! {
    /// Where a project is in its publication.
    ProjectState {
        /// Being written; only staff see it.
        Draft = "draft",
        /// Public from its publication instant on.
        Scheduled = "scheduled",
        /// Public.
        Published = "published",
        /// Public, kept for the record.
        Archived = "archived",
    }
}

closed_set! {
    /// Where a project is in time.
    Phase {
        /// Not started yet.
        Upcoming = "upcoming",
        /// Running now.
        Active = "active",
        /// Over.
        Finished = "finished",
    }
}

impl Phase {
    /// The phase of a project running `starts_at..ends_at` at `now`.
    pub fn at(
        starts_at: chrono::DateTime<chrono::Utc>,
        ends_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Phase {
        if now < starts_at {
            Phase::Upcoming
        } else if now < ends_at {
            Phase::Active
        } else {
            Phase::Finished
        }
    }
}

closed_set! {
    /// What a person may do on the platform.
    Role {
        /// Takes part in projects: joins, proposes, comments, rates.
        Resident = "resident",
        /// Works the moderation queue.
        Moderator = "moderator",
        /// Sits on a project's expert commission.
        Expert = "expert",
        /// Runs projects and writes campaign pages.
        Staff = "staff",
        /// Manages users and roles.
        Admin = "admin",
    }
}

closed_set! {
    /// What went wrong with a request to the open data API.
    ApiErrorCode {
        /// A query parameter is malformed, out of range or unknown (`parameter` names it).
        BadParameter = "bad_parameter",
        /// No such public project, or no such address under `/api/v1`.
        NotFound = "not_found",
        /// The server failed; the request may be tried again later.
        Internal = "internal",
    }
}

closed_set! {
    /// What a report is about.
    ReportTarget {
        /// An idea.
        Idea = "idea",
        /// A comment.
        Comment = "comment",
    }
}

closed_set! {
    /// What a staff member does to a project's publication.
    PublicationAction {
        /// Publish now.
        Publish = "publish",
        /// Publish at a set instant.
        Schedule = "schedule",
        /// Back to a draft.
        Unpublish = "unpublish",
        /// Keep it public, for the record.
        Archive = "archive",
    }
}

closed_set! {
    /// A moderator's decision on an idea.
    IdeaVerdict {
        /// Make it public (or keep it so).
        Publish = "publish",
        /// Refuse it, with a reason.
        Reject = "reject",
    }
}

closed_set! {
    /// A moderator's decision on a comment.
    CommentVerdict {
        /// Keep it shown.
        Keep = "keep",
        /// Hide it, with a reason.
        Hide = "hide",
    }
}

closed_set! {
    /// The commission's final vote on a shortlisted idea.
    FinalVerdict {
        /// Select it for implementation.
        Select = "select",
        /// Do not select it.
        Reject = "reject",
    }
}

closed_set! {
    /// The interface language.
    #[derive(Default)]
    Lang {
        /// Russian, the default.
        #[default]
        Ru = "ru",
        /// English.
        En = "en",
    }
}

impl Lang {
    /// The language code (`ru`, `en`), as used in `<html lang>` and the `lang` cookie.
    pub fn code(self) -> &'static str {
        self.as_str()
    }

    /// Parses a language code; anything else is Russian.
    pub fn from_code(code: &str) -> Lang {
        Lang::parse(&code.trim().to_ascii_lowercase()).unwrap_or_default()
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }
}

closed_set! {
    /// How a residents' vote counts.
    VoteRule {
        /// Each ballot chooses up to K ideas per direction.
        Approval = "approval",
        /// Each ballot chooses ideas whose estimated costs fit the direction's budget.
        Budget = "budget",
    }
}

closed_set! {
    /// Which of the commission's ideas staff put on the ballot.
    BallotSource {
        /// The shortlist (shortlisted ideas, and those already decided).
        Shortlist = "shortlist",
        /// Only the selected ideas.
        Selection = "selection",
    }
}

closed_set! {
    /// Where the building of a selected idea stands.
    ImplStatus {
        /// Decided, not started.
        Planned = "planned",
        /// Under way.
        InProgress = "in_progress",
        /// Built.
        Done = "done",
        /// Given up, with a reason.
        Cancelled = "cancelled",
    }
}

impl ImplStatus {
    /// The trail entry and notice of a record reaching this status.
    pub fn change(self) -> ImplChange {
        match self {
            ImplStatus::Planned => ImplChange::Planned,
            ImplStatus::InProgress => ImplChange::InProgress,
            ImplStatus::Done => ImplChange::Done,
            ImplStatus::Cancelled => ImplChange::Cancelled,
        }
    }
}

closed_set! {
    /// A change of an idea's implementation: the kind of its decision-trail entry and of the notice its
    /// followers get.
    ImplChange {
        /// A record was opened (status planned).
        Planned = "implementation_planned",
        /// Work started.
        InProgress = "implementation_in_progress",
        /// Built.
        Done = "implementation_done",
        /// Cancelled, with the reason.
        Cancelled = "implementation_cancelled",
        /// The department or the percent done changed.
        Updated = "implementation_updated",
        /// A milestone was set, with its day.
        MilestoneAdded = "milestone_added",
        /// A milestone was reached.
        MilestoneReached = "milestone_reached",
        /// A progress report was published.
        Reported = "progress_reported",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>(all: &[T])
    where
        T: Copy
            + Serialize
            + for<'de> Deserialize<'de>
            + PartialEq
            + std::fmt::Debug
            + std::fmt::Display,
    {
        for value in all {
            let json = serde_json::to_string(value).expect("serialise");
            assert_eq!(
                json,
                format!("\"{value}\""),
                "serde name is the stored name"
            );
            assert_eq!(serde_json::from_str::<T>(&json).expect("read back"), *value);
        }
    }

    #[test]
    fn every_closed_set_serialises_as_its_stored_name_and_parses_it_back() {
        round_trips(IdeaStatus::ALL);
        round_trips(CommentStatus::ALL);
        round_trips(ProjectState::ALL);
        round_trips(Phase::ALL);
        round_trips(Role::ALL);
        round_trips(ReportTarget::ALL);
        round_trips(PublicationAction::ALL);
        round_trips(FinalVerdict::ALL);
        round_trips(IdeaVerdict::ALL);
        round_trips(CommentVerdict::ALL);
        round_trips(Lang::ALL);
        round_trips(VoteRule::ALL);
        round_trips(BallotSource::ALL);
        round_trips(ImplStatus::ALL);
        round_trips(ImplChange::ALL);
        for status in IdeaStatus::ALL {
            assert_eq!(IdeaStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(IdeaStatus::parse("Published"), None, "names are exact");
    }

    #[test]
    fn an_unknown_stored_status_is_not_public() {
        assert_eq!(IdeaStatus::stored("gone-wrong"), IdeaStatus::Submitted);
        assert!(!IdeaStatus::stored("gone-wrong").is_visible());
        assert_eq!(Lang::from_code(" EN "), Lang::En);
        assert_eq!(Lang::from_code("de"), Lang::Ru);
    }
}

impl Role {
    /// Who may build and publish projects (the staff workspace).
    pub const EDIT: &'static [Role] = &[Role::Staff, Role::Admin];
    /// Who works the moderation queue.
    pub const MODERATE: &'static [Role] = &[Role::Moderator, Role::Admin];
    /// Who sits on commissions (a project's own members among them judge its ideas).
    pub const JUDGE: &'static [Role] = &[Role::Expert];
    /// Who proposes, rates and follows ideas (officials do not: they judge what residents propose).
    pub const PROPOSE: &'static [Role] = &[Role::Resident];
}

closed_set! {
    /// What one line of a project's edit history says happened ([`crate::Change`] carries its
    /// particulars, listed here per kind as `args`).
    ChangeKind {
        /// The project was created: `[slug]`.
        ProjectCreated = "project_created",
        /// A text field changed: `[field, before, after]`, field one of `slug`, `title_ru`, `title_en`,
        /// `summary_ru`, `summary_en`, `body_ru`, `body_en`.
        TextChanged = "text_changed",
        /// A new cover picture: `[path]`.
        CoverReplaced = "cover_replaced",
        /// Premoderation switched on: `[]`.
        PremoderationOn = "premoderation_on",
        /// Premoderation switched off: `[]`.
        PremoderationOff = "premoderation_off",
        /// Published now: `[]`.
        Published = "published",
        /// Scheduled: `[instant (RFC 3339)]`.
        Scheduled = "scheduled",
        /// Back to draft: `[]`.
        Unpublished = "unpublished",
        /// Archived: `[]`.
        Archived = "archived",
        /// A stage added: `[kind, start, end]` (instants in RFC 3339).
        StageAdded = "stage_added",
        /// A stage changed: `[kind, start, end, new kind, new start, new end]`.
        StageChanged = "stage_changed",
        /// A stage removed: `[kind, start, end]`.
        StageRemoved = "stage_removed",
        /// A direction added: `[title]`.
        DirectionAdded = "direction_added",
        /// A direction renamed: `[before, after]` (Russian titles).
        DirectionRenamed = "direction_renamed",
        /// A direction retired: `[title]`.
        DirectionRetired = "direction_retired",
        /// A retired direction restored: `[title]`.
        DirectionRestored = "direction_restored",
        /// A direction deleted: `[title]`.
        DirectionDeleted = "direction_deleted",
        /// A direction moved one place up: `[title]`.
        DirectionMovedUp = "direction_moved_up",
        /// A direction moved one place down: `[title]`.
        DirectionMovedDown = "direction_moved_down",
        /// A commission member added: `[name]`.
        MemberAdded = "member_added",
        /// A member's field changed: `[name, field, before, after]`, field one of `name_ru`, `name_en`,
        /// `position_ru`, `position_en`.
        MemberChanged = "member_changed",
        /// A member linked to an expert account: `[name]`.
        MemberLinked = "member_linked",
        /// A member's expert account unlinked: `[name]`.
        MemberUnlinked = "member_unlinked",
        /// A member removed: `[name]`.
        MemberRemoved = "member_removed",
        /// A member's photo replaced: `[name]`.
        MemberPhotoReplaced = "member_photo_replaced",
        /// A member's photo removed: `[name]`.
        MemberPhotoRemoved = "member_photo_removed",
        /// A member moved one place up: `[name]`.
        MemberMovedUp = "member_moved_up",
        /// A member moved one place down: `[name]`.
        MemberMovedDown = "member_moved_down",
        /// A preview link created: `[link id, hours]`.
        PreviewLinkCreated = "preview_link_created",
        /// A preview link revoked: `[link id]`.
        PreviewLinkRevoked = "preview_link_revoked",
        /// The commission's criteria set: `[titles, joined by ", "]`.
        CriteriaSet = "criteria_set",
        /// Votes needed to select an idea: `[number]`, or `[]` for a majority of the members.
        QuorumSet = "quorum_set",
        /// The residents' vote rule set: `[rule, max choices, results live ("true"/"false")]`.
        VoteRulesSet = "vote_rules_set",
        /// Ideas put on the ballot: `[source, how many]`.
        BallotFilled = "ballot_filled",
        /// An idea taken off the ballot: `[title]`.
        BallotItemRemoved = "ballot_item_removed",
        /// An idea's estimated cost set: `[title, roubles]` (empty: cleared).
        BallotCostSet = "ballot_cost_set",
        /// A direction's budget set: `[title, roubles]` (empty: cleared).
        VoteBudgetSet = "vote_budget_set",
        /// A line written before history was structured, shown as it was stored: `[text]`.
        Legacy = "legacy",
    }
}
