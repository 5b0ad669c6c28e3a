//! The loader's side of a worker that fills while it answers ([`super::worker::SearchWorker::spawn_fed`]).

use std::sync::mpsc::{Receiver, Sender};

use super::request::Request;
use super::{Batch, Index};

/// Sends rows to a worker started by [`super::worker::SearchWorker::spawn_fed`], from a loader thread.
/// Dropping it without [`Feed::done`] leaves the index partial, as a failure.
pub struct Feed {
    pub(super) tx: Sender<Request>,
    /// One token per batch the worker will take without the loader waiting.
    pub(super) room: Receiver<()>,
    pub(super) done: bool,
}

impl Feed {
    /// Hands the worker some rows (newest first, older than those sent before), waiting while
    /// it is [`BATCHES_AHEAD`] batches behind; false once the worker is gone (stop loading).
    pub fn send(&self, batch: Batch) -> bool {
        self.room.recv().is_ok() && self.tx.send(Request::Rows(batch)).is_ok()
    }

    /// Tells the worker how many rows to expect in all (answers report it).
    pub fn expect(&self, rows: usize) {
        let _ = self.tx.send(Request::Expect(rows));
    }

    /// Every row has been sent: the index is complete.
    pub fn done(mut self) {
        self.done = true;
        let _ = self.tx.send(Request::Done(None));
    }

    /// Hands the worker the whole index at once (one read from a cache) instead of rows:
    /// it replaces any sent before, and the index is complete.
    pub fn whole(mut self, index: Index) {
        self.done = true;
        let _ = self.tx.send(Request::Whole(Box::new(index)));
    }

    /// Loading stopped early for `reason`: the index stays partial, and answers say why.
    pub fn fail(mut self, reason: String) {
        self.done = true;
        let _ = self.tx.send(Request::Done(Some(reason)));
    }
}

impl Drop for Feed {
    fn drop(&mut self) {
        if !self.done {
            let _ = self
                .tx
                .send(Request::Done(Some("loading stopped".to_string())));
        }
    }
}
