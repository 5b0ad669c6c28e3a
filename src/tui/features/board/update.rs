//! The board's update: its intents move the cursor or act on the card under it, and a
//! reloaded board keeps the cursor on the same pair. Pure: writes go out as effects.

use crate::pipeline::BoardColumn;
use crate::tui::action::PipeAction;
use crate::tui::effect::Effect;
use crate::tui::features::board::BoardOutcome;
use crate::tui::features::pipeline::{pair_ops, vm};
use crate::tui::model::Model;

/// A board intent (`Nav`, a stage move, open, log, delete).
pub fn update(m: &mut Model, action: &PipeAction) -> Vec<Effect> {
    match m.pipe.board.handle(action) {
        BoardOutcome::Pending => vec![],
        BoardOutcome::Pair { pair_id, stage } => pair_ops::act(m, action, pair_id, stage),
    }
}

/// The board's columns as loaded: shown as the desk's search and filters narrow them.
pub fn loaded(m: &mut Model, columns: Vec<BoardColumn>) -> Vec<Effect> {
    m.pipe.board_data = columns;
    refilter(m);
    vec![]
}

/// Shows the loaded board again through the desk's current search and filters.
pub fn refilter(m: &mut Model) {
    let cols = vm::board_columns(m);
    m.pipe.board.set_columns(cols);
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
