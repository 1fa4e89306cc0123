//! The routed pages.

pub mod auth;
pub mod home;
pub mod not_found;
pub mod project;
pub mod staff;
