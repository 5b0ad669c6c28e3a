//! Writing imported rows: one IMMEDIATE transaction for the whole file, in file order, while
//! other threads turn the next chunks of rows into records with their derived values (search
//! keys, dedup key), so a large import costs little more than its writes.
//!
//! A builder skips the search keys of a row that its own read-only connection finds already
//! stored unchanged (a re-import): that is only a hint, the writer decides, and builds the
//! keys itself when the hint was wrong.

use std::collections::BTreeMap;
use std::sync::{Mutex, mpsc};

use rusqlite::{Connection, OpenFlags};

use super::headers::Column;
use super::table::{self, SourceRow, Table};
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

impl From<rusqlite::Error> for Stop {
    fn from(e: rusqlite::Error) -> Self {
        Stop::Db {
            line: 0,
            err: e.into(),
        }
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
    kind: Kind,
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
    let next_job = Mutex::new(0usize);
    let db_path = db.path().to_path_buf();

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
                    let i = {
                        let Ok(mut n) = next_job.lock() else { break };
                        *n += 1;
                        *n - 1
                    };
                    let Some(rows) = chunks.get(i) else { break };
                    let built = build(i * CHUNK, rows, table, columns, kind, peek.as_ref());
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
            let mut report = ImportReport::default();
            let mut seqs =
                records::Seqs::begin(tx, kind).map_err(|err| Stop::Db { line: 0, err })?;
            let mut waiting: BTreeMap<usize, Result<Vec<Built>, DbError>> = BTreeMap::new();
            let mut done = 0;
            for (next, chunk) in chunks.iter().enumerate() {
                let built = loop {
                    if let Some(ready) = waiting.remove(&next) {
                        break ready;
                    }
                    let Ok((i, built)) = done_rx.recv() else {
                        return Err(Stop::Db {
                            line: 0,
                            err: DbError::Invalid("a row-building thread stopped".into()),
                        });
                    };
                    waiting.insert(i, built);
                };
                let line = chunk.first().map_or(0, |r| r.line);
                for b in built.map_err(|err| Stop::Db { line, err })? {
                    let (line, mut rec, mut derived, keyed) = match b {
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
                    let stop = |err| Stop::Db { line, err };
                    let outcome =
                        match records::find_by_key(tx, &rec, &derived.dedup_key).map_err(stop)? {
                            Some(old) if unchanged(&old, &mut rec) => RecordWrite::Unchanged,
                            old => {
                                if !keyed {
                                    derived = Derived::of(&rec).map_err(stop)?;
                                }
                                records::write_found(tx, &mut rec, old, derived, &ts, || {
                                    Ok(seqs.take())
                                })
                                .map_err(stop)?
                            }
                        };
                    match outcome {
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
            seqs.finish(tx).map_err(|err| Stop::Db { line: 0, err })?;
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

/// Whether the stored `old` already holds `rec`; when it does, `rec` takes its identity.
fn unchanged(old: &Record, rec: &mut Record) -> bool {
    if !records::same_content(old, rec) {
        return false;
    }
    rec.id = old.id;
    rec.seq = old.seq;
    rec.created_at.clone_from(&old.created_at);
    rec.updated_at.clone_from(&old.updated_at);
    true
}

/// A read-only connection for the builders' hints; none for an in-memory database (a
/// builder then keys every row).
fn open_reader(path: &std::path::Path) -> Option<Connection> {
    if path.as_os_str() == ":memory:" {
        return None;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
    Some(conn)
}

/// Turns one chunk of source rows (the first at `base` in the table) into records or
/// rejects, with derived values.
fn build(
    base: usize,
    rows: &[SourceRow],
    table: &Table,
    columns: &[Column],
    kind: Kind,
    peek: Option<&Connection>,
) -> Result<Vec<Built>, DbError> {
    let mut out = Vec::with_capacity(rows.len());
    for (k, src) in rows.iter().enumerate() {
        if table::is_blank(&src.cells) {
            continue;
        }
        let rec = match row::to_record(src, &table.header, columns, kind) {
            Ok(rec) => rec,
            Err(reason) => {
                out.push(Built::Rejected(base + k, reason));
                continue;
            }
        };
        let dedup = dedup_key(&rec.title, &rec.org);
        let stored_same = peek.is_some_and(|c| {
            records::find_by_key(c, &rec, &dedup)
                .ok()
                .flatten()
                .is_some_and(|old| records::same_content(&old, &rec))
        });
        let derived = if stored_same {
            Derived {
                dedup_key: dedup,
                ..Derived::default()
            }
        } else {
            Derived::with_dedup_key(&rec, dedup)?
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
