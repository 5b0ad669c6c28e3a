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

use rusqlite::{Connection, Transaction, TransactionBehavior};

pub use error::{DbError, DbResult, is_busy, sqlite_busy};

pub use migrate::{MIGRATIONS, SCHEMA_VERSION};
pub use records::{RecordFilter, RecordWrite};

/// `PRAGMA application_id` of a duijie database: "DJ01" in ASCII.
pub const APPLICATION_ID: i32 = 0x444A_3031;

/// A duijie database connection.
pub struct Db {
    conn: Connection,
    path: PathBuf,
    /// Why writes are refused, if they are: the file is read-only here, or damaged. `None`
    /// until known: the quick check runs before the first write, not on every open, so a
    /// command that only reads never pays for it.
    health: std::cell::Cell<Health>,
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

    /// Records every change made through this connection as `name`'s (see [`actor`]).
    pub fn set_actor(&self, name: Option<&str>) -> DbResult<()> {
        actor::set(&self.conn, name)
    }

    /// The name changes through this connection are recorded under, if one was set.
    pub fn actor(&self) -> Option<String> {
        actor::current(&self.conn).ok().flatten()
    }

    /// Where the file is (":memory:" for a test database).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read-only access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// How long a write waits for another process's lock before failing with
    /// [`DbError::Busy`] (5 s unless set): a desk sets a short one and shows "waiting…".
    pub fn set_busy_timeout(&self, wait: Duration) -> DbResult<()> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// Sets the page cache to at most `kib` KiB. `open` allows 64 MB for imports; a desk that
    /// reads a page now and then needs SQLite's default 2 MB, and at a million records the
    /// pages its counts read would otherwise stay in memory.
    pub fn set_cache_kib(&self, kib: i64) -> DbResult<()> {
        Ok(self.conn.pragma_update(None, "cache_size", -kib)?)
    }

    /// Runs `f` in one IMMEDIATE transaction (so a concurrent writer waits on busy_timeout
    /// instead of failing with "database is locked"), committing when it returns Ok. The
    /// transaction takes one fresh revision as it begins ([`rev::current`] reads it) and
    /// every row it writes is stamped with it.
    ///
    /// A read-only or damaged database refuses: the error is [`DbError::ReadOnly`] or
    /// [`DbError::Damaged`] (carried inside a `rusqlite::Error` for callers whose error type
    /// only converts from that; `DbError::from` unwraps it again).
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        if let Err(refused) = self.writable() {
            return Err(E::from(rusqlite::Error::ToSqlConversionFailure(Box::new(
                refused,
            ))));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        rev::take(&tx).map_err(crate::store::StoreError::into_sqlite)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Whether writes are refused, and why (running the quick check the first time).
    pub fn refusal(&self) -> Option<Refusal> {
        match self.health.get() {
            Health::Sound => None,
            Health::Refuses(why) => Some(why),
            Health::Unchecked => {
                let sound = check::quick_ok(&self.conn);
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
        let path = self.path.clone();
        match self.refusal() {
            None => Ok(()),
            Some(Refusal::ReadOnly) => Err(DbError::ReadOnly { path }),
            Some(Refusal::Damaged) => Err(DbError::Damaged { path }),
        }
    }

    /// Copies the database into a new file `dest` (0600), online: see [`backup::backup_to`].
    pub fn backup_to(&self, dest: &Path) -> DbResult<()> {
        backup::backup_to(&self.conn, dest)
    }

    /// An automatic backup in `backups/` beside the database, keeping the newest `keep`.
    pub fn auto_backup(&self, reason: backup::Reason, keep: usize) -> DbResult<Option<PathBuf>> {
        backup::auto_backup(&self.conn, &self.path, reason, keep)
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> DbResult<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// The current time as stored in the database: RFC 3339 UTC, second precision.
pub fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_file_and_stamps_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        let id: i32 = db
            .conn()
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, APPLICATION_ID);
        drop(db);
        // Reopening is a no-op.
        assert!(Db::open(&path).is_ok());
    }

    #[test]
    fn migration_numbers_only_grow() {
        assert!(MIGRATIONS.windows(2).all(|w| w[0].number < w[1].number));
    }

    #[test]
    fn refuses_a_newer_file_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        drop(Db::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Db::open(&path).err().unwrap();
        assert!(matches!(err, DbError::TooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer duijie"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn refuses_a_foreign_sqlite_file_and_a_non_sqlite_file() {
        let dir = tempfile::tempdir().unwrap();
        let foreign = dir.path().join("other.db");
        {
            let c = Connection::open(&foreign).unwrap();
            c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                .unwrap();
        }
        let before = std::fs::read(&foreign).unwrap();
        let err = Db::open(&foreign).err().unwrap();
        assert!(err.to_string().contains("not a duijie database"), "{err}");
        assert_eq!(std::fs::read(&foreign).unwrap(), before);

        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "这不是数据库 — just some text that is long enough to have a header",
        )
        .unwrap();
        let before = std::fs::read(&text).unwrap();
        let err = Db::open(&text).err().unwrap();
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert_eq!(std::fs::read(&text).unwrap(), before);
    }

    #[test]
    fn a_version_1_file_is_upgraded_keeping_its_records_searchable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            // A database as the first release wrote it.
            let c = Connection::open(&path).unwrap();
            c.execute_batch(MIGRATIONS[0].sql).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
            c.execute(
                "INSERT INTO record (kind, seq, title, org, key_text, key_fold, key_pinyin, \
                 key_initials, created_at, updated_at) VALUES ('result', 1, '鋰電池負極', \
                 '鄭州大學', 'R1', 'r1\u{1f}锂电池负极', 'r1', 'r1', '2026-01-01T00:00:00Z', \
                 '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
            c.execute("UPDATE code_seq SET next = 2 WHERE kind = 'result'", [])
                .unwrap();
        }
        let mut db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        let rec = records::get_by_code(db.conn(), "R1".parse().unwrap()).unwrap();
        assert_eq!(rec.title, "鋰電池負極");
        let idx = crate::search::Index::load(db.conn(), crate::domain::Kind::Achievement).unwrap();
        assert_eq!(idx.search("锂电池").len(), 1);
        // Writing works against the new shape; the code counter was kept.
        let mut r = crate::domain::Record::new(crate::domain::Kind::Achievement, "硅碳负极");
        db.write(|tx| records::insert(tx, &mut r)).unwrap();
        assert_eq!(r.code().to_string(), "R2");
    }

    #[test]
    fn a_version_2_file_is_upgraded_with_revisions_tombstones_and_origins() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(MIGRATIONS[0].sql).unwrap();
            c.execute_batch(MIGRATIONS[1].sql).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
            c.pragma_update(None, "user_version", 2).unwrap();
            c.execute_batch(
                "INSERT INTO record (kind, seq, title, created_at, updated_at) \
                 VALUES ('demand', 1, '铜箔', 't', 't'), ('result', 1, '添加剂', 't', 't'); \
                 UPDATE code_seq SET next = 2; \
                 INSERT INTO pair (demand_id, result_id, stage_since, created_at, updated_at) \
                 VALUES (1, 2, 't', 't', 't'); \
                 INSERT INTO undo_entry (label, payload, at) \
                 VALUES ('pair P1', '{\"op\":\"delete_pair\",\"id\":1}', 't');",
            )
            .unwrap();
        }
        let mut db = Db::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
        let d1 = records::get(db.conn(), 1).unwrap().unwrap();
        assert_eq!(d1.rev, 0);
        assert_eq!(live::current_rev(db.conn()).unwrap(), 0);
        let step = undo::peek(db.conn()).unwrap().unwrap();
        assert_eq!((step.label.as_str(), step.origin.as_str()), ("pair P1", ""));
        // The first write after the upgrade is revision 1, and its deletions leave tombstones.
        db.write(|tx| records::delete(tx, 1)).unwrap();
        let c = live::changes_since(db.conn(), 0).unwrap();
        assert_eq!(c.max_rev, 1);
        assert_eq!((c.gone_records, c.gone_pairs), (vec![1], vec![1]));
    }

    #[test]
    fn a_lock_held_by_another_connection_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let mut a = Db::open(&path).unwrap();
        let mut b = Db::open(&path).unwrap();
        b.set_busy_timeout(Duration::from_millis(10)).unwrap();
        a.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
        let err = b
            .write(|tx| {
                records::insert(
                    tx,
                    &mut crate::domain::Record::new(crate::domain::Kind::Demand, "x"),
                )
            })
            .unwrap_err();
        assert!(err.is_busy(), "{err}");
        assert!(is_busy(&err));
        assert!(matches!(err, DbError::Busy(_)));
        a.conn().execute_batch("ROLLBACK").unwrap();
        let _ = &mut a;
    }
}
