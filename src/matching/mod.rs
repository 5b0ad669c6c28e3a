//! Suggestion scoring: which results may fit a demand (and the reverse), with reasons.
//!
//! Open the [`SuggestIndex`] with [`persist::open`] (the cached file when the records did not
//! change since it was saved: milliseconds; else a rebuild that segments only the changed
//! records, seconds at 100k on a first build: do it off the UI thread), then ask
//! [`suggest_for`] per record (milliseconds): dismissed partners left out, paired ones
//! marked, and both teaching the ranking. Closed records (status
//! closed / 已关闭 / 已结束 / 已成交 …) are never suggested: a broker cannot act on them. They
//! still count in the term statistics, since their words are as common as anyone's.

mod build;
mod column;
mod corpus;
mod expand;
mod explain;
mod learned;
mod levers;
pub mod new;
pub mod persist;
mod prior;
pub mod reason;
pub mod region;
mod score;
pub mod terms;
mod vocab;

use std::collections::HashSet;

use crate::store::Sql;

use crate::db::dismissals::DismissReason;
use crate::db::{DbResult, pairs};
use crate::domain::Record;

pub use corpus::{SuggestIndex, is_closed, maturity_level};
pub use learned::Learned;
pub use levers::Levers;
pub use reason::{Part, Reason, Warning, Why};
pub use score::Suggestion;

/// The best `limit` partners of `query` as the broker sees them: dismissed partners left
/// out (or, with `all`, kept and marked `dismissed`), paired ones marked, and the ranking
/// taught by both (see [`Learned`]).
pub fn suggest_for(
    conn: &dyn Sql,
    index: &SuggestIndex,
    query: &Record,
    limit: usize,
    all: bool,
) -> DbResult<Vec<Suggestion>> {
    let dismissed = crate::db::dismissals::of_record(conn, query)?;
    let paired = paired_ids(conn, query)?;
    let learned = learned(
        dismissed.iter().map(|(&id, &r)| (id, r)),
        paired.iter().copied(),
    );
    let hidden = |id| !all && dismissed.contains_key(&id);
    let mut found = index.suggest_learned(query, limit, &hidden, &learned);
    for s in &mut found {
        s.dismissed = dismissed.contains_key(&s.id);
        s.paired = paired.contains(&s.id);
    }
    Ok(found)
}

/// What dismissals (by reason) and pairs teach the ranking.
fn learned(
    dismissed: impl Iterator<Item = (i64, DismissReason)>,
    paired: impl Iterator<Item = i64>,
) -> Learned {
    let mut l = Learned::default();
    for (id, reason) in dismissed {
        match reason {
            DismissReason::NotRelevant => l.rejected.push(id),
            DismissReason::WrongField => l.wrong_field.push(id),
            DismissReason::Known => l.accepted.push(id),
            DismissReason::Other => {}
        }
    }
    l.accepted.extend(paired);
    // The maps' order is random: the ranking must not be.
    l.rejected.sort_unstable();
    l.wrong_field.sort_unstable();
    l.accepted.sort_unstable();
    l
}

/// Ids of the records already paired with `query` (any stage).
pub fn paired_ids(conn: &dyn Sql, query: &Record) -> DbResult<HashSet<i64>> {
    pairs::partner_ids(conn, query)
}

/// Sets `paired` on each suggestion already paired with `query`.
pub fn mark_paired(conn: &dyn Sql, query: &Record, suggestions: &mut [Suggestion]) -> DbResult<()> {
    let paired = paired_ids(conn, query)?;
    for s in suggestions {
        s.paired = paired.contains(&s.id);
    }
    Ok(())
}
