//! Undo steps as data: the inverse operation each journalled change stores, and what the
//! desk shows about the step it would undo.

use serde::{Deserialize, Serialize};

use super::{FollowUp, Pair, Record, StageChange};

/// Origin of steps made by the command line.
pub const CLI: &str = "cli";

/// Origin of steps made by the desk running in this process: "desk:<pid>".
pub fn desk() -> String {
    format!("desk:{}", std::process::id())
}

/// A deleted pair with everything that went with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairSnapshot {
    /// The pair as it was.
    pub pair: Pair,
    /// Its stage history.
    pub history: Vec<StageChange>,
    /// Its follow-up log.
    pub followups: Vec<FollowUp>,
}

/// The operation that reverses one journalled change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Inverse {
    /// Reverses creating a pair.
    DeletePair {
        /// The pair created.
        id: i64,
    },
    /// Reverses deleting a pair.
    RestorePair(Box<PairSnapshot>),
    /// Reverses a stage move: the pair as it was, and the history entry the move added.
    RestoreStage {
        /// The pair before the move.
        before: Box<Pair>,
        /// The history entry the move added.
        stage_change_id: i64,
    },
    /// Reverses logging a follow-up: the pair's next action as it was.
    DeleteFollowup {
        /// The follow-up logged.
        id: i64,
        /// Its pair.
        pair_id: i64,
        /// The pair's next action before.
        next_action: Option<String>,
        /// Its due date before.
        next_due: Option<String>,
    },
    /// Reverses a record edit (`Record` does not serialise its id and seq).
    RestoreRecord {
        /// The record's row id.
        id: i64,
        /// Its code number.
        seq: i64,
        /// The record as it was.
        record: Box<Record>,
    },
}

/// The step undo would take back, as the desk announces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoStep {
    /// What the step did ("move P3 candidate → contacted").
    pub label: String,
    /// When (RFC 3339).
    pub at: String,
    /// Who: "cli", "desk:<pid>", or '' for steps older than origins.
    pub origin: String,
}

impl UndoStep {
    /// Whether the step was made by someone else than `origin` (another process).
    pub fn is_from_elsewhere(&self, origin: &str) -> bool {
        self.origin != origin
    }
}
