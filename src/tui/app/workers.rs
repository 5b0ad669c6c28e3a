//! The desk's background work: the rows of both lists streamed in after the first frame, and
//! each list's search index built on its own thread. A query typed before an index is ready
//! waits here and goes out the moment it is; edits made meanwhile are replayed into it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::db::{Db, records};
use crate::domain::Kind;
use crate::search::worker::{Answer, SearchWorker};
use crate::search::{Entry, Index};
use crate::tui::action::Action;

/// Rows per chunk of the initial load: large enough to cost few messages, small enough that
/// the loop applies one between two keys.
const CHUNK: usize = 20_000;

/// A read-only connection of its own for a background thread.
fn open_reader(path: &Path) -> anyhow::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// Whether the database is a file other threads can open (an in-memory one is not).
pub fn has_file(db: &Db) -> bool {
    db.path().as_os_str() != ":memory:"
}

/// Streams every row of both lists, newest first, as `RowsLoaded` actions.
pub fn load_rows(path: PathBuf) -> Receiver<Action> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let run = || -> anyhow::Result<()> {
            let conn = open_reader(&path)?;
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

/// A query waiting for its index.
#[derive(Debug, Clone)]
pub struct Waiting {
    seq: u64,
    query: String,
    every: bool,
}

/// One list's search: its worker, or the index still being built.
pub enum Search {
    Ready(SearchWorker),
    Building {
        index: Receiver<anyhow::Result<Index>>,
        waiting: Option<Waiting>,
        /// Edits made while the index was built from the rows as they were.
        upserts: Vec<Entry>,
        removes: Vec<i64>,
    },
}

impl Search {
    /// A worker over an index loaded here and now (in-memory databases, tests).
    pub fn now(db: &Db, kind: Kind) -> anyhow::Result<Search> {
        Ok(Search::Ready(SearchWorker::spawn(Index::load(
            db.conn(),
            kind,
        )?)))
    }

    /// Builds the index of `kind` on a thread of its own, with its own connection.
    pub fn build(path: PathBuf, kind: Kind) -> Search {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let index = open_reader(&path).and_then(|c| Ok(Index::load(&c, kind)?));
            let _ = tx.send(index);
        });
        Search::Building {
            index: rx,
            waiting: None,
            upserts: Vec::new(),
            removes: Vec::new(),
        }
    }

    /// Sends `query`, or keeps it (only the latest) until the index is ready.
    pub fn query(&mut self, seq: u64, query: &str, every: bool) {
        match self {
            Search::Ready(w) if every => w.query_every(seq, query),
            Search::Ready(w) => w.query(seq, query),
            Search::Building { waiting, .. } => {
                *waiting = Some(Waiting {
                    seq,
                    query: query.to_string(),
                    every,
                });
            }
        }
    }

    pub fn upsert(&mut self, entry: Entry) {
        match self {
            Search::Ready(w) => w.upsert(entry),
            Search::Building { upserts, .. } => upserts.push(entry),
        }
    }

    pub fn remove(&mut self, id: i64) {
        match self {
            Search::Ready(w) => w.remove(id),
            Search::Building { removes, .. } => removes.push(id),
        }
    }

    /// Whether queries are answered from a full index yet.
    pub fn is_ready(&self) -> bool {
        matches!(self, Search::Ready(_))
    }

    /// The next answer; starts the worker when its index has just been built. An error while
    /// building comes back as the message to show.
    pub fn poll(&mut self) -> Result<Option<Answer>, String> {
        if let Search::Building {
            index,
            waiting,
            upserts,
            removes,
        } = self
        {
            let built = match index.try_recv() {
                Err(TryRecvError::Empty) => return Ok(None),
                Err(TryRecvError::Disconnected) => Err("the search index thread stopped".into()),
                Ok(r) => r.map_err(|e| format!("{e:#}")),
            };
            let worker = SearchWorker::spawn(built?);
            for e in upserts.drain(..) {
                worker.upsert(e);
            }
            for id in removes.drain(..) {
                worker.remove(id);
            }
            if let Some(w) = waiting.take() {
                if w.every {
                    worker.query_every(w.seq, &w.query);
                } else {
                    worker.query(w.seq, &w.query);
                }
            }
            *self = Search::Ready(worker);
        }
        match self {
            Search::Ready(w) => Ok(w.try_recv()),
            Search::Building { .. } => Ok(None),
        }
    }

    /// Waits for the next answer (tests).
    pub fn recv(&mut self) -> Option<Answer> {
        loop {
            if let Search::Ready(w) = self {
                return w.recv();
            }
            match self.poll() {
                Ok(Some(a)) => return Some(a),
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => return None,
            }
        }
    }
}
