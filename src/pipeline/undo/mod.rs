//! Undo: each change journals its inverse (in its own transaction, through
//! [`crate::db::undo`]); undo pops the newest step and applies it, in one IMMEDIATE
//! transaction. Steps carry their origin ("cli", "desk:<pid>"), so a desk can say that the
//! step it would undo came from elsewhere before it does ([`peek`]).
//!
//! An inverse whose target has since disappeared by a change the journal does not cover is
//! popped without effect, and an entry that cannot be read (written by a newer build, or
//! damaged) is popped unread; the returned label says so, so one stale or unreadable entry
//! never blocks the steps behind it.

use crate::store::Sql;

use super::pairs;
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{self, Db, DbError, records};
use crate::domain::Record;
use crate::domain::undo::{Label, RecordSnapshot, UndoStep, desk};

pub use crate::db::undo::DEPTH;
pub use crate::domain::undo::{Inverse, PairSnapshot};

mod undone;
pub use undone::{Note, Undone};

/// Adds an undo step made by this process's desk inside the caller's transaction.
pub fn journal(
    conn: &dyn Sql,
    clock: &Clock,
    label: &str,
    inverse: &Inverse,
) -> PipelineResult<()> {
    db::undo::push(conn, label, inverse, &clock.stamp(), &desk())?;
    Ok(())
}

/// Makes adding `rec` (just inserted) by `origin` undoable: call inside the insert's
/// transaction.
pub fn journal_record_add(conn: &dyn Sql, rec: &Record, origin: &str) -> PipelineResult<()> {
    db::undo::push(
        conn,
        &Label::Add {
            code: rec.code().to_string(),
        }
        .stored(),
        &Inverse::DeleteRecord { id: rec.id },
        &Clock::system().stamp(),
        origin,
    )?;
    Ok(())
}

/// Makes a record edit by this process's desk undoable: call inside the edit's transaction
/// with the record as it was before the edit.
pub fn journal_record_edit(conn: &dyn Sql, before: &Record) -> PipelineResult<()> {
    journal_record_edit_by(conn, before, &desk())
}

/// [`journal_record_edit`] for an edit made by `origin`.
pub fn journal_record_edit_by(conn: &dyn Sql, before: &Record, origin: &str) -> PipelineResult<()> {
    db::undo::push(
        conn,
        &Label::Edit {
            code: before.code().to_string(),
        }
        .stored(),
        &Inverse::RestoreRecord {
            id: before.id,
            seq: before.seq,
            record: Box::new(before.clone()),
        },
        &Clock::system().stamp(),
        origin,
    )?;
    Ok(())
}

/// How many steps can be undone.
pub fn depth(conn: &dyn Sql) -> PipelineResult<i64> {
    Ok(db::undo::depth(conn)?)
}

/// The step undo would take back next, without taking it.
pub fn peek(conn: &dyn Sql) -> PipelineResult<Option<UndoStep>> {
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
        // The newest step of this broker's own; later ones are colleagues', left in place.
        let Some(entry) = db::undo::top(tx)? else {
            return Ok(None);
        };
        let passed = db::undo::newer_than(tx, entry.id)?;
        let passed_steps: Vec<UndoStep> = passed.iter().map(|e| e.step.clone()).collect();
        let inverse = match entry.inverse {
            Ok(inverse) => inverse,
            Err(why) => {
                db::undo::remove(tx, entry.id)?;
                return Ok(Some(Undone::new(
                    entry.step,
                    Some(Note::Skipped(why)),
                    None,
                    passed_steps,
                )));
            }
        };
        if let Some(theirs) = super::team::crossing(&inverse, &passed) {
            return Err(PipelineError::Crossed {
                yours: Box::new(entry.step),
                theirs: Box::new(theirs.step.clone()),
            });
        }
        let outcome = apply(tx, entry.id, &inverse)?;
        // Organisations and contacts made only for records the step took away go too.
        db::orgs::prune(tx)?;
        db::undo::remove(tx, entry.id)?;
        Ok(Some(Undone::new(
            entry.step,
            outcome,
            Some(&inverse),
            passed_steps,
        )))
    })
}

/// What applying an inverse did: `None` all of it, else what was left.
type Outcome = Option<Note>;

/// The outcome of an inverse that either applied or found its target gone.
fn done(applied: bool) -> Outcome {
    (!applied).then_some(Note::Gone)
}

/// Applies the inverse of entry `entry`.
fn apply(conn: &dyn Sql, entry: i64, inverse: &Inverse) -> PipelineResult<Outcome> {
    match inverse {
        Inverse::DeletePair { id } => Ok(done(db::pairs::delete(conn, *id)?)),
        Inverse::RestorePair(snapshot) => {
            if !db::pairs::can_restore(conn, &snapshot.pair)? {
                return Ok(Some(Note::Gone));
            }
            pairs::restore(conn, snapshot)?;
            Ok(None)
        }
        Inverse::RestoreStage {
            before,
            stage_change_id,
        } => {
            let mut before = (**before).clone();
            if !db::pairs::write_state(conn, &mut before)? {
                return Ok(Some(Note::Gone));
            }
            db::followups::delete_change(conn, *stage_change_id)?;
            Ok(None)
        }
        Inverse::RestoreContract { before, contract } => {
            Ok(done(super::contracts::restore(conn, before, contract)?))
        }
        Inverse::DeleteFollowup {
            id,
            pair_id,
            next_action,
            next_due,
        } => {
            let deleted = db::followups::delete(conn, *id)?;
            db::pairs::set_next(conn, *pair_id, next_action.as_deref(), next_due.as_deref())?;
            Ok(done(deleted))
        }
        Inverse::RestoreRecord { id, seq, record } => {
            Ok(done(restore_content(conn, *id, *seq, record)?))
        }
        Inverse::DeleteRecord { id } => {
            if records::get(conn, *id)?.is_none() {
                return Ok(Some(Note::Gone));
            }
            let (pairs, _) = records::delete_impact(conn, *id)?;
            if pairs > 0 {
                // Its pairs were made by steps the journal no longer holds: keep it rather
                // than take them along unrecoverably.
                return Ok(Some(Note::KeptPaired(pairs)));
            }
            records::delete(conn, *id)?;
            Ok(None)
        }
        Inverse::RestoreDeleted(snapshot) => restore_deleted(conn, snapshot),
        Inverse::UndoImport {
            kind,
            added,
            updated: _,
        } => undo_import(conn, entry, *kind, added),
        Inverse::Org(step) => Ok(done(super::orgs::undo(conn, step)?)),
        Inverse::DeleteRecordNote { id, .. } => Ok(done(db::record_notes::delete(conn, *id)?)),
        Inverse::SetOwner { pair_id, owner } => Ok(done(db::pairs::set_owner(
            conn,
            *pair_id,
            owner.as_deref(),
        )?)),
        Inverse::Several { steps } => {
            // Each part is taken back; the step is gone only when every part was.
            let mut outcome = Some(Note::Gone);
            for step in steps.iter().rev() {
                let part = apply(conn, entry, step)?;
                if part.is_none() || outcome == Some(Note::Gone) {
                    outcome = part;
                }
            }
            Ok(outcome)
        }
    }
}

/// Writes `record` back over record `id` (code number `seq`); false when it is gone.
fn restore_content(conn: &dyn Sql, id: i64, seq: i64, record: &Record) -> PipelineResult<bool> {
    let mut rec = record.clone();
    rec.id = id;
    rec.seq = seq;
    match records::update(conn, &mut rec) {
        Ok(()) => Ok(true),
        Err(DbError::NotFound(_)) => Ok(false),
        Err(e) => Err(PipelineError::Db(e)),
    }
}

/// Brings a deleted record back under its id and code, then its pairs with their history
/// and log.
fn restore_deleted(conn: &dyn Sql, s: &RecordSnapshot) -> PipelineResult<Outcome> {
    let mut rec = s.record.clone();
    rec.id = s.id;
    rec.seq = s.seq;
    if !records::restore(conn, &mut rec)? {
        return Ok(Some(Note::Gone));
    }
    for n in &s.notes {
        let mut n = n.clone();
        n.record_id = s.id;
        db::record_notes::insert(conn, &mut n)?;
    }
    let mut lost = 0;
    for p in &s.pairs {
        if db::pairs::can_restore(conn, &p.pair)? {
            pairs::restore(conn, p)?;
        } else {
            lost += 1;
        }
    }
    Ok((lost > 0).then_some(Note::PairsNotRestored(lost)))
}

/// Takes back an import: removes the records it added (those paired since stay), and gives
/// those it updated back what they held.
fn undo_import(
    conn: &dyn Sql,
    entry: i64,
    kind: crate::domain::Kind,
    added: &[crate::domain::undo::IdRun],
) -> PipelineResult<Outcome> {
    let mut kept = 0;
    for &(first, last) in added {
        kept += records::delete_unpaired(conn, kind, first, last)?.1;
    }
    let (mut gone, mut unreadable) = (0u64, 0u64);
    db::undo::each_snapshot(conn, entry, |snapshot| {
        match snapshot {
            Ok(s) => {
                let mut rec = s.record;
                rec.id = s.id;
                rec.seq = s.seq;
                match records::update(conn, &mut rec) {
                    Ok(()) => {}
                    Err(DbError::NotFound(_)) => gone += 1,
                    Err(e) => return Err(e),
                }
            }
            Err(_) => unreadable += 1,
        }
        Ok(())
    })?;
    Ok(
        (kept + gone + unreadable > 0).then_some(Note::ImportPartly {
            kept,
            gone,
            unreadable,
        }),
    )
}
