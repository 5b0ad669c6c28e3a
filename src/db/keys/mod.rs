//! The search keys stored with each record, read back for the search index: newest first
//! (`rev DESC, id ASC`, the order an empty query shows), in batches, so a list's index
//! fills on a loader thread while the desk is already drawn and answering.
//!
//! Reading in that order streams only with an index on `(kind, rev DESC, id)` (migration 003
//! has it); without
//! one SQLite sorts every row before returning the first (7.5 s for 500k rows on a loaded
//! machine), so rows then come by descending id instead, at once (a scan of the table: 2048
//! of 500k rows in 22 ms, where the sort took 4–6 s before the first): nearly newest first, since
//! ids grow with time. The index puts every batch in its place either way; only which rows
//! an answer given while loading has seen differs.
//!
//! The search module never reads the database; this module feeds it ([`Batch`], and through
//! `feed` a worker's [`crate::search::worker::Feed`]).

use super::DbResult;
use crate::domain::Kind;
use crate::search::Batch;
use crate::search::keys::with_contact;
use crate::store::{Backend, Row, Sql, StoreError, StoreResult, Value};

mod feed;
pub use feed::{feed, feed_keeping, open_read_only, spawn_loader, spawn_search};

/// Rows in the first batch: few, so the first answer comes at once.
pub const FIRST_BATCH: usize = 512;
/// Rows in a batch at most; batches double up to it. The worker takes a batch in at a few
/// microseconds a row, and a keystroke may wait behind one: 2048 rows keep that wait to a few
/// milliseconds (8192 cost ~30 ms idle, ~110 ms on a loaded machine, in `cargo bench --bench
/// search` at a million rows).
pub const MAX_BATCH: usize = 2048;

/// Reads the stored keys of every record of `kind`, newest first, in batches of
/// [`FIRST_BATCH`] rows doubling up to [`MAX_BATCH`] (an empty list sends none). `counted`
/// gets the number of records once the first batch is out; `each` gets each batch and
/// returns false to stop. One read
/// transaction covers both, so the count is that of the rows read.
pub fn read_batches(
    conn: &dyn Sql,
    kind: Kind,
    counted: impl FnOnce(usize),
    each: impl FnMut(Batch) -> bool,
) -> DbResult<()> {
    crate::store::read_snapshot(conn, || Ok(read_in(conn, kind, counted, each)?))
}

/// [`read_batches`] inside its transaction.
fn read_in(
    conn: &dyn Sql,
    kind: Kind,
    counted: impl FnOnce(usize),
    mut each: impl FnMut(Batch) -> bool,
) -> StoreResult<()> {
    let sql = if streams_newest_first(conn, kind)? {
        NEWEST_FIRST
    } else {
        HIGHEST_ID_FIRST
    };
    let mut counted = Some(counted);
    let mut size = FIRST_BATCH;
    let mut batch = Batch::default();
    let read = conn.query_each(sql, &[&kind.as_str()], &mut |r| {
        let fold = text(r, 2)?;
        // Keys written before phone and email were searchable lack them.
        let completed = with_contact(fold, text(r, 5)?, text(r, 6)?);
        batch.push(
            r.get(0)?,
            text(r, 1)?,
            completed.as_deref().unwrap_or(fold),
            text(r, 3)?,
            text(r, 4)?,
        );
        if batch.len() < size {
            return Ok(());
        }
        if !each(std::mem::take(&mut batch)) {
            return Err(StoreError::Stopped);
        }
        size = (size * 2).min(MAX_BATCH);
        if let Some(f) = counted.take() {
            f(count_in(conn, kind)?);
        }
        Ok(())
    });
    match read {
        Err(StoreError::Stopped) => return Ok(()),
        other => other?,
    }
    if !batch.is_empty() && !each(batch) {
        return Ok(());
    }
    if let Some(f) = counted.take() {
        f(count_in(conn, kind)?);
    }
    Ok(())
}

/// The statement reading stored keys, with its `FROM`/`WHERE`/`ORDER BY` tail.
macro_rules! keys_sql {
    ($tail:literal) => {
        concat!(
            "SELECT id, updated_at, key_fold, key_initials, key_pinyin, phone, email FROM record ",
            $tail
        )
    };
}

/// The stored keys, newest first.
const NEWEST_FIRST: &str = keys_sql!("WHERE kind = ?1 ORDER BY rev DESC, id ASC");
/// Its query plan.
const NEWEST_FIRST_PLAN: &str = concat!(
    "EXPLAIN QUERY PLAN ",
    keys_sql!("WHERE kind = ?1 ORDER BY rev DESC, id ASC")
);
/// The stored keys by descending id, straight through the table (through the `(kind, seq)`
/// index SQLite would sort them all first). SQLite only.
const HIGHEST_ID_FIRST: &str = keys_sql!("NOT INDEXED WHERE kind = ?1 ORDER BY id DESC");
#[cfg(test)]
const HIGHEST_ID_FIRST_PLAN: &str = concat!(
    "EXPLAIN QUERY PLAN ",
    keys_sql!("NOT INDEXED WHERE kind = ?1 ORDER BY id DESC")
);

/// Whether [`NEWEST_FIRST`] returns rows in order from an index rather than sorting them
/// all before the first. PostgreSQL's schema always has the index (and its client reads the
/// rows whole before handing them over).
fn streams_newest_first(conn: &dyn Sql, kind: Kind) -> StoreResult<bool> {
    match conn.backend() {
        Backend::Sqlite => streams(conn, NEWEST_FIRST_PLAN, kind),
        Backend::Postgres => Ok(true),
    }
}

/// Whether the SQLite plan `plan` (an `EXPLAIN QUERY PLAN`) returns rows without sorting
/// them first.
fn streams(conn: &dyn Sql, plan: &str, kind: Kind) -> StoreResult<bool> {
    let mut sorts = false;
    conn.query_each(plan, &[&kind.as_str()], &mut |r| {
        sorts |= text(r, 3)?.contains("TEMP B-TREE");
        Ok(())
    })?;
    Ok(!sorts)
}

/// Column `i` of `r` as text, borrowed (no allocation per row).
pub(super) fn text(r: &Row, i: usize) -> StoreResult<&str> {
    match r.0.get(i) {
        Some(Value::Text(s)) => Ok(s),
        other => Err(StoreError::Column {
            index: i,
            want: "text",
            found: other.map_or("no such column", Value::kind),
        }),
    }
}

/// How many records of `kind` there are.
pub fn count(conn: &dyn Sql, kind: Kind) -> DbResult<usize> {
    Ok(count_in(conn, kind)?)
}

fn count_in(conn: &dyn Sql, kind: Kind) -> StoreResult<usize> {
    let n: i64 = conn
        .query_one(
            "SELECT count(*) FROM record WHERE kind = ?1",
            &[&kind.as_str()],
        )?
        .get(0)?;
    Ok(usize::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, records};
    use crate::domain::Record;
    use crate::search::Index;

    /// A database with `n` results (titles 成果0, 成果1, …) and one demand; results were
    /// updated at times that repeat every 7 rows.
    fn db_with(n: usize) -> Db {
        let mut db = Db::open_in_memory().unwrap();
        db.write(|tx| {
            for i in 0..n {
                let mut r = Record::new(Kind::Achievement, format!("成果{i}"));
                records::insert(tx, &mut r)?;
                tx.execute(
                    "UPDATE record SET updated_at = ?1 WHERE id = ?2",
                    &[&format!("2026-11-{:02}T08:00:00Z", 1 + i % 7), &r.id],
                )?;
            }
            records::insert(tx, &mut Record::new(Kind::Demand, "需求"))
        })
        .unwrap();
        db
    }

    #[test]
    fn batches_come_newest_first_then_lowest_id_and_grow() {
        let db = db_with(1500);
        let mut sizes = Vec::new();
        let mut counted = None;
        let mut all = Index::empty();
        read_batches(
            db.conn(),
            Kind::Achievement,
            |n| counted = Some(n),
            |b| {
                sizes.push(b.len());
                all.append(&b, |_| true);
                true
            },
        )
        .unwrap();
        assert_eq!(counted, Some(1500));
        assert_eq!(sizes, vec![512, 988]);
        let order: Vec<(String, i64)> = db
            .sqlite().unwrap()
            .prepare(
                "SELECT updated_at, id FROM record WHERE kind = 'result'                  ORDER BY updated_at DESC, id ASC",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let shown: Vec<i64> = all.search("").iter().map(|h| h.id).collect();
        assert_eq!(shown, order.iter().map(|o| o.1).collect::<Vec<_>>());
        assert!(
            order.windows(2).any(|w| w[0].0 == w[1].0),
            "ties are tested"
        );
    }

    /// The ids of each batch read.
    fn batch_ids(db: &Db) -> Vec<Vec<i64>> {
        let mut out = Vec::new();
        read_batches(
            db.conn(),
            Kind::Achievement,
            |_| {},
            |b| {
                out.push(b.ids().to_vec());
                true
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn batches_stream_in_the_order_the_desk_shows_along_the_revision_index() {
        let db = db_with(700);
        assert!(streams_newest_first(db.conn(), Kind::Achievement).unwrap());
        let shown: Vec<i64> = db
            .sqlite()
            .unwrap()
            .prepare("SELECT id FROM record WHERE kind = 'result' ORDER BY rev DESC, id ASC")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(batch_ids(&db).concat(), shown);
    }

    #[test]
    fn without_the_revision_index_rows_stream_by_descending_id() {
        let db = db_with(700);
        db.sqlite()
            .unwrap()
            .execute_batch("DROP INDEX record_kind_rev")
            .unwrap();
        assert!(!streams_newest_first(db.conn(), Kind::Achievement).unwrap());
        assert!(streams(db.conn(), HIGHEST_ID_FIRST_PLAN, Kind::Achievement).unwrap());
        let ids: Vec<i64> = batch_ids(&db).concat();
        assert_eq!(ids.len(), 700);
        assert!(ids.is_sorted_by(|a, b| a > b));
    }

    #[test]
    fn an_empty_list_still_counts_and_ends() {
        let db = Db::open_in_memory().unwrap();
        let mut calls = 0;
        let mut counted = None;
        read_batches(
            db.conn(),
            Kind::Demand,
            |n| counted = Some(n),
            |b| {
                calls += 1;
                drop(b);
                true
            },
        )
        .unwrap();
        assert_eq!((calls, counted), (0, Some(0)));
    }
}
