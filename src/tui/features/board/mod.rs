//! The pipeline board: one column per stage, cards moved along the main line from the keyboard.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{BoardColumnVm, BoardOutcome, BoardView, CardVm};
