//! The agenda: next actions by due date and pairs gone quiet.

pub mod state;
pub mod view;

pub use state::{AgendaItemVm, AgendaOutcome, AgendaSection, AgendaView};
