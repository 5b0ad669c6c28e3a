//! Deleting a record as one undoable step: the record with its pairs, their stage history
//! and follow-up logs, kept in the journal so undo brings all of it back under the same
//! codes; and what such a delete would take along, for the question asked before it.

use crate::store::Sql;

use super::{PipelineResult, pairs};
use crate::db::{self, Db, DbError, records};
use crate::domain::Record;
use crate::domain::undo::{Inverse, PairSnapshot, RecordSnapshot};

/// What deleting a record takes along.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeleteImpact {
    /// Its pairs.
    pub pairs: i64,
    /// The follow-ups logged on those pairs, and the notes in the record's own log.
    pub followups: i64,
}

/// What deleting record `id` would take along.
pub fn delete_impact(conn: &dyn Sql, id: i64) -> PipelineResult<DeleteImpact> {
    let (pairs, followups) = records::delete_impact(conn, id)?;
    let notes = db::record_notes::count_of(conn, id)?;
    Ok(DeleteImpact {
        pairs,
        followups: followups + notes,
    })
}

/// Deletes record `id` with its pairs (their history and logs go by cascade), journalled
/// under `origin` so undo restores everything. With `expect_rev` (the record's rev when the
/// user looked), a record changed since is refused. Returns the record as it was.
pub fn delete_record(
    db: &mut Db,
    id: i64,
    expect_rev: Option<i64>,
    origin: &str,
) -> PipelineResult<Record> {
    db.write(|tx| {
        let Some(rec) = records::get(tx, id)? else {
            return Err(DbError::Gone(format!("record {id}")).into());
        };
        if let Some(rev) = expect_rev
            && rev != rec.rev
        {
            return Err(DbError::Changed(rec.code().to_string()).into());
        }
        let mut snapshots = Vec::new();
        for (pair, _) in db::pairs::of_record(tx, id)? {
            snapshots.push(PairSnapshot {
                history: pairs::history_of(tx, pair.id)?,
                followups: pairs::followups_of(tx, pair.id)?,
                contract: crate::db::contracts::get(tx, pair.id)?,
                pair,
            });
        }
        let label = crate::domain::undo::Label::Delete {
            code: rec.code().to_string(),
            pairs: snapshots.len() as u64,
        }
        .stored();
        let notes = db::record_notes::of_record(tx, id)?;
        records::delete(tx, id)?;
        db::orgs::prune(tx)?;
        db::undo::push(
            tx,
            &label,
            &Inverse::RestoreDeleted(Box::new(RecordSnapshot {
                id: rec.id,
                seq: rec.seq,
                record: rec.clone(),
                pairs: snapshots,
                notes,
            })),
            &db::now(),
            origin,
        )?;
        Ok(rec)
    })
}
