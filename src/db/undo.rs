//! The undo journal tables: pushing a step (in the same transaction as the change it
//! reverses), peeking at and taking the newest one, and the record snapshots an import's step
//! keeps beside it. What a step's inverse does is the pipeline's business
//! ([`crate::pipeline::undo`]).
//!
//! Entries are stored in a versioned envelope ([`Inverse::to_json`]); one that cannot be
//! read comes back as [`Unreadable`] with its label, so it can be skipped with a message
//! instead of blocking every step behind it.
//!
//! On either engine ([`Sql`]).

use super::DbResult;
use crate::domain::Record;
use crate::domain::undo::{Inverse, UndoStep, Unreadable};
use crate::store::{Row, Sql, StoreError, StoreResult, ToValue};

/// How many steps the journal keeps.
pub const DEPTH: i64 = 200;

/// A journalled step with its inverse, as taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The entry's row id (its snapshots hang off it).
    pub id: i64,
    /// What the step looked like to the user.
    pub step: UndoStep,
    /// What reverses it, or why it cannot be read.
    pub inverse: Result<Inverse, Unreadable>,
}

/// Adds a step made by `origin` at `at`, and trims the journal to [`DEPTH`] steps. Returns
/// the entry's id.
pub fn push(
    conn: &dyn Sql,
    label: &str,
    inverse: &Inverse,
    at: &str,
    origin: &str,
) -> DbResult<i64> {
    let id = open(conn, label, inverse, at, origin)?;
    trim(conn)?;
    Ok(id)
}

/// Adds a step whose inverse is known only when the change ends (an import), without
/// trimming the journal yet: [`rewrite`] does, once the step is known to stay.
pub fn open(
    conn: &dyn Sql,
    label: &str,
    inverse: &Inverse,
    at: &str,
    origin: &str,
) -> DbResult<i64> {
    let payload = inverse.to_json()?;
    let actor = super::actor::current(conn)?;
    Ok(conn.insert(
        "INSERT INTO undo_entry (label, payload, at, origin, actor) VALUES (?1, ?2, ?3, ?4, ?5)",
        &[&label, &payload, &at, &origin, &actor],
    )?)
}

/// Keeps the newest [`DEPTH`] steps; snapshots go with their entry (foreign key cascade).
fn trim(conn: &dyn Sql) -> DbResult<()> {
    conn.execute(
        "DELETE FROM undo_entry WHERE id <= (SELECT max(id) FROM undo_entry) - ?1",
        &[&DEPTH],
    )?;
    Ok(())
}

/// Rewrites the label and inverse of entry `id` opened with [`open`], and trims the
/// journal.
pub fn rewrite(conn: &dyn Sql, id: i64, label: &str, inverse: &Inverse) -> DbResult<()> {
    conn.execute(
        "UPDATE undo_entry SET label = ?2, payload = ?3 WHERE id = ?1",
        &[&id, &label, &inverse.to_json()?],
    )?;
    trim(conn)
}

/// Keeps `before`, the content of a record as it was, with entry `entry`.
pub fn push_snapshot(conn: &dyn Sql, entry: i64, before: &Record) -> DbResult<()> {
    let snapshot = crate::domain::undo::RecordSnapshot {
        id: before.id,
        seq: before.seq,
        record: before.clone(),
        pairs: Vec::new(),
        notes: Vec::new(),
    };
    conn.execute(
        "INSERT INTO undo_snapshot (entry_id, payload) VALUES (?1, ?2)",
        &[&entry, &serde_json::to_string(&snapshot)?],
    )?;
    Ok(())
}

/// Hands each snapshot of entry `entry` to `each`, in the order they were kept (a snapshot
/// that cannot be read as [`Unreadable`]).
pub fn each_snapshot(
    conn: &dyn Sql,
    entry: i64,
    mut each: impl FnMut(
        Result<crate::domain::undo::RecordSnapshot, Unreadable>,
    ) -> crate::db::DbResult<()>,
) -> DbResult<()> {
    // `each` may write (restore a record) while the rows stream; its error stops the read.
    let mut failed = None;
    let read = conn.query_each(
        "SELECT payload FROM undo_snapshot WHERE entry_id = ?1 ORDER BY id",
        &[&entry],
        &mut |r| {
            let text: String = r.get(0)?;
            let snapshot = serde_json::from_str(&text).map_err(|e| Unreadable::Bad(e.to_string()));
            each(snapshot).map_err(|e| {
                failed = Some(e);
                StoreError::Stopped
            })
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(read?)
}

/// Which steps are the writer's own: with no name, every step; with one, the steps made
/// under it and those from before names (nobody's in particular). `?1` is the name.
macro_rules! own {
    () => {
        "(CAST(?1 AS TEXT) IS NULL OR actor IS NULL OR actor = ?1)"
    };
}

/// The step undo would take back next (the writer's newest own step), without taking it:
/// the desk says what it would undo (and that it came from elsewhere) before doing it.
pub fn peek(conn: &dyn Sql) -> DbResult<Option<UndoStep>> {
    let me = super::actor::current(conn)?;
    let sql = concat!(
        "SELECT label, at, origin, actor FROM undo_entry WHERE ",
        own!(),
        " ORDER BY id DESC LIMIT 1"
    );
    let Some(r) = conn.query_opt(sql, &[&me])? else {
        return Ok(None);
    };
    Ok(Some(UndoStep {
        label: r.get(0)?,
        at: r.get(1)?,
        origin: r.get(2)?,
        actor: r.get(3)?,
    }))
}

/// The writer's newest own step, still in the journal (take it out with [`remove`] once
/// applied); `None` when the journal holds none of theirs.
pub fn top(conn: &dyn Sql) -> DbResult<Option<Entry>> {
    let me = super::actor::current(conn)?;
    let sql = concat!(
        "SELECT id, label, at, origin, payload, actor FROM undo_entry WHERE ",
        own!(),
        " ORDER BY id DESC LIMIT 1"
    );
    Ok(entries(conn, sql, &[&me])?.pop())
}

/// The steps newer than entry `id`, newest first: when `id` is the writer's newest own step,
/// other brokers' steps, which undo passes over and leaves in place.
pub fn newer_than(conn: &dyn Sql, id: i64) -> DbResult<Vec<Entry>> {
    entries(
        conn,
        "SELECT id, label, at, origin, payload, actor FROM undo_entry WHERE id > ?1 \
         ORDER BY id DESC",
        &[&id],
    )
}

/// The entries `sql` selects (id, label, at, origin, payload, actor).
fn entries(conn: &dyn Sql, sql: &str, p: &[&dyn ToValue]) -> DbResult<Vec<Entry>> {
    let entry = |r: &Row| -> StoreResult<Entry> {
        let step = UndoStep {
            label: r.get(1)?,
            at: r.get(2)?,
            origin: r.get(3)?,
            actor: r.get(5)?,
        };
        let payload: String = r.get(4)?;
        Ok(Entry {
            id: r.get(0)?,
            step,
            inverse: Inverse::from_json(&payload),
        })
    };
    Ok(conn
        .query(sql, p)?
        .iter()
        .map(entry)
        .collect::<StoreResult<_>>()?)
}

/// Removes entry `id` with its snapshots.
pub fn remove(conn: &dyn Sql, id: i64) -> DbResult<()> {
    conn.execute("DELETE FROM undo_entry WHERE id = ?1", &[&id])?;
    Ok(())
}

/// How many steps the writer can undo (their own, see [`top`]).
pub fn depth(conn: &dyn Sql) -> DbResult<i64> {
    let me = super::actor::current(conn)?;
    Ok(conn
        .query_one(
            concat!("SELECT count(*) FROM undo_entry WHERE ", own!()),
            &[&me],
        )?
        .get(0)?)
}
