//! Searches on a worker thread: the UI sends each keystroke's query and keeps drawing; the
//! worker drops queries that a newer one has overtaken, so the latest query always wins. It
//! remembers the hits of recent queries: when a query grows at its end only those rows can
//! match, so later keystrokes scan a fraction of the list.
//!
//! Tiers 1–2 (substring, initials, syllable prefixes) are cheap and always computed. Tier 3
//! (fuzzy) ranks below them and costs an order of magnitude more, so it runs only when tiers
//! 1–2 found fewer rows than the worker sends: above that the hits sent are the same, and
//! [`Answer::total`] counts tiers 1–2 only (the list shows it as "N+").

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use super::score::Query;
use super::{Entry, Hit, Index, Scope};

/// Hits sent per answer by [`SearchWorker::spawn`]: more than a list can show or anyone
/// scrolls; [`Answer::total`] says how many matched.
pub const DEFAULT_LIMIT: usize = 1000;

/// Recent queries whose hits are remembered (backspace then retyping also reuses them).
const REMEMBERED: usize = 8;

/// A message to the worker.
enum Request {
    /// `every`: all hits, not only the worker's limit.
    Query {
        seq: u64,
        query: String,
        every: bool,
    },
    Upsert(Entry),
    Remove(i64),
}

/// Results of one query.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The sequence number given to [`SearchWorker::query`].
    pub seq: u64,
    pub query: String,
    /// The best hits, best first, at most the worker's limit.
    pub hits: Vec<Hit>,
    /// How many records matched in all; when tiers 1–2 alone filled `hits` to the limit,
    /// how many matched tiers 1–2, or of those how many were scored before no other could
    /// enter `hits` (a lower bound either way, see `complete`).
    pub total: usize,
    /// `total` counts every match (tier 3 included); false when it counts tiers 1–2 only.
    pub complete: bool,
}

/// Owns an [`Index`] on its own thread.
pub struct SearchWorker {
    tx: Sender<Request>,
    rx: Receiver<Answer>,
}

/// The worker's state: the index and the rows recent queries matched.
struct Searcher {
    index: Index,
    limit: usize,
    recent: VecDeque<Memo>,
}

/// The rows one recent query matched.
struct Memo {
    q: Query,
    /// In slot order; may hold rows that do not match (candidates never scored).
    rows: Vec<u32>,
    /// Tier 3 was scanned too, so `rows` holds every match (else tiers 1–2 only).
    complete: bool,
}

impl Searcher {
    fn answer(&mut self, seq: u64, query: String, every: bool) -> Answer {
        let limit = if every { usize::MAX } else { self.limit };
        let q = Query::new(&query);
        let all = Scope::Range(0, self.index.slots());
        // Tiers 1–2 of a longer query lie within any earlier match set of its prefixes;
        // tier 3 only within a complete one. Scans cost per row looked at, so even a large
        // earlier set (kept in slot order, as memory lies) beats scanning every row.
        let base = |complete: bool| {
            self.recent
                .iter()
                .filter(|m| (m.complete || !complete) && q.narrows(&m.q))
                .min_by_key(|m| m.rows.len())
                .map_or(all, |m| Scope::Rows(&m.rows))
        };
        // A common ASCII query may come back with only its best matches (all the list can
        // show) and the candidates they were found among.
        let (mut m, candidates) = self.index.near_best(&q, base(false), limit);
        let complete = candidates.is_none() && (!q.fuzzy || m.len() < limit);
        if complete {
            let far = self.index.far(&q, base(true), &m);
            m.extend(far);
        }
        let hits = self.index.top(&m, limit);
        let total = m.len();
        if !q.is_empty() {
            self.recent.retain(|prev| prev.q != q);
            if self.recent.len() == REMEMBERED {
                self.recent.pop_back();
            }
            // Every match of a longer query lies among the candidates, so narrowing holds.
            let rows = candidates.unwrap_or_else(|| {
                let mut rows: Vec<u32> = m.into_iter().map(|(r, _)| r).collect();
                rows.sort_unstable();
                rows
            });
            self.recent.push_front(Memo { q, rows, complete });
        }
        Answer {
            seq,
            query,
            hits,
            total,
            complete,
        }
    }

    fn edit(&mut self, req: Request) {
        // Row positions and matches change: remembered hits no longer hold.
        self.recent.clear();
        match req {
            Request::Upsert(e) => self.index.upsert(e),
            Request::Remove(id) => self.index.remove(id),
            Request::Query { .. } => {}
        }
    }
}

impl SearchWorker {
    /// A worker answering with at most [`DEFAULT_LIMIT`] hits.
    pub fn spawn(index: Index) -> SearchWorker {
        SearchWorker::spawn_with_limit(index, DEFAULT_LIMIT)
    }

    /// A worker answering with at most `limit` hits (`usize::MAX` for all).
    pub fn spawn_with_limit(index: Index, limit: usize) -> SearchWorker {
        let (tx, req_rx) = mpsc::channel::<Request>();
        let (ans_tx, rx) = mpsc::channel::<Answer>();
        let mut s = Searcher {
            index,
            limit,
            recent: VecDeque::new(),
        };
        thread::Builder::new()
            .name("duijie-search".into())
            .spawn(move || {
                while let Ok(first) = req_rx.recv() {
                    // Drain what is queued: apply every edit, keep only the newest query.
                    let mut latest = None;
                    let mut next = Some(first);
                    while let Some(req) = next {
                        match req {
                            Request::Query { seq, query, every } => {
                                latest = Some((seq, query, every));
                            }
                            edit => s.edit(edit),
                        }
                        next = req_rx.try_recv().ok();
                    }
                    if let Some((seq, query, every)) = latest
                        && ans_tx.send(s.answer(seq, query, every)).is_err()
                    {
                        return;
                    }
                }
            })
            .expect("spawning the search thread");
        SearchWorker { tx, rx }
    }

    /// Asks for `query`; the answer arrives later through [`SearchWorker::try_recv`].
    pub fn query(&self, seq: u64, query: &str) {
        let _ = self.tx.send(Request::Query {
            seq,
            query: query.to_string(),
            every: false,
        });
    }

    /// [`SearchWorker::query`] answered with every hit, however many: the desk asks so when
    /// filters will narrow the hits, so that none beyond the limit is lost.
    pub fn query_every(&self, seq: u64, query: &str) {
        let _ = self.tx.send(Request::Query {
            seq,
            query: query.to_string(),
            every: true,
        });
    }

    pub fn upsert(&self, entry: Entry) {
        let _ = self.tx.send(Request::Upsert(entry));
    }

    pub fn remove(&self, id: i64) {
        let _ = self.tx.send(Request::Remove(id));
    }

    /// The newest answer waiting, if any (older ones are skipped).
    pub fn try_recv(&self) -> Option<Answer> {
        let mut last = None;
        loop {
            match self.rx.try_recv() {
                Ok(a) => last = Some(a),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return last,
            }
        }
    }

    /// Blocks for the next answer (tests and benchmarks).
    pub fn recv(&self) -> Option<Answer> {
        self.rx.recv().ok()
    }
}
