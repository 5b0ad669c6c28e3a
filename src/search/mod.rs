//! Search that understands Chinese: keys precomputed per record (folded script, pinyin,
//! initials) and the matcher that runs over them.
//!
//! [`Index`] holds the keys of one list in memory and answers a query synchronously, scanning
//! with one matcher per core; [`worker::SearchWorker`] runs queries on a thread where the
//! latest query wins and narrows the previous hits as a query grows, so typing never waits.

mod highlight;
pub mod keys;
mod polyphone;
pub mod score;
pub mod worker;

use std::collections::HashMap;
use std::thread;

use fuzzy_matcher::skim::SkimMatcherV2;
use rusqlite::{Connection, params};

use crate::db::DbResult;
use crate::domain::Kind;
pub use highlight::highlight;
use keys::SearchKeys;
use score::{Keys, Query};

/// One searchable record.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    /// RFC 3339; later sorts first among equal scores.
    pub updated_at: String,
    pub keys: SearchKeys,
}

/// A record that matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: i64,
    pub score: i64,
}

/// One record as the scan reads it: the three match keys in one allocation (the original
/// text is not needed, as the fold contains every match on it), and the update time as a
/// number.
#[derive(Debug, Clone)]
struct Row {
    id: i64,
    stamp: u64,
    /// fold, then initials from `ini_at`, then pinyin from `py_at`.
    keys: Box<str>,
    ini_at: u32,
    py_at: u32,
}

impl Row {
    fn new(e: Entry) -> Row {
        let Entry {
            id,
            updated_at,
            keys: k,
        } = e;
        let mut keys = String::with_capacity(k.fold.len() + k.initials.len() + k.pinyin.len());
        keys.push_str(&k.fold);
        keys.push_str(&k.initials);
        keys.push_str(&k.pinyin);
        Row {
            id,
            stamp: stamp(&updated_at),
            keys: keys.into_boxed_str(),
            ini_at: k.fold.len() as u32,
            py_at: (k.fold.len() + k.initials.len()) as u32,
        }
    }

    fn keys(&self) -> Keys<'_> {
        let (ini, py) = (self.ini_at as usize, self.py_at as usize);
        Keys {
            fold: &self.keys[..ini],
            initials: &self.keys[ini..py],
            pinyin: &self.keys[py..],
        }
    }
}

/// RFC 3339 UTC time as a number that orders the same way: YYYYMMDDhhmmss then milliseconds.
fn stamp(rfc3339: &str) -> u64 {
    let mut digits = rfc3339
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u64::from(b - b'0'));
    let secs = digits.by_ref().take(14).fold(0, |n, d| n * 10 + d);
    let millis = (0..3).fold(0, |n, _| n * 10 + digits.next().unwrap_or(0));
    secs * 1000 + millis
}

/// Below this many rows one thread scans faster than two start.
const PARALLEL_MIN: usize = 4096;

/// The search keys of one list, in memory.
#[derive(Debug, Default, Clone)]
pub struct Index {
    rows: Vec<Row>,
    /// Row position of each id, for edits.
    at: HashMap<i64, usize>,
    threads: usize,
}

impl Index {
    /// Loads the stored keys of every record of `kind`.
    pub fn load(conn: &Connection, kind: Kind) -> DbResult<Index> {
        let mut st = conn.prepare(
            "SELECT id, updated_at, key_fold, key_pinyin, key_initials \
             FROM record WHERE kind = ?1 ORDER BY id",
        )?;
        let rows = st
            .query_map(params![kind.as_str()], |r| {
                Ok(Row::new(Entry {
                    id: r.get(0)?,
                    updated_at: r.get(1)?,
                    keys: SearchKeys {
                        text: String::new(),
                        fold: r.get(2)?,
                        pinyin: r.get(3)?,
                        initials: r.get(4)?,
                    },
                }))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Index::from_rows(rows))
    }

    pub fn from_entries(entries: Vec<Entry>) -> Index {
        Index::from_rows(entries.into_iter().map(Row::new).collect())
    }

    fn from_rows(rows: Vec<Row>) -> Index {
        let at = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let threads = thread::available_parallelism().map_or(1, |n| n.get().min(4));
        Index { rows, at, threads }
    }

    /// Scans with `n` threads (at least one); the default is one per core, up to four.
    pub fn with_threads(mut self, n: usize) -> Index {
        self.threads = n.max(1);
        self
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds or replaces one entry (after an edit or an add).
    pub fn upsert(&mut self, entry: Entry) {
        let row = Row::new(entry);
        if let Some(&i) = self.at.get(&row.id) {
            self.rows[i] = row;
        } else {
            self.at.insert(row.id, self.rows.len());
            self.rows.push(row);
        }
    }

    pub fn remove(&mut self, id: i64) {
        if let Some(i) = self.at.remove(&id) {
            self.rows.swap_remove(i);
            if let Some(moved) = self.rows.get(i) {
                self.at.insert(moved.id, i);
            }
        }
    }

    /// Every record matching `query`, best score first, then most recently updated.
    /// An empty query matches everything (score 0).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let m = self.matches(&Query::new(query), None);
        self.top(&m, usize::MAX)
    }

    /// The best `k` records matching `query` in [`Index::search`] order, and how many
    /// matched in all.
    pub fn search_top(&self, query: &str, k: usize) -> (Vec<Hit>, usize) {
        let m = self.matches(&Query::new(query), None);
        (self.top(&m, k), m.len())
    }

    /// (row, score) of every row matching `q`, scanning only `within` when given (rows that
    /// matched a query `q` narrows). Rows are split between threads, one matcher each.
    fn matches(&self, q: &Query, within: Option<&[u32]>) -> Vec<(u32, i64)> {
        let n = within.map_or(self.rows.len(), <[u32]>::len);
        let run = |lo: usize, hi: usize| -> Vec<(u32, i64)> {
            let matcher = SkimMatcherV2::default().ignore_case();
            let mut out = Vec::new();
            for i in lo..hi {
                let r = within.map_or(i as u32, |w| w[i]);
                if let Some(s) = score::score(&self.rows[r as usize].keys(), q, &matcher) {
                    out.push((r, s));
                }
            }
            out
        };
        let threads = if n < PARALLEL_MIN {
            1
        } else {
            self.threads.max(1)
        };
        if threads == 1 {
            return run(0, n);
        }
        let chunk = n.div_ceil(threads);
        let run = &run;
        thread::scope(|s| {
            let others: Vec<_> = (1..threads)
                .map(|t| s.spawn(move || run((t * chunk).min(n), ((t + 1) * chunk).min(n))))
                .collect();
            let mut out = run(0, chunk.min(n));
            for h in others {
                out.extend(h.join().expect("a search thread panicked"));
            }
            out
        })
    }

    /// The best `k` of `m` as hits: score, then update time, then id, all descending. Selects
    /// before sorting, so a common query's many hits cost little.
    fn top(&self, m: &[(u32, i64)], k: usize) -> Vec<Hit> {
        let mut keyed: Vec<(i64, u64, i64)> = m
            .iter()
            .map(|&(r, s)| {
                let row = &self.rows[r as usize];
                (s, row.stamp, row.id)
            })
            .collect();
        let desc = |a: &(i64, u64, i64), b: &(i64, u64, i64)| b.cmp(a);
        if keyed.len() > k && k > 0 {
            keyed.select_nth_unstable_by(k - 1, desc);
        }
        keyed.truncate(k);
        keyed.sort_unstable_by(desc);
        keyed
            .into_iter()
            .map(|(score, _, id)| Hit { id, score })
            .collect()
    }
}

#[cfg(test)]
mod tests;
