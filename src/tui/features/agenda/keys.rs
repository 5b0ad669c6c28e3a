//! The agenda's rows of the key table: showing it. Walking it, opening a pair and logging a
//! follow-up are the keys every pipeline view shares (pipeline/keys.rs, pair_detail,
//! followup).

use crate::tui::action::PipeAction as P;
use crate::tui::features::pipeline::keys::{VIEWS, pipe};
use crate::tui::keys::Def;

/// The agenda rows, in help order.
pub fn defaults() -> Vec<Def> {
    vec![pipe("agenda", P::Agenda, VIEWS, &["a"], "待办", "agenda")]
}
