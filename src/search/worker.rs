//! Searches on a worker thread: the UI sends each keystroke's query and keeps drawing; the
//! worker drops queries that a newer one has overtaken, so the latest query always wins.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use super::{Entry, Hit, Index};

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
    pub hits: Vec<Hit>,
}

/// Owns an [`Index`] on its own thread.
pub struct SearchWorker {
    tx: Sender<Request>,
    rx: Receiver<Answer>,
}

impl SearchWorker {
    pub fn spawn(mut index: Index) -> SearchWorker {
        let (tx, req_rx) = mpsc::channel::<Request>();
        let (ans_tx, rx) = mpsc::channel::<Answer>();
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
                            Request::Upsert(e) => index.upsert(e),
                            Request::Remove(id) => index.remove(id),
                        }
                        next = req_rx.try_recv().ok();
                    }
                    if let Some((seq, query)) = latest {
                        let hits = index.search(&query);
                        if ans_tx.send(Answer { seq, query, hits }).is_err() {
                            return;
                        }
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
