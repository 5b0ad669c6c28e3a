//! Adding and editing a record in a form.

pub mod form;
pub mod update;

pub use form::{FieldId, FormOutcome, FormSuggestions, RecordForm};
