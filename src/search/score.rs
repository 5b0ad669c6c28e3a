//! Scores one record's keys against one query. Three tiers, each above the one below: the
//! folded text contains the query; pinyin initials or syllable prefixes match (ASCII
//! queries); the query's characters appear in order inside one field (fuzzy, SkimMatcherV2).
//! Within a tier the field decides (title first), then whether the match starts or fills it.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use super::keys::{FIELD_SEP, FIELDS, fold};

/// The folded text contains the query.
pub const TIER_TEXT: i64 = 3000;
/// Pinyin initials contain the query, or it reads as prefixes of consecutive syllables.
pub const TIER_PINYIN: i64 = 2000;
/// The query's characters appear in order within one field.
pub const TIER_FUZZY: i64 = 1000;

/// Weight of a match in each field of [`FIELDS`]: the title matters most, then the codes and
/// the organisation; contact names least but for phone numbers and emails (which match
/// only in the folded text).
pub(super) const WEIGHT: [i64; FIELDS.len()] = [150, 150, 200, 150, 80, 100, 120, 60, 100, 60];
pub(super) const STARTS_FIELD: i64 = 100;
pub(super) const FILLS_FIELD: i64 = 300;
pub(super) const WHOLE_SYLLABLES: i64 = 50;

/// A query, folded the way keys are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Folded, trimmed, inner whitespace collapsed to one space.
    pub fold: String,
    /// `fold` without whitespace (pinyin and initials ignore word breaks).
    pub compact: String,
    /// `compact` is ASCII letters and digits only, so pinyin keys apply.
    pub ascii: bool,
    /// More than one character, not all digits: fuzzy matching differs from substring
    /// matching, and applies.
    pub fuzzy: bool,
}

impl Query {
    pub fn new(raw: &str) -> Query {
        // Control chars (FIELD_SEP among them) never occur in keys: dropping them keeps a
        // match inside one field of one record.
        let folded: String = fold(raw).chars().filter(|c| !c.is_control()).collect();
        let fold = folded.split_whitespace().collect::<Vec<_>>().join(" ");
        let compact: String = fold.chars().filter(|c| !c.is_whitespace()).collect();
        let ascii = !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_alphanumeric());
        // A number is never typed loosely: the tail of a phone number must not match digits
        // scattered over another one.
        let fuzzy =
            compact.chars().nth(1).is_some() && !compact.bytes().all(|b| b.is_ascii_digit());
        Query {
            fold,
            compact,
            ascii,
            fuzzy,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fold.is_empty()
    }

    /// Every record matching `self` also matches `shorter` (the match set only narrows as a
    /// query grows at its end), so a search for `self` may scan `shorter`'s hits only.
    pub fn narrows(&self, shorter: &Query) -> bool {
        self.fold.starts_with(&shorter.fold) && self.compact.starts_with(&shorter.compact)
    }
}

/// The keys of one record as the scorer reads them.
pub struct Keys<'a> {
    pub fold: &'a str,
    pub initials: &'a str,
    pub pinyin: &'a str,
}

/// The score of a record for `q`, or None when it does not match.
pub fn score(k: &Keys, q: &Query, matcher: &SkimMatcherV2) -> Option<i64> {
    if q.is_empty() {
        return Some(0);
    }
    if k.fold.contains(q.fold.as_str()) {
        return best_field(k.fold, |f| field_find(f, &q.fold)).map(|s| TIER_TEXT + s);
    }
    if q.ascii {
        let first = q.compact.as_bytes()[0];
        if k.initials.as_bytes().contains(&first) {
            let ini = best_field(k.initials, |f| field_find(f, &q.compact));
            let py = if q.fuzzy {
                best_field(k.pinyin, |f| syllable_prefixes(f, q.compact.as_bytes()))
            } else {
                None
            };
            if let Some(s) = ini.max(py) {
                return Some(TIER_PINYIN + s);
            }
        }
    }
    fuzzy_tier(k, q, matcher)
}

/// The best of `f` over the fields of `key`, plus the field's weight.
fn best_field(key: &str, f: impl Fn(&str) -> Option<i64>) -> Option<i64> {
    key.split(FIELD_SEP)
        .zip(WEIGHT)
        .filter_map(|(field, w)| f(field).map(|s| (s + w).min(TIER_FUZZY - 1)))
        .max()
}

/// Substring match in one field: bonuses when it starts or fills the field.
fn field_find(field: &str, q: &str) -> Option<i64> {
    let at = field.find(q)?;
    let mut s = 0;
    if at == 0 {
        s += STARTS_FIELD;
        if field.len() == q.len() {
            s += FILLS_FIELD;
        }
    }
    Some(s)
}

/// Fuzzy match within one field, once its chars are known to appear in order.
fn fuzzy(field: &str, q: &str, matcher: &SkimMatcherV2) -> Option<i64> {
    if !in_order(field, q) {
        return None;
    }
    matcher.fuzzy_match(field, q).map(|s| s.clamp(0, 600) / 4)
}

/// Whether the chars of `pat` appear in `hay` in order (a cheap test before the matcher).
pub fn in_order(hay: &str, pat: &str) -> bool {
    let mut rest = hay;
    for c in pat.chars() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

/// Matches `q` against one field's pinyin ("xi an jiao tong da xue") by prefixes of
/// consecutive syllables: "xian jiao", "xajt", "xianjiaotong". Scores more when the match
/// starts the field and when every syllable but the last is typed in full.
fn syllable_prefixes(pinyin: &str, q: &[u8]) -> Option<i64> {
    let p = pinyin.as_bytes();
    let first = char::from(q[0]);
    let mut best = None;
    let mut from = 0;
    // Jump between occurrences of the first letter (memchr) rather than walk every syllable.
    while let Some(n) = pinyin[from..].find(first) {
        let start = from + n;
        from = start + 1;
        if (start == 0 || p[start - 1] == b' ')
            && let Some(whole) = consumes(p, start, q)
        {
            let s =
                if start == 0 { STARTS_FIELD } else { 0 } + if whole { WHOLE_SYLLABLES } else { 0 };
            best = best.max(Some(s));
        }
    }
    best
}

/// True when `q` is a concatenation of non-empty prefixes of the consecutive syllables that
/// begin at `p[at]`; the flag tells whether all but the last were consumed whole.
pub(super) fn consumes(p: &[u8], at: usize, q: &[u8]) -> Option<bool> {
    let end = p[at..]
        .iter()
        .position(|&b| b == b' ')
        .map_or(p.len(), |n| at + n);
    let syl = &p[at..end];
    let common = syl.iter().zip(q).take_while(|(a, b)| a == b).count();
    let mut partial = None;
    for n in (1..=common).rev() {
        if n == q.len() {
            return Some(true);
        }
        if end < p.len()
            && let Some(whole) = consumes(p, end + 1, &q[n..])
        {
            if n == syl.len() && whole {
                return Some(true);
            }
            partial = Some(false);
        }
    }
    partial
}

/// Where the fields of one record's key (joined by FIELD_SEP) end, found in one pass when a
/// key first matches, so each match then learns its field without rescanning the key.
struct Fields {
    /// End of each field (the SEP or the key's end); fields past [`FIELDS`] are ignored.
    ends: [usize; FIELDS.len()],
    n: usize,
}

impl Fields {
    fn of(key: &[u8]) -> Fields {
        let mut ends = [key.len(); FIELDS.len()];
        let mut n = 0;
        for at in memchr::memchr_iter(FIELD_SEP as u8, key) {
            ends[n] = at;
            n += 1;
            if n == FIELDS.len() {
                break;
            }
        }
        Fields {
            ends,
            n: (n + 1).min(FIELDS.len()),
        }
    }

    /// The field holding byte `at`, if within the first [`FIELDS`].
    fn at(&self, at: usize) -> Option<usize> {
        self.ends[..self.n].iter().position(|&e| at < e)
    }
}

/// Best tier-1/tier-2 substring score of `needle` in one record's key (fields joined by
/// FIELD_SEP): field weight plus start/fill bonuses, like [`best_field`] with [`field_find`].
pub fn key_find(key: &[u8], finder: &memchr::memmem::Finder<'_>) -> Option<i64> {
    let n = finder.needle().len();
    let sep = FIELD_SEP as u8;
    let mut fields = None;
    let mut best = None;
    for at in finder.find_iter(key) {
        let fields = fields.get_or_insert_with(|| Fields::of(key));
        let Some(field) = fields.at(at) else { break };
        let mut s = WEIGHT[field];
        if at == 0 || key[at - 1] == sep {
            s += STARTS_FIELD;
            if fields.ends[field] == at + n {
                s += FILLS_FIELD;
            }
        }
        best = best.max(Some(s.min(TIER_FUZZY - 1)));
    }
    best
}

/// Best syllable-prefix score of `q` in one record's pinyin key, like [`best_field`] with
/// [`syllable_prefixes`] but in one pass over the key. `starts` finds where a syllable
/// beginning with `q[0]` follows a space or a field break ([`WordStarts`]), so common first
/// letters inside syllables cost nothing.
pub fn key_syllables(key: &[u8], q: &[u8], starts: &WordStarts) -> Option<i64> {
    let mut fields = None;
    let mut best = None;
    for start in key_starts(key, q[0], starts) {
        let fields = fields.get_or_insert_with(|| Fields::of(key));
        let Some(field) = fields.at(start) else {
            continue;
        };
        let field_start = start == 0 || key[start - 1] == FIELD_SEP as u8;
        if let Some(whole) = consumes(&key[..fields.ends[field]], start, q) {
            let s = WEIGHT[field]
                + if field_start { STARTS_FIELD } else { 0 }
                + if whole { WHOLE_SYLLABLES } else { 0 };
            best = best.max(Some(s.min(TIER_FUZZY - 1)));
        }
    }
    best
}

/// Where a syllable starting with `first` begins in a pinyin `key`: at its start, after a
/// field break or after a space ([`WordStarts`] of `first`).
pub fn key_starts<'k>(
    key: &'k [u8],
    first: u8,
    starts: &'k WordStarts,
) -> impl Iterator<Item = usize> + 'k {
    let sep = FIELD_SEP as u8;
    // A letter that only begins syllables is found in one pass, each place checked.
    let (by_letter, by_pair) = if starts.begins_only {
        let at_start = move |&at: &usize| at == 0 || key[at - 1] == b' ' || key[at - 1] == sep;
        (Some(memchr::memchr_iter(first, key).filter(at_start)), None)
    } else {
        let first = (key.first() == Some(&first)).then_some(0);
        let pairs = first
            .into_iter()
            .chain(starts.field.find_iter(key).map(|at| at + 1))
            .chain(starts.word.find_iter(key).map(|at| at + 1));
        (None, Some(pairs))
    };
    by_letter
        .into_iter()
        .flatten()
        .chain(by_pair.into_iter().flatten())
}

/// Finds where a syllable starting with one letter begins in a pinyin key: after a space, or
/// after a field break (the key's first byte is checked apart).
pub struct WordStarts {
    word: Finder<'static>,
    field: Finder<'static>,
    /// The letter never stands inside a pinyin syllable (b c d f j k l m p q s t w x y z):
    /// each place it stands is a syllable's start or not pinyin at all.
    begins_only: bool,
}

impl WordStarts {
    pub fn new(first: u8) -> WordStarts {
        WordStarts {
            word: Finder::new(&[b' ', first]).into_owned(),
            field: Finder::new(&[FIELD_SEP as u8, first]).into_owned(),
            begins_only: b"bcdfjklmpqstwxyz".contains(&first),
        }
    }
}

/// Tier-3 score (the query's chars in order within one field), for a record that matched
/// neither tier 1 nor tier 2.
pub fn fuzzy_tier(k: &Keys, q: &Query, matcher: &SkimMatcherV2) -> Option<i64> {
    if !q.fuzzy {
        return None;
    }
    let text = if in_order(k.fold, &q.compact) {
        best_field(k.fold, |f| fuzzy(f, &q.compact, matcher))
    } else {
        None
    };
    // Initials are typed from the start of a name: xajd for 西安交通大学, not for 新西安…
    let ini = if q.ascii && in_order(k.initials, &q.compact) {
        best_field(k.initials, |f| {
            (f.as_bytes().first() == q.compact.as_bytes().first())
                .then(|| fuzzy(f, &q.compact, matcher))
                .flatten()
        })
    } else {
        None
    };
    text.max(ini).map(|s| TIER_FUZZY + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllable_prefixes_follow_consecutive_syllables() {
        let py = "xi an jiao tong da xue";
        assert!(syllable_prefixes(py, b"xianjiaotong").is_some());
        assert!(syllable_prefixes(py, b"xajt").is_some());
        assert!(syllable_prefixes(py, b"jiaotongda").is_some());
        assert!(syllable_prefixes(py, b"jiaoda").is_none());
        assert!(syllable_prefixes(py, b"xjtu").is_none());
        assert!(syllable_prefixes(py, b"anjiaox").is_none());
        // Typed in full scores above typed in pieces.
        assert!(syllable_prefixes(py, b"xian") > syllable_prefixes(py, b"xajt"));
    }

    #[test]
    fn narrowing_only_when_the_query_grows_at_its_end() {
        let q = Query::new;
        assert!(q("锂电池").narrows(&q("锂电")));
        assert!(q("xian j").narrows(&q("xian")));
        assert!(!q("锂电").narrows(&q("锂电池")));
        assert!(!q("电锂").narrows(&q("锂")));
    }
}
