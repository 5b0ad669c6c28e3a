//! One interface to the store's SQL, over SQLite (a broker working alone, the default) or a
//! shared PostgreSQL server (a team).
//!
//! [`Sql`] is what a query module needs of a connection: run a statement, read rows, insert
//! and learn the new id, know whether it is inside a transaction. SQLite implements it on
//! rusqlite's `Connection` and `Transaction` ([`sqlite`]); PostgreSQL on [`pg::PgConn`], a
//! blocking client (the `postgres` crate) — the app is synchronous, with threads for
//! background work, so a blocking client fits it as rusqlite does; `tokio-postgres` or `sqlx`
//! would bring an async runtime into every call site, and sqlx's checked queries want a
//! server at build time.
//!
//! Statements are written once, in the dialect both engines accept:
//! - parameters `?1`, `?2`… (numbered, each used any number of times); PostgreSQL gets
//!   `$1`, `$2`… ([`dialect::to_postgres`]);
//! - `INSERT OR IGNORE` becomes `ON CONFLICT DO NOTHING`; other conflicts are written as
//!   `ON CONFLICT (…) DO UPDATE`, which both accept;
//! - a new row's id comes from `RETURNING id` ([`Sql::insert`]), which both accept;
//! - `coalesce`, `substr`, `lower`, `count`, `max`, `||` and comparisons are common;
//!   SQLite's `date()`, `typeof()`, `ifnull()`, `GLOB` and two-argument `max()` are not, and a
//!   query that needs them asks [`Sql::backend`].
//! - integers are 64-bit (`BIGINT` on PostgreSQL), booleans 0/1 integers, dates ISO text.
//!
//! Migration: the query modules under `db/` still take rusqlite's `Connection`; they move to
//! `&dyn Sql` one module at a time (`db::record_notes`, `db::rev` and `db::dismissals` first),
//! and the store suite (`tests/store_backends.rs`) runs each moved module on both engines.

pub mod dialect;
pub mod pg;
pub mod sqlite;
mod value;

pub use value::{FromValue, Row, ToValue, Value};

/// Which engine holds the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Why a statement failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("{}", pg::describe(.0))]
    Postgres(#[from] postgres::Error),
    /// A result column holds another kind of value than the query expects.
    #[error("column {index}: expected {want}, found {found}")]
    Column {
        index: usize,
        want: &'static str,
        found: &'static str,
    },
    /// A statement that must give one row gave none.
    #[error("the query returned no row")]
    NoRow,
    /// The server's schema or address is not one this build can use.
    #[error("{0}")]
    Setup(String),
    /// A row handler of [`Sql::query_each`] wants no more rows: not a failure, the caller
    /// that stops reading early takes it as the end.
    #[error("reading stopped early")]
    Stopped,
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// As a rusqlite error, for code on the SQLite path whose error type converts only from
    /// that (SQLite's own errors come back as they were).
    pub fn into_sqlite(self) -> rusqlite::Error {
        match self {
            StoreError::Sqlite(e) => e,
            other => rusqlite::Error::ToSqlConversionFailure(Box::new(other)),
        }
    }

    /// Whether the same write may succeed when retried: another writer holds the lock
    /// (SQLite's BUSY/LOCKED; the server's lock timeout, deadlock or serialisation failure).
    pub fn is_busy(&self) -> bool {
        use postgres::error::SqlState;
        match self {
            StoreError::Sqlite(e) => sqlite::is_busy(e),
            StoreError::Postgres(e) => e.code().is_some_and(|c| {
                [
                    SqlState::LOCK_NOT_AVAILABLE,
                    SqlState::T_R_DEADLOCK_DETECTED,
                    SqlState::T_R_SERIALIZATION_FAILURE,
                ]
                .contains(c)
            }),
            _ => false,
        }
    }
}

/// A boxed session is one (a background thread's reader, on either engine).
impl<T: Sql + ?Sized> Sql for Box<T> {
    fn backend(&self) -> Backend {
        (**self).backend()
    }
    fn execute(&self, sql: &str, params: Params<'_>) -> StoreResult<u64> {
        (**self).execute(sql, params)
    }
    fn query(&self, sql: &str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        (**self).query(sql, params)
    }
    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        f: &mut dyn FnMut(&Row) -> StoreResult<()>,
    ) -> StoreResult<()> {
        (**self).query_each(sql, params, f)
    }
    fn batch(&self, sql: &str) -> StoreResult<()> {
        (**self).batch(sql)
    }
    fn in_transaction(&self) -> bool {
        (**self).in_transaction()
    }
    fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        (**self).as_sqlite()
    }
}

/// Runs `f`'s reads in one snapshot, so that they agree with each other while others write:
/// a deferred read transaction on SQLite, a repeatable-read read-only one on PostgreSQL.
/// Inside a transaction already, `f` shares it.
pub fn read_snapshot<T, E: From<StoreError>>(
    conn: &dyn Sql,
    f: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    if conn.in_transaction() {
        return f();
    }
    conn.batch(match conn.backend() {
        Backend::Sqlite => "BEGIN DEFERRED",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    })?;
    let out = f();
    // Nothing was written: ending it either way changes nothing.
    let end = conn.batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
    let out = out?;
    end?;
    Ok(out)
}

/// Parameters of one statement, in `?1`, `?2`… order.
pub type Params<'a> = &'a [&'a dyn ToValue];

/// The parameters as values, for either engine's encoding.
fn values(params: Params<'_>) -> Vec<Value> {
    params.iter().map(|p| ToValue::to_value(*p)).collect()
}

/// What a query module needs of a connection, on either engine.
pub trait Sql {
    /// Which engine this is.
    fn backend(&self) -> Backend;

    /// Runs a statement; the number of rows it changed.
    fn execute(&self, sql: &str, params: Params<'_>) -> StoreResult<u64>;

    /// Runs a query; all its rows.
    fn query(&self, sql: &str, params: Params<'_>) -> StoreResult<Vec<Row>>;

    /// Runs a query, handing each row to `f` as it is read (one row in memory at a time on
    /// SQLite: for the large reads, such as every record's search keys).
    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        f: &mut dyn FnMut(&Row) -> StoreResult<()>,
    ) -> StoreResult<()> {
        for row in self.query(sql, params)? {
            f(&row)?;
        }
        Ok(())
    }

    /// Runs a query; its first row, if any.
    fn query_opt(&self, sql: &str, params: Params<'_>) -> StoreResult<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// Runs a query that gives exactly one row (a count, a `RETURNING`).
    fn query_one(&self, sql: &str, params: Params<'_>) -> StoreResult<Row> {
        self.query_opt(sql, params)?.ok_or(StoreError::NoRow)
    }

    /// Runs an `INSERT` (without its `RETURNING`) and gives the new row's `id`.
    fn insert(&self, sql: &str, params: Params<'_>) -> StoreResult<i64> {
        self.query_one(&format!("{sql} RETURNING id"), params)?
            .get(0)
    }

    /// Runs several statements with no parameters (a migration).
    fn batch(&self, sql: &str) -> StoreResult<()>;

    /// Whether a transaction is open (writes inside share its revision).
    fn in_transaction(&self) -> bool;

    /// The SQLite connection underneath, for what only SQLite has (`PRAGMA data_version`,
    /// the online backup, the quick check).
    fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        None
    }
}
