//! What a search worker is asked: queries, edits, and the rows a loader reads.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::pace::PageOwed;
use super::{Batch, Entry, Index};

/// Tells a long answer that a newer query was asked meanwhile, so that it gives up: its
/// answer would be dropped anyway, and the newer query waits behind it.
#[derive(Debug, Clone, Default)]
pub(super) struct Stop(Option<(Arc<AtomicU64>, u64)>);

impl Stop {
    /// An answer nothing overtakes (a query asked in the caller's thread).
    pub(super) fn never() -> Stop {
        Stop(None)
    }

    /// The answer to the query numbered `asked` of those counted in `count`.
    pub(super) fn unless_asked_after(count: &Arc<AtomicU64>, asked: u64) -> Stop {
        Stop(Some((Arc::clone(count), asked)))
    }

    /// Whether a newer query has been asked.
    pub(super) fn now(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|(count, asked)| count.load(Ordering::Relaxed) != *asked)
    }
}

/// A message to the worker.
pub(super) enum Request {
    /// `every`: all hits, not only the worker's limit. `asked`: the worker's count of
    /// queries when this one was asked ([`Stop`]). `page`: its first page is owed until
    /// sent ([`super::pace`]).
    Query {
        seq: u64,
        query: String,
        every: bool,
        asked: u64,
        page: PageOwed,
    },
    Upsert(Entry),
    Remove(i64),
    /// Rows read by the loader.
    Rows(Batch),
    /// Every row at once (a cached index): it replaces what was loaded, and edits made
    /// meanwhile are applied again over it; then as [`Request::Done`] with no failure.
    Whole(Box<Index>),
    /// How many rows the loader expects to send in all.
    Expect(usize),
    /// The loader has sent every row (`None`), or stopped for the reason given.
    Done(Option<String>),
}
