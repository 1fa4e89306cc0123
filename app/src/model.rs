//! [`AppError`], the one public error type of every server function: it says what went wrong in terms a
//! page can show (field messages, "log in first", "not found"), and never carries internals (those are
//! logged on the server). Every other shape that crosses the network is in the `wire` crate.

use crate::i18n::{Texts, error_text};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A validation failure of one field: the field's name and a message code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    /// The form field (`title`, `body`, `direction`, ... or `form`).
    pub field: String,
    /// The message code, translated by [`crate::i18n::error_text`].
    pub code: String,
}

/// The one public error type of every server function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Nothing there (or not visible to you).
    #[error("not found")]
    NotFound,
    /// Log in first.
    #[error("not logged in")]
    Unauthorized,
    /// Your role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No longer available (an expired or revoked preview link).
    #[error("gone")]
    Gone,
    /// The idea was merged into idea `into`, whose page it is now (the server redirects there).
    #[error("merged")]
    Merged {
        /// The idea it joined.
        into: i64,
    },
    /// The input breaks rules; nothing was stored.
    #[error("invalid input")]
    Validation(Vec<FieldMessage>),
    /// Too many attempts.
    #[error("rate limited")]
    RateLimited {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// A server-side failure; details are in the server log only.
    #[error("internal error")]
    Internal,
    /// The request did not reach the server or its answer could not be read.
    #[error("transport error: {0}")]
    Transport(String),
}

/// A request the client got wrong before any rule was checked (arguments that do not parse, a body over
/// the limit): on the server, answered with `status` and logged as a warning with the parser's words
/// (never sent); in the browser there is no answer to set.
fn client_error(status: u16, why: &str) {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        tracing::warn!(status, why, "malformed server function request");
        if let (Some(res), Ok(status)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            axum::http::StatusCode::from_u16(status),
        ) {
            res.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = (status, why);
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let malformed = |code: &str| {
            AppError::Validation(vec![FieldMessage {
                field: "form".into(),
                code: code.into(),
            }])
        };
        match value {
            // The request reached the server but its arguments were malformed (a wrong type, a missing
            // field, a body that is not what the form sends, or one over the size limit): the client's
            // fault, answered 400 (413) with a generic message, never with the parser's words.
            ServerFnErrorErr::Deserialization(why) if why.contains("length limit") => {
                client_error(413, &why);
                malformed("too_large")
            }
            ServerFnErrorErr::Args(why)
            | ServerFnErrorErr::MissingArg(why)
            | ServerFnErrorErr::Deserialization(why) => {
                client_error(400, &why);
                malformed("invalid")
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

impl AppError {
    /// The message for `field`, if this error has one for it.
    pub fn field_message(&self, t: &'static Texts, field: &str) -> Option<&'static str> {
        match self {
            AppError::Validation(list) => list
                .iter()
                .find(|m| m.field == field)
                .map(|m| error_text(t, &m.field, &m.code)),
            _ => None,
        }
    }

    /// The message shown at the top of a form or page: field-less validation messages and every other error.
    pub fn general_message(&self, t: &'static Texts) -> Option<&'static str> {
        match self {
            AppError::Validation(list) => list
                .iter()
                .find(|m| m.field == "form" || m.field == "publication")
                .map(|m| error_text(t, &m.field, &m.code)),
            AppError::NotFound | AppError::Merged { .. } => Some(t.err_not_found),
            AppError::Unauthorized => Some(t.err_unauthorized),
            AppError::Forbidden => Some(t.err_forbidden),
            AppError::Gone => Some(t.err_gone),
            AppError::RateLimited { .. } => Some(t.err_rate_limited),
            AppError::Internal => Some(t.err_internal),
            AppError::Transport(_) => Some(t.err_network),
        }
    }
}
