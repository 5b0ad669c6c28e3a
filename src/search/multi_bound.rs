//! The best `k` matches of a query of several ASCII terms without scoring every candidate.
//!
//! `xian j` has tens of thousands of candidates, and scoring each term of each costs tens of
//! milliseconds while the list shows only the best. A row's score is the mean of its terms'
//! tier 1–2 scores plus the bonuses it earns, so the mean of the terms' bounds
//! ([`super::bound::TermBound`]) plus the bonuses it may earn bounds it: the phrase's letter
//! pairs must be in the row ([`sieve`]) for the terms to stand together, and every term's
//! letters in its folded text for all of them to be in the title. A row one term cannot match
//! is not scored at all. Rows are then scored best bound first until the best `k` are settled
//! ([`Index::settle`]): the matches kept are exactly those a full scan ranks first; only their
//! count becomes a lower bound.

use super::bound::BOUND_FROM;
use super::multi::{ALL_IN_TITLE, Phrase, WHOLE_PHRASE};
use super::score::Query;
use super::terms::{Mode, Plan};
use super::{Index, Scope, scan, sieve};

impl Index {
    /// (slot, score) of the rows of `scope` matching every term of `plan`, like
    /// [`Index::multi`], but when every positive term is plain ASCII and the candidates are
    /// many, possibly only the best: then every match left out ranks below the `k`-th best
    /// kept, and the candidates (a superset of all matches, in slot order) come back too.
    pub(super) fn multi_best(
        &self,
        plan: &Plan,
        scope: Scope,
        k: usize,
    ) -> (Vec<(u32, i64)>, Option<Vec<u32>>) {
        let rows = self.terms_candidates(plan, scope);
        let all_plain = plan.positive().all(|t| t.mode == Mode::Plain && t.q.ascii);
        if k == 0 || rows.len() <= k.saturating_mul(BOUND_FROM) || !all_plain {
            return (self.score_terms(plan, &rows), None);
        }
        let slots = self.slots();
        let terms: Vec<_> = plan
            .positive()
            .filter_map(|t| Some(self.term_bound(&t.q, self.sieve.text(&t.q, slots)?)))
            .collect();
        let n = terms.len() as i64;
        if n == 0 || terms.len() != plan.positive().count() {
            return (self.score_terms(plan, &rows), None);
        }
        // The terms together: their letter pairs, in the text or the syllables.
        let phrase = Phrase::of(plan);
        let together = phrase.as_ref().and_then(|_| {
            let tight: String = plan.positive().map(|t| t.q.fold.as_str()).collect();
            self.sieve.near(&Query::new(&tight), slots)
        });
        let bonus = |s: u32| -> i64 {
            if phrase.is_none() {
                return 0;
            }
            let mut b = 0;
            if together.as_ref().is_none_or(|bits| sieve::has(bits, s)) {
                b += WHOLE_PHRASE;
            }
            if terms.iter().all(|t| t.may_text(s)) {
                b += ALL_IN_TITLE;
            }
            b
        };
        let bounds = self.par(Scope::Rows(&rows), |part| {
            let Scope::Rows(part) = part else {
                unreachable!("bounds are taken over rows")
            };
            part.iter()
                .filter_map(|&s| {
                    let mut sum = 0;
                    for t in &terms {
                        sum += t.of(self, s)?;
                    }
                    Some((s, sum / n + bonus(s)))
                })
                .collect()
        });
        let needles: Vec<scan::Needles> = plan
            .terms
            .iter()
            .map(|t| scan::Needles::new(&t.q))
            .collect();
        let score_rows = |part: Scope| -> Vec<(u32, i64)> {
            let Scope::Rows(part) = part else {
                unreachable!("bounded scans run over rows")
            };
            part.iter()
                .filter_map(|&s| {
                    self.terms_row(plan, &needles, phrase.as_ref(), s)
                        .map(|sc| (s, sc))
                })
                .collect()
        };
        let (found, early) = self.settle(bounds, k, score_rows);
        (found, early.then_some(rows))
    }
}
