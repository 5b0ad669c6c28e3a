//! Adding and editing a record in a form: its fields and patch (fields.rs), state and intents
//! (form.rs), drawing (view.rs), key rows (keys.rs), and the desk's side (update.rs, answers.rs).

pub mod answers;
pub mod fields;
pub mod form;
pub mod keys;
pub mod update;
mod view;

pub use fields::RecordPatch;
pub use form::{FieldId, FormKeys, FormOutcome, FormStatus, FormSuggestions, RecordForm};
