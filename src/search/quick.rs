//! A list of a million rows is answered twice per query: first over its newest rows (quick),
//! then over every row. The full answer reuses the quick one instead of scanning the newest
//! rows again.

use super::Scope;
use super::score::Query;

/// A quick answer's matches over the newest rows. The full answer that follows looks only at
/// the older rows and adds these: the best `k` of the whole list are among the best `k` of
/// its two parts, so nothing is lost, and the newest rows are not scanned twice.
pub(super) struct QuickPart {
    pub(super) q: Query,
    pub(super) m: Vec<(u32, i64)>,
    pub(super) candidates: Option<Vec<u32>>,
}

/// The rows of `scope` not in `newest` (sorted): those a full answer still has to look at
/// after the quick one.
pub(super) fn outside(scope: Scope, newest: &[u32], slots: u32) -> Vec<u32> {
    let mut seen = vec![0u64; (slots as usize).div_ceil(64)];
    for &s in newest {
        seen[s as usize / 64] |= 1 << (s % 64);
    }
    let old = |s: &u32| seen[*s as usize / 64] & (1 << (s % 64)) == 0;
    match scope {
        Scope::Range(lo, hi) => (lo..hi).filter(old).collect(),
        Scope::Rows(rows) => rows.iter().copied().filter(old).collect(),
    }
}

/// The matches of two disjoint parts of a list as one answer: the matches together, and the
/// candidates together (in slot order) when either part kept only its best.
pub(super) type Found = (Vec<(u32, i64)>, Option<Vec<u32>>);
pub(super) fn merge(a: Found, b: Found) -> Found {
    let (mut m, ca) = a;
    let (mb, cb) = b;
    let candidates = if ca.is_none() && cb.is_none() {
        None
    } else {
        let rows = |m: &[(u32, i64)], c: Option<Vec<u32>>| {
            c.unwrap_or_else(|| m.iter().map(|&(r, _)| r).collect())
        };
        let mut all = rows(&m, ca);
        all.extend(rows(&mb, cb));
        all.sort_unstable();
        Some(all)
    };
    m.extend(mb);
    (m, candidates)
}
