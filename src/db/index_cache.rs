//! The search index of a list, kept in the cache directory between runs so that `duijie
//! find` reads one file instead of every record's keys and rebuilding the index (most of its
//! time at 100k rows).
//!
//! A file belongs to one database (its canonical path, hashed into the file name, and written
//! in full inside) and one kind, and is current while the database's revision counter
//! (migration 003), the kind's row count, highest row revision and sum of ids are those it was
//! built at: any write moves the counter, and a restored backup that reached the same counter
//! again would also have to hold the same rows to pass. A stale, foreign or damaged file is
//! rebuilt from the database and replaced; a cache that cannot be written is skipped.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rusqlite::params;

use super::{Db, DbResult};
use crate::domain::Kind;
use crate::search::Index;

/// The index of `kind` in `db`, from the cache when it is current, else read from the
/// database (and cached for the next run).
pub fn load(db: &Db, kind: Kind) -> DbResult<Index> {
    load_in(db, kind, crate::paths::cache_dir().as_deref())
}

/// [`load`] with the cache in `dir` (None: no cache).
pub fn load_in(db: &Db, kind: Kind, dir: Option<&Path>) -> DbResult<Index> {
    let Some((file, stamp)) = dir.and_then(|d| where_for(db, kind, d)) else {
        return Index::load(db.conn(), kind);
    };
    let stamp = stamp_of(db, kind, &stamp)?;
    if let Ok(bytes) = std::fs::read(&file)
        && Index::stamp_of(&bytes) == Some(stamp.as_bytes())
        && let Some(idx) = Index::from_bytes(&bytes)
    {
        return Ok(idx);
    }
    let idx = Index::load(db.conn(), kind)?;
    let _ = write(&file, &idx.to_bytes(stamp.as_bytes()));
    Ok(idx)
}

/// The cache file of `kind` in `db` under `dir`, and the database's canonical path; None for
/// a database without a file.
fn where_for(db: &Db, kind: Kind, dir: &Path) -> Option<(PathBuf, String)> {
    let path = std::fs::canonicalize(db.path()).ok()?;
    let name = path.to_string_lossy().into_owned();
    let mut h = std::hash::DefaultHasher::new();
    name.hash(&mut h);
    let file = dir
        .join("index")
        .join(format!("{:016x}-{}.idx", h.finish(), kind.as_str()));
    Some((file, name))
}

/// What the index of `kind` is built from: the database's path, its revision counter, and the
/// kind's row count, highest revision and sum of ids.
fn stamp_of(db: &Db, kind: Kind, path: &str) -> DbResult<String> {
    let rev: i64 = db
        .conn()
        .query_row("SELECT rev FROM rev_counter WHERE id = 1", [], |r| r.get(0))?;
    let (n, top, sum): (i64, Option<i64>, i64) = db.conn().query_row(
        "SELECT count(*), max(rev), coalesce(sum(id), 0) FROM record WHERE kind = ?1",
        params![kind.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(format!(
        "{path}\u{0}{}\u{0}{rev}\u{0}{n}\u{0}{}\u{0}{sum}",
        kind.as_str(),
        top.unwrap_or(0)
    ))
}

/// Writes the cache file whole or not at all (private: the keys hold phone numbers). Not
/// synced: a cache lost in a crash is rebuilt.
fn write(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    crate::paths::create_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".index-")
        .tempfile_in(dir)?;
    std::io::Write::write_all(&mut tmp, bytes)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::records;
    use crate::domain::Record;

    #[test]
    fn the_cache_answers_as_the_database_and_follows_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let cache = dir.path().join("cache");
        let mut db = Db::open(&path).unwrap();
        db.write(|tx| {
            for t in ["锂电池回收", "西安交通大学", "电解铜箔"] {
                records::insert(tx, &mut Record::new(Kind::Achievement, t))?;
            }
            Ok::<(), crate::db::DbError>(())
        })
        .unwrap();
        let fresh = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
        let files: Vec<_> = std::fs::read_dir(cache.join("index")).unwrap().collect();
        assert_eq!(files.len(), 1);
        let cached = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
        for q in ["", "锂电", "xajd", "dian", "铜箔 电解"] {
            assert_eq!(cached.search(q), fresh.search(q), "{q}");
        }
        // A write makes the cache stale: the new row is found.
        db.write(|tx| records::insert(tx, &mut Record::new(Kind::Achievement, "钠离子电池")))
            .unwrap();
        let after = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
        assert_eq!(after.search("钠离子").len(), 1);
        // A damaged file is rebuilt, not trusted.
        let file = std::fs::read_dir(cache.join("index"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&file, bytes).unwrap();
        let again = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
        assert_eq!(again.search("钠离子").len(), 1);
        assert_eq!(again.len(), 4);
    }
}
