//! Pairs and their pipeline: tagging, stage moves with required fields, stage history,
//! follow-ups, next actions, the board, the agenda and undo.
//!
//! Every write takes a [`Clock`] so tests run on a fixed day; every write runs in one
//! IMMEDIATE transaction together with its undo journal entry.

pub mod agenda;
pub mod board;
pub mod clock;
pub mod dates;
pub mod demo;
pub mod followups;
pub mod pairs;
pub mod render;
pub mod show;
pub mod stages;
pub mod undo;

pub use agenda::{Agenda, AgendaItem, StaleItem, agenda};
pub use board::{BoardColumn, Card, board};
pub use clock::Clock;
pub use dates::{DateError, parse_due, parse_past};
pub use followups::{LogRequest, log_followup};
pub use pairs::{
    PairOfRecord, Side, create_pair, delete_pair, followups_of, history_of, pair_by_code,
    paired_record_ids, pairs_of_record,
};
pub use show::{PairDetail, show_pair};
pub use stages::{MoveRequest, Needs, move_pair, needs, shelved_from};
pub use undo::{journal_record_edit, undo};

use crate::db::DbError;
use crate::domain::{Code, Stage};

/// Why a pipeline operation was refused. Messages are whole sentences for one status line.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{0} not found")]
    NotFound(String),
    #[error("{demand} and {result} are already paired as {pair}")]
    AlreadyPaired {
        demand: Code,
        result: Code,
        pair: Code,
    },
    #[error("pair needs a demand (D…) and a result (R…)")]
    NeedDemandAndResult,
    #[error("{pair} is already in {}", .stage.key())]
    SameStage { pair: Code, stage: Stage },
    /// A target stage needs fields the move did not give; `what` names them as CLI options.
    #[error("moving {pair} to {} needs {what}", .to.key())]
    Missing { pair: Code, to: Stage, what: String },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

pub type PipelineResult<T> = Result<T, PipelineError>;
