//! Undo: a journal of inverse operations, written in the same transaction as each change and
//! popped newest first, each undo in one IMMEDIATE transaction.
//!
//! An inverse whose target has since disappeared by a change the journal does not cover
//! (a record deleted from the desk takes its pairs with it) is popped without effect, and
//! the returned label says so, so one stale entry never blocks the steps behind it.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::pairs::{self, write_state};
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{Db, records};
use crate::domain::{FollowUp, Pair, Record, StageChange};

/// How many steps the journal keeps.
pub const DEPTH: i64 = 200;

/// A deleted pair with everything that went with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairSnapshot {
    pub pair: Pair,
    pub history: Vec<StageChange>,
    pub followups: Vec<FollowUp>,
}

/// The operation that reverses one journalled change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Inverse {
    /// Reverses creating a pair.
    DeletePair { id: i64 },
    /// Reverses deleting a pair.
    RestorePair(Box<PairSnapshot>),
    /// Reverses a stage move: the pair as it was, and the history entry the move added.
    RestoreStage {
        before: Box<Pair>,
        stage_change_id: i64,
    },
    /// Reverses logging a follow-up: the pair's next action as it was.
    DeleteFollowup {
        id: i64,
        pair_id: i64,
        next_action: Option<String>,
        next_due: Option<String>,
    },
    /// Reverses a record edit (`Record` does not serialise its id and seq).
    RestoreRecord {
        id: i64,
        seq: i64,
        record: Box<Record>,
    },
}

/// Adds an undo entry inside the caller's transaction and trims the journal to [`DEPTH`].
pub fn journal(
    conn: &Connection,
    clock: &Clock,
    label: &str,
    inverse: &Inverse,
) -> PipelineResult<()> {
    conn.execute(
        "INSERT INTO undo_entry (label, payload, at) VALUES (?1, ?2, ?3)",
        params![label, serde_json::to_string(inverse)?, clock.stamp()],
    )?;
    conn.execute(
        "DELETE FROM undo_entry WHERE id <= (SELECT max(id) FROM undo_entry) - ?1",
        params![DEPTH],
    )?;
    Ok(())
}

/// Makes a record edit undoable: call inside the edit's transaction with the record as it
/// was before the edit.
pub fn journal_record_edit(conn: &Connection, before: &Record) -> PipelineResult<()> {
    journal(
        conn,
        &Clock::system(),
        &format!("edit {}", before.code()),
        &Inverse::RestoreRecord {
            id: before.id,
            seq: before.seq,
            record: Box::new(before.clone()),
        },
    )
}

/// How many steps can be undone.
pub fn depth(conn: &Connection) -> PipelineResult<i64> {
    Ok(conn.query_row("SELECT count(*) FROM undo_entry", [], |r| r.get(0))?)
}

/// Undoes the newest journalled change; returns its label, or `None` when there is nothing
/// to undo.
pub fn undo(db: &mut Db) -> PipelineResult<Option<String>> {
    db.write(|tx| {
        let entry: Option<(i64, String, String)> = tx
            .query_row(
                "SELECT id, label, payload FROM undo_entry ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, label, payload)) = entry else {
            return Ok(None);
        };
        tx.execute("DELETE FROM undo_entry WHERE id = ?1", params![id])?;
        let inverse: Inverse = serde_json::from_str(&payload)?;
        let applied = apply(tx, &inverse)?;
        Ok(Some(if applied {
            label
        } else {
            format!("{label} (already gone; nothing to restore)")
        }))
    })
}

/// Applies an inverse; `false` when its target no longer exists.
fn apply(conn: &Connection, inverse: &Inverse) -> PipelineResult<bool> {
    match inverse {
        Inverse::DeletePair { id } => {
            Ok(conn.execute("DELETE FROM pair WHERE id = ?1", params![id])? > 0)
        }
        Inverse::RestorePair(snapshot) => {
            let p = &snapshot.pair;
            let both_sides: i64 = conn.query_row(
                "SELECT count(*) FROM record WHERE id IN (?1, ?2)",
                params![p.demand_id, p.result_id],
                |r| r.get(0),
            )?;
            let taken: i64 = conn.query_row(
                "SELECT count(*) FROM pair WHERE id = ?1 OR (demand_id = ?2 AND result_id = ?3)",
                params![p.id, p.demand_id, p.result_id],
                |r| r.get(0),
            )?;
            if both_sides < 2 || taken > 0 {
                return Ok(false);
            }
            pairs::restore(conn, snapshot)?;
            Ok(true)
        }
        Inverse::RestoreStage {
            before,
            stage_change_id,
        } => {
            if pairs::get(conn, before.id)?.is_none() {
                return Ok(false);
            }
            write_state(conn, before)?;
            conn.execute(
                "DELETE FROM stage_change WHERE id = ?1",
                params![stage_change_id],
            )?;
            Ok(true)
        }
        Inverse::DeleteFollowup {
            id,
            pair_id,
            next_action,
            next_due,
        } => {
            let n = conn.execute("DELETE FROM followup WHERE id = ?1", params![id])?;
            conn.execute(
                "UPDATE pair SET next_action = ?2, next_due = ?3 WHERE id = ?1",
                params![pair_id, next_action, next_due],
            )?;
            Ok(n > 0)
        }
        Inverse::RestoreRecord { id, seq, record } => {
            let mut rec = (**record).clone();
            rec.id = *id;
            rec.seq = *seq;
            match records::update(conn, &mut rec) {
                Ok(()) => Ok(true),
                Err(crate::db::DbError::NotFound(_)) => Ok(false),
                Err(e) => Err(PipelineError::Db(e)),
            }
        }
    }
}
