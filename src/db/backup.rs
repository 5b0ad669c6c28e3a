//! Copies of the database file: `duijie backup`, the automatic backups before a migration,
//! an import or a restore (the last N kept in `backups/` beside the database), and
//! `duijie restore`.
//!
//! Both directions use SQLite's online backup API, which copies pages under a read lock: a
//! backup is a consistent snapshot while a desk keeps writing, and a restore goes through the
//! live database's own locks and WAL, so another open desk sees the restored data instead of
//! writing into a file that was swapped under it. A page copy does not parse the b-trees, so
//! even a damaged file can be backed up before it is replaced.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, DbError, DbResult, SCHEMA_VERSION};
use crate::paths;

/// Why an automatic backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Before the schema is upgraded.
    Migrate,
    /// Before an import writes.
    Import,
    /// Before a restore replaces the database (the way back).
    Restore,
}

impl Reason {
    fn word(self) -> &'static str {
        match self {
            Reason::Migrate => "pre-migrate",
            Reason::Import => "pre-import",
            Reason::Restore => "pre-restore",
        }
    }
}

/// The default number of automatic backups kept per database.
pub const DEFAULT_KEEP: usize = 10;

/// How long a backup or restore waits for another process's lock.
const LOCK_WAIT: Duration = Duration::from_secs(10);

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> DbError + '_ {
    move |source| DbError::File {
        path: path.to_path_buf(),
        source,
    }
}

/// Runs a backup to completion in one step, retrying while another connection holds a lock.
fn run(backup: &Backup<'_, '_>) -> DbResult<()> {
    let start = Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::Busy | StepResult::Locked => {
                if start.elapsed() > LOCK_WAIT {
                    return Err(DbError::Busy(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        None,
                    )));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // More (not with a step of -1, but harmless): step again.
            _ => {}
        }
    }
}

/// Copies the database open on `conn` into a new file `dest` (0600, its directory created
/// 0700), refusing a `dest` that exists. The copy is written beside `dest` under a temporary
/// name, synced and renamed, so `dest` is never half a database.
pub fn backup_to(conn: &Connection, dest: &Path) -> DbResult<()> {
    if dest.exists() {
        return Err(DbError::File {
            path: dest.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        });
    }
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    paths::create_private_dir(&dir).map_err(io_err(&dir))?;
    let name = dest
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.partial"));
    // A partial copy left by a killed run is ours to replace.
    let _ = std::fs::remove_file(&tmp);
    // Created 0600 before SQLite opens it: SQLite gives its journal the same mode.
    drop(paths::create_private_file(&tmp).map_err(io_err(&tmp))?);
    let copied = (|| -> DbResult<()> {
        let mut copy = Connection::open(&tmp)?;
        run(&Backup::new(conn, &mut copy)?)?;
        copy.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io_err(&tmp))?;
        std::fs::rename(&tmp, dest).map_err(io_err(dest))
    })();
    if copied.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    copied?;
    paths::sync_dir(&dir);
    Ok(())
}

/// `<stem>-<UTC time>` for a backup file name: sorts by time.
fn stamped(db_path: &Path) -> String {
    let stem = db_path
        .file_stem()
        .map_or_else(|| "duijie".into(), |s| s.to_string_lossy().into_owned());
    let now = jiff::Timestamp::now();
    format!("{stem}-{}", now.strftime("%Y%m%dT%H%M%S%.3fZ"))
}

/// A new path in `backups/` beside the database for a backup the user asked for.
pub fn manual_path(db_path: &Path) -> PathBuf {
    paths::backups_dir(db_path).join(format!("{}.db", stamped(db_path)))
}

/// The prefix of every automatic backup of `db_path` (pruning looks only at these).
fn auto_prefix(db_path: &Path) -> String {
    let stem = db_path
        .file_stem()
        .map_or_else(|| "duijie".into(), |s| s.to_string_lossy().into_owned());
    format!("{stem}-auto-")
}

/// Makes an automatic backup of `conn` (the database at `db_path`) in `backups/`, then
/// deletes the oldest automatic ones beyond `keep`. `keep == 0` turns automatic backups off,
/// except before a restore: that one is the way back and is always made.
pub fn auto_backup(
    conn: &Connection,
    db_path: &Path,
    reason: Reason,
    keep: usize,
) -> DbResult<Option<PathBuf>> {
    let keep = if reason == Reason::Restore {
        keep.max(1)
    } else {
        keep
    };
    if keep == 0 || db_path.as_os_str() == ":memory:" {
        return Ok(None);
    }
    let dest = auto_path(db_path, reason);
    backup_to(conn, &dest)?;
    prune(db_path, keep);
    Ok(Some(dest))
}

/// A new path for an automatic backup of `db_path`.
fn auto_path(db_path: &Path, reason: Reason) -> PathBuf {
    let stamp = stamped(db_path);
    let time = stamp.rsplit('-').next().unwrap_or_default();
    paths::backups_dir(db_path).join(format!(
        "{}{time}-{}.db",
        auto_prefix(db_path),
        reason.word()
    ))
}

/// Deletes the oldest automatic backups of `db_path` (by name, which sorts by time) beyond
/// `keep`.
fn prune(db_path: &Path, keep: usize) {
    let dir = paths::backups_dir(db_path);
    let prefix = auto_prefix(db_path);
    let prefix = prefix.as_str();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && is_db_name(n))
        .collect();
    names.sort();
    let extra = names.len().saturating_sub(keep);
    for name in &names[..extra] {
        let path = dir.join(name);
        let _ = std::fs::remove_file(&path);
        // A backup opened read-only once may have left its WAL index beside it.
        for side in ["-wal", "-shm"] {
            let mut p = path.clone().into_os_string();
            p.push(side);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
}

/// Whether a file name ends in `.db` (the names this module gives its backups).
fn is_db_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("db"))
}

/// The automatic and manual backups of `db_path` in `backups/`, newest first.
pub fn list(db_path: &Path) -> Vec<PathBuf> {
    let dir = paths::backups_dir(db_path);
    let stem = db_path
        .file_stem()
        .map_or_else(|| "duijie".into(), |s| s.to_string_lossy().into_owned());
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(&format!("{stem}-")) && is_db_name(n))
        .collect();
    // Automatic and manual names sort apart; order by the time inside the name.
    names.sort_by_key(|n| {
        n.trim_end_matches(".db")
            .split('-')
            .find(|part| part.len() > 15 && part.ends_with('Z'))
            .unwrap_or_default()
            .to_string()
    });
    names.into_iter().rev().map(|n| dir.join(n)).collect()
}

/// Opens a file read-only without changing it: `mode=ro`, and `immutable=1` when even that
/// cannot work (a WAL file on read-only media, where the WAL index cannot be created).
pub fn open_read_only(path: &Path) -> DbResult<Connection> {
    open_ro(path, false)
}

/// [`open_read_only`] for checking and salvage: with `writable_schema` on, SQLite reads a
/// file shorter than its header says (cut off) as far as it goes instead of refusing it.
/// Nothing is written through it (the connection is read-only).
pub fn open_damaged(path: &Path) -> DbResult<Connection> {
    open_ro(path, true)
}

fn open_ro(path: &Path, tolerant: bool) -> DbResult<Connection> {
    let open = |query: &str| -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(
            uri(path, query),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        if tolerant {
            conn.pragma_update(None, "writable_schema", "ON")?;
        }
        // The first read opens the file (and the WAL index).
        conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))?;
        Ok(conn)
    };
    open("mode=ro").or_else(|first| {
        open("immutable=1").map_err(|_| DbError::Open {
            path: path.to_path_buf(),
            source: first,
        })
    })
}

/// `file:` URI of `path` with `query`: the characters a URI gives meaning to are escaped.
fn uri(path: &Path, query: &str) -> String {
    let mut out = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

/// Why a file cannot be restored from, before anything is touched.
fn check_source(path: &Path) -> DbResult<Connection> {
    let src = open_read_only(path)?;
    let app_id: i32 = src
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|source| DbError::Open {
            path: path.to_path_buf(),
            source,
        })?;
    let version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(DbError::Foreign {
            path: path.to_path_buf(),
            found: app_id,
        });
    }
    if version > SCHEMA_VERSION {
        return Err(DbError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    let verdict: String = src.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(DbError::Damaged {
            path: path.to_path_buf(),
        });
    }
    Ok(src)
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup of the database as it was before, which `restore` brings back.
    pub previous: Option<PathBuf>,
}

/// Replaces the database at `db_path` with the duijie database `from`, after checking that
/// `from` is a sound duijie file and backing up the current one (kept in `backups/`, named
/// in the answer). The file at `db_path` is opened raw, so a damaged or half-migrated
/// database can be replaced too. The caller opens it again afterwards (which migrates an
/// older backup).
pub fn restore(db_path: &Path, from: &Path, keep: usize) -> DbResult<Restored> {
    if paths::same_file(db_path, from) {
        return Err(DbError::Invalid(format!(
            "{}: is the database itself",
            from.display()
        )));
    }
    let src = check_source(from)?;
    let mut dst = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|source| DbError::Open {
        path: db_path.to_path_buf(),
        source,
    })?;
    dst.busy_timeout(Duration::from_secs(5))?;
    // The way back is always made, whatever `keep` says; older backups are pruned only
    // after the restore, which may be reading one of them.
    let way_back = auto_path(db_path, Reason::Restore);
    let previous = match backup_to(&dst, &way_back) {
        Ok(()) => way_back,
        // A file too damaged for SQLite to read its pages is copied byte for byte.
        Err(_) => copy_raw(db_path)?,
    };
    run(&Backup::new(&src, &mut dst)?)?;
    drop(src);
    prune(db_path, keep.max(1));
    Ok(Restored {
        previous: Some(previous),
    })
}

/// A byte copy of the database file (and its WAL) into `backups/`, for a file SQLite cannot
/// back up page by page.
fn copy_raw(db_path: &Path) -> DbResult<PathBuf> {
    let dir = paths::backups_dir(db_path);
    paths::create_private_dir(&dir).map_err(io_err(&dir))?;
    let dest = dir.join(format!("{}-raw.db", stamped(db_path)));
    let bytes = std::fs::read(db_path).map_err(io_err(db_path))?;
    paths::write_atomic(&dest, &bytes, paths::Existing::Keep).map_err(io_err(&dest))?;
    let mut wal = db_path.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(bytes) = std::fs::read(PathBuf::from(&wal)) {
        let mut side = dest.clone().into_os_string();
        side.push("-wal");
        let side = PathBuf::from(side);
        paths::write_atomic(&side, &bytes, paths::Existing::Keep).map_err(io_err(&side))?;
    }
    Ok(dest)
}

#[cfg(test)]
mod tests;
