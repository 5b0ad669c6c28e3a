//! Writing imported rows: finding the stored record a row matches (by ext_id, else by
//! normalised title and org), and adding or updating it, with the code numbers of a whole
//! import handed out from one counter read.

use super::{Derived, insert_derived, next_seq, one, update_derived};
use crate::db::{DbResult, now, rev};
use crate::domain::{Kind, Record};
use crate::store::Sql;

/// What writing an imported row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordWrite {
    /// A new record.
    Added,
    /// A stored record whose content changed.
    Updated,
    /// A stored record found identical.
    Unchanged,
}

/// Hands out the code numbers of one kind in a transaction that adds many records: reads
/// the counter once and writes it back once, in [`Seqs::finish`].
#[derive(Debug)]
pub struct Seqs {
    kind: Kind,
    next: i64,
}

impl Seqs {
    /// Reads the counter of `kind`.
    pub fn begin(conn: &dyn Sql, kind: Kind) -> DbResult<Seqs> {
        let next = conn
            .query_one(
                "SELECT next FROM code_seq WHERE kind = ?1",
                &[&kind.as_str()],
            )?
            .get(0)?;
        Ok(Seqs { kind, next })
    }

    /// The next code number.
    pub fn take(&mut self) -> i64 {
        self.next += 1;
        self.next - 1
    }

    /// Stores the counter; without it the numbers handed out would be handed out again.
    pub fn finish(self, conn: &dyn Sql) -> DbResult<()> {
        conn.execute(
            "UPDATE code_seq SET next = ?2 WHERE kind = ?1",
            &[&self.kind.as_str(), &self.next],
        )?;
        Ok(())
    }
}

/// Hands every (ext_id, dedup_key) of `kind` to `each`: an import's list of what is stored.
pub fn each_key(conn: &dyn Sql, kind: Kind, mut each: impl FnMut(String, String)) -> DbResult<()> {
    conn.query_each(
        "SELECT ext_id, dedup_key FROM record WHERE kind = ?1",
        &[&kind.as_str()],
        &mut |r| {
            each(r.get(0)?, r.get(1)?);
            Ok(())
        },
    )?;
    Ok(())
}

/// The record an imported row corresponds to: same ext_id, else same normalised (title, org),
/// `dedup` being the row's [`crate::search::keys::dedup_key`].
pub fn find_by_key(conn: &dyn Sql, rec: &Record, dedup: &str) -> DbResult<Option<Record>> {
    // Two plain statements rather than one CASE: SQLite cannot use an index through a CASE,
    // and a full scan per imported row made a 100k-row import quadratic.
    let (sql, key) = if rec.ext_id.is_empty() {
        (
            concat!(
                "SELECT ",
                record_columns!(),
                " FROM record WHERE kind = ?1 AND dedup_key = ?2 LIMIT 1"
            ),
            dedup,
        )
    } else {
        (
            concat!(
                "SELECT ",
                record_columns!(),
                " FROM record WHERE kind = ?1 AND ext_id = ?2 AND ext_id <> '' LIMIT 1"
            ),
            rec.ext_id.as_str(),
        )
    };
    one(conn, sql, &[&rec.kind.as_str(), &key])
}

/// Writes an imported row: updates the matching record when its content differs, adds it
/// when there is none.
pub fn upsert(conn: &dyn Sql, rec: &mut Record) -> DbResult<RecordWrite> {
    let derived = Derived::of(rec)?;
    let found = find_by_key(conn, rec, &derived.dedup_key)?;
    let kind = rec.kind;
    let rev = rev::stamp(conn)?;
    write_found(conn, rec, found, derived, (&now(), rev), || {
        next_seq(conn, kind)
    })
}

/// The write half of [`upsert`], given what [`find_by_key`] found for `rec`: adds it with the
/// code number `seq` gives when nothing was found, else updates the found record when its
/// content differs. `(ts, rev)`: the time of writing and the transaction's revision.
pub fn write_found(
    conn: &dyn Sql,
    rec: &mut Record,
    found: Option<Record>,
    derived: Derived,
    (ts, rev): (&str, i64),
    seq: impl FnOnce() -> DbResult<i64>,
) -> DbResult<RecordWrite> {
    match found {
        None => {
            // Before a code number is taken for it.
            super::check_title(rec)?;
            insert_derived(conn, rec, derived, ts, seq()?, rev)?;
            Ok(RecordWrite::Added)
        }
        Some(old) => {
            if adopt(&old, rec) {
                return Ok(RecordWrite::Unchanged);
            }
            update_derived(conn, rec, derived, ts, rev)?;
            Ok(RecordWrite::Updated)
        }
    }
}

/// Gives `rec` the identity (id, code, timestamps, who made and last changed it) of the
/// stored record `old` it matched, and says whether it then holds exactly what `old` does.
pub fn adopt(old: &Record, rec: &mut Record) -> bool {
    rec.id = old.id;
    rec.seq = old.seq;
    rec.created_at.clone_from(&old.created_at);
    rec.updated_at.clone_from(&old.updated_at);
    rec.rev = old.rev;
    rec.created_by.clone_from(&old.created_by);
    rec.updated_by.clone_from(&old.updated_by);
    *old == *rec
}

/// Whether `a` and `b` hold the same fields (codes, timestamps and names aside).
pub fn same_content(a: &Record, b: &Record) -> bool {
    let mut b = b.clone();
    adopt(a, &mut b)
}
