//! A cheap prefilter for ASCII queries (pinyin, initials, codes): bit sets over slots, built
//! from the stored keys when a row enters the index, that tell which rows can possibly match
//! before any row is scored.
//!
//! A first letter like `x` occurs in the pinyin of nearly every row, so scoring every row
//! whose initials hold it costs tens of milliseconds. Letter *pairs* are far more selective:
//! any two consecutive characters of a tier 1–2 match are adjacent in the folded text, adjacent
//! in the initials, adjacent within one pinyin syllable, or some letter of one syllable followed
//! by the first letter of the next. Each possible pair owns a bit set of the rows holding it;
//! a query's candidates are the AND of the sets of its pairs (microseconds at 100k rows).

use super::keys::FIELD_SEP;
use super::score::Query;

mod col;
use col::{Col, RUN_WORDS, Run};

/// ASCII letters and digits, the only characters an ASCII query holds.
const SYMBOLS: usize = 36;

/// The symbol number of a lower-case ASCII letter or digit.
fn sym(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some(usize::from(b - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(b - b'0')),
        _ => None,
    }
}

/// The symbol number of a lower-case ASCII letter or digit (0–35).
pub fn symbol(b: u8) -> Option<usize> {
    sym(b)
}

/// The set of symbols in `bytes`, one bit each.
pub fn letters(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .filter_map(|&b| sym(b))
        .fold(0, |m, c| m | 1 << c)
}

/// A set of slots, one bit each.
pub type Bits = Vec<u64>;

/// Whether slot `s` is in `bits`.
pub fn has(bits: &[u64], s: u32) -> bool {
    bits.get(s as usize / 64)
        .is_some_and(|w| w & (1 << (s % 64)) != 0)
}

/// Column of the rows whose folded text holds symbol `c`.
const TEXT: usize = 0;
/// Column of the rows whose initials hold symbol `c`.
const INITIALS: usize = SYMBOLS;
/// Column of the rows where some field's initials start with symbol `c`.
const STARTS: usize = 2 * SYMBOLS;
/// Column of the rows holding pair `a * SYMBOLS + b` in one of the ways a tier 1–2 match needs.
const PAIRS: usize = 3 * SYMBOLS;
const COLUMNS: usize = PAIRS + SYMBOLS * SYMBOLS;

/// Per-row letter and letter-pair sets of one index.
#[derive(Debug, Clone)]
pub struct Sieve {
    /// One set of slots per column (see [`TEXT`], [`INITIALS`], [`STARTS`], [`PAIRS`]).
    cols: Vec<Col>,
    /// The 64 slots being added, one word per column: rows set bits here, in cache, and
    /// [`Sieve::flush`] moves the words to `cols`.
    block: Vec<u64>,
    /// Which word of `cols` `block` holds.
    block_at: usize,
}

impl Default for Sieve {
    fn default() -> Sieve {
        Sieve {
            cols: vec![Col::default(); COLUMNS],
            block: vec![0; COLUMNS],
            block_at: 0,
        }
    }
}

impl Sieve {
    /// Heap bytes held.
    pub fn bytes(&self) -> usize {
        let cols: usize = self.cols.iter().map(Col::bytes).sum();
        cols + self.cols.capacity() * size_of::<Col>() + self.block.capacity() * 8
    }

    /// Gives back what the lists of sparse runs over-allocated.
    pub fn shrink(&mut self) {
        for col in &mut self.cols {
            if let Some(Run::Few(v)) = col.runs.last_mut() {
                v.shrink_to_fit();
            }
        }
    }

    /// Moves the block being added into the columns; queries read the columns only.
    pub fn flush(&mut self) {
        let w = self.block_at;
        for (col, b) in self.cols.iter_mut().zip(&mut self.block) {
            if *b != 0 {
                col.add(w, *b);
                *b = 0;
            }
        }
    }

    /// The columns into a cache file (the block is flushed and empty between queries).
    pub(super) fn write(&self, w: &mut super::bytes::Writer) {
        w.u64(self.cols.len() as u64);
        for col in &self.cols {
            w.u64(col.runs.len() as u64);
            for run in &col.runs {
                match run {
                    Run::Few(list) => {
                        w.u64(0);
                        w.u16s(list);
                    }
                    Run::Many(bits) => {
                        w.u64(1);
                        w.u64s(&bits[..]);
                    }
                }
            }
        }
    }

    /// Columns written by [`Sieve::write`] for `slots` slots; None when malformed.
    pub(super) fn read(r: &mut super::bytes::Reader, slots: usize) -> Option<Sieve> {
        if r.u64()? != COLUMNS as u64 {
            return None;
        }
        let max_runs = slots.div_ceil(RUN_WORDS * 64);
        let mut cols = Vec::with_capacity(COLUMNS);
        for _ in 0..COLUMNS {
            let n = usize::try_from(r.u64()?).ok()?;
            if n > max_runs {
                return None;
            }
            let mut runs = Vec::with_capacity(n);
            for _ in 0..n {
                runs.push(match r.u64()? {
                    0 => Run::Few(r.u16s()?),
                    1 => Run::Many(r.u64s()?.into_boxed_slice().try_into().ok()?),
                    _ => return None,
                });
            }
            cols.push(Col { runs });
        }
        Some(Sieve {
            cols,
            block: vec![0; COLUMNS],
            block_at: slots / 64,
        })
    }

    /// Records slot `s` with its keys; [`Sieve::flush`] must follow before a query.
    pub fn add(&mut self, s: u32, fold: &str, initials: &str, pinyin: &str) {
        if s as usize / 64 != self.block_at {
            self.flush();
            self.block_at = s as usize / 64;
        }
        let bit = 1u64 << (s % 64);
        let block = &mut self.block;
        let mut pair = |a: usize, b: usize| block[PAIRS + a * SYMBOLS + b] |= bit;
        let mut text = 0u64;
        for f in fold.split(FIELD_SEP) {
            // A query's words are joined by one space, so a pair may straddle one.
            let mut prev: Option<usize> = None;
            let mut spaced = false;
            for &b in f.as_bytes() {
                if let Some(c) = sym(b) {
                    text |= 1 << c;
                    if let Some(p) = prev {
                        pair(p, c);
                    }
                    prev = Some(c);
                    spaced = false;
                } else if b == b' ' && !spaced {
                    spaced = true;
                } else {
                    prev = None;
                }
            }
        }
        let mut ini = 0u64;
        let mut starts = 0u64;
        for f in initials.split(FIELD_SEP) {
            let b = f.as_bytes();
            if let Some(c) = b.first().and_then(|&c| sym(c)) {
                starts |= 1 << c;
            }
            for (i, &x) in b.iter().enumerate() {
                let Some(c) = sym(x) else { continue };
                ini |= 1 << c;
                if let Some(d) = b.get(i + 1).and_then(|&d| sym(d)) {
                    pair(c, d);
                }
            }
        }
        for f in pinyin.split(FIELD_SEP) {
            // Letters of the previous syllable, each of which may precede this one's first.
            let mut before = 0u64;
            for word in f.split(' ') {
                let w = word.as_bytes();
                let Some(first) = w.first().and_then(|&c| sym(c)) else {
                    before = 0;
                    continue;
                };
                let mut m = before;
                while m != 0 {
                    pair(m.trailing_zeros() as usize, first);
                    m &= m - 1;
                }
                before = 0;
                // A syllable is consumed by prefix: stop at its first non-symbol byte.
                let mut prev = None;
                for &x in w {
                    let Some(c) = sym(x) else { break };
                    before |= 1 << c;
                    if let Some(p) = prev {
                        pair(p, c);
                    }
                    prev = Some(c);
                }
            }
        }
        for (base, mut m) in [(TEXT, text), (INITIALS, ini), (STARTS, starts)] {
            while m != 0 {
                self.block[base + m.trailing_zeros() as usize] |= bit;
                m &= m - 1;
            }
        }
    }

    /// Symbols of an ASCII query, None when it holds anything else (spaces are skipped).
    fn symbols(q: &Query) -> Option<Vec<usize>> {
        if !q.ascii {
            return None;
        }
        q.compact.bytes().map(sym).collect()
    }

    /// Rows (of the first `slots`) that may match tier 1 or 2 of `q`; None when the sieve does
    /// not apply (a query that is not ASCII letters and digits).
    pub fn near(&self, q: &Query, slots: u32) -> Option<Bits> {
        let syms = Self::symbols(q)?;
        let words = (slots as usize).div_ceil(64);
        let mut out = vec![0u64; words];
        if let [c] = syms[..] {
            self.cols[TEXT + c].or_into(&mut out);
            self.cols[INITIALS + c].or_into(&mut out);
            return Some(out);
        }
        out.fill(u64::MAX);
        for p in syms.windows(2) {
            self.cols[PAIRS + p[0] * SYMBOLS + p[1]].and_into(&mut out);
        }
        Some(out)
    }

    /// Rows that may match tier 3 of `q` (every letter in the folded text, or in the initials
    /// with some field's initials starting with the first); None when the sieve does not apply.
    pub fn far(&self, q: &Query, slots: u32) -> Option<Bits> {
        let syms = Self::symbols(q)?;
        let words = (slots as usize).div_ceil(64);
        let mut text = self.text_may(&syms, words);
        let mut ini = vec![u64::MAX; words];
        self.cols[STARTS + syms[0]].and_into(&mut ini);
        for &c in &syms {
            self.cols[INITIALS + c].and_into(&mut ini);
        }
        for (t, i) in text.iter_mut().zip(&ini) {
            *t |= i;
        }
        Some(text)
    }

    /// Rows whose folded text holds every letter of `q` (all rows that may match it in
    /// tier 1); None when the sieve does not apply.
    pub fn text(&self, q: &Query, slots: u32) -> Option<Bits> {
        let syms = Self::symbols(q)?;
        Some(self.text_may(&syms, (slots as usize).div_ceil(64)))
    }

    fn text_may(&self, syms: &[usize], words: usize) -> Bits {
        let mut text = vec![u64::MAX; words];
        for &c in syms {
            self.cols[TEXT + c].and_into(&mut text);
        }
        text
    }
}

/// The slots of `bits` in `lo..hi`, in order.
pub fn slots_in(bits: &[u64], lo: u32, hi: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let (lo, hi) = (lo as usize, hi as usize);
    let words = bits.iter().enumerate();
    for (w, &word) in words.take(hi.div_ceil(64)).skip(lo / 64) {
        let mut m = word;
        while m != 0 {
            let s = w * 64 + m.trailing_zeros() as usize;
            m &= m - 1;
            if s >= lo && s < hi {
                out.push(s as u32);
            }
        }
    }
    out
}
