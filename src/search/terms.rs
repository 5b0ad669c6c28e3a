//! A query as a person on the phone types it: space-separated terms that must all match
//! somewhere in a record (fzf's extended syntax: `'exact`, `^prefix`, `!not`), a phone number
//! with or without separators, and a phrase typed without spaces that finds nothing as a whole,
//! read as the words it is made of (jieba).

use std::sync::LazyLock;

use super::keys::phone_digits;
use super::score::Query;

/// How one term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Folded text, pinyin initials or syllables (tiers 1–2; a query of one term also fuzzy).
    Plain,
    /// `'term`: the folded text contains it.
    Exact,
    /// `^term`: a field starts with it (its text, initials or syllables).
    Prefix,
    /// `!term`: the folded text does not contain it.
    Not,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub q: Query,
    pub mode: Mode,
}

/// A query read into terms. A plan of one plain term is searched as before terms existed
/// (all three tiers, with bounds); any other is searched term by term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub terms: Vec<Term>,
}

/// Digits a term needs to be read as (part of) a phone number.
const PHONE_DIGITS: usize = 4;
/// Digits groups of digits need in all to be read as one phone number (two years stay two
/// terms).
const PHONE_GROUPED: usize = 9;

impl Plan {
    /// The terms of `raw`, before any phrase is split (see [`super::Index::plan`]).
    pub fn parse(raw: &str) -> Plan {
        let words: Vec<&str> = raw.split_whitespace().collect();
        // A number typed in groups (138 0000 0021, +86 138…) is one phone term.
        let digits: usize = words
            .iter()
            .map(|w| w.chars().filter(char::is_ascii_digit).count())
            .sum();
        if words.len() > 1 && digits >= PHONE_GROUPED && words.iter().all(|w| phone_chars(w)) {
            return Plan::one(&phone_digits(raw));
        }
        let terms = words
            .iter()
            .filter_map(|w| {
                let (mode, rest) = if let Some(r) = w.strip_prefix('\'') {
                    (Mode::Exact, r)
                } else if let Some(r) = w.strip_prefix('^') {
                    (Mode::Prefix, r)
                } else if let Some(r) = w.strip_prefix('!') {
                    (Mode::Not, r.strip_prefix('\'').unwrap_or(r))
                } else {
                    (Mode::Plain, *w)
                };
                let text = if phone_like(rest) && rest.chars().any(|c| !c.is_ascii_digit()) {
                    phone_digits(rest)
                } else {
                    rest.to_string()
                };
                let q = Query::new(&text);
                (!q.is_empty()).then_some(Term { q, mode })
            })
            .collect();
        Plan { terms }
    }

    fn one(text: &str) -> Plan {
        let q = Query::new(text);
        Plan {
            terms: if q.is_empty() {
                Vec::new()
            } else {
                vec![Term {
                    q,
                    mode: Mode::Plain,
                }]
            },
        }
    }

    /// The query of a plan of one plain term (the empty query too), searched as one string.
    pub fn single(&self) -> Option<&Query> {
        static EMPTY: LazyLock<Query> = LazyLock::new(|| Query::new(""));
        match self.terms.as_slice() {
            [] => Some(&EMPTY),
            [t] if t.mode == Mode::Plain => Some(&t.q),
            _ => None,
        }
    }

    /// Every record matching `self` also matches `older` in tiers 1–2, so a search for
    /// `self` may look at `older`'s candidates only: `self` repeats `older`'s terms, its last
    /// perhaps grown at the end (not a negation), and may add more.
    pub fn narrows(&self, older: &Plan) -> bool {
        if let (Some(a), Some(b)) = (self.single(), older.single()) {
            return a.narrows(b);
        }
        let Some((last, before)) = older.terms.split_last() else {
            return true;
        };
        if self.terms.len() < older.terms.len() || self.terms[..before.len()] != *before {
            return false;
        }
        let now = &self.terms[before.len()];
        now == last || (now.mode == last.mode && last.mode != Mode::Not && now.q.narrows(&last.q))
    }

    /// The positive terms, in order.
    pub fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| t.mode != Mode::Not)
    }
}

/// Digits and the separators a phone number is written with, and at least a few digits.
fn phone_like(w: &str) -> bool {
    w.chars().filter(char::is_ascii_digit).count() >= PHONE_DIGITS && phone_chars(w)
}

/// Only digits and the separators a phone number is written with.
fn phone_chars(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')' | '+'))
}

/// The words of a phrase typed without spaces (锂电池回收 → 锂电池, 回收), or None when it
/// is one word; punctuation and spaces are dropped.
pub fn words(phrase: &str) -> Option<Vec<String>> {
    let words: Vec<String> = super::segment::cut(phrase)
        .into_iter()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    (words.len() > 1).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folds(p: &Plan) -> Vec<(String, Mode)> {
        p.terms.iter().map(|t| (t.q.fold.clone(), t.mode)).collect()
    }

    #[test]
    fn terms_take_fzf_marks() {
        let p = Plan::parse("  锂电池 'xi ^天津 !回收  ");
        assert_eq!(
            folds(&p),
            vec![
                ("锂电池".into(), Mode::Plain),
                ("xi".into(), Mode::Exact),
                ("天津".into(), Mode::Prefix),
                ("回收".into(), Mode::Not),
            ]
        );
        assert!(Plan::parse("! ^ '").terms.is_empty());
        assert!(Plan::parse("锂电").single().is_some());
        assert!(Plan::parse("").single().is_some());
        assert!(Plan::parse("锂 电").single().is_none());
    }

    #[test]
    fn phone_numbers_are_one_term_of_digits() {
        for typed in [
            "138-0000-0021",
            "138 0000 0021",
            "+86 13800000021",
            "+86 138 0000 0021",
        ] {
            assert_eq!(
                folds(&Plan::parse(typed)),
                vec![("13800000021".into(), Mode::Plain)]
            );
        }
        assert_eq!(
            folds(&Plan::parse("0021")),
            vec![("0021".into(), Mode::Plain)]
        );
        // Years stay terms of their own.
        assert_eq!(Plan::parse("锂电 2024").terms.len(), 2);
        assert_eq!(Plan::parse("2023 2024").terms.len(), 2);
    }

    #[test]
    fn a_plan_narrows_when_its_last_term_grows_or_terms_are_added() {
        let p = Plan::parse;
        assert!(p("锂电池 回").narrows(&p("锂电池")));
        assert!(p("锂电池 回收").narrows(&p("锂电池 回")));
        assert!(p("锂电池 !回收 x").narrows(&p("锂电池 !回收")));
        assert!(!p("锂电池 !回收").narrows(&p("锂电池 !回")));
        assert!(!p("锂电 回收").narrows(&p("锂电池 回")));
        assert!(!p("回收").narrows(&p("锂电池 回")));
    }

    #[test]
    fn phrases_split_into_words() {
        assert_eq!(
            words("锂电池回收"),
            Some(vec!["锂电池".to_string(), "回收".to_string()])
        );
        assert_eq!(
            words("天津大学焦化"),
            Some(vec!["天津大学".to_string(), "焦化".to_string()])
        );
        assert_eq!(words("锂电池"), None);
    }
}
