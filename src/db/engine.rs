//! The store a command works on: the broker's own SQLite file, or a team's shared PostgreSQL
//! database. Query modules take `&dyn Sql` and run on either; a write is one transaction
//! that takes one fresh revision as it begins, on both.

use std::path::Path;

use super::{Db, DbError, DbResult, rev};
use crate::store::pg::{self, PgConn};
use crate::store::{Backend, Sql};

/// An open store.
pub enum Store {
    /// One SQLite file (the default).
    Local(Db),
    /// A shared PostgreSQL database (boxed: a session's state is large beside a file's).
    Shared(Box<PgConn>),
}

/// Whether `target` names a server (`postgres://…` or `postgresql://…`) rather than a file.
pub fn is_server_url(target: &str) -> bool {
    ["postgres://", "postgresql://"].iter().any(|p| {
        target
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    })
}

impl Store {
    /// Opens a file path or connects to a server URL, bringing its schema up to date.
    pub fn open(target: &str) -> DbResult<Store> {
        if is_server_url(target) {
            let conn = PgConn::connect(target)?;
            pg::migrate(&conn)?;
            Ok(Store::Shared(Box::new(conn)))
        } else {
            Ok(Store::Local(Db::open(Path::new(target))?))
        }
    }

    /// Connects to a server whose schema is set up already (or by [`pg::migrate`] after).
    pub fn shared(conn: PgConn) -> Store {
        Store::Shared(Box::new(conn))
    }

    /// Which engine holds the data.
    pub fn backend(&self) -> Backend {
        self.sql().backend()
    }

    /// The connection, for reading.
    pub fn sql(&self) -> &dyn Sql {
        match self {
            Store::Local(db) => db.conn(),
            Store::Shared(conn) => &**conn,
        }
    }

    /// Runs `f` in one write transaction with a fresh revision, committed when it returns
    /// Ok (see [`Db::write`] for the local file's refusals and lock waiting).
    pub fn write<T>(&mut self, f: impl FnOnce(&dyn Sql) -> DbResult<T>) -> DbResult<T> {
        match self {
            Store::Local(db) => db.write(|tx| f(tx)),
            Store::Shared(conn) => conn.write(|c| {
                rev::take(c).map_err(DbError::from)?;
                f(c)
            }),
        }
    }
}
