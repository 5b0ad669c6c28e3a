//! Pairs and their pipeline: tagging, stage moves with required fields, stage history,
//! follow-ups, next actions, the board, the agenda and undo.
//!
//! Every write takes a [`Clock`] so tests run on a fixed day; every write runs in one
//! IMMEDIATE transaction together with its undo journal entry, which records who made the
//! step (its origin: "cli", "desk:<pid>"). Writes return what changed (the pair with its
//! sides) so a caller patches its view instead of re-reading every pair. The SQL lives in
//! [`crate::db`]; these modules are the use-cases over it.

pub mod agenda;
pub mod board;
pub mod calls;
pub mod clock;
pub mod contract_text;
pub mod contracts;
pub mod dates;
pub mod demo;
mod demo_contracts;
pub mod followups;
pub mod lookup;
pub mod org_view;
pub mod orgs;
pub mod pairs;
pub mod records;
pub mod reminders;
pub mod render;
pub mod report;
pub mod reward;
pub mod show;
pub mod stages;
pub mod stats;
pub mod team;
pub mod undo;

pub use agenda::{Agenda, AgendaItem, StaleItem, agenda};
pub use board::{BoardColumn, Card, board};
pub use calls::{CallLogged, CallRequest, log_call, notes_of};
pub use clock::Clock;
pub use dates::{DateError, parse_due, parse_past};
pub use followups::{LogRequest, log, log_followup};
pub use pairs::{
    PairOfRecord, Side, create, create_pair, delete, delete_pair, followups_of, history_of,
    pair_by_code, paired_record_ids, pairs_of_record, row,
};
pub use records::{DeleteImpact, delete_impact, delete_record};
pub use show::{PairDetail, show_pair};
pub use stages::{MoveRequest, Needs, move_pair, move_to, needs, reactivate, shelved_from};
pub use undo::{
    Undone, journal_record_add, journal_record_edit, journal_record_edit_by, peek, undo, undo_step,
};

use crate::db::DbError;
use crate::domain::{Code, Stage};

/// Why a pipeline operation was refused. Messages are whole sentences for one status line.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// No such pair or record.
    #[error("{0} not found")]
    NotFound(String),
    /// The two records are paired already.
    #[error("{demand} and {result} are already paired as {pair}")]
    AlreadyPaired {
        /// The demand.
        demand: Code,
        /// The result.
        result: Code,
        /// Their pair.
        pair: Code,
    },
    /// A pair needs one record of each kind.
    #[error("pair needs a demand (D…) and a result (R…)")]
    NeedDemandAndResult,
    /// The pair is in the target stage already.
    #[error("{pair} is already in {}", .stage.key())]
    SameStage {
        /// The pair.
        pair: Code,
        /// Its stage.
        stage: Stage,
    },
    /// A target stage needs fields the move did not give; `what` names them as CLI options.
    #[error("moving {pair} to {} needs {what}", .to.key())]
    Missing {
        /// The pair.
        pair: Code,
        /// The target stage.
        to: Stage,
        /// The missing fields.
        what: String,
    },
    /// Someone moved the pair since the user saw it; nothing was written.
    #[error(
        "{pair} was moved meanwhile: it is in {} now, not {}; nothing changed — look again",
        .current.key(),
        .expected.key()
    )]
    Conflict {
        /// The pair.
        pair: Code,
        /// The stage the user saw.
        expected: Stage,
        /// The stage it is in now.
        current: Stage,
    },
    /// Someone changed the pair since the user saw it (its rev moved on); nothing was
    /// written.
    #[error("{pair} was changed meanwhile; nothing changed — look again")]
    Changed {
        /// The pair.
        pair: Code,
    },
    /// Undo would take back your step under a colleague's later step on the same pair or
    /// record: refused, nothing changed.
    #[error(
        "cannot undo \"{}\": {} changed the same thing since ({}); undo takes back only your own steps — nothing changed",
        .yours.label_in(crate::i18n::Lang::En),
        crate::broker::shown(.theirs.actor.as_deref()),
        .theirs.label_in(crate::i18n::Lang::En)
    )]
    Crossed {
        /// Your newest step.
        yours: Box<crate::domain::undo::UndoStep>,
        /// The colleague's later step that touches the same.
        theirs: Box<crate::domain::undo::UndoStep>,
    },
    /// A value refused, said in a whole sentence.
    #[error("{0}")]
    Invalid(String),
    /// A date that does not parse.
    #[error(transparent)]
    Date(#[from] DateError),
    /// A database error.
    #[error(transparent)]
    Db(#[from] DbError),
    /// A SQLite error.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// A JSON error.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl PipelineError {
    /// Whether the error is only a lock held by another writer: the same write may succeed
    /// when retried.
    pub fn is_busy(&self) -> bool {
        match self {
            PipelineError::Db(e) => e.is_busy(),
            PipelineError::Sqlite(e) => crate::db::sqlite_busy(e),
            _ => false,
        }
    }
}

/// A result whose error is a [`PipelineError`].
pub type PipelineResult<T> = Result<T, PipelineError>;
