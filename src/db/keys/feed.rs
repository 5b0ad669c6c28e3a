//! Feeding the search from the stored keys: a loader thread with its own connection that
//! sends every batch to a search worker, and an index loaded at once.

use std::path::Path;
use std::thread::JoinHandle;

use rusqlite::Connection;

use super::read_batches;
use crate::db::DbResult;
use crate::domain::Kind;
use crate::search::Index;
use crate::search::worker::{DEFAULT_LIMIT, Feed, SearchWorker};
use crate::store::Sql;

/// A read-only connection to the database at `path`, for a loader thread (on read-only
/// media too: see [`crate::db::backup::open_read_only`]).
pub fn open_read_only(path: &Path) -> DbResult<Connection> {
    crate::db::backup::open_read_only(path)
}

/// Sends every record of `kind` to `feed` from `conn`, on the calling thread, and closes it
/// (complete, or failed with the error, which is also returned).
pub fn feed(conn: &dyn Sql, kind: Kind, feed: Feed) -> DbResult<()> {
    feed_keeping(conn, kind, feed, None).map(|_| ())
}

/// [`feed`], also appending every batch sent to `keep` (a copy for the search cache); true
/// when every row was sent (then `keep` holds them all, loaded).
pub fn feed_keeping(
    conn: &dyn Sql,
    kind: Kind,
    feed: Feed,
    keep: Option<&mut Index>,
) -> DbResult<bool> {
    let keep = std::cell::RefCell::new(keep);
    let mut stopped = false;
    let read = read_batches(
        conn,
        kind,
        |n| {
            feed.expect(n);
            if let Some(k) = keep.borrow_mut().as_deref_mut() {
                k.expect(n);
            }
        },
        |b| {
            if let Some(k) = keep.borrow_mut().as_deref_mut() {
                k.append(&b, |_| true);
            }
            stopped = !feed.send(b);
            !stopped
        },
    );
    match &read {
        Ok(()) if !stopped => {
            feed.done();
            if let Some(k) = keep.into_inner() {
                k.finish_loading();
            }
        }
        Ok(()) => {}
        Err(e) => feed.fail(e.to_string()),
    }
    read.map(|()| !stopped)
}

/// Starts a thread that opens its own connection with `open` (e.g. [`open_read_only`], or a
/// session with the shared server) and feeds every record of `kind` to `feed`. Failures
/// reach the worker's answers ([`crate::search::worker::Coverage::failed`]).
pub fn spawn_loader<C: Sql>(
    kind: Kind,
    open: impl FnOnce() -> DbResult<C> + Send + 'static,
    to: Feed,
) -> JoinHandle<()> {
    std::thread::Builder::new()
        .name("duijie-keys".into())
        .spawn(move || match open() {
            Ok(conn) => {
                let _ = feed(&conn, kind, to);
            }
            Err(e) => to.fail(e.to_string()),
        })
        .expect("spawning the key loader")
}

/// A search worker for the records of `kind` that fills in the background from its own
/// connection (`open`), answering with at most [`DEFAULT_LIMIT`] hits. Returns at once.
pub fn spawn_search<C: Sql>(
    kind: Kind,
    open: impl FnOnce() -> DbResult<C> + Send + 'static,
) -> SearchWorker {
    let (worker, to) = SearchWorker::spawn_fed(DEFAULT_LIMIT);
    spawn_loader(kind, open, to);
    worker
}

impl Index {
    /// Loads the stored keys of every record of `kind` at once, on the calling thread (tests,
    /// an in-memory database, the command line). It lives here, beside the SQL, so that the
    /// search module needs nothing from the database.
    pub fn load(conn: &dyn Sql, kind: Kind) -> DbResult<Index> {
        let idx = std::cell::RefCell::new(Index::empty());
        read_batches(
            conn,
            kind,
            |n| idx.borrow_mut().expect(n),
            |b| {
                idx.borrow_mut().append(&b, |_| true);
                true
            },
        )?;
        let mut idx = idx.into_inner();
        idx.finish_loading();
        Ok(idx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, records};
    use crate::domain::Record;

    #[test]
    fn a_loader_fills_a_worker_that_then_answers_over_the_whole_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.db");
        {
            let mut db = Db::open(&path).unwrap();
            db.write(|tx| {
                for i in 0..3000 {
                    let mut r = Record::new(Kind::Achievement, format!("锂电池{i}"));
                    records::insert(tx, &mut r)?;
                }
                DbResult::Ok(())
            })
            .unwrap();
        }
        let w = spawn_search(Kind::Achievement, move || open_read_only(&path));
        w.query_every(1, "锂电");
        // Answers come as the index grows; the last one covers the whole list.
        let last = loop {
            let a = w.recv().unwrap();
            assert_eq!(a.seq, 1);
            assert!(a.coverage.loaded > 0);
            if a.coverage.complete {
                break a;
            }
        };
        assert_eq!(last.coverage.loaded, 3000);
        assert_eq!(last.coverage.expected, Some(3000));
        assert_eq!(last.hits.len(), 3000);
    }

    #[test]
    fn a_loader_that_cannot_open_says_so_in_the_answers() {
        let w = spawn_search(Kind::Demand, || {
            open_read_only(Path::new("/nonexistent/duijie/none.db"))
        });
        w.query(7, "x");
        let a = w.recv().unwrap();
        assert!(!a.coverage.complete);
        assert!(a.coverage.failed.is_some());
        assert!(a.hits.is_empty());
    }
}
