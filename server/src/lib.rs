//! The `crowd` server: configuration, the axum router (SSR, server functions, live events, health), and the
//! command-line tasks. `main.rs` only parses the command line and calls into here, so that tests build the
//! very same router.

/// The error of a command-line task.
pub type CliError = Box<dyn std::error::Error + Send + Sync>;

pub mod announcer;
pub mod bench;
pub mod cli;
pub mod config;
pub mod edge;
pub mod listen;
pub mod metrics;
pub mod open_data;
pub mod openapi;
pub mod page_cache;
pub mod plain_forms;
pub mod precompress;
pub mod router;
pub mod seeding;
pub mod sse;
pub mod state;
pub mod uploads;
