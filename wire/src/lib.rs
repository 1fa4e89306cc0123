//! What crosses the network, defined once: the views the server sends and the browser renders, and the
//! live events of the Server-Sent Events streams ([`LiveEvent`]).
//!
//! Only serde and chrono: the crate builds for the server and for WebAssembly alike, and holds no secret
//! (no password hash, no session token ever gets a type here). `domain` returns these types, `app` renders
//! them, the public JSON API and the event streams serialise them, so the compiler keeps every end in
//! step.

pub mod ideas;
pub mod live;

pub use ideas::{Comment, CommentAdded, CommentHidden, FeedPage, IdeaCard, VoteCounts, Withdrawn};
pub use live::{CatalogueChanged, LiveEvent};
