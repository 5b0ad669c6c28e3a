//! Searches on a worker thread: the UI sends each keystroke's query and keeps drawing; the
//! worker drops queries that a newer one has overtaken, so the latest query always wins. It
//! remembers the hits of recent queries: when a query grows at its end only those rows can
//! match, so later keystrokes scan a fraction of the list.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use super::score::Query;
use super::{Entry, Hit, Index};

/// Hits sent per answer by [`SearchWorker::spawn`]: more than a list can show or anyone
/// scrolls; [`Answer::total`] says how many matched.
pub const DEFAULT_LIMIT: usize = 1000;

/// Narrow to a previous query's hits only while they are at most this share of the rows
/// (in per mille): above it a straight scan costs the same and keeps memory order.
const NARROW_MAX_PER_MILLE: usize = 500;

/// Recent queries whose hits are remembered (backspace then retyping also reuses them).
const REMEMBERED: usize = 8;

/// A message to the worker.
enum Request {
    Query { seq: u64, query: String },
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
    /// How many records matched in all.
    pub total: usize,
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
    recent: VecDeque<(Query, Vec<u32>)>,
}

impl Searcher {
    fn answer(&mut self, seq: u64, query: String) -> Answer {
        let q = Query::new(&query);
        let max = self.index.len() * NARROW_MAX_PER_MILLE / 1000;
        let base = self
            .recent
            .iter()
            .filter(|(prev, rows)| q.narrows(prev) && rows.len() <= max)
            .min_by_key(|(_, rows)| rows.len())
            .map(|(_, rows)| rows.as_slice());
        let m = self.index.matches(&q, base);
        let hits = self.index.top(&m, self.limit);
        let total = m.len();
        if !q.is_empty() {
            self.recent.retain(|(prev, _)| *prev != q);
            if self.recent.len() == REMEMBERED {
                self.recent.pop_back();
            }
            self.recent
                .push_front((q, m.into_iter().map(|(r, _)| r).collect()));
        }
        Answer {
            seq,
            query,
            hits,
            total,
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
                            Request::Query { seq, query } => latest = Some((seq, query)),
                            edit => s.edit(edit),
                        }
                        next = req_rx.try_recv().ok();
                    }
                    if let Some((seq, query)) = latest
                        && ans_tx.send(s.answer(seq, query)).is_err()
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
