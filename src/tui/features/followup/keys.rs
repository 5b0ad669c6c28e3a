//! The follow-up's rows of the key table: opening the form on the pair under the cursor.
//! Inside it, the forms' keys (keys/overlays.rs) and, on the channel row, the choice keys
//! (stage_prompt/keys.rs) apply.

use crate::tui::action::PipeAction as P;
use crate::tui::features::pipeline::keys::{ON_PAIR, pipe};
use crate::tui::keys::Def;

/// The follow-up rows, in help order.
pub fn defaults() -> Vec<Def> {
    vec![pipe(
        "log_followup",
        P::LogFollowUp,
        ON_PAIR,
        &["n"],
        "记录跟进",
        "log a follow-up",
    )]
}
