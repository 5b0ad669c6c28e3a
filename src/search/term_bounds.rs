//! Each term's bounds ([`super::bound::TermBound`]) kept from one keystroke to the next.
//!
//! Typing `xian jiao` one letter at a time asks `xian`'s bound of every candidate row five
//! times over (`xian`, `xian j` … `xian jiao`): only the last term changes. A term's bound
//! depends on the term and the row's keys alone, so it is kept by slot, per term of the
//! latest query, and forgotten on any edit.
//!
//! That a term cannot match a row (tiers 1–2) is kept too, whether its bound said so or the
//! row was scored and missed it; and it holds for any longer term typed from it (`jia` →
//! `jiao`: a query's matches only narrow as it grows at its end, [`super::score::Query::narrows`]),
//! so a new term starts from what its prefix ruled out.

use std::sync::atomic::{AtomicU16, Ordering};

/// Not yet taken.
const UNKNOWN: u16 = u16::MAX;
/// The term cannot match the row.
const NO_MATCH: u16 = u16::MAX - 1;

/// One worker's bounds of the terms of its latest query.
#[derive(Debug, Default)]
pub(super) struct TermBounds {
    /// A term (its folded text) and its bounds by slot.
    kept: Vec<(String, Vec<AtomicU16>)>,
}

impl TermBounds {
    /// Ready for `terms` over `slots` slots: what is kept for any of them stays, the rest is
    /// forgotten. Returns where each term's bounds are, for [`TermBounds::get`].
    /// A new term whose prefix was kept starts with the rows that prefix cannot match.
    pub(super) fn begin(&mut self, terms: &[&str], slots: u32) -> Vec<usize> {
        let n = slots as usize;
        let old: Vec<_> = std::mem::take(&mut self.kept)
            .into_iter()
            .filter(|(_, b)| b.len() == n)
            .collect();
        // The longest kept term that `t` extends, if any.
        let prefix = |t: &str| {
            old.iter()
                .filter(|(k, _)| k.len() < t.len() && t.starts_with(k.as_str()))
                .max_by_key(|(k, _)| k.len())
                .map(|(_, b)| b)
        };
        let fresh: Vec<Option<Vec<AtomicU16>>> = terms
            .iter()
            .map(|&t| {
                if old.iter().any(|(k, _)| k == t) {
                    return None;
                }
                Some(match prefix(t) {
                    Some(b) => b
                        .iter()
                        .map(|v| match v.load(Ordering::Relaxed) {
                            NO_MATCH => AtomicU16::new(NO_MATCH),
                            _ => AtomicU16::new(UNKNOWN),
                        })
                        .collect(),
                    None => (0..n).map(|_| AtomicU16::new(UNKNOWN)).collect(),
                })
            })
            .collect();
        let mut kept: Vec<_> = old
            .into_iter()
            .filter(|(t, _)| terms.contains(&t.as_str()))
            .collect();
        let at = terms
            .iter()
            .zip(fresh)
            .map(|(&t, fresh)| {
                if let Some(i) = kept.iter().position(|(k, _)| k == t) {
                    return i;
                }
                kept.push((t.to_string(), fresh.unwrap_or_default()));
                kept.len() - 1
            })
            .collect();
        self.kept = kept;
        at
    }

    /// Term `at` was found not to match slot `s` (the row was scored).
    pub(super) fn rule_out(&self, at: usize, s: u32) {
        if let Some(cell) = self.kept.get(at).and_then(|(_, b)| b.get(s as usize)) {
            cell.store(NO_MATCH, Ordering::Relaxed);
        }
    }

    /// Forgets every bound (the rows or their keys changed).
    pub(super) fn clear(&mut self) {
        self.kept.clear();
    }

    /// The bound of term `at` (from [`TermBounds::begin`]) in slot `s`: kept, or taken by
    /// `of` and kept.
    pub(super) fn get(&self, at: usize, s: u32, of: impl FnOnce() -> Option<i64>) -> Option<i64> {
        let Some(cell) = self.kept.get(at).and_then(|(_, b)| b.get(s as usize)) else {
            return of();
        };
        match cell.load(Ordering::Relaxed) {
            UNKNOWN => {
                let b = of();
                let v = match b {
                    None => NO_MATCH,
                    Some(b) if (0..i64::from(NO_MATCH)).contains(&b) => b as u16,
                    Some(_) => UNKNOWN,
                };
                if v != UNKNOWN {
                    cell.store(v, Ordering::Relaxed);
                }
                b
            }
            NO_MATCH => None,
            v => Some(i64::from(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_kept_from_the_last_query_is_not_taken_again() {
        let mut t = TermBounds::default();
        let at = t.begin(&["xian", "j"], 4);
        assert_eq!(t.get(at[0], 1, || Some(2300)), Some(2300));
        assert_eq!(t.get(at[0], 2, || None), None);
        assert_eq!(t.get(at[1], 1, || Some(7)), Some(7));
        let at = t.begin(&["xian", "ji"], 4);
        let taken = || panic!("kept, not taken again");
        assert_eq!(t.get(at[0], 1, taken), Some(2300));
        assert_eq!(t.get(at[0], 2, taken), None);
        assert_eq!(t.get(at[1], 1, || Some(9)), Some(9), "a new term is taken");
        t.clear();
        let at = t.begin(&["xian"], 4);
        assert_eq!(t.get(at[0], 1, || Some(1)), Some(1), "an edit forgets");
    }

    #[test]
    fn a_longer_term_starts_from_the_rows_its_prefix_could_not_match() {
        let mut t = TermBounds::default();
        let at = t.begin(&["xian", "jia"], 4);
        assert_eq!(t.get(at[1], 0, || None), None, "the bound rules slot 0 out");
        assert_eq!(t.get(at[1], 1, || Some(40)), Some(40));
        assert_eq!(t.get(at[1], 2, || Some(40)), Some(40));
        // Slot 2 was scored and does not hold `jia` after all.
        t.rule_out(at[1], 2);
        let at = t.begin(&["xian", "jiao"], 4);
        let taken = || panic!("ruled out by the prefix, not taken");
        assert_eq!(t.get(at[1], 0, taken), None);
        assert_eq!(t.get(at[1], 2, taken), None);
        // A bound is not inherited: `jiao` may fill less of a field than `jia`.
        assert_eq!(t.get(at[1], 1, || Some(30)), Some(30));
        assert_eq!(t.get(at[1], 3, || Some(7)), Some(7));
        // A term that does not extend it starts afresh.
        let at = t.begin(&["xian", "jib"], 4);
        assert_eq!(t.get(at[1], 0, || Some(1)), Some(1));
    }
}
