//! The agenda's update: its intents walk the items or act on the pair of the item under the
//! cursor. Pure: writes go out as effects.

use crate::pipeline::Agenda;
use crate::tui::action::PipeAction;
use crate::tui::effect::Effect;
use crate::tui::features::agenda::AgendaOutcome;
use crate::tui::features::pipeline::{pair_ops, vm};
use crate::tui::model::Model;

/// An agenda intent (`Nav`, open, log…).
pub fn update(m: &mut Model, action: &PipeAction) -> Vec<Effect> {
    match m.pipe.agenda.handle(action) {
        AgendaOutcome::Pending => vec![],
        AgendaOutcome::Pair { pair_id, stage } => pair_ops::act(m, action, pair_id, stage),
    }
}

/// The agenda as loaded.
pub fn loaded(m: &mut Model, agenda: &Agenda) -> Vec<Effect> {
    m.pipe.agenda = vm::agenda(&agenda.clone().only(m.pipe.shows()));
    vec![]
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
