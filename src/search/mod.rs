//! Search that understands Chinese: keys precomputed per record (folded script, pinyin,
//! initials) and the matcher that runs over them.
//!
//! [`Index`] holds the keys of one list in memory and answers a query synchronously, scanning
//! with one matcher per core; [`worker::SearchWorker`] runs queries on a thread where the
//! latest query wins and narrows the previous hits as a query grows, so typing never waits.
//! ASCII queries (pinyin, initials, codes) first pass a letter-pair sieve (`sieve.rs`), and
//! the worker scores a common one's candidates best bound first (`bound.rs`), stopping once
//! the hits it sends are settled.
//!
//! This module never reads the database: `crate::db::keys` reads the stored keys and feeds an
//! index ([`Index::load`] at once, or a worker from a loader thread in [`Batch`]es, see
//! [`worker::SearchWorker::spawn_fed`]). [`Index::footprint`] says what an index holds.

mod answer;
mod bound;
mod buffer;
mod bytes;
mod feed;
mod footprint;
mod highlight;
pub mod keys;
mod lacking;
mod load;
mod multi;
mod multi_bound;
mod pace;
mod persist;
mod polyphone;
mod quick;
mod request;
mod scan;
pub mod score;
mod searcher;
mod segment;
mod settle;
mod sieve;
mod slots;
mod term_bounds;
pub mod terms;
mod text;
pub mod worker;

use std::cmp::Reverse;
use std::thread;

use buffer::{Column, Scope};
pub use footprint::Footprint;
pub use highlight::highlight;
use keys::SearchKeys;
pub use load::Batch;
use score::Query;
pub use text::Shared;

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
/// The same for rows picked one by one (each read apart from its neighbours, so dearer).
const PARALLEL_MIN_PICKED: usize = 1024;

/// The search keys of one list, in memory. Rows live in slots; an edit appends a slot and
/// retires the old one, and retired slots are dropped once they outnumber the live ones.
///
/// Equal scores order by update time, newest first, then by id, lowest first: the order in
/// which [`crate::db::keys`] reads a list, so rows loaded first are those an empty query
/// shows first.
#[derive(Debug, Default, Clone)]
pub struct Index {
    ids: Vec<i64>,
    stamps: Vec<u64>,
    alive: Vec<bool>,
    fold: Column,
    initials: Column,
    pinyin: Column,
    /// Live slots.
    live: usize,
    /// The live slots by id, built when an edit first needs it (a bulk load never does).
    by_id: Option<Vec<u32>>,
    /// Letter and letter-pair sets that narrow ASCII queries before scoring.
    sieve: sieve::Sieve,
    /// Per slot, what bounds its score for an ASCII query.
    heads: Vec<bound::Head>,
    /// Rows the whole list holds, when known ([`Index::expect`]): buffers grow to it at once.
    planned: usize,
    /// Every slot, most recently updated first (then lowest id first), dead ones included.
    by_stamp: Vec<u32>,
    threads: usize,
    /// Bounds leave out what may come second in a match starting a field (as before they
    /// knew it): only to measure what that saves ([`Index::loose_bounds`]).
    loose: bool,
}

impl Index {
    /// An index holding nothing yet, filled by [`Index::append`].
    pub fn empty() -> Index {
        let threads = thread::available_parallelism().map_or(1, |n| n.get().min(4));
        Index {
            threads,
            ..Index::default()
        }
    }

    /// Scans with `n` threads (at least one); the default is one per core, up to four.
    pub fn with_threads(mut self, n: usize) -> Index {
        self.threads = n.max(1);
        self
    }

    /// Bounds as they were before they knew what may come second in a match starting a
    /// field, to measure what that knowledge saves (examples/bound_gain.rs); answers are the
    /// same either way.
    #[doc(hidden)]
    pub fn loose_bounds(mut self, loose: bool) -> Index {
        self.loose = loose;
        self
    }

    /// Live records.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    fn slots(&self) -> u32 {
        self.ids.len() as u32
    }

    /// Every record matching `query`, best score first, then most recently updated.
    /// An empty query matches everything (score 0).
    ///
    /// Space-separated terms must all match ([`terms`]); a query of one term matches it in
    /// the folded text, by pinyin, or fuzzily.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let m = self.all_matches(query);
        self.top(&m, usize::MAX)
    }

    /// The best `k` records matching `query` in [`Index::search`] order, and how many
    /// matched in all.
    pub fn search_top(&self, query: &str, k: usize) -> (Vec<Hit>, usize) {
        let m = self.all_matches(query);
        (self.top(&m, k), m.len())
    }

    /// [`Index::search_top`] that leaves tier 3 (fuzzy, which ranks below tiers 1–2 and costs
    /// the most) out once tiers 1–2 found `k`: the hits are the same; the count is then of
    /// tiers 1–2 only, a lower bound (false).
    pub fn search_best(&self, query: &str, k: usize) -> (Vec<Hit>, usize, bool) {
        let all = Scope::Range(0, self.slots());
        let plan = self.plan(query);
        let Some(q) = plan.single() else {
            let m = self.multi(&plan, all);
            return (self.top(&m, k), m.len(), true);
        };
        // A common ASCII query scores its candidates best bound first and stops once the
        // best k are settled (then only those are counted).
        let (mut m, candidates) = self.near_best(
            q,
            all,
            k,
            &request::Stop::never(),
            &mut term_bounds::TermBounds::default(),
        );
        let complete = candidates.is_none() && (m.len() < k || !q.fuzzy);
        if complete {
            m.extend(self.far(q, all, &m));
        }
        (self.top(&m, k), m.len(), complete)
    }

    /// Every (slot, score) matching `query`, all tiers.
    fn all_matches(&self, query: &str) -> Vec<(u32, i64)> {
        let all = Scope::Range(0, self.slots());
        let plan = self.plan(query);
        let Some(q) = plan.single() else {
            return self.multi(&plan, all);
        };
        let mut m = self.near(q, all);
        m.extend(self.far(q, all, &m));
        m
    }

    /// Runs `f` over `scope`, split between threads when it is large.
    fn par<T: Send>(&self, scope: Scope, f: impl Fn(Scope) -> Vec<T> + Sync) -> Vec<T> {
        let min = match scope {
            Scope::Range(..) => PARALLEL_MIN,
            Scope::Rows(_) => PARALLEL_MIN_PICKED,
        };
        if self.threads <= 1 || scope.len() < min {
            return f(scope);
        }
        let parts = scope.split(self.threads);
        let f = &f;
        thread::scope(|s| {
            let others: Vec<_> = parts[1..].iter().map(|&p| s.spawn(move || f(p))).collect();
            let mut out = f(parts[0]);
            for h in others {
                out.extend(h.join().expect("a search thread panicked"));
            }
            out
        })
    }

    /// (slot, score) of the live rows in `scope` matching tier 1 or 2 (substring of the
    /// folded text, of the initials, or pinyin syllable prefixes), in slot order. An empty
    /// query matches every row with score 0.
    fn near(&self, q: &Query, scope: Scope) -> Vec<(u32, i64)> {
        if q.is_empty() {
            return match scope {
                Scope::Range(lo, hi) => (lo..hi).filter(|&s| self.alive[s as usize]).collect(),
                Scope::Rows(r) => r.to_vec(),
            }
            .into_iter()
            .map(|s| (s, 0))
            .collect();
        }
        let n = scan::Needles::new(q);
        if let Some(bits) = self.sieve.near(q, self.slots()) {
            let rows = Self::within(&bits, scope);
            return self.par(Scope::Rows(&rows), |part| scan::near(self, q, &n, part));
        }
        self.par(scope, |part| scan::near(self, q, &n, part))
    }

    /// The slots of `bits` within `scope`, in order.
    fn within(bits: &[u64], scope: Scope) -> Vec<u32> {
        match scope {
            Scope::Range(lo, hi) => sieve::slots_in(bits, lo, hi),
            Scope::Rows(r) => r.iter().copied().filter(|&s| sieve::has(bits, s)).collect(),
        }
    }

    /// (slot, score) of the live rows in `scope`, not in `near`, matching tier 3 only.
    fn far(&self, q: &Query, scope: Scope, near: &[(u32, i64)]) -> Vec<(u32, i64)> {
        if !q.fuzzy {
            return Vec::new();
        }
        let mut skip = vec![0u64; (self.slots() as usize).div_ceil(64)];
        for &(s, _) in near {
            skip[s as usize / 64] |= 1 << (s % 64);
        }
        if let Some(mut bits) = self.sieve.far(q, self.slots()) {
            for (b, k) in bits.iter_mut().zip(&skip) {
                *b &= !k;
            }
            let rows = Self::within(&bits, scope);
            return self.par(Scope::Rows(&rows), |part| scan::far(self, q, part, &skip));
        }
        let skip = &skip;
        self.par(scope, |part| scan::far(self, q, part, skip))
    }

    /// The rank of match `(s, score)`: higher is better (score, then update time, then the
    /// lower id).
    fn rank(&self, (s, score): (u32, i64)) -> (i64, u64, Reverse<i64>) {
        (
            score,
            self.stamps[s as usize],
            Reverse(self.ids[s as usize]),
        )
    }

    /// The best `k` of `m` as hits, by [`Index::rank`]. Selects before sorting, so a common
    /// query's many hits cost little.
    fn top(&self, m: &[(u32, i64)], k: usize) -> Vec<Hit> {
        let mut keyed: Vec<_> = m.iter().map(|&x| self.rank(x)).collect();
        let desc = |a: &(i64, u64, Reverse<i64>), b: &(i64, u64, Reverse<i64>)| b.cmp(a);
        if keyed.len() > k && k > 0 {
            keyed.select_nth_unstable_by(k - 1, desc);
        }
        keyed.truncate(k);
        keyed.sort_unstable_by(desc);
        keyed
            .into_iter()
            .map(|(score, _, Reverse(id))| Hit { id, score })
            .collect()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_load;
#[cfg(test)]
mod tests_sieve;
#[cfg(test)]
mod tests_terms;
