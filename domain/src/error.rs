//! The domain's error type.
//!
//! Validation failures carry a list of [`FieldError`]s: a field name and a stable message code that the UI
//! translates and shows next to the field. Other variants say what class of failure happened; database errors
//! keep their cause for the log and are never shown to users.

use sea_orm::DbErr;

/// A validation failure of one input field. `code` is a stable identifier such as `too_long`, translated by the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The input field, as named in the form (`title`, `body`, `direction`, `email`, ... or `form` for the whole).
    pub field: &'static str,
    /// The stable message code.
    pub code: &'static str,
}

impl FieldError {
    /// A field error.
    pub const fn new(field: &'static str, code: &'static str) -> Self {
        Self { field, code }
    }
}

/// Everything a domain operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The caller is not logged in.
    #[error("not logged in")]
    Unauthorized,
    /// The thing existed but is no longer available (an expired or revoked preview link).
    #[error("gone")]
    Gone,
    /// The idea was merged into idea `into` as its duplicate: that public idea, which carries its votes,
    /// comments and author, is its page now.
    #[error("merged into #{into}")]
    Merged {
        /// The idea it was merged into.
        into: i64,
    },
    /// The caller is logged in but their role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The input breaks one or more rules; nothing was stored.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// Too many attempts; try again after the given number of seconds.
    #[error("rate limited for {retry_after_secs}s")]
    RateLimited {
        /// Seconds until the next attempt may succeed.
        retry_after_secs: u64,
    },
    /// The server is saturated (too many password hashes at once); try again after the given seconds.
    #[error("busy, retry in {retry_after_secs}s")]
    Busy {
        /// Seconds after which a retry is likely to be served.
        retry_after_secs: u64,
    },
    /// A database failure.
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    /// Any other failure that is not the caller's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// A validation error about one field.
    pub fn field(field: &'static str, code: &'static str) -> Self {
        Self::Invalid(vec![FieldError::new(field, code)])
    }

    /// `Ok(())` when `errors` is empty, the validation error otherwise.
    pub fn check(errors: Vec<FieldError>) -> Result<()> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self::Invalid(errors))
        }
    }
}

/// The domain's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
