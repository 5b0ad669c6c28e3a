//! The search index of a list, kept in the cache directory between runs so that `duijie
//! find` reads one file instead of every record's keys and rebuilding the index (most of its
//! time at 100k rows).
//!
//! A file belongs to one database (its canonical path, hashed into the file name, and written
//! in full inside) and one kind, and is current while the database's revision counter
//! (migration 003), the kind's row count, highest row revision and sum of ids are those it was
//! built at: any write moves the counter, and a restored backup that reached the same counter
//! again would also have to hold the same rows to pass. A current file is mapped into memory
//! and its keys read in place (reading and copying it cost ~90 ms a call at 100k rows); its
//! CRC-32, layout and UTF-8 are checked first. A stale, foreign or damaged file is rebuilt
//! from the database and replaced; a cache that cannot be written is skipped.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::location::Location;
use super::{Db, DbResult};
use crate::domain::Kind;
use crate::search::keys::{SearchKeys, with_contact};
use crate::search::worker::Feed;
use crate::search::{Entry, Index, Shared};
use crate::store::Sql;

/// The index of `kind` in `db`, from the cache when it is current, else read from the
/// database (and cached for the next run).
pub fn load(db: &Db, kind: Kind) -> DbResult<Index> {
    load_in(db, kind, crate::paths::cache_dir().as_deref())
}

/// [`load`] with the cache in `dir` (None: no cache).
pub fn load_in(db: &Db, kind: Kind, dir: Option<&Path>) -> DbResult<Index> {
    match lookup(db.conn(), db.location(), kind, dir)? {
        Cached::Ready(idx) => Ok(*idx),
        Cached::Missing(pending) => {
            let idx = Index::load(db.conn(), kind)?;
            pending.store(&idx);
            Ok(idx)
        }
        Cached::Off => Index::load(db.conn(), kind),
    }
}

/// What the cache offers for one list ([`lookup`]).
pub enum Cached {
    /// The index as the database holds it now: the file was current (its keys are read in
    /// place), or it was caught up with the rows written since and rewritten.
    Ready(Box<Index>),
    /// No usable file: the caller builds the index from the database and may hand it to
    /// [`Pending::store`] for the next run.
    Missing(Pending),
    /// No cache for this database (in memory, or no cache directory).
    Off,
}

/// Where and from what an index missing from the cache is to be stored.
pub struct Pending {
    file: PathBuf,
    stamp: String,
}

impl Pending {
    /// Writes `idx` (built at this revision) as the cache file; a cache that cannot be
    /// written is skipped.
    pub fn store(&self, idx: &Index) {
        let _ = write(&self.file, &idx.to_bytes(self.stamp.as_bytes()));
    }
}

/// What the cache in `dir` holds for the records of `kind` in the database at `at`, read
/// through `conn`: a current index, one caught up with the rows written since it was built
/// (what a shared database's change feed announced, by revision), or where to store one.
pub fn lookup(conn: &dyn Sql, at: &Location, kind: Kind, dir: Option<&Path>) -> DbResult<Cached> {
    let Some((file, name)) = dir.and_then(|d| where_for(at, kind, d)) else {
        return Ok(Cached::Off);
    };
    let stamp = stamp_of(conn, kind, &name)?;
    if let Some(idx) = cached(&file, stamp.as_bytes()) {
        return Ok(Cached::Ready(Box::new(idx)));
    }
    let pending = Pending { file, stamp };
    Ok(
        match caught_up(conn, kind, &pending.file, &pending.stamp)? {
            Some(idx) => {
                pending.store(&idx);
                Cached::Ready(Box::new(idx))
            }
            None => Cached::Missing(pending),
        },
    )
}

/// Starts the desk's loader of the records of `kind` at `at`, on its own connection. A cached
/// index ([`lookup`]) goes to the worker whole. Otherwise every row streams in, newest first,
/// while the desk answers over what has come; from a shared database those rows are also
/// kept and cached, so the next start reads one local file instead of the server's keys (a
/// local file streams its rows faster than a copy would be worth, so it is cached by `find`
/// only). Failures reach the worker's answers.
pub fn spawn_desk_loader(at: Location, kind: Kind, dir: Option<PathBuf>, to: Feed) {
    std::thread::Builder::new()
        .name("duijie-keys".into())
        .spawn(move || {
            let conn = match at.open_reader() {
                Ok(conn) => conn,
                Err(e) => return to.fail(e.to_string()),
            };
            let dir = dir.filter(|d| {
                at.is_server() || where_for(&at, kind, d).is_some_and(|(f, _)| f.exists())
            });
            match lookup(&conn, &at, kind, dir.as_deref()) {
                Ok(Cached::Ready(idx)) => to.whole(*idx),
                Ok(Cached::Missing(pending)) if at.is_server() => {
                    let mut keep = Index::empty();
                    if let Ok(true) = super::keys::feed_keeping(&conn, kind, to, Some(&mut keep)) {
                        pending.store(&keep);
                    }
                }
                // No cache, or it could not be read (the rows say why if they cannot be).
                Ok(_) | Err(_) => {
                    let _ = super::keys::feed(&conn, kind, to);
                }
            }
        })
        .expect("spawning the key loader");
}

/// The index in `file` when it was built from `stamp`, its keys read in place: the file is
/// mapped into memory, not read or copied. None when there is no such file, or it is stale,
/// foreign or malformed.
fn cached(file: &Path, stamp: &[u8]) -> Option<Index> {
    let f = std::fs::File::open(file).ok()?;
    // SAFETY: mapping is unsafe because the bytes could change (or the file shrink) while
    // they are read. This file never does: [`write`] is the only writer, and it writes a new
    // file beside it and renames it over this one, so a mapped file is never written or cut
    // in place (a newer cache replaces the name, and the mapped file lives on unchanged until
    // unmapped). The directory is private to the user. The bytes are checked (stamp, layout,
    // UTF-8) before any is used as an index.
    #[allow(
        unsafe_code,
        reason = "mapping a cache file that is only ever replaced whole"
    )]
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&f) }.ok()?;
    (Index::stamp_of(&map) == Some(stamp)).then_some(())?;
    let shared: Shared = Arc::new(map);
    Index::from_shared(&shared)
}

/// The index in `file`, built at an earlier revision of the same database and kind, brought
/// up to `stamp` with the rows written and deleted since (what a shared database's change
/// feed announces): a few rows read instead of every key. None when there is no such file,
/// the database went back (a restored backup), or the result does not hold the rows the
/// stamp counts (then the caller rebuilds).
fn caught_up(conn: &dyn Sql, kind: Kind, file: &Path, stamp: &str) -> DbResult<Option<Index>> {
    let Some(bytes) = std::fs::read(file).ok() else {
        return Ok(None);
    };
    let Some(old) = Index::stamp_of(&bytes)
        .and_then(|s| std::str::from_utf8(s).ok())
        .map(str::to_owned)
    else {
        return Ok(None);
    };
    let shared: Shared = Arc::new(bytes);
    let (Some(old), Some(mut idx)) = (Stamp::parse(&old), Index::from_shared(&shared)) else {
        return Ok(None);
    };
    let Some(now) = Stamp::parse(stamp) else {
        return Ok(None);
    };
    if old.db != now.db || old.kind != now.kind || old.rev > now.rev {
        return Ok(None);
    }
    for e in entries_since(conn, kind, old.rev)? {
        idx.upsert(e);
    }
    for id in super::records::gone_since(conn, old.rev)? {
        idx.remove(id);
    }
    Ok((idx.len() == now.rows).then_some(idx))
}

/// The parts of a stamp ([`stamp_of`]) a catch-up compares.
struct Stamp<'a> {
    db: &'a str,
    kind: &'a str,
    rev: i64,
    rows: usize,
}

impl<'a> Stamp<'a> {
    fn parse(s: &'a str) -> Option<Stamp<'a>> {
        let mut parts = s.split('\u{0}');
        Some(Stamp {
            db: parts.next()?,
            kind: parts.next()?,
            rev: parts.next()?.parse().ok()?,
            rows: parts.next()?.parse().ok()?,
        })
    }
}

/// The stored keys of the records of a kind written after a revision.
const WRITTEN_AFTER: &str = "SELECT id, updated_at, key_fold, key_initials, key_pinyin, phone, \
                             email FROM record WHERE kind = ?1 AND rev > ?2";

/// The search entries of the records of `kind` written after revision `since` (an index
/// range: cheap when few were): what an index built at `since` lacks.
fn entries_since(conn: &dyn Sql, kind: Kind, since: i64) -> DbResult<Vec<Entry>> {
    let mut out = Vec::new();
    conn.query_each(WRITTEN_AFTER, &[&kind.as_str(), &since], &mut |r| {
        let fold = super::keys::text(r, 2)?;
        let completed = with_contact(fold, super::keys::text(r, 5)?, super::keys::text(r, 6)?);
        out.push(Entry {
            id: r.get(0)?,
            updated_at: super::keys::text(r, 1)?.to_owned(),
            keys: SearchKeys {
                fold: completed.unwrap_or_else(|| fold.to_owned()),
                initials: super::keys::text(r, 3)?.to_owned(),
                pinyin: super::keys::text(r, 4)?.to_owned(),
                ..SearchKeys::default()
            },
        });
        Ok(())
    })?;
    Ok(out)
}

/// The cache file of `kind` in `db` under `dir`, and the database's canonical path; None for
/// a database without a file.
fn where_for(at: &Location, kind: Kind, dir: &Path) -> Option<(PathBuf, String)> {
    if !at.shareable() {
        return None;
    }
    let name = at.cache_key();
    let mut h = std::hash::DefaultHasher::new();
    name.hash(&mut h);
    let file = dir
        .join("index")
        .join(format!("{:016x}-{}.idx", h.finish(), kind.as_str()));
    Some((file, name))
}

/// What the index of `kind` is built from: the database's path, its revision counter, and the
/// kind's row count, highest revision and sum of ids.
fn stamp_of(conn: &dyn Sql, kind: Kind, path: &str) -> DbResult<String> {
    let rev = super::rev::current(conn)?;
    let row = conn.query_one(
        "SELECT count(*), max(rev), CAST(coalesce(sum(id), 0) AS BIGINT) FROM record \
         WHERE kind = ?1",
        &[&kind.as_str()],
    )?;
    let (n, top, sum): (i64, Option<i64>, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
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
#[path = "index_cache_tests.rs"]
mod tests;
