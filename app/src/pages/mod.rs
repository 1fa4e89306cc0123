//! The routed pages.

pub mod auth;
pub mod catalogue;
pub mod commission;
pub mod decisions;
pub mod home;
pub mod idea;
pub mod implementation;
pub mod me;
pub mod moderation;
pub mod not_found;
pub mod open_data;
pub mod project;
pub mod reason_templates;
pub mod results;
pub mod staff;
pub mod vote;
