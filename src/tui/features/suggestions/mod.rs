//! The suggestion list: partners the matcher proposes for one record, paired from the list.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{SuggestOutcome, SuggestionList, SuggestionVm};
