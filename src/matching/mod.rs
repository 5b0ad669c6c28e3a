//! Suggestion scoring: which results may fit a demand (and the reverse), with reasons.
//!
//! Build a [`SuggestIndex`] once from the records (seconds at 100k: do it off the UI
//! thread), then ask [`SuggestIndex::suggest`] per record (milliseconds), then
//! [`mark_paired`] to flag the partners already paired with it. Closed records (status
//! closed / 已关闭 / 已结束 / 已成交 …) are never suggested: a broker cannot act on them. They
//! still count in the term statistics, since their words are as common as anyone's.

mod corpus;
pub mod reason;
pub mod region;
mod score;
pub mod terms;

use std::collections::HashSet;

use rusqlite::Connection;

use crate::db::{DbResult, pairs};
use crate::domain::Record;

pub use corpus::{SuggestIndex, is_closed, maturity_level};
pub use reason::Reason;
pub use score::Suggestion;

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
