//! Live reads: noticing other processes' writes and reading only what they changed.
//!
//! A desk reads [`data_version`] each tick (microseconds); when it moved, it asks
//! [`changes_since`] the revision it last saw and patches its rows. Records and pairs
//! written after that revision come back whole (as compact rows), deleted ones as ids.

use rusqlite::Connection;

use super::{DbResult, pairs, records, rev};
use crate::domain::{Kind, PairRow, RecordRow};
use crate::store::Sql;

/// What changed after a revision.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// The newest revision included: pass it to the next call.
    pub max_rev: i64,
    /// Records added or changed, newest first, demands then results.
    pub records: Vec<RecordRow>,
    /// Ids of records deleted.
    pub gone_records: Vec<i64>,
    /// Pairs added or changed, or whose demand or result changed, in code order.
    pub pairs: Vec<PairRow>,
    /// Ids of pairs deleted.
    pub gone_pairs: Vec<i64>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
            && self.gone_records.is_empty()
            && self.pairs.is_empty()
            && self.gone_pairs.is_empty()
    }
}

/// SQLite's `PRAGMA data_version`: changes whenever another connection commits to the file
/// (not on this connection's own commits). Costs microseconds: read it each tick.
pub fn data_version(conn: &Connection) -> DbResult<i64> {
    Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// The newest revision handed out: where a desk that has just loaded everything stands.
pub fn current_rev(conn: &dyn Sql) -> DbResult<i64> {
    Ok(rev::current(conn)?)
}

/// How many records were written after revision `since` (an index range count): a desk
/// that finds a whole import there reloads with [`records::each_row`] instead of asking
/// [`changes_since`] for every row at once.
pub fn records_changed(conn: &dyn Sql, since: i64) -> DbResult<i64> {
    let mut n = 0;
    for kind in [Kind::Demand, Kind::Achievement] {
        n += conn
            .query_one(
                "SELECT count(*) FROM record WHERE kind = ?1 AND rev > ?2",
                &[&kind.as_str(), &since],
            )?
            .get::<i64>(0)?;
    }
    Ok(n)
}

/// Everything written or deleted after revision `since`, read in one snapshot. Each part is
/// an index range scan, so it costs little when little changed.
pub fn changes_since(conn: &dyn Sql, since: i64) -> DbResult<Changes> {
    // One read snapshot, so max_rev and the rows agree; inside the caller's own transaction
    // the reads share it anyway.
    crate::store::read_snapshot(conn, || {
        let max_rev = rev::current(conn)?;
        let mut out = Changes {
            max_rev,
            ..Changes::default()
        };
        if max_rev > since {
            for kind in [Kind::Demand, Kind::Achievement] {
                out.records.extend(records::rows_since(conn, kind, since)?);
            }
            out.gone_records = records::gone_since(conn, since)?;
            out.pairs = pairs::rows_since(conn, since)?;
            out.gone_pairs = pairs::gone_since(conn, since)?;
        }
        Ok(out)
    })
}
