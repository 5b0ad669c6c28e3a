//! The best `k` tier 1–2 matches of a common ASCII query without scoring every candidate.
//!
//! One or two letters (`x`, `xi`, `dian`) match most rows through their pinyin, and scoring
//! them all costs tens of milliseconds while the list shows only the best. A row's score has a
//! cheap upper bound from where its fields start and how long they are (a match earns most when
//! it starts a field, and in the title): rows are scored in order of falling bound, and scoring
//! stops once `k` matches score above every bound left. The matches kept are exactly those a
//! full scan ranks first (equal scores still order by update time); only their count becomes a
//! lower bound.

use super::keys::{FIELD_SEP, TEXT_ONLY_FROM};
use super::request::Stop;
use super::score::{
    FILLS_FIELD, Query, STARTS_FIELD, TIER_FUZZY, TIER_PINYIN, TIER_TEXT, WEIGHT, WHOLE_SYLLABLES,
};
use super::settle::{NO_BOUND, compact};
use super::term_bounds::TermBounds;
use super::{Index, Scope, scan, sieve};

mod starts;
use starts::{Second, Tails};

/// Bounding pays once the candidates outnumber the hits wanted this many times.
pub(super) const BOUND_FROM: usize = 4;

/// What the bound of one row needs, per field with pinyin: the letters and digits of its
/// pinyin (which holds those of its text and initials too) folded into 32 bits; the first
/// byte of its initials, and whether its folded text starts with that same byte (an ASCII
/// letter or digit); the lengths of its text and initials up to 15 ([`LEN_CAP`]); and which
/// bytes may follow the first in a match that starts the field ([`Second`]). For the fields
/// held in the folded text only (phone, email), whether any is filled, and (in memory only)
/// how each begins and how long it is ([`Tails`]). 72 bytes a row.
#[derive(Debug, Clone, Copy, Default)]
pub struct Head {
    letters: [u32; N],
    /// Text length in the low nibble, initials length in the high one.
    lens: [u8; N],
    ini_first: [u8; N],
    second: [Second; N],
    /// Bit f: field f's folded text starts with `ini_first[f]`.
    text_ascii: u8,
    text_only: bool,
    /// How the fields held in the folded text only begin and how long they are, when known.
    /// In memory only: a head read from a cache file leaves it unknown (the looser bound).
    tails: Tails,
}

/// Fields with pinyin, each bounded apart.
const N: usize = TEXT_ONLY_FROM;
/// Lengths are kept up to this; a field this long or longer may fill any longer query.
const LEN_CAP: usize = 15;
/// The most a match in a text-only field can add.
const TEXT_ONLY_BOUND: i64 = {
    let mut most = 0;
    let mut f = TEXT_ONLY_FROM;
    while f < WEIGHT.len() {
        if WEIGHT[f] > most {
            most = WEIGHT[f];
        }
        f += 1;
    }
    most + STARTS_FIELD + FILLS_FIELD
};

impl Head {
    pub fn of(fold: &str, initials: &str, pinyin: &str) -> Head {
        let mut h = Head::default();
        let texts = fold.split(FIELD_SEP);
        let inis = initials.split(FIELD_SEP);
        let pys = pinyin.split(FIELD_SEP);
        for (f, ((t, i), p)) in texts.zip(inis).zip(pys).take(N).enumerate() {
            let (t, i, p) = (t.as_bytes(), i.as_bytes(), p.as_bytes());
            h.letters[f] = fold32(sieve::letters(p));
            h.lens[f] = (t.len().min(LEN_CAP) | i.len().min(LEN_CAP) << 4) as u8;
            h.ini_first[f] = i.first().copied().unwrap_or(0);
            if t.first().is_some_and(u8::is_ascii_alphanumeric) && t.first() == i.first() {
                h.text_ascii |= 1 << f;
            }
            h.second[f] = Second::of(i, p);
        }
        h.text_only = fold.split(FIELD_SEP).skip(N).any(|f| !f.is_empty());
        h.tails = Tails::of(fold);
        h
    }

    /// The highest score `q` (ASCII) can earn in this row's tiers 1–2; None when it cannot
    /// match them. `may_text`: the folded text may contain the query (tier 1). `tight`: use
    /// what may come second in a match starting a field (off: the bound before it, kept to
    /// measure what it saves).
    fn bound(&self, q: &Query, qletters: u32, may_text: bool, tight: bool) -> Option<i64> {
        let c = q.compact.as_bytes();
        let fields = || (0..N).filter(|&f| self.letters[f] & qletters == qletters);
        if may_text {
            let only = if self.tails == Tails::default() {
                self.text_only
                    .then_some(TEXT_ONLY_BOUND.min(TIER_FUZZY - 1))
            } else {
                self.tails.bound(q.fold.as_bytes())
            };
            let text = fields()
                .filter_map(|f| {
                    let len = usize::from(self.lens[f] & 15);
                    let starts = self.text_ascii & 1 << f != 0 && self.ini_first[f] == c[0];
                    field_bound(f, len, starts, q.fold.len(), 0, true)
                })
                .max();
            if let Some(b) = text.max(only) {
                return Some(TIER_TEXT + b);
            }
        }
        // Syllable prefixes earn the whole-syllables bonus anywhere in a field; a match that
        // starts a pinyin field starts its initials too (both begin with the first syllable).
        let whole = if q.fuzzy { WHOLE_SYLLABLES } else { 0 };
        fields()
            .filter_map(|f| {
                let len = usize::from(self.lens[f] >> 4);
                let starts = self.ini_first[f] == c[0]
                    && (!tight || c.len() < 2 || self.second[f].allows(c[1]));
                // Only a match of the initials fills the field.
                let fills = !tight || c.len() < 2 || self.second[f].initials_allow(c[1]);
                field_bound(f, len, starts, c.len(), whole, fills)
            })
            .max()
            .map(|b| TIER_PINYIN + b)
    }
}

impl Head {
    /// Whether one field with pinyin holds every letter and digit of `letters` (from
    /// [`letter_set`]) in its pinyin: a phrase read as its syllables lies in one field.
    pub(super) fn one_field_holds(&self, letters: u32) -> bool {
        self.letters.iter().any(|&l| l & letters == letters)
    }

    /// Bytes of one head in a cache file.
    pub(super) const BYTES: usize = 4 * N + 2 * N + 2 * N + 2;

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        for l in self.letters {
            out.extend_from_slice(&l.to_le_bytes());
        }
        out.extend_from_slice(&self.lens);
        out.extend_from_slice(&self.ini_first);
        for s in self.second {
            out.extend_from_slice(&s.0.to_le_bytes());
        }
        out.extend_from_slice(&[self.text_ascii, u8::from(self.text_only)]);
    }

    /// A head from [`Head::BYTES`] bytes written by [`Head::write`].
    pub(super) fn read(b: &[u8]) -> Head {
        let mut h = Head::default();
        for (i, l) in h.letters.iter_mut().enumerate() {
            *l = u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]]);
        }
        let mut at = 4 * N;
        for part in [&mut h.lens, &mut h.ini_first] {
            part.copy_from_slice(&b[at..at + N]);
            at += N;
        }
        for s in &mut h.second {
            *s = Second(u16::from_le_bytes([b[at], b[at + 1]]));
            at += 2;
        }
        h.text_ascii = b[at];
        h.text_only = b[at + 1] != 0;
        h
    }
}

/// The letters and digits of `text` as [`Head::one_field_holds`] takes them.
pub(super) fn letter_set(text: &str) -> u32 {
    fold32(sieve::letters(text.as_bytes()))
}

/// A set of the 36 letters and digits in 32 bits: the last four digits share the bits of
/// `a`–`d`. A field holding every letter of a query still does once folded, so a bound that
/// checks folded sets stays a bound (at worst a little higher for a query with those digits).
fn fold32(letters: u64) -> u32 {
    letters as u32 | (letters >> 32) as u32
}

/// The most field `f` (`len` bytes long, up to [`LEN_CAP`]) can add: its weight and `extra`,
/// and when a match may start it the start bonus, with the fill bonus instead of `extra` when
/// its length may equal the query's and `fills` (a match that may fill it may start it). An empty field adds nothing.
fn field_bound(
    f: usize,
    len: usize,
    starts: bool,
    qlen: usize,
    extra: i64,
    fills: bool,
) -> Option<i64> {
    if len == 0 {
        return None;
    }
    let mut s = WEIGHT[f] + extra;
    if starts {
        s += STARTS_FIELD;
        if fills && len == qlen.min(LEN_CAP) {
            s += FILLS_FIELD.max(extra) - extra;
        }
    }
    Some(s.min(TIER_FUZZY - 1))
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
        stop: &Stop,
        kept: &mut TermBounds,
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
        let term = self.term_bound(q, may_text);
        let at = kept.begin(&[q.fold.as_str()], self.slots())[0];
        let kept = &*kept;
        let bounds = self.par(Scope::Rows(&rows), |part| {
            let Scope::Rows(part) = part else {
                unreachable!("bounds are taken over rows")
            };
            // Overtaken, it stops here too (settling then gives up at once).
            part.iter()
                .map(|&s| {
                    let live = self.alive[s as usize] && !stop.now();
                    live.then(|| kept.get(at, s, || term.of(self, s)))
                        .flatten()
                        .map_or(NO_BOUND, compact)
                })
                .collect()
        });
        let score_rows = |part: Scope| -> Vec<(u32, i64)> {
            let Scope::Rows(part) = part else {
                unreachable!("bounded scans run over rows")
            };
            part.iter()
                .filter_map(|&s| {
                    scan::near_row(self, q, &needles, s, term.may_text(s)).map(|sc| (s, sc))
                })
                .collect()
        };
        let (found, early) = self.settle(&rows, bounds, k, stop, None, score_rows);
        (found, early.then_some(rows))
    }

    /// What bounds one ASCII query's tier 1–2 score in a row: its letters and the rows whose
    /// folded text may hold it.
    pub(super) fn term_bound<'q>(&self, q: &'q Query, may_text: sieve::Bits) -> TermBound<'q> {
        TermBound {
            q,
            letters: fold32(sieve::letters(q.compact.as_bytes())),
            may_text,
            tight: !self.loose,
        }
    }
}

/// Bounds one ASCII query's tier 1–2 score row by row ([`Index::term_bound`]).
pub(super) struct TermBound<'q> {
    q: &'q Query,
    letters: u32,
    may_text: sieve::Bits,
    tight: bool,
}

impl TermBound<'_> {
    /// The most the query can score in tiers 1–2 in slot `s`; None when it cannot match.
    pub(super) fn of(&self, idx: &Index, s: u32) -> Option<i64> {
        idx.heads[s as usize].bound(self.q, self.letters, self.may_text(s), self.tight)
    }

    /// Whether the folded text of slot `s` may hold the query.
    pub(super) fn may_text(&self, s: u32) -> bool {
        sieve::has(&self.may_text, s)
    }
}
