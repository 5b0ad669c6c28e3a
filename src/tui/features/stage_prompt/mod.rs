//! The stage prompt: the data a stage move needs (shelve reason, contract amount and date,
//! registration), asked before the move is made.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{PromptOutcome, StageInput, StagePrompt};
