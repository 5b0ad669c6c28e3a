//! The desk's background work: the rows of both lists streamed in after the first frame, and
//! each list's search index built on its own thread. A query typed before an index is ready
//! waits here and goes out the moment it is; edits made meanwhile are replayed into it.

use std::sync::mpsc::{Receiver, sync_channel};

use crate::store::Sql;

use crate::db::location::Location;
use crate::db::{Db, records};
use crate::domain::Kind;
use crate::search::worker::{Answer, SearchWorker};
use crate::search::{Entry, Index};
use crate::tui::action::Action;

/// Rows per chunk of the initial load: large enough to cost few messages, small enough that
/// the loop applies one between two keys.
const CHUNK: usize = 5_000;
/// Chunks read ahead of the loop. The reader waits beyond that: read faster than the loop
/// takes them in, every row would sit in the channel at full size at once (a third of the
/// desk's peak memory at 100,000 records).
const AHEAD: usize = 2;

/// A read-only connection of its own for a background thread (a file falls back to an
/// immutable open on read-only media, where the WAL index cannot be made).
fn open_reader(at: &Location) -> anyhow::Result<Box<dyn Sql + Send>> {
    Ok(at.open_reader()?)
}

/// Whether other threads can open the database (an in-memory one they cannot).
pub fn has_file(db: &Db) -> bool {
    db.location().shareable()
}

/// Streams every row of both lists, newest first, as `RowsLoaded` actions.
pub fn load_rows(at: Location) -> Receiver<Action> {
    let (tx, rx) = sync_channel(AHEAD);
    std::thread::spawn(move || {
        let run = || -> anyhow::Result<()> {
            let conn = open_reader(&at)?;
            for kind in [Kind::Demand, Kind::Achievement] {
                records::each_row(&conn, kind, CHUNK, |rows| {
                    tx.send(Action::RowsLoaded {
                        kind,
                        rows,
                        done: false,
                    })
                    .is_ok()
                })?;
                let _ = tx.send(Action::RowsLoaded {
                    kind,
                    rows: Vec::new(),
                    done: true,
                });
            }
            Ok(())
        };
        if let Err(e) = run() {
            let _ = tx.send(Action::Failed(crate::sanitize::one_line(&format!("{e:#}"))));
        }
    });
    rx
}

/// Runs the quick check on its own connection and sends whether the file is sound, or None
/// when it could not be opened to check (then the first write runs the check itself).
/// (None at once for the shared database: the server checks its own pages.)
pub fn quick_check(at: Location) -> Receiver<Option<bool>> {
    let (tx, rx) = sync_channel(1);
    std::thread::spawn(move || {
        let sound = open_reader(&at)
            .ok()
            .and_then(|conn| conn.as_sqlite().map(crate::db::check::quick_ok));
        let _ = tx.send(sound);
    });
    rx
}

/// One list's search worker. It answers at once over the rows its index holds and refines the
/// answer by itself as the index fills (`Answer::coverage`).
pub struct Search(SearchWorker);

impl Search {
    /// A worker over an index loaded here and now (in-memory databases, tests).
    pub fn now(db: &Db, kind: Kind) -> anyhow::Result<Search> {
        Ok(Search(SearchWorker::spawn(Index::load(db.conn(), kind)?)))
    }

    /// A worker that answers at once over the rows loaded so far, newest first, while a
    /// loader thread with its own connection fills its index (or hands it the cached one
    /// whole); it refines its answer as the index grows.
    pub fn build(at: Location, kind: Kind) -> Search {
        let (worker, feed) = SearchWorker::spawn_fed(crate::search::worker::DEFAULT_LIMIT);
        crate::db::index_cache::spawn_desk_loader(at, kind, crate::paths::cache_dir(), feed);
        Search(worker)
    }

    /// Shares first pages with the other list's worker ([`crate::search::worker::Pages`]).
    pub fn pace_with(&mut self, pages: &crate::search::worker::Pages) {
        self.0.pace_with(pages);
    }

    fn worker(&self) -> &SearchWorker {
        &self.0
    }

    /// Sends `query`; `every`: all hits, not only the best.
    pub fn query(&mut self, seq: u64, query: &str, every: bool) {
        if every {
            self.worker().query_every(seq, query);
        } else {
            self.worker().query(seq, query);
        }
    }

    pub fn upsert(&mut self, entry: Entry) {
        self.worker().upsert(entry);
    }

    pub fn remove(&mut self, id: i64) {
        self.worker().remove(id);
    }

    /// The next answer, if one arrived; a loader that failed comes back as the message.
    pub fn poll(&mut self) -> Result<Option<Answer>, String> {
        match self.worker().try_recv() {
            Some(a) => match &a.coverage.failed {
                Some(why) => Err(why.clone()),
                None => Ok(Some(a)),
            },
            None => Ok(None),
        }
    }

    /// Waits for the next answer (tests).
    pub fn recv(&mut self) -> Option<Answer> {
        self.worker().recv()
    }
}
