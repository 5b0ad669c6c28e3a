//! Suggestion scoring: which results may fit a demand (and the reverse), with reasons.
//!
//! Build a [`SuggestIndex`] once from the records (seconds at 100k: do it off the UI
//! thread), then ask [`SuggestIndex::suggest`] per record (milliseconds), then
//! [`mark_paired`] to flag the partners already paired with it. Closed records (status
//! closed / 已关闭 / 已结束 / 已成交 …) are never suggested: a broker cannot act on them. They
//! still count in the term statistics, since their words are as common as anyone's.

mod corpus;
mod expand;
mod explain;
mod levers;
pub mod reason;
pub mod region;
mod score;
pub mod terms;

use std::collections::HashSet;

use rusqlite::Connection;

use crate::db::{DbResult, pairs};
use crate::domain::Record;

pub use corpus::{SuggestIndex, is_closed, maturity_level};
pub use levers::Levers;
pub use reason::{Part, Reason, Warning, Why};
pub use score::Suggestion;

/// The best `limit` partners of `query` as the broker sees them: dismissed partners left
/// out (or, with `all`, kept and marked `dismissed`), paired ones marked.
pub fn suggest_for(
    conn: &Connection,
    index: &SuggestIndex,
    query: &Record,
    limit: usize,
    all: bool,
) -> DbResult<Vec<Suggestion>> {
    let dismissed = crate::db::dismissals::of_record(conn, query)?;
    let mut found = if all {
        index.suggest(query, limit)
    } else {
        index.suggest_except(query, limit, &|id| dismissed.contains_key(&id))
    };
    for s in &mut found {
        s.dismissed = dismissed.contains_key(&s.id);
    }
    mark_paired(conn, query, &mut found)?;
    Ok(found)
}

/// Ids of the records already paired with `query` (any stage).
pub fn paired_ids(conn: &Connection, query: &Record) -> DbResult<HashSet<i64>> {
    pairs::partner_ids(conn, query)
}

/// Sets `paired` on each suggestion already paired with `query`.
pub fn mark_paired(
    conn: &Connection,
    query: &Record,
    suggestions: &mut [Suggestion],
) -> DbResult<()> {
    let paired = paired_ids(conn, query)?;
    for s in suggestions {
        s.paired = paired.contains(&s.id);
    }
    Ok(())
}
