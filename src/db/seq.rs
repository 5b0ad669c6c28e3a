//! Code counters of the kinds that are not records (organisations "org", contacts
//! "contact"): a deleted one's code is never handed out again.

use super::DbResult;
use crate::store::Sql;

/// The next code number of `kind`, counted at once.
pub(crate) fn next(conn: &dyn Sql, kind: &str) -> DbResult<i64> {
    Ok(conn
        .query_one(
            "UPDATE code_seq SET next = next + 1 WHERE kind = ?1 RETURNING next - 1",
            &[&kind],
        )?
        .get(0)?)
}
