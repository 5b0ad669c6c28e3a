//! The scans behind [`Index`] queries, over one part of the rows: tiers 1–2 (substring and
//! pinyin, cheap, searched through whole key buffers) and tier 3 (fuzzy, costly, run only on
//! rows whose characters appear in order).

use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use super::keys::FIELD_SEP;
use super::score::{
    Keys, Query, TIER_PINYIN, TIER_TEXT, fuzzy_tier, in_order, key_find, key_syllables,
};
use super::{Index, Scope};

/// Tier-2 score of slot `s`, when its initials hold the query's first letter.
fn pinyin_score(idx: &Index, q: &Query, ini: &Finder, s: u32) -> Option<i64> {
    let by_ini = key_find(idx.initials.key(s).as_bytes(), ini);
    let by_py = if q.fuzzy {
        key_syllables(idx.pinyin.key(s).as_bytes(), q.compact.as_bytes())
    } else {
        None
    };
    by_ini.max(by_py).map(|sc| TIER_PINYIN + sc)
}

/// (slot, score) of live rows of `part` matching tier 1 or 2, in slot order.
pub(super) fn near(
    idx: &Index,
    q: &Query,
    text: &Finder,
    ini: &Finder,
    part: Scope,
) -> Vec<(u32, i64)> {
    let first = q.compact.as_bytes()[0];
    match part {
        Scope::Rows(rows) => rows
            .iter()
            .filter(|&&s| idx.alive[s as usize])
            .filter_map(|&s| {
                if let Some(sc) = key_find(idx.fold.key(s).as_bytes(), text) {
                    return Some((s, TIER_TEXT + sc));
                }
                if q.ascii && memchr::memchr(first, idx.initials.key(s).as_bytes()).is_some() {
                    return pinyin_score(idx, q, ini, s).map(|sc| (s, sc));
                }
                None
            })
            .collect(),
        Scope::Range(lo, hi) => {
            let mut by_text = Vec::new();
            idx.fold.each_found(
                lo,
                hi,
                |h| text.find(h),
                |s| {
                    if idx.alive[s as usize]
                        && let Some(sc) = key_find(idx.fold.key(s).as_bytes(), text)
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
                    if let Some(sc) = pinyin_score(idx, q, ini, s) {
                        out.push((s, sc));
                    }
                },
            );
            out.extend(t);
            out
        }
    }
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
        Scope::Rows(rows) => rows.iter().filter_map(|&s| one(s)).collect(),
        Scope::Range(lo, hi) => (lo..hi).filter_map(one).collect(),
    }
}
