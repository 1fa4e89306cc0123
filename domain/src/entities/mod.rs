//! SeaORM entities: one module per table the domain reads or writes today.
//!
//! Every table the services use has its entity here.

pub mod auth_attempt;
pub mod ballot;
pub mod ballot_choice;
pub mod ballot_item;
pub mod comment;
pub mod commission_member;
pub mod commission_vote;
pub mod decision;
pub mod direction;
pub mod email_confirmation;
pub mod event;
pub mod expert_conflict;
pub mod expert_score;
pub mod form_echo;
pub mod idea;
pub mod idea_follow;
pub mod idea_merge;
pub mod idea_merge_vote;
pub mod idea_term;
pub mod idea_vote;
pub mod implementation;
pub mod milestone;
pub mod moderation_action;
pub mod notification;
pub mod participation;
pub mod preview_link;
pub mod progress_report;
pub mod project;
pub mod project_criterion;
pub mod project_revision;
pub mod reason_template;
pub mod report;
pub mod session;
pub mod stage;
pub mod term_stat;
pub mod user;
pub mod vote_rule;
