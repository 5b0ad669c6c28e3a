//! The suggestion index on disk: one file per database, in `cache/` beside it, stamped with
//! the records' state (`db::suggest_stamp`). A fresh file is opened, not read: the small
//! per-record arrays are read at once, the vocabulary, postings, terms and texts piece by
//! piece as a query needs them. A stale file is rebuilt, taking the terms of every record
//! that did not change from it (only changed records are segmented), and replaced
//! atomically. The file is a cache: when it cannot be written, the index lives in memory.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::store::Sql;
use bytemuck::Pod;

use crate::db::suggest_stamp::{self, Stamp};
use crate::db::{DbResult, RecordFilter, records};
use crate::domain::{Kind, Record};

use super::column::Column;
use super::corpus::{Side, SuggestIndex, Words};
use super::levers::Levers;
use super::prior::Prior;

const MAGIC: &[u8; 8] = b"DJSUGIX\0";
/// Bumped whenever the layout or what goes into the terms changes.
const VERSION: u64 = 1;
/// Written natively: a file from a machine of the other byte order is simply rebuilt.
const ENDIAN: u64 = 0x0102_0304_0506_0708;

/// Where the index of the database at `db` lives: beside it, in `cache/` (as `backups/` and
/// `rejects/` are), named after it. `None` for a database in memory.
pub fn cache_path(db: &Path) -> Option<PathBuf> {
    let name = db.file_name()?.to_str()?;
    if name == ":memory:" || name.is_empty() {
        return None;
    }
    let dir = db.parent().unwrap_or(Path::new(""));
    Some(dir.join("cache").join(format!("{name}.suggest")))
}

/// The index of the records in `conn` (the database at `db`): the cached file when it is
/// fresh, else rebuilt (reusing what the stale file holds) and saved for the next call.
pub fn open(conn: &dyn Sql, db: &Path, levers: Levers) -> DbResult<SuggestIndex> {
    // One at a time in a process: after an edit the desk's suggestions and its new-matches
    // count both ask; the second then finds the file the first saved fresh, instead of
    // building a second copy beside it.
    let _one = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match cached(conn, db, levers)? {
        Ok(index) => Ok(index),
        Err(stale) => Ok(stale.read(conn)?.build()),
    }
}

static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Above this many records to read again (or a twentieth of all, when more), a rebuild
/// lists every record at once rather than reading each changed one by its id.
const READ_ONE_BY_ONE: usize = 2_000;

/// What a rebuild needs: the old index (its unchanged records' terms are reused), the stamp
/// of the records it is built from, and where to save it.
pub struct Stale {
    old: Option<SuggestIndex>,
    stamp: Stamp,
    path: Option<PathBuf>,
    levers: Levers,
}

impl Stale {
    /// Reads what the rebuild needs: with an earlier index, the (id, revision) of every
    /// record and in full only those it does not hold as they are (after an edit, one); else
    /// every record. Milliseconds at 100k when few changed; run [`Ready::build`] off the UI
    /// thread.
    pub fn read(self, conn: &dyn Sql) -> DbResult<Ready> {
        let Stale {
            old,
            stamp,
            path,
            levers,
        } = self;
        let ready = |reading| Ready {
            stamp,
            path,
            levers,
            reading,
        };
        let Some(old) = old.filter(|o| o.levers == levers) else {
            let all = records::list(conn, &RecordFilter::default())?;
            return Ok(ready(Reading::All(all, Prior::empty())));
        };
        // One test decides what is kept, here and in the build: a record the earlier index
        // cannot place whole (a damaged file) is read again like a changed one.
        let prior = Prior::read(old);
        let now = records::revisions(conn)?;
        let lacking: Vec<i64> = now
            .iter()
            .filter(|&&(id, kind, rev)| prior.place(kind, id, rev).is_none())
            .map(|t| t.0)
            .collect();
        if lacking.len() > READ_ONE_BY_ONE.max(now.len() / 20) {
            let all = records::list(conn, &RecordFilter::default())?;
            return Ok(ready(Reading::All(all, prior)));
        }
        let mut changed = Vec::with_capacity(lacking.len());
        for id in lacking {
            // Gone since the list was read: left out.
            changed.extend(records::get(conn, id)?);
        }
        Ok(ready(Reading::Changed {
            prior,
            now,
            changed,
        }))
    }
}

/// What a rebuild has read, ready to build (costly: off the UI thread).
pub struct Ready {
    stamp: Stamp,
    path: Option<PathBuf>,
    levers: Levers,
    reading: Reading,
}

enum Reading {
    /// Every record, and what the earlier index holds that can be kept.
    All(Vec<Record>, Prior),
    /// The earlier index read, every record's (id, kind, revision), and in full those it
    /// lacks.
    Changed {
        prior: Prior,
        now: Vec<(i64, Kind, i64)>,
        changed: Vec<Record>,
    },
}

impl Ready {
    /// Whether the build patches the earlier index (only the changed records were read).
    #[cfg(test)]
    pub(crate) fn patches(&self) -> bool {
        matches!(self.reading, Reading::Changed { .. })
    }

    /// The index of the records as read, saved to the cache.
    pub fn build(self) -> SuggestIndex {
        let index = match self.reading {
            Reading::Changed {
                prior,
                now,
                changed,
            } => SuggestIndex::patch(&prior, &now, &changed, self.levers),
            Reading::All(all, prior) => SuggestIndex::rebuild(&all, self.levers, &prior),
        };
        if let Some(p) = &self.path {
            // A cache that cannot be written costs speed, not correctness.
            let _ = save(&index, self.stamp, p);
        }
        index
    }
}

/// The cached index of the database at `db` when it holds the records as they are now
/// (milliseconds), else what a rebuild needs.
pub fn cached(conn: &dyn Sql, db: &Path, levers: Levers) -> DbResult<Result<SuggestIndex, Stale>> {
    let stamp = suggest_stamp::records(conn)?;
    let path = cache_path(db);
    let old = path.as_deref().and_then(|p| load(p, levers).ok());
    Ok(match old {
        Some((index, at)) if at == stamp => Ok(index),
        old => Err(Stale {
            old: old.map(|o| o.0),
            stamp,
            path,
            levers,
        }),
    })
}

/// Loads the index file at `path` built with `levers`, with its stamp.
pub fn load(path: &Path, levers: Levers) -> std::io::Result<(SuggestIndex, Stamp)> {
    let file = Arc::new(File::open(path)?);
    let size = file.metadata()?.len();
    let mut rd = Reader {
        file: Arc::clone(&file),
        at: 0,
        size,
    };
    let mut magic = [0u8; 8];
    rd.read_exact(&mut magic)?;
    let head: Vec<u64> = rd.eager(10)?;
    if &magic != MAGIC || head[0] != VERSION || head[1] != ENDIAN || head[2] != levers.bits() {
        return Err(bad("an index of another version or ranking"));
    }
    let stamp = Stamp {
        rev: head[3] as i64,
        gone: head[4] as i64,
        count: head[5] as i64,
        max_id: head[6] as i64,
    };
    let words = Words {
        off: rd.column()?,
        bytes: rd.column()?,
        bigrams: head[7] as u32,
    };
    let f_off: Column<u32> = rd.column()?;
    let f_bytes: Column<u8> = rd.column()?;
    let fields = (0..f_off.len().saturating_sub(1))
        .map(|i| {
            let r = super::column::span(&f_off, i);
            String::from_utf8_lossy(&f_bytes.get(r)).into_owned()
        })
        .collect();
    let mut sides = [Side::default(), Side::default()];
    sides[0].kind = crate::domain::Kind::Demand;
    sides[1].kind = crate::domain::Kind::Achievement;
    for (k, side) in sides.iter_mut().enumerate() {
        side.avg_len = f32::from_bits(head[8 + k] as u32);
        side.ids = rd.column()?.into_vec();
        side.seqs = rd.column()?.into_vec();
        side.revs = rd.column()?.into_vec();
        side.lens = rd.column()?.into_vec();
        side.closed = rd.column()?.into_vec();
        side.fields = rd.column()?.into_vec();
        side.amounts = rd.column()?.into_vec();
        side.maturity = rd.column()?.into_vec();
        side.post_off = rd.column()?;
        side.post_doc = rd.column()?;
        side.post_tf = rd.column()?;
        side.term_off = rd.column()?;
        side.term_id = rd.column()?;
        side.term_tf = rd.column()?;
        side.text_off = rd.column()?;
        side.text = rd.column()?;
        let n = side.ids.len();
        let same = [
            side.seqs.len(),
            side.revs.len(),
            side.lens.len(),
            side.closed.len(),
        ];
        let more = [side.fields.len(), side.amounts.len(), side.maturity.len()];
        if same.iter().chain(&more).any(|&l| l != n)
            || side.post_off.len() != words.off.len()
            || side.term_off.len() != n + 1
            || side.text_off.len() != n * super::corpus::TEXTS + 1
            || side.post_doc.len() != side.post_tf.len()
            || side.term_id.len() != side.term_tf.len()
        {
            return Err(bad("inconsistent arrays"));
        }
    }
    let index = SuggestIndex {
        words,
        fields,
        sides,
        levers,
    };
    if !index.consistent() {
        return Err(bad("inconsistent offsets"));
    }
    Ok((index, stamp))
}

fn bad(what: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string())
}

/// Reads sections in order: each is its byte length (u64), the bytes, padding to 8.
struct Reader {
    file: Arc<File>,
    at: u64,
    size: u64,
}

impl Reader {
    fn read_exact(&mut self, buf: &mut [u8]) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt as _;
        self.file.read_exact_at(buf, self.at)?;
        self.at += buf.len() as u64;
        Ok(())
    }

    fn eager<T: Pod>(&mut self, n: usize) -> std::io::Result<Vec<T>> {
        let mut v = vec![T::zeroed(); n];
        self.read_exact(bytemuck::cast_slice_mut(&mut v))?;
        Ok(v)
    }

    /// The next section, left in the file.
    fn column<T: Pod>(&mut self) -> std::io::Result<Column<T>> {
        let bytes = self.eager::<u64>(1)?[0];
        let at = self.at;
        let padded = bytes.div_ceil(8) * 8;
        if bytes % size_of::<T>() as u64 != 0 || at + padded > self.size {
            return Err(bad("a section past the end"));
        }
        self.at += padded;
        Ok(Column::File {
            file: Arc::clone(&self.file),
            at,
            len: (bytes / size_of::<T>() as u64) as usize,
        })
    }
}

/// Writes `index` stamped `stamp` to `path`, through a temporary file and a rename (a reader
/// never sees half a file; one that has the old file open keeps reading it).
pub fn save(index: &SuggestIndex, stamp: Stamp, path: &Path) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    crate::paths::create_private_dir(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("index"),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        let mut w = BufWriter::new(crate::paths::create_private_file(&tmp)?);
        write_index(&mut w, index, stamp)?;
        w.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The bytes `save` writes for `index` stamped `stamp`: two indexes are the same when these
/// are.
#[cfg(test)]
pub(crate) fn image(index: &SuggestIndex, stamp: Stamp) -> Vec<u8> {
    let mut out = Vec::new();
    write_index(&mut out, index, stamp).expect("writing to memory");
    out
}

fn write_index(w: &mut impl Write, index: &SuggestIndex, stamp: Stamp) -> std::io::Result<()> {
    w.write_all(MAGIC)?;
    let head: [u64; 10] = [
        VERSION,
        ENDIAN,
        index.levers.bits(),
        stamp.rev as u64,
        stamp.gone as u64,
        stamp.count as u64,
        stamp.max_id as u64,
        u64::from(index.words.bigrams),
        u64::from(index.sides[0].avg_len.to_bits()),
        u64::from(index.sides[1].avg_len.to_bits()),
    ];
    w.write_all(bytemuck::cast_slice(&head))?;
    put(w, &index.words.off.get(0..usize::MAX))?;
    put(w, &index.words.bytes.get(0..usize::MAX))?;
    let mut f_off = vec![0u32];
    let mut f_bytes = Vec::new();
    for f in &index.fields {
        f_bytes.extend_from_slice(f.as_bytes());
        f_off.push(f_bytes.len() as u32);
    }
    put(w, &f_off)?;
    put(w, &f_bytes)?;
    for s in &index.sides {
        put(w, &s.ids)?;
        put(w, &s.seqs)?;
        put(w, &s.revs)?;
        put(w, &s.lens)?;
        put(w, &s.closed)?;
        put(w, &s.fields)?;
        put(w, &s.amounts)?;
        put(w, &s.maturity)?;
        put(w, &s.post_off.get(0..usize::MAX))?;
        put(w, &s.post_doc.get(0..usize::MAX))?;
        put(w, &s.post_tf.get(0..usize::MAX))?;
        put(w, &s.term_off.get(0..usize::MAX))?;
        put(w, &s.term_id.get(0..usize::MAX))?;
        put(w, &s.term_tf.get(0..usize::MAX))?;
        put(w, &s.text_off.get(0..usize::MAX))?;
        put(w, &s.text.get(0..usize::MAX))?;
    }
    w.flush()
}

fn put<T: Pod>(w: &mut impl Write, data: &[T]) -> std::io::Result<()> {
    let bytes: &[u8] = bytemuck::cast_slice(data);
    w.write_all(&(bytes.len() as u64).to_ne_bytes())?;
    w.write_all(bytes)?;
    let pad = bytes.len().div_ceil(8) * 8 - bytes.len();
    w.write_all(&[0u8; 8][..pad])
}

#[cfg(test)]
#[path = "patch_tests.rs"]
mod patch_tests;
