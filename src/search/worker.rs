//! Searches on a worker thread: the UI sends each keystroke's query and keeps drawing; the
//! worker drops queries that a newer one has overtaken, so the latest query always wins. It
//! remembers the hits of recent queries: when a query grows at its end only those rows can
//! match, so later keystrokes scan a fraction of the list.
//!
//! A query is answered first with a page of hits ([`FIRST_PAGE`], more than a list shows),
//! then, when it matched more, with every hit up to the limit ([`Answer::more`] tells the
//! first apart). The best page of a common query settles after scoring a few hundred rows,
//! the best thousand only after most. An answer still working when a newer query is asked
//! gives up (between chunks of rows), so a typist never waits for hits nobody will see.
//!
//! Tiers 1–2 (substring, initials, syllable prefixes) are cheap and always computed. Tier 3
//! (fuzzy) ranks below them and costs an order of magnitude more, so it runs only when tiers
//! 1–2 found fewer rows than the worker sends: above that the hits sent are the same, and
//! [`Answer::total`] counts tiers 1–2 only (the list shows it as "N+").
//!
//! A worker may also start empty and fill while it answers ([`SearchWorker::spawn_fed`]): a
//! loader sends [`super::Batch`]es through a [`Feed`], newest rows first; each answer says how much
//! of the list it covered ([`Coverage`]), and the worker answers the latest query again by
//! itself as the index grows (each time it has doubled, and once complete), so the screen
//! refines without a key press. A query asked before any row has arrived is answered when the
//! first rows do.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

pub use super::answer::{Answer, Coverage};
pub use super::feed::Feed;
pub use super::pace::Pages;
use super::pace::{HOLD_MOST, PageOwed};
use super::request::{Request, Stop};
use super::searcher::Searcher;
use super::{Entry, Index};

/// Hits sent per answer by [`SearchWorker::spawn`]: more than a list can show or anyone
/// scrolls; [`Answer::total`] says how many matched.
pub const DEFAULT_LIMIT: usize = 1000;

/// A query's first answer holds at most this many hits (a screenful and more): when a common
/// query matches most rows, the best 1,000 cost several times the best 64 (the 1,000th best
/// is too low to stop early on). The rest of [`DEFAULT_LIMIT`] follows in a second answer
/// unless a newer query came meanwhile.
pub const FIRST_PAGE: usize = 64;

/// A list larger than twice this is answered first over its newest this many rows, marked
/// partial in [`Answer::coverage`], then over every row unless a newer query came meanwhile.
/// Smaller lists are answered over every row at once. Since a first answer is one page, the
/// quick one no longer pays at the desk's sizes: at 500,000 rows a list (a million records)
/// it cost more than it showed early (key_cost, both lists, p99 of a key's first answer over
/// every row: 110-119 ms with it at 200,000, 69 ms without). It stays for larger lists.
pub const QUICK_ROWS: usize = 1_000_000;

/// Batches a loader may send before the worker has taken them in: it waits beyond that, so
/// a fast reader never queues a whole list in memory.
const BATCHES_AHEAD: usize = 2;

/// Owns an [`Index`] on its own thread.
pub struct SearchWorker {
    tx: Sender<Request>,
    rx: Receiver<Answer>,
    /// Queries asked so far: an answer still working when this moves on gives up.
    asked: Arc<AtomicU64>,
    /// First pages owed by this worker and those it shares them with ([`super::pace`]).
    pages: Pages,
}

/// The latest query asked.
struct Asked {
    seq: u64,
    query: String,
    every: bool,
    /// Gives its answer up once a newer query is asked.
    stop: Stop,
    /// Its answer is still owed (asked since, or the index grew enough since).
    owed: bool,
    /// Rows held when it was last answered.
    answered_over: usize,
    sent: Sent,
    /// Its first answer over every row is owed (dropped once sent).
    page: Option<PageOwed>,
    /// The pages it is owed among (shared with the other workers asked the same keystroke).
    pages: Pages,
    /// When its first page went out.
    paged_at: Option<Instant>,
}

impl Asked {
    /// Whether its rest waits: its page is out and another worker's is still owed.
    fn holds_rest(&self) -> bool {
        self.owed && self.pages.owed() && self.paged_at.is_some_and(|at| at.elapsed() < HOLD_MOST)
    }
}

/// The partial answers already sent for the latest query.
#[derive(Default)]
struct Sent {
    /// A quick answer over the newest rows; the full one is owed next.
    quick: bool,
    /// The first page; the answer with every hit up to the limit is owed next.
    page: bool,
}

/// The worker's loop: applies edits and rows in order, keeps only the newest query, and
/// answers it once nothing else waits, or between two batches of a load.
fn run(
    mut s: Searcher,
    req_rx: &Receiver<Request>,
    ans_tx: &Sender<Answer>,
    room: &SyncSender<()>,
    count: &Arc<AtomicU64>,
) {
    let mut asked: Option<Asked> = None;
    loop {
        let owed = asked.as_ref().is_some_and(|a| a.owed) && s.can_answer();
        let req = if asked.as_ref().is_some_and(Asked::holds_rest) {
            // Another list's first page is owed: this one's rest waits, taking messages.
            match req_rx.recv_timeout(Duration::from_millis(1)) {
                Ok(r) => Some(r),
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else if owed {
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
            Some(Request::Query {
                seq,
                query,
                every,
                asked: n,
                page,
            }) => {
                asked = Some(Asked {
                    seq,
                    query,
                    every,
                    stop: Stop::unless_asked_after(count, n),
                    owed: true,
                    answered_over: 0,
                    sent: Sent::default(),
                    pages: page.pages(),
                    page: Some(page),
                    paged_at: None,
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
                    && ((rows && s.len() >= 2 * a.answered_over.max(1)) || done)
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
            // A large list gets a quick answer first, over its newest rows; then the first
            // page over every row, then every hit up to the limit, each once nothing newer
            // waits (the loop drains the queue before coming back here).
            let quick = !a.sent.quick && s.len() > 2 * s.quick_rows();
            a.sent.quick |= quick;
            let page = !quick && !a.sent.page && !a.every && s.limit() > FIRST_PAGE;
            a.sent.page |= page;
            a.owed = quick || page;
            a.answered_over = s.len();
            let limit = match (a.every, quick || page) {
                (true, _) => usize::MAX,
                (false, true) => FIRST_PAGE.min(s.limit()),
                (false, false) => s.limit(),
            };
            let mut answer = s.answer(a.seq, a.query.clone(), limit, quick, &a.stop);
            if a.stop.now() {
                // A newer query was asked: it is answered next; the hits found so far may be
                // short of the truth and are not sent.
                s.forget();
                continue;
            }
            // A first page that holds every match (tier 3 included) is the whole answer.
            answer.more = page && (answer.total > answer.hits.len() || !answer.complete);
            a.owed &= quick || answer.more;
            if ans_tx.send(answer).is_err() {
                return;
            }
            if !quick && a.page.take().is_some() {
                a.paged_at = Some(Instant::now());
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
        let s = Searcher::new(index, limit, coverage, quick_rows);
        let room = room_tx.clone();
        let asked = Arc::new(AtomicU64::new(0));
        let count = Arc::clone(&asked);
        thread::Builder::new()
            .name("duijie-search".into())
            .spawn(move || run(s, &req_rx, &ans_tx, &room, &count))
            .expect("spawning the search thread");
        let pages = Pages::new();
        (
            SearchWorker {
                tx,
                rx,
                asked,
                pages,
            },
            (room_tx, room_rx),
        )
    }

    /// Shares `pages` with other workers answering the same keystrokes (the desk's two
    /// lists): a rest waits while another's first page is owed ([`super::pace`]).
    pub fn pace_with(&mut self, pages: &Pages) {
        self.pages = pages.clone();
    }

    /// Asks for `query`; the answer arrives later through [`SearchWorker::try_recv`].
    pub fn query(&self, seq: u64, query: &str) {
        self.ask(seq, query, false);
    }

    /// [`SearchWorker::query`] answered with every hit, however many: the desk asks so when
    /// filters will narrow the hits, so that none beyond the limit is lost.
    pub fn query_every(&self, seq: u64, query: &str) {
        self.ask(seq, query, true);
    }

    fn ask(&self, seq: u64, query: &str, every: bool) {
        // Counted before it is sent: an answer still working gives up at once.
        let asked = self.asked.fetch_add(1, Ordering::Relaxed) + 1;
        let _ = self.tx.send(Request::Query {
            seq,
            query: query.to_string(),
            every,
            asked,
            page: self.pages.owe(),
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
