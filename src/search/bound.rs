//! The best `k` tier 1–2 matches of a common ASCII query without scoring every candidate.
//!
//! One or two letters (`x`, `xi`, `dian`) match most rows through their pinyin, and scoring
//! them all costs tens of milliseconds while the list shows only the best. A row's score has a
//! cheap upper bound from where its fields start and how long they are (a match earns most when
//! it starts a field, and in the title): rows are scored in order of falling bound, and scoring
//! stops once `k` matches score above every bound left. The matches kept are exactly those a
//! full scan ranks first (equal scores still order by update time); only their count becomes a
//! lower bound.

use std::cmp::Reverse;

use super::keys::{FIELD_SEP, FIELDS};
use super::score::{
    FILLS_FIELD, Query, STARTS_FIELD, TIER_FUZZY, TIER_PINYIN, TIER_TEXT, WEIGHT, WHOLE_SYLLABLES,
};
use super::{Index, Scope, scan, sieve};

/// Bounding pays once the candidates outnumber the hits wanted this many times.
const BOUND_FROM: usize = 4;

/// What the bound of one row needs: the first byte and the length (up to 255) of each field,
/// in the folded text and in the initials, and the letters and digits of each field's pinyin
/// (which holds those of its text and initials too), folded into 32 bits (64 bytes a row).
#[derive(Debug, Clone, Copy, Default)]
pub struct Head {
    letters: [u32; FIELDS.len()],
    text_first: [u8; FIELDS.len()],
    text_len: [u8; FIELDS.len()],
    ini_first: [u8; FIELDS.len()],
    ini_len: [u8; FIELDS.len()],
}

impl Head {
    pub fn of(fold: &str, initials: &str, pinyin: &str) -> Head {
        let mut h = Head::default();
        for (i, f) in pinyin.split(FIELD_SEP).take(FIELDS.len()).enumerate() {
            h.letters[i] = fold32(sieve::letters(f.as_bytes()));
        }
        starts(fold, &mut h.text_first, &mut h.text_len);
        starts(initials, &mut h.ini_first, &mut h.ini_len);
        h
    }

    /// The highest score `q` (ASCII) can earn in this row's tiers 1–2; None when it cannot
    /// match them. `may_text`: the folded text may contain the query (tier 1).
    fn bound(&self, q: &Query, qletters: u32, may_text: bool) -> Option<i64> {
        let q0 = q.compact.as_bytes()[0];
        let best = |first: &[u8; FIELDS.len()], len: &[u8; FIELDS.len()], qlen: usize, extra| {
            (0..FIELDS.len())
                .filter(|&f| self.letters[f] & qletters == qletters)
                .filter_map(|f| field_bound(f, first[f], len[f], q0, qlen, extra))
                .max()
        };
        if may_text && let Some(b) = best(&self.text_first, &self.text_len, q.fold.len(), 0) {
            return Some(TIER_TEXT + b);
        }
        // Syllable prefixes earn the whole-syllables bonus anywhere in a field; a match that
        // starts a pinyin field starts its initials too (both begin with the first syllable).
        let whole = if q.fuzzy { WHOLE_SYLLABLES } else { 0 };
        best(&self.ini_first, &self.ini_len, q.compact.len(), whole).map(|b| TIER_PINYIN + b)
    }
}

/// A set of the 36 letters and digits in 32 bits: the last four digits share the bits of
/// `a`–`d`. A field holding every letter of a query still does once folded, so a bound that
/// checks folded sets stays a bound (at worst a little higher for a query with those digits).
fn fold32(letters: u64) -> u32 {
    letters as u32 | (letters >> 32) as u32
}

fn starts(key: &str, first: &mut [u8; FIELDS.len()], len: &mut [u8; FIELDS.len()]) {
    for (i, f) in key.split(FIELD_SEP).take(FIELDS.len()).enumerate() {
        first[i] = f.as_bytes().first().copied().unwrap_or(0);
        len[i] = f.len().min(255) as u8;
    }
}

/// The most field `f` can add: its weight and `extra`, and when it starts with the query's
/// first byte the start bonus, with the fill bonus instead of `extra` when its length may equal
/// the query's. An empty field adds nothing.
fn field_bound(f: usize, first: u8, len: u8, q0: u8, qlen: usize, extra: i64) -> Option<i64> {
    if len == 0 {
        return None;
    }
    let mut s = WEIGHT[f] + extra;
    if first == q0 {
        s += STARTS_FIELD;
        if len as usize == qlen || len == u8::MAX {
            s += FILLS_FIELD.max(extra) - extra;
        }
    }
    Some(s.min(TIER_FUZZY - 1))
}

/// The k-th best rank of `m` (k ≤ m.len()), as [`Index::top`] orders them.
fn kth_key(idx: &Index, m: &[(u32, i64)], k: usize) -> (i64, u64, Reverse<i64>) {
    let mut keys: Vec<_> = m.iter().map(|&x| idx.rank(x)).collect();
    *keys.select_nth_unstable_by(k - 1, |a, b| b.cmp(a)).1
}

impl Index {
    /// Tier 1–2 matches of `q` in `scope`, like [`Index::near`], but when an ASCII query has
    /// many candidates, possibly only the best: then every match left out ranks below the
    /// `k`-th best kept (by score, then update time, then id), and the candidates (a superset
    /// of all matches, in slot order) come back too.
    pub(super) fn near_best(
        &self,
        q: &Query,
        scope: Scope,
        k: usize,
    ) -> (Vec<(u32, i64)>, Option<Vec<u32>>) {
        let Some(bits) = self.sieve.near(q, self.slots()) else {
            return (self.near(q, scope), None);
        };
        let rows = Self::within(&bits, scope);
        let needles = scan::Needles::new(q);
        if k == 0 || rows.len() <= k.saturating_mul(BOUND_FROM) {
            return (
                self.par(Scope::Rows(&rows), |part| {
                    scan::near(self, q, &needles, part)
                }),
                None,
            );
        }
        let may_text = self
            .sieve
            .text(q, self.slots())
            .expect("an ASCII query has letters");
        // Each candidate's bound, in slot order (memory order), then the candidates by
        // falling bound and most recent first: a counting sort (bounds lie in
        // TIER_PINYIN..TIER_TEXT + TIER_FUZZY) over the slots in update order.
        let top = TIER_TEXT + TIER_FUZZY - 1;
        let span = (top - TIER_PINYIN + 1) as usize;
        let qletters = fold32(sieve::letters(q.compact.as_bytes()));
        let bounds = self.par(Scope::Rows(&rows), |part| {
            let Scope::Rows(part) = part else {
                unreachable!("bounds are taken over rows")
            };
            part.iter()
                .filter(|&&s| self.alive[s as usize])
                .filter_map(|&s| {
                    let head = &self.heads[s as usize];
                    let b = head.bound(q, qletters, sieve::has(&may_text, s))?;
                    Some((s, (top - b) as u16))
                })
                .collect()
        });
        let mut rank = vec![u16::MAX; self.slots() as usize];
        let mut count = vec![0u32; span + 1];
        for (s, r) in bounds {
            count[r as usize + 1] += 1;
            rank[s as usize] = r;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let mut order = vec![(0u32, 0u16); count[span] as usize];
        for &s in &self.by_stamp {
            let r = rank[s as usize];
            if r != u16::MAX {
                order[count[r as usize] as usize] = (s, r);
                count[r as usize] += 1;
            }
        }
        let score_rows = |part: Scope| -> Vec<(u32, i64)> {
            let Scope::Rows(part) = part else {
                unreachable!("bounded scans run over rows")
            };
            part.iter()
                .filter_map(|&s| {
                    scan::near_row(self, q, &needles, s, sieve::has(&may_text, s)).map(|sc| (s, sc))
                })
                .collect()
        };
        // Score in that order, in chunks sized by the hit rate so far, until the k-th best
        // outranks the next row's bound: no row left can then enter the best k.
        let mut found = Vec::new();
        let mut from = 0;
        let mut chunk: Vec<u32> = Vec::new();
        while from < order.len() {
            if found.len() >= k {
                let (s, r) = order[from];
                let next = self.rank((s, top - i64::from(r)));
                if kth_key(self, &found, k) > next {
                    return (found, Some(rows));
                }
            }
            let size = if found.len() < k {
                // Enough rows for the hits still missing at the rate seen, and some.
                (k - found.len()) * (from + 1) / (found.len() + 1) * 5 / 4 + 64
            } else {
                from / 2
            };
            let end = (from + size.max(k / 4)).min(order.len());
            // In slot order the keys are read in memory order.
            chunk.clear();
            chunk.extend(order[from..end].iter().map(|&(s, _)| s));
            chunk.sort_unstable();
            found.extend(self.par(Scope::Rows(&chunk), score_rows));
            from = end;
        }
        (found, None)
    }
}
