//! Where the data is: the broker's own SQLite file (the default), or a team's shared
//! PostgreSQL database named by its address (`postgres://user@host/dbname`).
//!
//! The address may carry a password (better kept in `~/.pgpass` or `PGPASSWORD`); it is kept
//! here to open more sessions (a desk's background readers, the change feed) and never shown:
//! [`Location::shown`] and `Debug` strip it.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::store::pg::shown_url;

/// Where a command's data is.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (":memory:" for a private in-memory database).
    File(PathBuf),
    /// A shared PostgreSQL database, by its full address.
    Server(String),
}

impl Location {
    /// A `--db` value, `DUIJIE_DB` or the config's `store`: an address when it starts with
    /// `postgres://` or `postgresql://` (any case), else a file path.
    pub fn parse(target: &OsStr) -> Location {
        match target.to_str() {
            Some(t) if super::engine::is_server_url(t) => Location::Server(t.to_owned()),
            _ => Location::File(PathBuf::from(target)),
        }
    }

    /// The file, when the data is in one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Server(_) => None,
        }
    }

    /// Whether the data is on a shared server.
    pub fn is_server(&self) -> bool {
        matches!(self, Location::Server(_))
    }

    /// As a broker may see it: the path, or the address without its password.
    pub fn shown(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Server(url) => shown_url(url),
        }
    }

    /// A stable name for this store's files in the cache directory (search index,
    /// suggestion index): the file's canonical path, or the address without its password.
    pub fn cache_key(&self) -> String {
        match self {
            Location::File(p) => std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string(),
            Location::Server(url) => shown_url(url),
        }
    }
}

impl Location {
    /// A read-only session of its own, for a background thread (the desk's loaders, its
    /// lookup band): the file opened read-only, or a new session with the server.
    pub fn open_reader(&self) -> super::DbResult<Box<dyn crate::store::Sql + Send>> {
        Ok(match self {
            Location::File(p) => Box::new(super::backup::open_read_only(p)?),
            Location::Server(url) => Box::new(crate::store::pg::PgConn::connect(url)?),
        })
    }

    /// A path that stands for this store where files are kept beside a database (the
    /// suggestion index's `cache/`): the file itself, or for a shared database a name in the
    /// cache directory, one per address. None when there is no cache directory.
    pub fn stand_in(&self) -> Option<PathBuf> {
        match self {
            Location::File(p) => Some(p.clone()),
            Location::Server(_) => {
                use std::hash::{Hash, Hasher};
                let mut h = std::hash::DefaultHasher::new();
                self.cache_key().hash(&mut h);
                let dir = crate::paths::cache_dir()?.join("shared");
                Some(dir.join(format!("{:016x}.db", h.finish())))
            }
        }
    }

    /// Where an import writes its rejected lines: beside a file; in the data folder for a
    /// shared database.
    pub fn rejects_dir(&self) -> PathBuf {
        let db = self
            .file()
            .map_or_else(crate::paths::default_db, Path::to_path_buf);
        crate::paths::rejects_dir(&db)
    }

    /// Whether other threads can open it (a private in-memory database cannot).
    pub fn shareable(&self) -> bool {
        !matches!(self, Location::File(p) if p.as_os_str() == ":memory:")
    }
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(p) => f.debug_tuple("File").field(p).finish(),
            Location::Server(_) => f.debug_tuple("Server").field(&self.shown()).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_a_server_and_anything_else_a_file_and_no_password_is_shown() {
        let at = Location::parse(OsStr::new("PostgreSQL://li:s3cret@db.park.cn/duijie"));
        assert!(at.is_server() && at.file().is_none());
        assert_eq!(at.shown(), "PostgreSQL://li@db.park.cn/duijie");
        assert!(!format!("{at:?}").contains("s3cret"));
        assert!(!at.cache_key().contains("s3cret"));
        let file = Location::parse(OsStr::new("对接/postgres.db"));
        assert_eq!(file.file(), Some(Path::new("对接/postgres.db")));
        assert_eq!(file.shown(), "对接/postgres.db");
    }
}
