//! Scoring rows best bound first until the best `k` are settled, shared by the bounded scans
//! of one ASCII term ([`super::bound`]) and of several ([`super::multi_bound`]).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::request::Stop;
use super::score::{TIER_FUZZY, TIER_TEXT};
use super::{Index, Scope};

/// The highest bound [`Index::settle`] takes: a term's best (tier 1 and a field's most) and
/// every bonus of several terms.
pub(super) const MAX_BOUND: i64 = TIER_TEXT + TIER_FUZZY - 1 + 1000;

/// A bound as [`Index::settle`] takes it (bounds lie within 0..=[`MAX_BOUND`]).
pub(super) fn compact(bound: i64) -> u16 {
    debug_assert!((0..=MAX_BOUND).contains(&bound), "bound {bound}");
    bound.clamp(0, MAX_BOUND) as u16
}

/// A row that cannot match, among the bounds [`Index::settle`] takes.
pub(super) const NO_BOUND: u16 = u16::MAX;

/// The most rows scored between two looks at whether to stop (a few ms of scoring).
const CHUNK_MOST: usize = 4096;

/// How [`Index::rank`] orders matches: score, then update time, then id.
type RankKey = (i64, u64, Reverse<i64>);

/// The k-th best rank of `m` (k ≤ m.len()), as [`Index::top`] orders them.
fn kth_key(idx: &Index, m: &[(u32, i64)], k: usize) -> RankKey {
    let mut keys: Vec<_> = m.iter().map(|&x| idx.rank(x)).collect();
    *keys.select_nth_unstable_by(k - 1, |a, b| b.cmp(a)).1
}

impl Index {
    /// Scores `rows` (bounds[i]: the most rows[i] can score, within
    /// 0..=[`MAX_BOUND`], or [`NO_BOUND`]) in order of falling bound, most recent first, in
    /// chunks, until the `k`-th best match found outranks the next row's bound: no row left
    /// can then enter the best `k`. The matches found, and whether it stopped before scoring
    /// every row.
    ///
    /// `overstated(s)` may tell, for a row about to be scored, how much its bound exceeds what
    /// a closer (dearer) look allows, e.g. a bonus its letters made possible that its text
    /// then does not earn: such a row goes back among the rest with the lower bound instead of
    /// being scored now, so a loose bound costs one closer look, not one scoring.
    ///
    /// When `stop` says a newer query was asked it gives up between chunks: the matches found
    /// so far come back as if settled, for an answer the caller drops.
    pub(super) fn settle(
        &self,
        rows: &[u32],
        bounds: Vec<u16>,
        k: usize,
        stop: &Stop,
        overstated: Option<&(dyn Fn(u32) -> i64 + Sync)>,
        score_rows: impl Fn(Scope) -> Vec<(u32, i64)> + Sync,
    ) -> (Vec<(u32, i64)>, bool) {
        // Bounds cut short by a stop leave rows out: nothing of them may pass for settled.
        if stop.now() {
            return (Vec::new(), true);
        }
        // The rows by falling bound and most recent first: a counting sort over the slots in
        // update order. Two bytes a slot and four a row: at half a million rows a list, a
        // key's bounds cost 3 MB instead of 13.
        let held = || bounds.iter().copied().filter(|&b| b != NO_BOUND);
        let (Some(top), Some(low)) = (held().max(), held().min()) else {
            return (Vec::new(), false);
        };
        debug_assert!(i64::from(top) <= MAX_BOUND, "bounds {low}..={top}");
        let span = usize::from(top - low) + 1;
        let mut rank = vec![u16::MAX; self.slots() as usize];
        let mut count = vec![0u32; span + 1];
        for (&s, &b) in rows.iter().zip(&bounds) {
            if b != NO_BOUND {
                let r = top - b;
                count[usize::from(r) + 1] += 1;
                rank[s as usize] = r;
            }
        }
        drop(bounds);
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let mut order = vec![0u32; count[span] as usize];
        for &s in &self.by_stamp {
            let r = rank[s as usize];
            if r != u16::MAX {
                order[count[usize::from(r)] as usize] = s;
                count[usize::from(r)] += 1;
            }
        }
        drop(count);
        let bound_of = |s: u32| i64::from(top) - i64::from(rank[s as usize]);
        // Rows whose bound was lowered on a closer look, best first.
        let mut lowered: BinaryHeap<(RankKey, u32)> = BinaryHeap::new();
        // Score in that order, in chunks sized by the hit rate so far.
        let mut found = Vec::new();
        let mut from = 0;
        let mut looked = 0usize;
        let mut chunk: Vec<u32> = Vec::new();
        loop {
            if stop.now() {
                return (found, true);
            }
            let next_in_order = order.get(from).map(|&o| self.rank((o, bound_of(o))));
            let next = next_in_order.max(lowered.peek().map(|&(key, _)| key));
            let Some(next) = next else {
                return (found, false);
            };
            if found.len() >= k && kth_key(self, &found, k) > next {
                return (found, true);
            }
            let size = if found.len() < k {
                // Enough rows for the hits still missing at the rate seen, and some.
                (k - found.len()) * (looked + 1) / (found.len() + 1) * 5 / 4 + 64
            } else {
                looked / 2
            };
            // At most CHUNK_MOST rows a chunk, so that a newer query is seen within a few ms.
            let size = size.clamp((k / 4).max(1), CHUNK_MOST);
            chunk.clear();
            let end = (from + size).min(order.len());
            let taken = &order[from..end];
            match overstated {
                None => chunk.extend_from_slice(taken),
                Some(overstated) => {
                    // The closer looks read keys row by row: in slot order (as memory lies),
                    // on every core.
                    let mut taken = taken.to_vec();
                    taken.sort_unstable();
                    let overs = self.par(Scope::Rows(&taken), |part| {
                        let Scope::Rows(part) = part else {
                            unreachable!("closer looks are taken over rows")
                        };
                        part.iter().map(|&s| (s, overstated(s))).collect()
                    });
                    for (s, over) in overs {
                        if over > 0 {
                            lowered.push((self.rank((s, bound_of(s) - over)), s));
                        } else {
                            chunk.push(s);
                        }
                    }
                }
            }
            // The lowered rows that rank with those taken (all of them once the order is
            // done), a chunk's worth at most.
            let floor = (end > from).then(|| {
                let o = order[end - 1];
                self.rank((o, bound_of(o)))
            });
            from = end;
            while let Some(&(key, s)) = lowered.peek() {
                if floor.is_some_and(|f| key < f) || (floor.is_none() && chunk.len() >= size) {
                    break;
                }
                lowered.pop();
                chunk.push(s);
            }
            looked += chunk.len();
            // In slot order the keys are read in memory order.
            chunk.sort_unstable();
            found.extend(self.par(Scope::Rows(&chunk), &score_rows));
        }
    }
}
