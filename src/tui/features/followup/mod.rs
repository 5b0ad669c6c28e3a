//! The follow-up form: logging a call, visit or message on a pair, with the next action and
//! its due date.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{FollowUpField, FollowUpForm, FollowUpInput, FollowUpOutcome};
