//! Opening the file: creating it private when asked to, never when not; falling back to
//! read-only where it cannot be written; recognising it as duijie's before any pragma that
//! writes; the pragmas that make a commit durable; migrating with a backup first.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{
    APPLICATION_ID, Db, DbError, DbResult, Health, Refusal, SCHEMA_VERSION, backup, migrate,
};

impl Db {
    /// Opens the database at `path`, creating it (0600, its missing directories 0700) when
    /// there is none; says whether it was created. `keep_backups` bounds the automatic
    /// backup made before a migration.
    pub fn open_or_create(path: &Path, keep_backups: usize) -> DbResult<(Db, bool)> {
        if path.exists() {
            return Ok((Self::open_existing(path, keep_backups)?, false));
        }
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            crate::paths::create_private_dir(parent).map_err(|source| DbError::File {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        // Made 0600 before SQLite opens it: SQLite gives the -wal and -shm the same mode.
        let created = match crate::paths::create_private_file(path) {
            Ok(_) => true,
            // Another process made it meanwhile: open theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(source) => {
                return Err(DbError::File {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        if created && let Some(parent) = path.parent() {
            crate::paths::sync_dir(if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            });
        }
        Ok((Self::open_existing(path, keep_backups)?, created))
    }

    /// Opens the database at `path`, which must exist: a missing one is
    /// [`DbError::Missing`], and nothing is created. A file that cannot be written here
    /// (read-only media, permissions) is opened read-only and refuses writes.
    pub fn open_existing(path: &Path, keep_backups: usize) -> DbResult<Db> {
        if !path.exists() {
            return Err(DbError::Missing {
                path: path.to_path_buf(),
            });
        }
        let open_err = |source| DbError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            drop(conn);
            return Self::open_read_only(path);
        }
        // Files an earlier version made 0644 (or a copy left readable) are made private.
        crate::paths::tighten_beside(path);
        match Self::setup(conn, path.to_path_buf(), keep_backups) {
            // A writable file in a directory where the WAL cannot be made.
            Err(DbError::Open { source, .. })
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
                    || source.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) =>
            {
                Self::open_read_only(path)
            }
            other => other,
        }
    }

    /// Opens `path` read-only (see [`backup::open_read_only`]); writes are refused.
    pub fn open_read_only(path: &Path) -> DbResult<Db> {
        let conn = backup::open_read_only(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let version = Self::recognise(&conn, path)?;
        if !migrate::pending(&conn, version)?.is_empty() {
            // Too old to read with this build's queries, and it cannot be upgraded here.
            return Err(DbError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        Ok(Db::local(
            conn,
            path.to_path_buf(),
            Health::Refuses(Refusal::ReadOnly),
        ))
    }

    /// Checks the header: a duijie file of a known version (returned), or a new empty file.
    /// Reading it is the first statement, so a non-SQLite file fails here, unchanged.
    fn recognise(conn: &Connection, path: &Path) -> DbResult<i64> {
        // A SQLite file too damaged to read its schema (cut short…) points to `duijie check`.
        let open_err = |source: rusqlite::Error| {
            if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) {
                DbError::Damaged {
                    path: path.to_path_buf(),
                }
            } else {
                DbError::Open {
                    path: path.to_path_buf(),
                    source,
                }
            }
        };
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(open_err)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(open_err)?;
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .map_err(open_err)?;
        if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || tables != 0) {
            return Err(DbError::Foreign {
                path: path.to_path_buf(),
                found: app_id,
            });
        }
        // A migration the file ran that this build lacks (a newer build's, or one merged
        // later from elsewhere) means the same as a higher version.
        let unknown = migrate::unknown_applied(conn)?;
        if let Some(found) = (version > SCHEMA_VERSION).then_some(version).or(unknown) {
            return Err(DbError::TooNew {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        Ok(version)
    }

    pub(super) fn setup(conn: Connection, path: PathBuf, keep_backups: usize) -> DbResult<Db> {
        conn.busy_timeout(Duration::from_secs(5))?;
        let version = Self::recognise(&conn, &path)?;
        let memory = path.as_os_str() == ":memory:";
        if !memory {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|source| DbError::Open {
                    path: path.clone(),
                    source,
                })?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // FULL: in WAL mode every commit syncs the WAL before it returns, so a change the user
        // saw confirmed survives a power cut (NORMAL survives only a process crash).
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Deleted contacts are overwritten with zeros, not left readable in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        // Up to 64 MB of page cache (allocated as used) instead of 2 MB: a large import
        // otherwise spills pages to the WAL in the middle of its transaction and reads them back.
        conn.pragma_update(None, "cache_size", -65536)?;
        // A new file is sound; one with data is checked before anything writes to it (here
        // when it needs a migration, else before its first write), and a damaged one stays
        // readable but takes no writes (and no migration).
        let pending = !migrate::pending(&conn, version)?.is_empty();
        let mut db = Db::local(
            conn,
            path,
            if version == 0 {
                Health::Sound
            } else {
                Health::Unchecked
            },
        );
        if pending && db.refusal().is_none() {
            if version > 0 {
                db.auto_backup(backup::Reason::Migrate, keep_backups)?;
            }
            db.migrate(version)?;
        }
        Ok(db)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{RecordFilter, records};

    #[test]
    fn a_read_only_open_reads_and_refuses_writes_leaving_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        {
            let mut db = Db::open(&path).unwrap();
            let mut r = crate::domain::Record::new(crate::domain::Kind::Demand, "铜箔");
            db.write(|tx| records::insert(tx, &mut r)).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let mut db = Db::open_read_only(&path).unwrap();
        assert_eq!(db.refusal(), Some(Refusal::ReadOnly));
        let all = records::list(db.conn(), &RecordFilter::default()).unwrap();
        assert_eq!(all[0].title, "铜箔");
        let err = db
            .write(|tx| {
                records::insert(
                    tx,
                    &mut crate::domain::Record::new(crate::domain::Kind::Demand, "x"),
                )
            })
            .unwrap_err();
        assert!(matches!(err, DbError::ReadOnly { .. }), "{err}");
        drop(db);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn open_existing_creates_nothing_and_new_files_are_private() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/d.db");
        assert!(matches!(
            Db::open_existing(&path, 10),
            Err(DbError::Missing { .. })
        ));
        assert!(!dir.path().join("a").exists());
        let (db, created) = Db::open_or_create(&path, 10).unwrap();
        assert!(created);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        let wal = dir.path().join("a/b/d.db-wal");
        assert!(wal.exists());
        assert_eq!(mode(&wal), 0o600);
        assert_eq!(mode(&dir.path().join("a/b/d.db-shm")), 0o600);
        let pragma = |name: &str| -> i64 {
            db.sqlite()
                .unwrap()
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(pragma("synchronous"), 2, "FULL");
        assert_eq!(pragma("secure_delete"), 1);
        drop(db);
        // A file an earlier version left 0644 is private again once opened.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(!Db::open_or_create(&path, 10).unwrap().1);
        assert_eq!(mode(&path), 0o600);
    }
}
