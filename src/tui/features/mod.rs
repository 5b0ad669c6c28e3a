//! The desk by feature: each feature owns its state, its update, its view and its keys.

pub mod agenda;
pub mod board;
pub mod conflict;
pub mod contact_form;
pub mod contract;
pub mod desk;
pub mod filters;
pub mod followup;
pub mod help;
pub mod lookup;
pub mod org;
pub mod pair_detail;
pub mod phone;
pub mod pipeline;
pub mod record_form;
pub mod record_view;
pub mod stage_prompt;
pub mod stats;
pub mod suggestions;
pub mod team;
