//! What a search worker answers: the hits of one query and how much of the list they were
//! found among.

use super::Hit;

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
    pub(super) fn whole(loaded: usize) -> Coverage {
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
    /// The sequence number given to [`super::worker::SearchWorker::query`].
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
    /// More hits of the same query follow in another answer: this one holds the first page
    /// ([`super::worker::FIRST_PAGE`]) of a query that matched more.
    pub more: bool,
}
