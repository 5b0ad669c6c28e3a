//! The revision counter. Each write transaction takes one fresh value ([`crate::db::Db::write`]
//! takes it as the transaction begins) and stamps every record and pair row it writes with
//! it; tombstones of deleted rows carry it too (by trigger). So "what changed since rev N"
//! is a range scan, and a row's rev is its version for guarded writes.

//!
//! On either engine ([`Sql`]). On PostgreSQL, taking the revision locks the counter's row
//! until the transaction ends, so writers follow one another as on SQLite.

use crate::store::{Sql, StoreResult};

/// Takes a fresh revision: the counter plus one, stored.
pub fn take(conn: &dyn Sql) -> StoreResult<i64> {
    conn.query_one(
        "UPDATE rev_counter SET rev = rev + 1 WHERE id = 1 RETURNING rev",
        &[],
    )?
    .get(0)
}

/// The newest revision handed out (inside a write transaction: the transaction's own).
pub fn current(conn: &dyn Sql) -> StoreResult<i64> {
    conn.query_one("SELECT rev FROM rev_counter WHERE id = 1", &[])?
        .get(0)
}

/// The revision a write on `conn` stamps rows with: inside a transaction, the one it took
/// when it began; outside one (each statement its own transaction), a fresh one. Writes
/// outside [`crate::db::Db::write`] are for tests only: there the fresh revision commits a
/// moment before the row it stamps, and a reader in between would step over that row.
pub fn stamp(conn: &dyn Sql) -> StoreResult<i64> {
    if conn.in_transaction() {
        current(conn)
    } else {
        take(conn)
    }
}
