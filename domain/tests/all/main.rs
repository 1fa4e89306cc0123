//! The domain's integration tests, one binary (one link, one run) with a module per area. Each test gets a
//! fresh database: SQLite by default, PostgreSQL when `CROWD_TEST_PG_URL` is set. The builders they share
//! (a domain, a user, an open project, a resident who joined, a posted idea) are `domain::testing`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic with the error

mod commission;
mod echo;
mod implementation;
mod limits;
mod moderation;
mod operations;
mod passport;
mod races;
mod relay;
mod residents;
mod rules;
mod scale;
mod staff;
mod statements;
mod vote;
