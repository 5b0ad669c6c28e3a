//! Each term's bounds ([`super::bound::TermBound`]) kept from one keystroke to the next.
//!
//! Typing `xian jiao` one letter at a time asks `xian`'s bound of every candidate row five
//! times over (`xian`, `xian j` … `xian jiao`): only the last term changes. A term's bound
//! depends on the term and the row's keys alone, so it is kept by slot, per term of the
//! latest query, and forgotten on any edit.

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
    pub(super) fn begin(&mut self, terms: &[&str], slots: u32) -> Vec<usize> {
        let n = slots as usize;
        let mut kept: Vec<_> = std::mem::take(&mut self.kept)
            .into_iter()
            .filter(|(t, b)| b.len() == n && terms.contains(&t.as_str()))
            .collect();
        let at = terms
            .iter()
            .map(|&t| {
                if let Some(i) = kept.iter().position(|(k, _)| k == t) {
                    return i;
                }
                let unknown = (0..n).map(|_| AtomicU16::new(UNKNOWN)).collect();
                kept.push((t.to_string(), unknown));
                kept.len() - 1
            })
            .collect();
        self.kept = kept;
        at
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
}
