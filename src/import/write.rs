//! Writing imported rows: one IMMEDIATE transaction for the whole file, in file order, while
//! other threads turn the next chunks of rows into records with their derived values (search
//! keys, dedup key), so a large import costs little more than its writes.
//!
//! A builder skips the search keys of a row that its own read-only connection finds already
//! stored unchanged (a re-import): that is only a hint, the writer decides, and builds the
//! keys itself when the hint was wrong.

use crate::store::Sql;
use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use rusqlite::{Connection, OpenFlags};

use super::headers::Column;
use super::table::{self, SourceRow, Table};
use super::undo::ImportJournal;
use super::{ImportOptions, ImportReport, PROGRESS_EVERY, row};
use crate::db::records::{self, Derived};
use crate::db::{Db, DbError, RecordWrite};
use crate::domain::{Kind, Record};
use crate::search::keys::dedup_key;

/// Rows per unit of work handed to a builder.
const CHUNK: usize = 2048;

/// Why the write transaction stopped: a database error, or a dry run that rolls back on
/// purpose once the counts are known.
enum Stop {
    Db { line: usize, err: DbError },
    DryRun(ImportReport),
}

impl Stop {
    /// A database error while writing the row at `line` (0: not about one row).
    fn at(line: usize) -> impl Fn(DbError) -> Stop {
        move |err| Stop::Db { line, err }
    }
}

impl From<DbError> for Stop {
    fn from(err: DbError) -> Self {
        Stop::Db { line: 0, err }
    }
}

/// One row a builder made: its record and derived values (keys left empty when the row
/// looked unchanged), or why it cannot be taken.
#[allow(
    clippy::large_enum_variant,
    reason = "nearly every row is a record; boxing it would add an allocation per row"
)]
enum Built {
    Record {
        line: usize,
        rec: Record,
        derived: Derived,
        keyed: bool,
    },
    Rejected(usize, String),
}

/// What the builders hand to the writer: chunk number and its rows.
type Chunk = (usize, Result<Vec<Built>, DbError>);

/// Writes the rows of `table` (read with `columns`) as records of `kind`. Returns the report
/// and the rows that could not be taken, each with its reason, in file order.
pub(super) fn write_rows<'t>(
    db: &mut Db,
    table: &'t Table,
    columns: &[Column],
    (kind, name): (Kind, &str),
    opts: &ImportOptions,
) -> anyhow::Result<(ImportReport, Vec<(&'t SourceRow, String)>)> {
    let chunks: Vec<&[SourceRow]> = table.rows.chunks(CHUNK).collect();
    let total = table.rows.len();
    let ts = crate::db::now();
    // The writer keeps one core; the others build. On one core they take turns.
    let builders = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .saturating_sub(1)
        .max(1)
        .min(chunks.len().max(1));
    let next_job = AtomicUsize::new(0);
    let db_path = db.location().clone();

    let mut bad_at: Vec<(usize, String)> = Vec::new();
    let chunks = &chunks;
    let result = std::thread::scope(|s| {
        let (done_tx, done_rx) = mpsc::sync_channel::<Chunk>(builders * 2);
        for _ in 0..builders {
            let done_tx = done_tx.clone();
            let (next_job, db_path) = (&next_job, &db_path);
            s.spawn(move || {
                let peek = open_reader(db_path);
                loop {
                    let i = next_job.fetch_add(1, Ordering::Relaxed);
                    let Some(rows) = chunks.get(i) else { break };
                    let built = build(
                        i * CHUNK,
                        rows,
                        table,
                        columns,
                        kind,
                        peek.as_deref().map(|c| c as &dyn Sql),
                    );
                    // The writer hung up (an error, or done): stop building.
                    if done_tx.send((i, built)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let bad_at = &mut bad_at;
        // `done_rx` moves into the transaction and is dropped when it ends, even on an error,
        // so a builder blocked on a full channel wakes up and the scope can end.
        db.write(move |tx| {
            let mut w = Writer::begin(tx, kind, total, &ts).map_err(Stop::at(0))?;
            if !opts.no_undo {
                let journal = ImportJournal::begin(tx, kind, name, crate::domain::undo::CLI);
                w.journal = Some(journal.map_err(Stop::at(0))?);
            }
            let mut report = ImportReport::default();
            let mut waiting: BTreeMap<usize, Result<Vec<Built>, DbError>> = BTreeMap::new();
            let mut done = 0;
            for (next, chunk) in chunks.iter().enumerate() {
                let built = loop {
                    if let Some(ready) = waiting.remove(&next) {
                        break ready;
                    }
                    let Ok((i, built)) = done_rx.recv() else {
                        let stopped = DbError::Invalid("a row-building thread stopped".into());
                        return Err(Stop::at(0)(stopped));
                    };
                    waiting.insert(i, built);
                };
                let first_line = chunk.first().map_or(0, |r| r.line);
                for b in built.map_err(Stop::at(first_line))? {
                    let (line, rec, derived, keyed) = match b {
                        Built::Record {
                            line,
                            rec,
                            derived,
                            keyed,
                        } => (line, rec, derived, keyed),
                        Built::Rejected(at, reason) => {
                            bad_at.push((at, reason));
                            continue;
                        }
                    };
                    match w.write(rec, derived, keyed).map_err(Stop::at(line))? {
                        RecordWrite::Added => report.added += 1,
                        RecordWrite::Updated => report.updated += 1,
                        RecordWrite::Unchanged => report.unchanged += 1,
                    }
                    done += 1;
                    if let Some(progress) = opts.progress
                        && done % PROGRESS_EVERY == 0
                    {
                        progress(done, total);
                    }
                }
            }
            w.finish().map_err(Stop::at(0))?;
            if opts.dry_run {
                return Err(Stop::DryRun(report));
            }
            Ok(report)
        })
    });
    let report = match result {
        Ok(report) | Err(Stop::DryRun(report)) => report,
        Err(Stop::Db { line: 0, err }) => return Err(err.into()),
        Err(Stop::Db { line, err }) => return Err(anyhow::anyhow!("line {line}: {err}")),
    };
    let bad = bad_at
        .into_iter()
        .map(|(at, reason)| (&table.rows[at], reason))
        .collect();
    Ok((report, bad))
}

/// The writing side of an import, inside its transaction.
struct Writer<'c> {
    conn: &'c dyn Sql,
    seqs: records::Seqs,
    known: Known,
    ts: &'c str,
    /// The import's one revision, stamped on every row it adds or updates.
    rev: i64,
    /// Its undo step, unless it leaves none.
    journal: Option<ImportJournal>,
}

impl<'c> Writer<'c> {
    fn begin(conn: &'c dyn Sql, kind: Kind, rows: usize, ts: &'c str) -> Result<Self, DbError> {
        Ok(Writer {
            conn,
            seqs: records::Seqs::begin(conn, kind)?,
            known: Known::load(conn, kind, rows)?,
            ts,
            rev: crate::db::rev::stamp(conn)?,
            journal: None,
        })
    }

    /// Adds `rec`, updates the stored record it matches, or finds that one unchanged.
    /// `keyed`: whether `derived` holds search keys (a builder skips them when the row looked
    /// unchanged).
    fn write(
        &mut self,
        mut rec: Record,
        mut derived: Derived,
        keyed: bool,
    ) -> Result<RecordWrite, DbError> {
        let found = if self.known.may_hold(&rec, &derived.dedup_key) {
            records::find_by_key(self.conn, &rec, &derived.dedup_key)?
        } else {
            None
        };
        if let Some(old) = &found
            && records::adopt(old, &mut rec)
        {
            return Ok(RecordWrite::Unchanged);
        }
        if !keyed {
            derived = Derived::of(&rec)?;
        }
        self.known.add(&rec, &derived.dedup_key);
        if let (Some(journal), Some(old)) = (&mut self.journal, &found) {
            journal.updating(self.conn, old)?;
        }
        let seqs = &mut self.seqs;
        let done = records::write_found(
            self.conn,
            &mut rec,
            found,
            derived,
            (self.ts, self.rev),
            || Ok(seqs.take()),
        )?;
        if let Some(journal) = &mut self.journal
            && done == RecordWrite::Added
        {
            journal.added(rec.id);
        }
        Ok(done)
    }

    /// Stores the code counter and what the undo step needs.
    fn finish(self) -> Result<(), DbError> {
        if let Some(journal) = self.journal {
            journal.finish(self.conn)?;
        }
        self.seqs.finish(self.conn)
    }
}

/// The ext_ids and dedup keys of the stored records of one kind, so that a row whose keys
/// are not among them is known to be new without a query. Only ever a superset of what the
/// table holds (keys an update replaced stay), so a key found here still asks the database,
/// which decides. Loaded only when the file is large beside the table.
enum Known {
    /// Ask the database for every row.
    Unknown,
    Keys {
        ext_ids: HashSet<String>,
        dedup: HashSet<String>,
    },
}

impl Known {
    fn load(conn: &dyn Sql, kind: Kind, rows: usize) -> Result<Known, DbError> {
        let stored = records::count(conn, kind)? as usize;
        if rows < 1000 || rows * 4 < stored {
            return Ok(Known::Unknown);
        }
        let mut ext_ids = HashSet::with_capacity(stored + rows);
        let mut dedup = HashSet::with_capacity(stored + rows);
        records::each_key(conn, kind, |ext, key| {
            if !ext.is_empty() {
                ext_ids.insert(ext);
            }
            dedup.insert(key);
        })?;
        Ok(Known::Keys { ext_ids, dedup })
    }

    /// Whether a stored record may match `rec` (as [`records::find_by_key`] matches).
    fn may_hold(&self, rec: &Record, dedup_key: &str) -> bool {
        match self {
            Known::Unknown => true,
            Known::Keys { ext_ids, .. } if !rec.ext_id.is_empty() => ext_ids.contains(&rec.ext_id),
            Known::Keys { dedup, .. } => dedup.contains(dedup_key),
        }
    }

    /// Notes the keys `rec` is stored under once written.
    fn add(&mut self, rec: &Record, dedup_key: &str) {
        if let Known::Keys { ext_ids, dedup } = self {
            if !rec.ext_id.is_empty() && !ext_ids.contains(&rec.ext_id) {
                ext_ids.insert(rec.ext_id.clone());
            }
            if !dedup.contains(dedup_key) {
                dedup.insert(dedup_key.to_string());
            }
        }
    }
}

/// A read-only connection for the builders' hints: a file's, opened read-only; none for an
/// in-memory database or a shared one (a builder then keys every row, the same result).
fn open_reader(at: &crate::db::location::Location) -> Option<Box<dyn Sql + Send>> {
    let path = at.file().filter(|p| p.as_os_str() != ":memory:")?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
    Some(Box::new(conn))
}

/// Turns one chunk of source rows (the first at `base` in the table) into records or
/// rejects, with derived values.
fn build(
    base: usize,
    rows: &[SourceRow],
    table: &Table,
    columns: &[Column],
    kind: Kind,
    peek: Option<&dyn Sql>,
) -> Result<Vec<Built>, DbError> {
    let mut out = Vec::with_capacity(rows.len());
    for (k, src) in rows.iter().enumerate() {
        if src.problem.is_none() && table::is_blank(&src.cells) {
            continue;
        }
        let rec = match row::to_record(src, &table.header, columns, kind) {
            Ok(rec) => rec,
            Err(reason) => {
                out.push(Built::Rejected(base + k, reason));
                continue;
            }
        };
        // The lookup goes by ext_id when there is one; the dedup key is needed only without.
        let dedup = peek
            .filter(|_| rec.ext_id.is_empty())
            .map(|_| dedup_key(&rec.title, &rec.org))
            .unwrap_or_default();
        let stored_same = peek.is_some_and(|c| {
            records::find_by_key(c, &rec, &dedup)
                .ok()
                .flatten()
                .is_some_and(|old| records::same_content(&old, &rec))
        });
        let derived = if stored_same {
            // Only the writer's lookup reads it, and only when there is no ext_id.
            Derived {
                dedup_key: dedup,
                ..Derived::default()
            }
        } else {
            Derived::of(&rec)?
        };
        out.push(Built::Record {
            line: src.line,
            rec,
            derived,
            keyed: !stored_same,
        });
    }
    Ok(out)
}
