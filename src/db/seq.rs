//! Code counters of the kinds that are not records (organisations "org", contacts
//! "contact"): a deleted one's code is never handed out again.

use rusqlite::{Connection, params};

use super::DbResult;

/// The next code number of `kind`, counted at once.
pub(crate) fn next(conn: &Connection, kind: &str) -> DbResult<i64> {
    Ok(conn
        .prepare_cached("UPDATE code_seq SET next = next + 1 WHERE kind = ?1 RETURNING next - 1")?
        .query_row(params![kind], |r| r.get(0))?)
}
