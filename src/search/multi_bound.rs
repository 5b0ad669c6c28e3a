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
//!
//! The letter pairs of `xian jia` are in most rows, the phrase in few: a row about to be scored
//! on the strength of the phrase bonus is first looked at closer (its keys hold the phrase or
//! not, [`Phrase::bonus`]), and without it goes back among the rest with its bound lowered.

use super::bound::BOUND_FROM;
use super::lacking::Lacking;
use super::multi::{ALL_IN_TITLE, Phrase, WHOLE_PHRASE};
use super::request::Stop;
use super::score::Query;
use super::settle::{NO_BOUND, compact};
use super::term_bounds::TermBounds;
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
        stop: &Stop,
        lacking: &mut Lacking,
        kept: &mut TermBounds,
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
        let texts: Vec<&str> = plan.positive().map(|t| t.q.fold.as_str()).collect();
        let at = kept.begin(&texts, slots);
        let kept = &*kept;
        // The rows that may hold the terms together.
        let phrase = Phrase::of(plan);
        let tight = texts.concat();
        let together = phrase.as_ref().and_then(|_| self.together(&tight, slots));
        let tight_letters = super::bound::letter_set(&tight);
        let bonus = |s: u32| -> i64 {
            if phrase.is_none() {
                return 0;
            }
            let mut b = 0;
            // In the text (every term's letters there), or as syllables of one field.
            let in_text = terms.iter().all(|t| t.may_text(s));
            if together.as_ref().is_none_or(|bits| sieve::has(bits, s))
                && (in_text || self.heads[s as usize].one_field_holds(tight_letters))
            {
                b += WHOLE_PHRASE;
            }
            if in_text {
                b += ALL_IN_TITLE;
            }
            b
        };
        let bounds = self.par(Scope::Rows(&rows), |part| {
            let Scope::Rows(part) = part else {
                unreachable!("bounds are taken over rows")
            };
            // Overtaken, it stops here too (settling then gives up at once).
            part.iter()
                .map(|&s| {
                    if stop.now() {
                        return NO_BOUND;
                    }
                    let mut sum = 0;
                    for (t, &at) in terms.iter().zip(&at) {
                        let Some(b) = kept.get(at, s, || t.of(self, s)) else {
                            return NO_BOUND;
                        };
                        sum += b;
                    }
                    compact(sum / n + bonus(s))
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
                    match self.terms_row_or_why(plan, &needles, phrase.as_ref(), s) {
                        Ok(sc) => Some((s, sc)),
                        // Every term is plain here: the term that does not match never
                        // will, nor any longer one typed from it.
                        Err(Some(i)) => {
                            kept.rule_out(at[i], s);
                            None
                        }
                        Err(None) => None,
                    }
                })
                .collect()
        };
        // The bonus a bound took on trust, against what the row's keys earn.
        // A row whose text holds no term (most) earns only what its pinyin says.
        // Rows an earlier key found without the phrase it began with are without it too.
        if let Some(p) = &phrase {
            lacking.begin(p.tight(), slots);
        }
        let lacking = &*lacking;
        let overstated = |s: u32| -> i64 {
            let Some(p) = &phrase else { return 0 };
            let in_text = terms.iter().all(|t| t.may_text(s));
            let fold = if in_text {
                self.fold.key(s).as_bytes()
            } else {
                &[]
            };
            let whole = !lacking.has(s) && {
                let whole = p.whole(fold, self.pinyin.key(s).as_bytes());
                if !whole {
                    lacking.add(s);
                }
                whole
            };
            let earned = if whole { WHOLE_PHRASE } else { 0 }
                + if in_text && p.in_title(fold) {
                    ALL_IN_TITLE
                } else {
                    0
                };
            (bonus(s) - earned).max(0)
        };
        let (found, early) = self.settle(&rows, bounds, k, stop, Some(&overstated), score_rows);
        (found, early.then_some(rows))
    }

    /// The rows that may hold `tight` (the terms joined) in their folded text or as prefixes
    /// of consecutive syllables in one field (a superset): its letters in the text; or, typed
    /// as syllables, its first piece is the first `i` letters of a syllable (at most
    /// [`LONGEST_SYLLABLE`]) and the next syllable starts with letter `i`, a pair of a
    /// syllable's letter and the next syllable's first that the sieve holds; or it lies in one
    /// syllable. No syllable starts with i, u or v, so no second syllable starts at one of
    /// those (`xianjiao`: x-a 西安, x-n, x-j 先进, x-o, not x-i, which every 系 holds). None
    /// when the sieve does not apply.
    fn together(&self, tight: &str, slots: u32) -> Option<sieve::Bits> {
        let b = tight.as_bytes();
        let mut any = self.sieve.text(&Query::new(tight), slots)?;
        let mut add = |q: &str| {
            if let Some(bits) = self.sieve.near(&Query::new(q), slots) {
                any.iter_mut().zip(&bits).for_each(|(a, x)| *a |= x);
            }
        };
        if b.len() <= LONGEST_SYLLABLE {
            add(tight);
        }
        for i in 1..b.len().min(LONGEST_SYLLABLE + 1) {
            if matches!(b[i], b'i' | b'u' | b'v') {
                continue;
            }
            add(&format!("{}{}", char::from(b[0]), char::from(b[i])));
        }
        Some(any)
    }
}

/// The most letters one pinyin syllable has (zhuang, chuang, shuang).
const LONGEST_SYLLABLE: usize = 6;
