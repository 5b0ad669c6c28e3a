//! The team rows of the key table: "mine" or everyone's pairs on the board and the agenda,
//! and handing the pair under the cursor over.

use crate::tui::action::PipeAction as P;
use crate::tui::features::pipeline::keys::{ON_PAIR, pipe};
use crate::tui::keys::{Context, Def};

/// The views that list pairs.
const LISTS: &[Context] = &[Context::Board, Context::Agenda];

/// The team rows, in help order.
pub fn defaults() -> Vec<Def> {
    vec![
        pipe(
            "toggle_mine",
            P::ToggleMine,
            LISTS,
            &["w"],
            "我的配对 / 所有人的配对",
            "my pairs / everyone's pairs",
        ),
        pipe(
            "handover",
            P::Handover,
            ON_PAIR,
            &["o"],
            "把配对交给他人（可撤销）",
            "hand the pair over to someone (undo gives it back)",
        ),
    ]
}
