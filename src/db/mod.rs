//! The one SQLite file: opening it safely, migrations, and typed queries.
//!
//! Opening never changes a file it does not recognise: a file that is not SQLite, a SQLite
//! file of another application, or a duijie file written by a newer version is refused with a
//! clear message before any pragma that writes (WAL, migrations) runs.

pub mod actor;
pub mod backup;
pub mod check;
pub mod contacts;
pub mod contracts;
pub mod copy;
pub mod dismissals;
pub mod engine;
mod error;
pub mod followups;
pub mod index_cache;
pub mod keys;
pub mod links;
pub mod live;
pub mod location;
pub mod lookup;
pub mod matches;
pub mod migrate;
mod money;
mod open;
pub mod orgs;
pub mod pairs;
pub mod record_notes;
pub mod records;
pub mod rev;
mod seq;
pub mod stats;
pub mod suggest_stamp;
pub mod undo;
pub mod views;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use crate::store::pg::PgConn;
use crate::store::{Backend, Sql};
use location::Location;

pub use error::{DbError, DbResult, is_busy, sqlite_busy};

pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
pub use records::{RecordFilter, RecordWrite};

/// `PRAGMA application_id` of a duijie database: "DJ01" in ASCII.
pub const APPLICATION_ID: i32 = 0x444A_3031;

/// A duijie database connection: the broker's SQLite file, or a team's shared PostgreSQL
/// database. Query modules take [`Db::conn`] (`&dyn Sql`) and run on either.
pub struct Db {
    engine: Engine,
    at: Location,
    /// The broker's name set on the connection, to set again on a new session.
    actor: std::cell::RefCell<Option<String>>,
    /// Why writes are refused, if they are: the file is read-only here, or damaged. `None`
    /// until known: the quick check runs before the first write, not on every open, so a
    /// command that only reads never pays for it.
    health: std::cell::Cell<Health>,
}

/// The engine holding the data.
enum Engine {
    Sqlite(Connection),
    /// Boxed: a session's state is large beside a file handle.
    Postgres(Box<PgConn>),
}

/// What is known of whether the database takes writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Health {
    /// Not checked yet.
    Unchecked,
    /// Takes writes.
    Sound,
    /// Refuses them, and why.
    Refuses(Refusal),
}

/// Why a database takes no writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The file or its directory cannot be written: opened read-only.
    ReadOnly,
    /// The file failed the quick check on open.
    Damaged,
}

impl Db {
    /// Opens (creating if needed) the database at `path`, refusing foreign or newer files.
    pub fn open(path: &Path) -> DbResult<Db> {
        Ok(Self::open_or_create(path, backup::DEFAULT_KEEP)?.0)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> DbResult<Db> {
        let conn = Connection::open_in_memory()?;
        Self::setup(conn, PathBuf::from(":memory:"), 0)
    }

    /// A SQLite connection as a `Db` at `path`, in the given health.
    fn local(conn: Connection, path: PathBuf, health: Health) -> Db {
        Db {
            engine: Engine::Sqlite(conn),
            at: Location::File(path),
            actor: std::cell::RefCell::new(None),
            health: std::cell::Cell::new(health),
        }
    }

    /// Connects to a team's shared database at `url` and brings its schema up to date (see
    /// [`crate::store::pg::migrate`]). A login that may only read browses; its writes are
    /// refused with [`DbError::ReadOnlyRole`].
    pub fn connect(url: &str) -> DbResult<Db> {
        let conn = PgConn::connect(url)?;
        crate::store::pg::migrate(&conn)?;
        Ok(Db {
            engine: Engine::Postgres(Box::new(conn)),
            at: Location::Server(url.to_owned()),
            actor: std::cell::RefCell::new(None),
            health: std::cell::Cell::new(Health::Sound),
        })
    }

    /// Opens what `at` names: the file (creating it, when `create`; see
    /// [`Db::open_or_create`]) or the shared database. Tells whether a file was created.
    pub fn open_at(at: &Location, keep_backups: usize, create: bool) -> DbResult<(Db, bool)> {
        match at {
            Location::File(path) if create => Self::open_or_create(path, keep_backups),
            Location::File(path) => Ok((Self::open_existing(path, keep_backups)?, false)),
            Location::Server(url) => Ok((Self::connect(url)?, false)),
        }
    }

    /// Records every change made through this connection as `name`'s (see [`actor`]).
    pub fn set_actor(&self, name: Option<&str>) -> DbResult<()> {
        actor::set(self.conn(), name)?;
        *self.actor.borrow_mut() = name.map(str::to_owned);
        Ok(())
    }

    /// The name changes through this connection are recorded under, if one was set.
    pub fn actor(&self) -> Option<String> {
        actor::current(self.conn()).ok().flatten()
    }

    /// Where the data is.
    pub fn location(&self) -> &Location {
        &self.at
    }

    /// The file, for a database in one (":memory:" for a test database); None on a server.
    pub fn file(&self) -> Option<&Path> {
        self.at.file()
    }

    /// The path the suggestion index's cache is kept beside (see [`Location::stand_in`]);
    /// ":memory:" (no cache) when there is none.
    pub fn cache_anchor(&self) -> PathBuf {
        self.at
            .stand_in()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    /// Which engine holds the data.
    pub fn backend(&self) -> Backend {
        self.conn().backend()
    }

    /// The connection, for queries on either engine.
    pub fn conn(&self) -> &dyn Sql {
        match &self.engine {
            Engine::Sqlite(c) => c,
            Engine::Postgres(c) => &**c,
        }
    }

    /// The SQLite connection, for what only a file has (backups, checks, its pragmas).
    pub fn sqlite(&self) -> Option<&Connection> {
        match &self.engine {
            Engine::Sqlite(c) => Some(c),
            Engine::Postgres(_) => None,
        }
    }

    /// The server session, for what only the shared database has (its change feed).
    pub fn server(&self) -> Option<&PgConn> {
        match &self.engine {
            Engine::Sqlite(_) => None,
            Engine::Postgres(c) => Some(c),
        }
    }

    /// How long a write waits for another process's lock before failing with
    /// [`DbError::Busy`] (5 s unless set): a desk sets a short one and shows "waiting…". On
    /// the server, the lock timeout of the session.
    pub fn set_busy_timeout(&self, wait: Duration) -> DbResult<()> {
        match &self.engine {
            Engine::Sqlite(c) => Ok(c.busy_timeout(wait)?),
            Engine::Postgres(c) => {
                Ok(c.batch(&format!("SET lock_timeout = {}", wait.as_millis().max(1)))?)
            }
        }
    }

    /// Sets the page cache to at most `kib` KiB. `open` allows 64 MB for imports; a desk that
    /// reads a page now and then needs SQLite's default 2 MB, and at a million records the
    /// pages its counts read would otherwise stay in memory. Nothing to do on a server.
    pub fn set_cache_kib(&self, kib: i64) -> DbResult<()> {
        match self.sqlite() {
            Some(c) => Ok(c.pragma_update(None, "cache_size", -kib)?),
            None => Ok(()),
        }
    }

    /// Opens a new session in place of a lost one (the shared database; a file has nothing
    /// to reconnect), setting the broker's name again.
    pub fn reconnect(&self) -> DbResult<()> {
        if let Engine::Postgres(c) = &self.engine {
            c.reconnect()?;
            let name = self.actor.borrow().clone();
            self.set_actor(name.as_deref())?;
        }
        Ok(())
    }

    /// Runs `f` in one IMMEDIATE transaction (so a concurrent writer waits on busy_timeout
    /// instead of failing with "database is locked"), committing when it returns Ok. The
    /// transaction takes one fresh revision as it begins ([`rev::current`] reads it) and
    /// every row it writes is stamped with it.
    ///
    /// A read-only or damaged database refuses: the error is [`DbError::ReadOnly`] or
    /// [`DbError::Damaged`]. On the shared database the write is one transaction too, whose
    /// revision's row lock makes writers follow one another.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&dyn Sql) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        self.writable()?;
        match &mut self.engine {
            Engine::Sqlite(conn) => {
                let tx = conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(DbError::from)?;
                rev::take(&tx).map_err(DbError::from)?;
                let out = f(&tx)?;
                tx.commit().map_err(DbError::from)?;
                Ok(out)
            }
            Engine::Postgres(conn) => {
                conn.begin().map_err(DbError::from)?;
                let c: &dyn Sql = &**conn;
                let out = match rev::take(c) {
                    Ok(_) => f(c),
                    Err(e) => Err(E::from(DbError::from(e))),
                };
                let ended = conn.finish(out.is_ok());
                let out = out?;
                ended.map_err(DbError::from)?;
                Ok(out)
            }
        }
    }

    /// Whether writes are refused, and why (running the quick check the first time).
    pub fn refusal(&self) -> Option<Refusal> {
        match self.health.get() {
            Health::Sound => None,
            Health::Refuses(why) => Some(why),
            Health::Unchecked => {
                // The server checks its own pages; only a file is checked here.
                let sound = self.sqlite().is_none_or(check::quick_ok);
                self.health.set(if sound {
                    Health::Sound
                } else {
                    Health::Refuses(Refusal::Damaged)
                });
                (!sound).then_some(Refusal::Damaged)
            }
        }
    }

    /// Why writes are refused, when that is already known (read-only, or a check already
    /// run): never runs the check, which can take seconds on a large file.
    pub fn known_refusal(&self) -> Option<Refusal> {
        match self.health.get() {
            Health::Refuses(why) => Some(why),
            Health::Sound | Health::Unchecked => None,
        }
    }

    /// Whether the quick check still has to run before the first write.
    pub fn unchecked(&self) -> bool {
        self.health.get() == Health::Unchecked
    }

    /// Takes the answer of a quick check run elsewhere on this file (the desk runs it in the
    /// background on its own read-only connection), so a write need not run it again.
    pub fn set_checked(&self, sound: bool) {
        if self.health.get() == Health::Unchecked {
            self.health.set(if sound {
                Health::Sound
            } else {
                Health::Refuses(Refusal::Damaged)
            });
        }
    }

    /// Ok when the database takes writes; else why not, as the error a write would give.
    pub fn writable(&self) -> DbResult<()> {
        let path = PathBuf::from(self.at.shown());
        match self.refusal() {
            None => Ok(()),
            Some(Refusal::ReadOnly) => Err(DbError::ReadOnly { path }),
            Some(Refusal::Damaged) => Err(DbError::Damaged { path }),
        }
    }

    /// Copies the database into a new file `dest` (0600), online: see [`backup::backup_to`].
    pub fn backup_to(&self, dest: &Path) -> DbResult<()> {
        backup::backup_to(self.sqlite_for("a backup")?, dest)
    }

    /// An automatic backup in `backups/` beside the database, keeping the newest `keep`.
    /// The shared database makes none: its backups are the server's (pg_dump).
    pub fn auto_backup(&self, reason: backup::Reason, keep: usize) -> DbResult<Option<PathBuf>> {
        match (&self.engine, &self.at) {
            (Engine::Sqlite(c), Location::File(path)) => backup::auto_backup(c, path, reason, keep),
            _ => Ok(None),
        }
    }

    /// The SQLite connection for `what`, which only a file has; on a server, an error saying so.
    fn sqlite_for(&self, what: &str) -> DbResult<&Connection> {
        self.sqlite().ok_or_else(|| {
            DbError::Invalid(format!(
                "{}: {what} is made of a database file; the shared database's are the server's",
                self.at.shown()
            ))
        })
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> DbResult<i64> {
        match &self.engine {
            Engine::Sqlite(c) => Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?),
            Engine::Postgres(c) => Ok(c
                .query_one("SELECT max(number) FROM schema_migration", &[])?
                .get(0)?),
        }
    }
}

/// The current time as stored in the database: RFC 3339 UTC, second precision.
pub fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string())
}

#[cfg(test)]
#[path = "db_tests.rs"]
mod tests;
