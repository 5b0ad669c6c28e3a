//! The pair detail's rows of the key table: opening it from a card or an agenda item. Inside
//! it, ↑/↓ scroll and the board's keys move the pair (board/keys.rs).

use crate::tui::action::PipeAction as P;
use crate::tui::features::pipeline::keys::pipe;
use crate::tui::keys::{Context, Def};

/// Where a pair under the cursor can be opened.
const OPENS: &[Context] = &[Context::Board, Context::Agenda];

/// The pair detail rows, in help order.
pub fn defaults() -> Vec<Def> {
    vec![pipe(
        "open_pair",
        P::OpenPair,
        OPENS,
        &["enter"],
        "配对详情",
        "pair detail",
    )]
}
