//! Standalone widgets the desk wires in: each owns its state, turns a key into an outcome
//! without I/O (`handle_key`) and draws itself from `&self` (`render`). Popups centre their own
//! box in the area they are given.

pub mod agenda;
pub mod board;
pub mod confirm;
pub mod followup_form;
pub mod form;
pub mod input;
pub mod picker;
pub mod stage_prompt;
pub mod suggestions;
pub mod text;

pub use agenda::{AgendaItemVm, AgendaOutcome, AgendaView};
pub use board::{BoardColumnVm, BoardOutcome, BoardView, CardVm};
pub use confirm::{Confirm, ConfirmOutcome};
pub use followup_form::{FollowUpField, FollowUpForm, FollowUpInput, FollowUpOutcome};
pub use form::{FormOutcome, FormSuggestions, RecordForm};
pub use input::{InputOutcome, TextInput};
pub use picker::{FilterPicker, FilterPickerOutcome, Filters, PickerOptions};
pub use stage_prompt::{PromptOutcome, StageInput, StagePrompt};
pub use suggestions::{SuggestOutcome, SuggestionList, SuggestionVm};
