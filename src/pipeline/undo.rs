//! Undo: each change journals its inverse (in its own transaction, through
//! [`crate::db::undo`]); undo pops the newest step and applies it, in one IMMEDIATE
//! transaction. Steps carry their origin ("cli", "desk:<pid>"), so a desk can say that the
//! step it would undo came from elsewhere before it does ([`peek`]).
//!
//! An inverse whose target has since disappeared by a change the journal does not cover
//! (a record deleted from the desk takes its pairs with it) is popped without effect, and
//! the returned label says so, so one stale entry never blocks the steps behind it.

use rusqlite::Connection;

use super::pairs;
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{self, Db, DbError, records};
use crate::domain::Record;
use crate::domain::undo::{UndoStep, desk};

pub use crate::db::undo::DEPTH;
pub use crate::domain::undo::{Inverse, PairSnapshot};

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The step taken back, as journalled.
    pub step: UndoStep,
    /// The label to show: the step's, with "(already gone; nothing to restore)" when its
    /// target had disappeared.
    pub label: String,
    /// Whether anything was restored.
    pub applied: bool,
    /// The record the step restored, if it was a record edit.
    pub record: Option<i64>,
    /// The pair the step touched, if any (it may be gone now: an undone pairing).
    pub pair: Option<i64>,
}

/// Adds an undo step made by this process's desk inside the caller's transaction.
pub fn journal(
    conn: &Connection,
    clock: &Clock,
    label: &str,
    inverse: &Inverse,
) -> PipelineResult<()> {
    Ok(db::undo::push(
        conn,
        label,
        inverse,
        &clock.stamp(),
        &desk(),
    )?)
}

/// Makes a record edit by this process's desk undoable: call inside the edit's transaction
/// with the record as it was before the edit.
pub fn journal_record_edit(conn: &Connection, before: &Record) -> PipelineResult<()> {
    journal_record_edit_by(conn, before, &desk())
}

/// [`journal_record_edit`] for an edit made by `origin`.
pub fn journal_record_edit_by(
    conn: &Connection,
    before: &Record,
    origin: &str,
) -> PipelineResult<()> {
    Ok(db::undo::push(
        conn,
        &format!("edit {}", before.code()),
        &Inverse::RestoreRecord {
            id: before.id,
            seq: before.seq,
            record: Box::new(before.clone()),
        },
        &Clock::system().stamp(),
        origin,
    )?)
}

/// How many steps can be undone.
pub fn depth(conn: &Connection) -> PipelineResult<i64> {
    Ok(db::undo::depth(conn)?)
}

/// The step undo would take back next, without taking it.
pub fn peek(conn: &Connection) -> PipelineResult<Option<UndoStep>> {
    Ok(db::undo::peek(conn)?)
}

/// Undoes the newest journalled change; returns its label, or `None` when there is nothing
/// to undo.
pub fn undo(db: &mut Db) -> PipelineResult<Option<String>> {
    Ok(undo_step(db)?.map(|u| u.label))
}

/// Undoes the newest journalled change and says what it touched; `None` when there is
/// nothing to undo.
pub fn undo_step(db: &mut Db) -> PipelineResult<Option<Undone>> {
    db.write(|tx| {
        let Some(entry) = db::undo::pop(tx)? else {
            return Ok(None);
        };
        let applied = apply(tx, &entry.inverse)?;
        let (record, pair) = target(&entry.inverse);
        let label = if applied {
            entry.step.label.clone()
        } else {
            format!("{} (already gone; nothing to restore)", entry.step.label)
        };
        Ok(Some(Undone {
            step: entry.step,
            label,
            applied,
            record,
            pair,
        }))
    })
}

/// The record and pair an inverse touches.
fn target(inverse: &Inverse) -> (Option<i64>, Option<i64>) {
    match inverse {
        Inverse::DeletePair { id } => (None, Some(*id)),
        Inverse::RestorePair(s) => (None, Some(s.pair.id)),
        Inverse::RestoreStage { before, .. } => (None, Some(before.id)),
        Inverse::DeleteFollowup { pair_id, .. } => (None, Some(*pair_id)),
        Inverse::RestoreRecord { id, .. } => (Some(*id), None),
    }
}

/// Applies an inverse; `false` when its target no longer exists.
fn apply(conn: &Connection, inverse: &Inverse) -> PipelineResult<bool> {
    match inverse {
        Inverse::DeletePair { id } => Ok(db::pairs::delete(conn, *id)?),
        Inverse::RestorePair(snapshot) => {
            if !db::pairs::can_restore(conn, &snapshot.pair)? {
                return Ok(false);
            }
            pairs::restore(conn, snapshot)?;
            Ok(true)
        }
        Inverse::RestoreStage {
            before,
            stage_change_id,
        } => {
            let mut before = (**before).clone();
            if !db::pairs::write_state(conn, &mut before)? {
                return Ok(false);
            }
            db::followups::delete_change(conn, *stage_change_id)?;
            Ok(true)
        }
        Inverse::DeleteFollowup {
            id,
            pair_id,
            next_action,
            next_due,
        } => {
            let deleted = db::followups::delete(conn, *id)?;
            db::pairs::set_next(conn, *pair_id, next_action.as_deref(), next_due.as_deref())?;
            Ok(deleted)
        }
        Inverse::RestoreRecord { id, seq, record } => {
            let mut rec = (**record).clone();
            rec.id = *id;
            rec.seq = *seq;
            match records::update(conn, &mut rec) {
                Ok(()) => Ok(true),
                Err(DbError::NotFound(_)) => Ok(false),
                Err(e) => Err(PipelineError::Db(e)),
            }
        }
    }
}
