//! What a search worker is asked: queries, edits, and the rows a loader reads.

use super::{Batch, Entry, Index};

/// A message to the worker.
pub(super) enum Request {
    /// `every`: all hits, not only the worker's limit.
    Query {
        seq: u64,
        query: String,
        every: bool,
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
