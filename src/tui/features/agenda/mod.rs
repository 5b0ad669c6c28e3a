//! The agenda: next actions by due date and pairs gone quiet.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{AgendaItemVm, AgendaOutcome, AgendaSection, AgendaView};
