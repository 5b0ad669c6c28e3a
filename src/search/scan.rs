//! The scans behind [`Index`] queries, over one part of the rows: tiers 1–2 (substring and
//! pinyin, cheap, searched through whole key buffers) and tier 3 (fuzzy, costly, run only on
//! rows whose characters appear in order).

use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use super::keys::FIELD_SEP;
use super::score::{
    Keys, Query, TIER_PINYIN, TIER_TEXT, WordStarts, fuzzy_tier, in_order, key_find, key_syllables,
};
use super::{Index, Scope};

/// The searchers one query's tier 1–2 scans use, built once per query.
pub(super) struct Needles<'q> {
    /// The folded query, in the folded text.
    pub(super) text: Finder<'q>,
    /// The query without spaces, in the initials.
    ini: Finder<'q>,
    /// Syllables starting with the query's first letter, in the pinyin.
    starts: Option<WordStarts>,
}

impl<'q> Needles<'q> {
    pub(super) fn new(q: &'q Query) -> Needles<'q> {
        Needles {
            text: Finder::new(q.fold.as_bytes()),
            ini: Finder::new(q.compact.as_bytes()),
            starts: q.compact.as_bytes().first().map(|&b| WordStarts::new(b)),
        }
    }
}

/// Tier-2 score of slot `s`, when its initials hold the query's first letter.
fn pinyin_score(idx: &Index, q: &Query, n: &Needles, s: u32) -> Option<i64> {
    let by_ini = key_find(idx.initials.key(s).as_bytes(), &n.ini);
    let by_py = match &n.starts {
        Some(starts) if q.fuzzy => {
            key_syllables(idx.pinyin.key(s).as_bytes(), q.compact.as_bytes(), starts)
        }
        _ => None,
    };
    by_ini.max(by_py).map(|sc| TIER_PINYIN + sc)
}

/// Tier 1–2 score of slot `s`; `may_text` false skips the text (known not to hold the query).
pub(super) fn near_row(idx: &Index, q: &Query, n: &Needles, s: u32, may_text: bool) -> Option<i64> {
    if may_text && let Some(sc) = key_find(idx.fold.key(s).as_bytes(), &n.text) {
        return Some(TIER_TEXT + sc);
    }
    let first = q.compact.as_bytes().first()?;
    if q.ascii && memchr::memchr(*first, idx.initials.key(s).as_bytes()).is_some() {
        return pinyin_score(idx, q, n, s);
    }
    None
}

/// (slot, score) of live rows of `part` matching tier 1 or 2, in slot order.
pub(super) fn near(idx: &Index, q: &Query, n: &Needles, part: Scope) -> Vec<(u32, i64)> {
    let first = q.compact.as_bytes()[0];
    match part {
        // Not ASCII, only the text can match: long runs of rows (the newest or the oldest of
        // a large list) are searched through the buffer in one pass, like a range.
        Scope::Rows(rows) if !q.ascii => {
            let mut out = Vec::new();
            for (lo, hi) in runs(rows) {
                if hi - lo < RUN_MIN {
                    out.extend((lo..hi).filter_map(|s| {
                        let live = idx.alive[s as usize];
                        live.then(|| near_row(idx, q, n, s, true).map(|sc| (s, sc)))
                            .flatten()
                    }));
                } else {
                    out.extend(near(idx, q, n, Scope::Range(lo, hi)));
                }
            }
            out
        }
        Scope::Rows(rows) => rows
            .iter()
            .filter(|&&s| idx.alive[s as usize])
            .filter_map(|&s| near_row(idx, q, n, s, true).map(|sc| (s, sc)))
            .collect(),
        Scope::Range(lo, hi) => {
            let mut by_text = Vec::new();
            idx.fold.each_found(
                lo,
                hi,
                |h| n.text.find(h),
                |s| {
                    if idx.alive[s as usize]
                        && let Some(sc) = key_find(idx.fold.key(s).as_bytes(), &n.text)
                    {
                        by_text.push((s, TIER_TEXT + sc));
                    }
                },
            );
            if !q.ascii {
                return by_text;
            }
            let mut out = Vec::with_capacity(by_text.len());
            let mut t = by_text.iter().peekable();
            idx.initials.each_found(
                lo,
                hi,
                |h| memchr::memchr(first, h),
                |s| {
                    while let Some(&m) = t.next_if(|m| m.0 <= s) {
                        out.push(m);
                    }
                    if out.last().is_some_and(|m| m.0 == s) || !idx.alive[s as usize] {
                        return;
                    }
                    if let Some(sc) = pinyin_score(idx, q, n, s) {
                        out.push((s, sc));
                    }
                },
            );
            out.extend(t);
            out
        }
    }
}

/// Rows in a run of consecutive slots from which a scan searches the buffer in one pass.
const RUN_MIN: u32 = 32;

/// The runs of consecutive slots of `rows` (ascending), as ranges.
fn runs(rows: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let lo = *rows.get(i)?;
        let mut hi = lo + 1;
        i += 1;
        while rows.get(i) == Some(&hi) {
            hi += 1;
            i += 1;
        }
        Some((lo, hi))
    })
}

/// (slot, score) of live rows of `part`, outside the `skip` bit set (the tier 1–2 hits),
/// matching tier 3.
pub(super) fn far(idx: &Index, q: &Query, part: Scope, skip: &[u64]) -> Vec<(u32, i64)> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let one = |s: u32| -> Option<(u32, i64)> {
        if skip[s as usize / 64] & (1 << (s % 64)) != 0 || !idx.alive[s as usize] {
            return None;
        }
        let k = Keys {
            fold: idx.fold.key(s),
            initials: idx.initials.key(s),
            pinyin: idx.pinyin.key(s),
        };
        // The in-order test within one field is cheap and rejects most rows before the
        // matcher runs; initials count only from the start of a field, as in the scorer.
        let first = q.compact.as_bytes()[0];
        let by_text = || k.fold.split(FIELD_SEP).any(|f| in_order(f, &q.compact));
        let by_ini = || {
            q.ascii
                && k.initials
                    .split(FIELD_SEP)
                    .any(|f| f.as_bytes().first() == Some(&first) && in_order(f, &q.compact))
        };
        let candidate = (in_order(k.fold, &q.compact) && by_text()) || by_ini();
        if !candidate {
            return None;
        }
        fuzzy_tier(&k, q, &matcher).map(|sc| (s, sc))
    };
    match part {
        Scope::Rows(rows) if !q.ascii => runs(rows)
            .flat_map(|(lo, hi)| {
                if hi - lo < RUN_MIN {
                    (lo..hi).filter_map(one).collect()
                } else {
                    far(idx, q, Scope::Range(lo, hi), skip)
                }
            })
            .collect(),
        Scope::Rows(rows) => rows.iter().filter_map(|&s| one(s)).collect(),
        // Not ASCII (no sieve applied): only rows whose text holds the query's first
        // character can hold all of them in order, and one search over the buffer finds those.
        Scope::Range(lo, hi) if !q.ascii => {
            let mut buf = [0u8; 4];
            let first = q
                .compact
                .chars()
                .next()
                .map_or("", |c| &*c.encode_utf8(&mut buf));
            let finder = Finder::new(first.as_bytes());
            let mut out = Vec::new();
            idx.fold
                .each_found(lo, hi, |h| finder.find(h), |s| out.extend(one(s)));
            out
        }
        Scope::Range(lo, hi) => (lo..hi).filter_map(one).collect(),
    }
}
