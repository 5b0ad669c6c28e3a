//! Queries of several terms ([`Plan`]): every positive term matches somewhere in the record
//! (any field, tiers 1–2), no negated term is in its folded text. Candidates come from the
//! letter-pair sieve of the ASCII terms and a substring scan of one non-ASCII term, so a
//! query is never scored over every row when one of its terms is selective.
//!
//! The score is the mean of the terms' scores, plus a bonus when the terms stand together as
//! typed in one field (the whole phrase) and another when all are in the title: a record that
//! says "锂电池回收" in its title ranks above one with 锂电池 in its title and 回收 among its
//! keywords.

use memchr::memmem::Finder;

#[cfg(test)]
use super::keys::FIELDS;
use super::keys::{FIELD_SEP, TEXT_ONLY_FROM, TITLE};
use super::scan::{self, Needles};
use super::score::{
    STARTS_FIELD, TIER_PINYIN, TIER_TEXT, WEIGHT, WordStarts, consumes, key_find, key_starts,
};
use super::terms::{Mode, Plan, Term, words};
use super::{Index, Scope, sieve};

/// The terms stand together in one field, as typed (with or without the spaces).
pub(super) const WHOLE_PHRASE: i64 = 400;
/// Every term is in the title.
pub(super) const ALL_IN_TITLE: i64 = 300;

impl Index {
    /// `raw` read into terms; a plain term of more than one character that is not ASCII and
    /// that no record holds as a whole is replaced by its words (锂电池回收 → 锂电池 回收).
    pub(super) fn plan(&self, raw: &str) -> Plan {
        let mut plan = Plan::parse(raw);
        let mut split = Vec::with_capacity(plan.terms.len());
        for t in plan.terms.drain(..) {
            let splits = t.mode == Mode::Plain
                && !t.q.ascii
                && t.q.compact.chars().nth(1).is_some()
                && !self.holds(&t.q.fold)
                && self.holds_each(&t.q.fold);
            match splits.then(|| words(&t.q.fold)).flatten() {
                Some(ws) => split.extend(ws.iter().map(|w| Term {
                    q: super::score::Query::new(w),
                    mode: Mode::Plain,
                })),
                None => split.push(t),
            }
        }
        plan.terms = split;
        plan
    }

    /// Whether some live row's folded text holds `text`.
    fn holds(&self, text: &str) -> bool {
        let buf = self.fold.buf.as_bytes();
        Finder::new(text.as_bytes()).find_iter(buf).any(|at| {
            let s = self.fold.start.partition_point(|&st| st as usize <= at) - 1;
            self.alive[s]
        })
    }

    /// Whether some live row's folded text holds every character of `phrase` that is a
    /// letter or digit beyond ASCII, anywhere. Every row matching the phrase, whole (tiers
    /// 1–3) or split into words (each word not ASCII is found in the text), holds them all: when
    /// none does, the phrase is not split, which saves loading the dictionary (~0.1 s) to find
    /// nothing either way.
    fn holds_each(&self, phrase: &str) -> bool {
        let mut chars: Vec<char> = phrase
            .chars()
            .filter(|c| !c.is_ascii() && c.is_alphanumeric())
            .collect();
        chars.dedup();
        let Some((&first, rest)) = chars.split_first() else {
            return true;
        };
        let mut utf8 = [0u8; 4];
        let buf = self.fold.buf.as_bytes();
        Finder::new(first.encode_utf8(&mut utf8).as_bytes())
            .find_iter(buf)
            .any(|at| {
                let s = self.fold.start.partition_point(|&st| st as usize <= at) - 1;
                let key = self.fold.key(s as u32);
                self.alive[s] && rest.iter().all(|&c| key.contains(c))
            })
    }

    /// (slot, score) of the live rows in `scope` matching every term of `plan`, in slot order.
    pub(super) fn multi(&self, plan: &Plan, scope: Scope) -> Vec<(u32, i64)> {
        self.score_terms(plan, &self.terms_candidates(plan, scope))
    }

    /// The live rows of `scope` that may match every term of `plan` (a superset of its
    /// matches), in slot order.
    pub(super) fn terms_candidates(&self, plan: &Plan, scope: Scope) -> Vec<u32> {
        let slots = self.slots();
        let mut bits: Option<sieve::Bits> = None;
        for t in plan.positive() {
            let b = match t.mode {
                Mode::Exact => self.sieve.text(&t.q, slots),
                _ => self.sieve.near(&t.q, slots),
            };
            if let Some(b) = b {
                match &mut bits {
                    Some(all) => all.iter_mut().zip(&b).for_each(|(a, x)| *a &= x),
                    None => bits = Some(b),
                }
            }
        }
        let driver = plan
            .positive()
            .position(|t| !t.q.ascii)
            .map(|i| plan.positive().nth(i).expect("just found"));
        let rows: Vec<u32> = match (driver, scope) {
            (Some(t), Scope::Range(lo, hi)) => {
                let finder = Finder::new(t.q.fold.as_bytes());
                let mut rows = Vec::new();
                self.fold
                    .each_found(lo, hi, |h| finder.find(h), |s| rows.push(s));
                rows
            }
            _ => match &bits {
                Some(b) => Self::within(b, scope),
                None => match scope {
                    Scope::Range(lo, hi) => (lo..hi).collect(),
                    Scope::Rows(r) => r.to_vec(),
                },
            },
        };
        rows.into_iter()
            .filter(|&s| self.alive[s as usize] && bits.as_ref().is_none_or(|b| sieve::has(b, s)))
            .collect()
    }

    /// (slot, score) of the rows of `rows` matching every term of `plan`, in slot order.
    pub(super) fn score_terms(&self, plan: &Plan, rows: &[u32]) -> Vec<(u32, i64)> {
        let needles: Vec<Needles> = plan.terms.iter().map(|t| Needles::new(&t.q)).collect();
        let phrase = Phrase::of(plan);
        self.par(Scope::Rows(rows), |part| {
            let Scope::Rows(part) = part else {
                unreachable!("terms are matched over rows")
            };
            part.iter()
                .filter_map(|&s| {
                    self.terms_row(plan, &needles, phrase.as_ref(), s)
                        .map(|sc| (s, sc))
                })
                .collect()
        })
    }

    /// The score of slot `s` for every term of `plan`, or None when one does not match.
    pub(super) fn terms_row(
        &self,
        plan: &Plan,
        needles: &[Needles],
        phrase: Option<&Phrase>,
        s: u32,
    ) -> Option<i64> {
        self.terms_row_or_why(plan, needles, phrase, s).ok()
    }

    /// [`Index::terms_row`], and when slot `s` does not match, why: `Some(i)` when the `i`-th
    /// positive term does not (a fact about that term and the row alone, kept for the keys
    /// that follow), None when a `-term` shuts it out.
    pub(super) fn terms_row_or_why(
        &self,
        plan: &Plan,
        needles: &[Needles],
        phrase: Option<&Phrase>,
        s: u32,
    ) -> Result<i64, Option<usize>> {
        let fold = self.fold.key(s).as_bytes();
        let (mut sum, mut n) = (0i64, 0usize);
        for (t, nd) in plan.terms.iter().zip(needles) {
            let sc = match t.mode {
                Mode::Not => {
                    if nd.text.find(fold).is_some() {
                        return Err(None);
                    }
                    continue;
                }
                Mode::Plain => scan::near_row(self, &t.q, nd, s, true),
                Mode::Exact => key_find(fold, &nd.text).map(|sc| TIER_TEXT + sc),
                Mode::Prefix => self.prefix_score(t, s),
            };
            sum += sc.ok_or(Some(n))?;
            n += 1;
        }
        if n == 0 {
            return Ok(0);
        }
        let bonus = phrase.map_or(0, |p| {
            p.bonus(self.fold.key(s).as_bytes(), self.pinyin.key(s).as_bytes())
        });
        Ok(sum / n as i64 + bonus)
    }

    /// The score of `t` (a `^prefix` term) where it starts a field of slot `s`: its folded
    /// text, or for an ASCII term its initials or syllables.
    fn prefix_score(&self, t: &Term, s: u32) -> Option<i64> {
        let q = &t.q;
        let best = |key: &str, tier: i64, starts: &dyn Fn(&str) -> bool| {
            key.split(FIELD_SEP)
                .zip(WEIGHT)
                .filter(|(f, _)| starts(f))
                .map(|(_, w)| tier + w + STARTS_FIELD)
                .max()
        };
        let text = best(self.fold.key(s), TIER_TEXT, &|f| f.starts_with(&q.fold));
        if text.is_some() || !q.ascii {
            return text;
        }
        let c = q.compact.as_bytes();
        let ini = best(self.initials.key(s), TIER_PINYIN, &|f| {
            f.starts_with(&q.compact)
        });
        let py = best(self.pinyin.key(s), TIER_PINYIN, &|f| {
            !f.is_empty() && consumes(f.as_bytes(), 0, c).is_some()
        });
        ini.max(py)
    }
}

/// What the bonus of a plan looks for, built once per query: its positive terms (a `^x` of one
/// character left out) together as typed, with and without spaces, and each apart for the
/// title.
pub(super) struct Phrase {
    /// The terms without spaces and joined by one, in the folded text.
    tight: Finder<'static>,
    spaced: Finder<'static>,
    /// The tight phrase as consecutive syllables, when every positive term is ASCII.
    syllables: Option<(Vec<u8>, WordStarts)>,
    /// Each term, in the title.
    each: Vec<Finder<'static>>,
}

impl Phrase {
    /// None when the plan has fewer than two such terms (no bonus).
    pub(super) fn of(plan: &Plan) -> Option<Phrase> {
        let pos: Vec<&str> = plan
            .positive()
            .filter(|t| t.mode != Mode::Prefix || t.q.fold.len() > 1)
            .map(|t| t.q.fold.as_str())
            .collect();
        if pos.len() < 2 {
            return None;
        }
        let tight = pos.concat();
        let syllables = (plan.positive().all(|t| t.q.ascii) && !tight.is_empty()).then(|| {
            let starts = WordStarts::new(tight.as_bytes()[0]);
            (tight.clone().into_bytes(), starts)
        });
        Some(Phrase {
            tight: Finder::new(tight.as_bytes()).into_owned(),
            spaced: Finder::new(pos.join(" ").as_bytes()).into_owned(),
            syllables,
            each: pos
                .iter()
                .map(|p| Finder::new(p.as_bytes()).into_owned())
                .collect(),
        })
    }

    /// The bonus of a record whose folded key is `fold` and pinyin key `pinyin`: the terms
    /// together in one field (in its text, or read as consecutive syllables: `xian jiao` in
    /// 西安交通), and all of them in the title.
    pub(super) fn bonus(&self, fold: &[u8], pinyin: &[u8]) -> i64 {
        let mut b = 0;
        if self.whole(fold, pinyin) {
            b += WHOLE_PHRASE;
        }
        if self.in_title(fold) {
            b += ALL_IN_TITLE;
        }
        b
    }

    /// The terms together in one field: in its folded text (`fold`; pass an empty key when the
    /// text holds no term) or read as consecutive syllables of its pinyin.
    pub(super) fn whole(&self, fold: &[u8], pinyin: &[u8]) -> bool {
        let sep = FIELD_SEP as u8;
        // The fields with pinyin come first; a match never spans a field break (queries
        // hold no control characters).
        let text = memchr::memchr_iter(sep, fold)
            .nth(TEXT_ONLY_FROM - 1)
            .map_or(fold, |end| &fold[..end]);
        let by_text = || self.tight.find(text).is_some() || self.spaced.find(text).is_some();
        by_text() || self.by_syllables(pinyin)
    }

    /// Every term in the title of the folded key `fold`.
    pub(super) fn in_title(&self, fold: &[u8]) -> bool {
        let sep = FIELD_SEP as u8;
        let mut fields = memchr::memchr_iter(sep, fold);
        let title = fields
            .nth(TITLE - 1)
            .map(|from| &fold[from + 1..fields.next().unwrap_or(fold.len())]);
        title.is_some_and(|t| self.each.iter().all(|f| f.find(t).is_some()))
    }

    /// The terms joined without spaces, as the phrase bonus looks for them.
    pub(super) fn tight(&self) -> &[u8] {
        self.tight.needle()
    }

    /// The terms read as consecutive syllables in one field of `pinyin`.
    fn by_syllables(&self, pinyin: &[u8]) -> bool {
        let sep = FIELD_SEP as u8;
        self.syllables.as_ref().is_some_and(|(tight, starts)| {
            key_starts(pinyin, tight[0], starts).any(|at| {
                let end = memchr::memchr(sep, &pinyin[at..]).map_or(pinyin.len(), |n| at + n);
                consumes(&pinyin[..end], at, tight).is_some()
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bonus as first written, field by field: what [`Phrase::bonus`] must equal.
    fn bonus_by_fields(plan: &Plan, fold: &str, pinyin: &str) -> i64 {
        let pos: Vec<&str> = plan
            .positive()
            .filter(|t| t.mode != Mode::Prefix || t.q.fold.len() > 1)
            .map(|t| t.q.fold.as_str())
            .collect();
        if pos.len() < 2 {
            return 0;
        }
        let fields: Vec<&str> = fold.split(FIELD_SEP).take(FIELDS.len()).collect();
        let (tight, spaced) = (pos.concat(), pos.join(" "));
        let mut b = 0;
        let by_text = fields[..fields.len().min(TEXT_ONLY_FROM)]
            .iter()
            .any(|f| f.contains(&tight) || f.contains(&spaced));
        let by_syllables = plan.positive().all(|t| t.q.ascii)
            && pinyin.split(FIELD_SEP).any(|f| {
                let f = f.as_bytes();
                (0..f.len())
                    .filter(|&i| i == 0 || f[i - 1] == b' ')
                    .any(|i| consumes(f, i, tight.as_bytes()).is_some())
            });
        if by_text || by_syllables {
            b += WHOLE_PHRASE;
        }
        if fields
            .get(TITLE)
            .is_some_and(|title| pos.iter().all(|p| title.contains(p)))
        {
            b += ALL_IN_TITLE;
        }
        b
    }

    #[test]
    fn the_bonus_is_the_bonus_read_field_by_field() {
        let records = super::super::tests_sieve::varied(400);
        let queries = [
            "xian jiao",
            "xi an",
            "xian j",
            "dian zi",
            "锂电池 回收",
            "西安 交通",
            "d5 x",
            "^xi an",
            "^x an",
            "'xian jiao",
            "电子 !低温",
            "a b",
            "5g ai",
            "dz dx",
        ];
        for q in queries {
            let plan = Plan::parse(q);
            let phrase = Phrase::of(&plan);
            for e in &records {
                let k = &e.keys;
                let want = bonus_by_fields(&plan, &k.fold, &k.pinyin);
                let got = phrase
                    .as_ref()
                    .map_or(0, |p| p.bonus(k.fold.as_bytes(), k.pinyin.as_bytes()));
                assert_eq!(got, want, "query {q}, record {}", e.id);
                // Read from the pinyin alone when the text holds some term nowhere.
                if let Some(p) = &phrase
                    && plan
                        .positive()
                        .filter(|t| t.mode != Mode::Prefix || t.q.fold.len() > 1)
                        .any(|t| !k.fold.contains(t.q.fold.as_str()))
                {
                    let whole = p.whole(&[], k.pinyin.as_bytes());
                    let by_pinyin = if whole { WHOLE_PHRASE } else { 0 };
                    assert_eq!(by_pinyin, want, "query {q}, record {}", e.id);
                }
            }
        }
    }
}
