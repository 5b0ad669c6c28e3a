//! Why a database operation failed, and telling a lock held by another writer (retry) from
//! a real failure.

use std::path::PathBuf;

use crate::domain::Record;

/// Why a database operation failed. Messages are whole sentences for one status line.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The file is SQLite but not duijie's.
    #[error("{path}: not a duijie database (application_id {found:#x}); left untouched")]
    Foreign { path: PathBuf, found: i32 },
    /// The file was written by a newer duijie.
    #[error(
        "{path}: written by a newer duijie (schema {found}, this build knows {known}); left untouched — upgrade duijie"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// The file cannot be opened.
    #[error("{path}: cannot open database: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// There is no database at the path (a command that only reads creates nothing).
    #[error(
        "{path}: no database here (check --db or DUIJIE_DB); nothing was created — `duijie add` or `duijie import` creates one"
    )]
    Missing { path: PathBuf },
    /// The file failed SQLite's quick check: reads may work, writes are refused.
    #[error(
        "{path}: the database is damaged; nothing was written — run `duijie check` to see what is wrong and save what can be read"
    )]
    Damaged { path: PathBuf },
    /// The file or its directory cannot be written (read-only media, permissions).
    #[error(
        "{path}: the database is read-only here; nothing was written — copy it somewhere writable to make changes"
    )]
    ReadOnly { path: PathBuf },
    /// A file around the database (a backup, its folder) cannot be made.
    #[error("{path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    /// No such record, pair or view.
    #[error("{0} not found")]
    NotFound(String),
    /// The row the user was editing was deleted meanwhile.
    #[error("{0} was deleted meanwhile; nothing saved")]
    Gone(String),
    /// Someone changed fields this save would overwrite; nothing was written. `theirs` is
    /// the record as stored now.
    #[error("{code} was changed meanwhile ({}); nothing saved — review their version", .fields.join(", "))]
    Conflict {
        /// The record's code.
        code: String,
        /// The record as stored now.
        theirs: Box<Record>,
        /// The fields both sides changed.
        fields: Vec<&'static str>,
    },
    /// The row changed since the user saw it (its rev moved on); nothing was written.
    #[error("{0} was changed meanwhile; nothing changed — look again")]
    Changed(String),
    /// Another process holds the write lock longer than the busy timeout: retry.
    #[error("the database is busy (another duijie is writing); try again")]
    Busy(#[source] rusqlite::Error),
    /// A value the database refuses (an empty title…).
    #[error("{0}")]
    Invalid(String),
    /// SQLite found the file damaged while reading or writing it.
    #[error(
        "the database is damaged ({0}); run `duijie check` to see what is wrong and save what can be read"
    )]
    Corrupt(rusqlite::Error),
    /// Any other SQLite error.
    #[error(transparent)]
    Sqlite(rusqlite::Error),
    /// A JSON column that does not parse.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The shared database's login may read but not write.
    #[error(
        "{0}: this login may only read the shared database; nothing was written — ask whoever runs it for write rights"
    )]
    ReadOnlyRole(String),
    /// The connection to the shared database was lost (network, server restart).
    #[error(
        "the connection to the shared database was lost ({0}); nothing was written — check the network and try again"
    )]
    Lost(String),
    /// The shared server's error, or a column of an unexpected kind (SQLite's own errors
    /// become the variants above).
    #[error(transparent)]
    Store(crate::store::StoreError),
}

impl From<crate::store::StoreError> for DbError {
    fn from(e: crate::store::StoreError) -> Self {
        match e {
            crate::store::StoreError::Sqlite(e) => DbError::from(e),
            crate::store::StoreError::Postgres(pg) => {
                if pg.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
                    DbError::ReadOnlyRole(crate::store::pg::describe(&pg))
                } else if crate::store::pg::is_lost(&pg) {
                    DbError::Lost(crate::store::pg::describe(&pg))
                } else {
                    DbError::Store(crate::store::StoreError::Postgres(pg))
                }
            }
            other => DbError::Store(other),
        }
    }
}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        // A refusal of ours carried through a caller's error type (see `Db::write`).
        if let rusqlite::Error::ToSqlConversionFailure(inner) = e {
            return match inner.downcast::<DbError>() {
                Ok(ours) => *ours,
                Err(other) => DbError::Sqlite(rusqlite::Error::ToSqlConversionFailure(other)),
            };
        }
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) {
            return DbError::Corrupt(e);
        }
        if sqlite_busy(&e) {
            DbError::Busy(e)
        } else {
            DbError::Sqlite(e)
        }
    }
}

impl DbError {
    /// Whether the error is only a lock held by another writer: the same write may succeed
    /// when retried.
    pub fn is_busy(&self) -> bool {
        match self {
            DbError::Busy(_) => true,
            DbError::Sqlite(e) => sqlite_busy(e),
            DbError::Store(e) => e.is_busy(),
            _ => false,
        }
    }
}

/// Whether a SQLite error is SQLITE_BUSY or SQLITE_LOCKED.
pub fn sqlite_busy(e: &rusqlite::Error) -> bool {
    crate::store::sqlite::is_busy(e)
}

/// Whether any error in the chain of `err` is a lock held by another writer (for callers
/// holding an `anyhow::Error` or another wrapper): `is_busy(err.as_ref())`.
pub fn is_busy(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(err);
    while let Some(e) = cur {
        if let Some(db) = e.downcast_ref::<DbError>() {
            if db.is_busy() {
                return true;
            }
        } else if let Some(sq) = e.downcast_ref::<rusqlite::Error>()
            && sqlite_busy(sq)
        {
            return true;
        }
        cur = e.source();
    }
    false
}

/// A result whose error is a [`DbError`].
pub type DbResult<T> = std::result::Result<T, DbError>;
