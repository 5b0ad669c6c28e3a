//! Searches on a worker thread: the UI sends each keystroke's query and keeps drawing; the
//! worker drops queries that a newer one has overtaken, so the latest query always wins. It
//! remembers the hits of recent queries: when a query grows at its end only those rows can
//! match, so later keystrokes scan a fraction of the list.
//!
//! Tiers 1–2 (substring, initials, syllable prefixes) are cheap and always computed. Tier 3
//! (fuzzy) ranks below them and costs an order of magnitude more, so it runs only when tiers
//! 1–2 found fewer rows than the worker sends: above that the hits sent are the same, and
//! [`Answer::total`] counts tiers 1–2 only (the list shows it as "N+").
//!
//! A worker may also start empty and fill while it answers ([`SearchWorker::spawn_fed`]): a
//! loader sends [`Batch`]es through a [`Feed`], newest rows first; each answer says how much
//! of the list it covered ([`Coverage`]), and the worker answers the latest query again by
//! itself as the index grows (each time it has doubled, and once complete), so the screen
//! refines without a key press. A query asked before any row has arrived is answered when the
//! first rows do.

use std::collections::{HashMap, VecDeque};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TryRecvError};
use std::thread;

pub use super::feed::Feed;
use super::quick::{QuickPart, merge, outside};
use super::request::Request;
use super::terms::Plan;
use super::{Entry, Hit, Index, Scope};

/// Hits sent per answer by [`SearchWorker::spawn`]: more than a list can show or anyone
/// scrolls; [`Answer::total`] says how many matched.
pub const DEFAULT_LIMIT: usize = 1000;

/// Recent queries whose hits are remembered (backspace then retyping also reuses them).
const REMEMBERED: usize = 8;

/// A list larger than twice this is answered twice per query: first over its newest this
/// many rows (a fifth of the work at a million), marked partial in [`Answer::coverage`], then
/// over every row unless a newer query came meanwhile. Smaller lists are answered once.
pub const QUICK_ROWS: usize = 200_000;

/// Batches a loader may send before the worker has taken them in: it waits beyond that, so
/// a fast reader never queues a whole list in memory.
const BATCHES_AHEAD: usize = 2;

/// How much of its list the worker's index held when it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Every stored row had been taken in: the hits are those of the whole list.
    pub complete: bool,
    /// Rows held.
    pub loaded: usize,
    /// Rows the list holds, once the loader has counted them.
    pub expected: Option<usize>,
    /// Why loading stopped before the end, if it did: the index then stays partial.
    pub failed: Option<String>,
}

impl Coverage {
    fn whole(loaded: usize) -> Coverage {
        Coverage {
            complete: true,
            loaded,
            expected: Some(loaded),
            failed: None,
        }
    }
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
    /// (Whether the index held the whole list is [`Answer::coverage`].)
    pub complete: bool,
    /// How much of the list the hits were found among.
    pub coverage: Coverage,
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
    coverage: Coverage,
    /// While loading, the last edit of each id (its entry, or None: removed): rows read
    /// before an edit must not undo it, and a whole index handed in at once
    /// ([`Feed::whole`]) gets them again.
    edited: Option<HashMap<i64, Option<Entry>>>,
    /// The newest `quick_rows` live slots, in slot order, once a quick answer needs them.
    newest: Option<Vec<u32>>,
    /// Lists above twice this many rows get a quick answer first ([`QUICK_ROWS`]).
    quick_rows: usize,
    /// What the last quick answer found, for the full answer to the same query.
    quick_part: Option<QuickPart>,
}

/// The rows one recent query matched.
struct Memo {
    plan: Plan,
    /// In slot order; may hold rows that do not match (candidates never scored).
    rows: Vec<u32>,
    /// Tier 3 was scanned too, so `rows` holds every match (else tiers 1–2 only).
    complete: bool,
    /// Found over the newest rows only (a first, quick answer).
    quick: bool,
}

impl Searcher {
    /// Answers `query`, over the newest [`QUICK_ROWS`] rows when `quick`, else every row.
    fn answer(&mut self, seq: u64, query: String, every: bool, quick: bool) -> Answer {
        let limit = if every { usize::MAX } else { self.limit };
        let plan = self.index.plan(&query);
        if quick && self.newest.is_none() {
            self.newest = Some(self.index.newest_slots(self.quick_rows));
        }
        let newest = if quick {
            self.newest.take().unwrap_or_default()
        } else {
            Vec::new()
        };
        let all = if quick {
            Scope::Rows(&newest)
        } else {
            Scope::Range(0, self.index.slots())
        };
        // Tiers 1–2 of a longer query lie within any earlier match set of its prefixes;
        // tier 3 only within a complete one. Scans cost per row looked at, so even a large
        // earlier set (kept in slot order, as memory lies) beats scanning every row.
        let base = |complete: bool| {
            self.recent
                .iter()
                .filter(|m| m.quick == quick && (m.complete || !complete) && plan.narrows(&m.plan))
                .min_by_key(|m| m.rows.len())
                .map_or(all, |m| Scope::Rows(&m.rows))
        };
        let Some(q) = plan.single().cloned() else {
            // Several terms (tiers 1–2 only): every match, or when they are many perhaps only
            // the best, over the rows narrowed by an earlier query where there is one.
            let (m, candidates) = self.index.multi_best(&plan, base(false), limit);
            let complete = candidates.is_none();
            return self.finish(
                seq, query, plan, m, candidates, complete, quick, newest, limit,
            );
        };
        // A common ASCII query may come back with only its best matches (all the list can
        // show) and the candidates they were found among.
        let part = match self.quick_part.take() {
            Some(p) if !quick && p.q == q => Some(p),
            _ => None,
        };
        let (mut m, candidates) = match (part, self.newest.as_deref()) {
            (Some(part), Some(newest)) => {
                let older = outside(base(false), newest, self.index.slots());
                let older = self.index.near_best(&q, Scope::Rows(&older), limit);
                merge((part.m, part.candidates), older)
            }
            _ => self.index.near_best(&q, base(false), limit),
        };
        if quick {
            self.quick_part = Some(QuickPart {
                q: q.clone(),
                m: m.clone(),
                candidates: candidates.clone(),
            });
        }
        let complete = candidates.is_none() && (!q.fuzzy || m.len() < limit);
        if complete {
            let far = self.index.far(&q, base(true), &m);
            m.extend(far);
        }
        self.finish(
            seq, query, plan, m, candidates, complete, quick, newest, limit,
        )
    }

    /// The answer of `plan`'s matches `m`, remembering them for the queries that follow.
    #[allow(clippy::too_many_arguments, reason = "the parts of one answer, named")]
    fn finish(
        &mut self,
        seq: u64,
        query: String,
        plan: Plan,
        m: Vec<(u32, i64)>,
        candidates: Option<Vec<u32>>,
        complete: bool,
        quick: bool,
        newest: Vec<u32>,
        limit: usize,
    ) -> Answer {
        let hits = self.index.top(&m, limit);
        let total = m.len();
        if !plan.terms.is_empty() {
            self.recent
                .retain(|prev| prev.plan != plan || prev.quick != quick);
            if self.recent.len() == REMEMBERED {
                self.recent.pop_back();
            }
            // Every match of a longer query lies among the candidates, so narrowing holds.
            let rows = candidates.unwrap_or_else(|| {
                let mut rows: Vec<u32> = m.into_iter().map(|(r, _)| r).collect();
                rows.sort_unstable();
                rows
            });
            self.recent.push_front(Memo {
                plan,
                rows,
                complete,
                quick,
            });
        }
        let coverage = if quick {
            Coverage {
                complete: false,
                loaded: newest.len(),
                expected: self.coverage.expected.or(Some(self.index.len())),
                failed: self.coverage.failed.clone(),
            }
        } else {
            Coverage {
                loaded: self.index.len(),
                ..self.coverage.clone()
            }
        };
        if quick {
            self.newest = Some(newest);
        }
        Answer {
            seq,
            query,
            hits,
            total,
            complete,
            coverage,
        }
    }

    /// Applies an edit or a loader message.
    fn edit(&mut self, req: Request) {
        // Row positions and matches change: remembered hits no longer hold.
        self.recent.clear();
        self.newest = None;
        self.quick_part = None;
        match req {
            Request::Upsert(e) => {
                if let Some(edits) = &mut self.edited {
                    edits.insert(e.id, Some(e.clone()));
                }
                self.index.upsert(e);
            }
            Request::Remove(id) => {
                if let Some(edits) = &mut self.edited {
                    edits.insert(id, None);
                }
                self.index.remove(id);
            }
            Request::Whole(index) => {
                self.index = *index;
                for (id, e) in self.edited.take().unwrap_or_default() {
                    match e {
                        Some(e) => self.index.upsert(e),
                        None => self.index.remove(id),
                    }
                }
                self.edit(Request::Done(None));
            }
            Request::Rows(batch) => {
                let edited = self.edited.as_ref();
                self.index
                    .append(&batch, |id| edited.is_none_or(|e| !e.contains_key(&id)));
            }
            Request::Expect(n) => {
                self.coverage.expected = Some(n);
                self.index.expect(n);
            }
            Request::Done(failed) => {
                self.edited = None;
                self.index.finish_loading();
                self.coverage.complete = failed.is_none();
                self.coverage.failed = failed;
                if self.coverage.complete {
                    self.coverage.expected = Some(self.index.len());
                }
            }
            Request::Query { .. } => {}
        }
    }

    /// Whether a query can be answered now: not before the first rows of a list still loading.
    fn can_answer(&self) -> bool {
        self.coverage.complete || self.coverage.failed.is_some() || !self.index.is_empty()
    }
}

/// The latest query asked.
struct Asked {
    seq: u64,
    query: String,
    every: bool,
    /// Its answer is still owed (asked since, or the index grew enough since).
    owed: bool,
    /// Rows held when it was last answered.
    answered_over: usize,
    /// A quick answer over the newest rows was sent; the full one is owed next.
    quick_sent: bool,
}

/// The worker's loop: applies edits and rows in order, keeps only the newest query, and
/// answers it once nothing else waits, or between two batches of a load.
fn run(
    mut s: Searcher,
    req_rx: &Receiver<Request>,
    ans_tx: &Sender<Answer>,
    room: &SyncSender<()>,
) {
    let mut asked: Option<Asked> = None;
    loop {
        let owed = asked.as_ref().is_some_and(|a| a.owed) && s.can_answer();
        let req = if owed {
            match req_rx.try_recv() {
                Ok(r) => Some(r),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            }
        } else {
            match req_rx.recv() {
                Ok(r) => Some(r),
                Err(_) => return,
            }
        };
        match req {
            Some(Request::Query { seq, query, every }) => {
                asked = Some(Asked {
                    seq,
                    query,
                    every,
                    owed: true,
                    answered_over: 0,
                    quick_sent: false,
                });
                continue;
            }
            Some(req) => {
                let rows = matches!(req, Request::Rows(_));
                let done = matches!(req, Request::Done(_) | Request::Whole(_));
                s.edit(req);
                if rows {
                    let _ = room.try_send(());
                }
                if let Some(a) = &mut asked
                    && ((rows && s.index.len() >= 2 * a.answered_over.max(1)) || done)
                {
                    a.owed = true;
                }
                // Between batches an owed answer goes first; other messages drain before it.
                if !rows {
                    continue;
                }
            }
            None => {}
        }
        if let Some(a) = &mut asked
            && a.owed
            && s.can_answer()
        {
            // A large list gets a quick answer first; the full one follows once nothing
            // newer waits (the loop drains the queue before coming back here).
            let quick = !a.quick_sent && s.index.len() > 2 * s.quick_rows;
            a.quick_sent |= quick;
            a.owed = quick;
            a.answered_over = s.index.len();
            if ans_tx
                .send(s.answer(a.seq, a.query.clone(), a.every, quick))
                .is_err()
            {
                return;
            }
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
        let coverage = Coverage::whole(index.len());
        SearchWorker::start(index, limit, coverage).0
    }

    /// A worker that starts empty and fills from the [`Feed`] returned beside it, answering
    /// over what it holds meanwhile (see the module notes). The caller hands the feed to a
    /// loader thread, e.g. [`crate::db::keys::spawn_loader`]; nothing here blocks the caller.
    pub fn spawn_fed(limit: usize) -> (SearchWorker, Feed) {
        let coverage = Coverage {
            complete: false,
            loaded: 0,
            expected: None,
            failed: None,
        };
        let (worker, room) = SearchWorker::start(Index::empty(), limit, coverage);
        let (room_tx, room_rx) = room;
        for _ in 0..BATCHES_AHEAD {
            let _ = room_tx.try_send(());
        }
        let feed = Feed {
            tx: worker.tx.clone(),
            room: room_rx,
            done: false,
        };
        (worker, feed)
    }

    /// [`SearchWorker::spawn_with_limit`] with quick answers over the newest `quick_rows`
    /// rows once the list holds more than twice that (tests use small lists).
    #[cfg(test)]
    pub(super) fn spawn_quick(index: Index, limit: usize, quick_rows: usize) -> SearchWorker {
        let coverage = Coverage::whole(index.len());
        SearchWorker::start_with(index, limit, coverage, quick_rows).0
    }

    fn start(
        index: Index,
        limit: usize,
        coverage: Coverage,
    ) -> (SearchWorker, (SyncSender<()>, Receiver<()>)) {
        SearchWorker::start_with(index, limit, coverage, QUICK_ROWS)
    }

    fn start_with(
        index: Index,
        limit: usize,
        coverage: Coverage,
        quick_rows: usize,
    ) -> (SearchWorker, (SyncSender<()>, Receiver<()>)) {
        let (tx, req_rx) = mpsc::channel::<Request>();
        let (ans_tx, rx) = mpsc::channel::<Answer>();
        let (room_tx, room_rx) = mpsc::sync_channel::<()>(BATCHES_AHEAD);
        let edited = (!coverage.complete).then(HashMap::new);
        let s = Searcher {
            index,
            limit,
            recent: VecDeque::new(),
            coverage,
            edited,
            newest: None,
            quick_rows,
            quick_part: None,
        };
        let room = room_tx.clone();
        thread::Builder::new()
            .name("duijie-search".into())
            .spawn(move || run(s, &req_rx, &ans_tx, &room))
            .expect("spawning the search thread");
        (SearchWorker { tx, rx }, (room_tx, room_rx))
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
