//! The undo journal table: pushing a step (in the same transaction as the change it
//! reverses), peeking at and popping the newest one. What a step's inverse does is the
//! pipeline's business ([`crate::pipeline::undo`]).

use rusqlite::{Connection, OptionalExtension, params};

use super::DbResult;
use crate::domain::undo::{Inverse, UndoStep};

/// How many steps the journal keeps.
pub const DEPTH: i64 = 200;

/// A journalled step with its inverse, as popped.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What the step looked like to the user.
    pub step: UndoStep,
    /// What reverses it.
    pub inverse: Inverse,
}

/// Adds a step made by `origin` at `at`, and trims the journal to [`DEPTH`] steps.
pub fn push(
    conn: &Connection,
    label: &str,
    inverse: &Inverse,
    at: &str,
    origin: &str,
) -> DbResult<()> {
    conn.prepare_cached(
        "INSERT INTO undo_entry (label, payload, at, origin) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![label, serde_json::to_string(inverse)?, at, origin])?;
    conn.prepare_cached(
        "DELETE FROM undo_entry WHERE id <= (SELECT max(id) FROM undo_entry) - ?1",
    )?
    .execute(params![DEPTH])?;
    Ok(())
}

/// The step undo would take back next, without taking it: the desk says what it would undo
/// (and that it came from elsewhere) before doing it.
pub fn peek(conn: &Connection) -> DbResult<Option<UndoStep>> {
    Ok(conn
        .prepare_cached("SELECT label, at, origin FROM undo_entry ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| {
            Ok(UndoStep {
                label: r.get(0)?,
                at: r.get(1)?,
                origin: r.get(2)?,
            })
        })
        .optional()?)
}

/// Removes the newest step and returns it; `None` when the journal is empty.
pub fn pop(conn: &Connection) -> DbResult<Option<Entry>> {
    let row: Option<(i64, UndoStep, String)> = conn
        .prepare_cached(
            "SELECT id, label, at, origin, payload FROM undo_entry ORDER BY id DESC LIMIT 1",
        )?
        .query_row([], |r| {
            let step = UndoStep {
                label: r.get(1)?,
                at: r.get(2)?,
                origin: r.get(3)?,
            };
            Ok((r.get(0)?, step, r.get(4)?))
        })
        .optional()?;
    let Some((id, step, payload)) = row else {
        return Ok(None);
    };
    conn.prepare_cached("DELETE FROM undo_entry WHERE id = ?1")?
        .execute(params![id])?;
    Ok(Some(Entry {
        step,
        inverse: serde_json::from_str(&payload)?,
    }))
}

/// How many steps can be undone.
pub fn depth(conn: &Connection) -> DbResult<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM undo_entry")?
        .query_row([], |r| r.get(0))?)
}
