//! The suggestion index: every record's terms, an inverted index term → postings per kind,
//! and the statistics BM25 needs (document counts, lengths), all as flat arrays.
//!
//! Built once (segmentation is the cost: seconds at 100k records, spread over the cores; see
//! `build.rs`), persisted in the cache directory (`persist.rs`) and then queried many times.
//! The vocabulary is sorted, so a term's id orders like its word and every character bigram
//! (marked with a leading control character) comes before every word. Statistics are per
//! kind: a demand's terms are weighed by how rare they are among results, which is what
//! ranks results, and among demands, which discounts a request's stock words.
//! `SuggestIndex` is `Send + Sync`: the desk builds or loads it on a background thread.

use std::borrow::Cow;

use crate::domain::{Code, Kind};

use super::column::{Column, span};
use super::levers::Levers;
use super::region::Region;

/// A record with no field.
pub(crate) const NO_FIELD: u32 = u32::MAX;

/// The texts kept per record, in this order.
pub(crate) const TEXTS: usize = 5;
pub(crate) const TITLE: usize = 0;
pub(crate) const ORG: usize = 1;
pub(crate) const FIELD: usize = 2;
pub(crate) const REGION: usize = 3;
pub(crate) const MATURITY: usize = 4;

/// One candidate as scoring and display need it, read out of the flat arrays.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub id: i64,
    pub code: Code,
    pub title: String,
    pub org: String,
    /// The field as given (for display).
    pub field: String,
    pub region: Region,
    /// Budget (demand) or asking price (result), 万元.
    pub amount: Option<f64>,
    /// The maturity as given and its level in 0..=1 (results only).
    pub maturity: String,
    pub maturity_level: Option<f32>,
    /// Sum of the weighted term frequencies.
    pub len: f32,
    /// The record's (term id, weighted frequency), sorted by id: what explains a score.
    pub terms: Vec<(u32, f32)>,
}

/// One kind's records: per-record arrays (row id order), postings and terms.
#[derive(Debug, Default)]
pub(crate) struct Side {
    pub kind: Kind,
    /// Row ids, ascending: a record's place is found by binary search.
    pub ids: Vec<i64>,
    pub seqs: Vec<i64>,
    /// The revision each record had when it was indexed.
    pub revs: Vec<i64>,
    pub lens: Vec<f32>,
    /// 1 for a closed record: kept in the statistics, never suggested.
    pub closed: Vec<u8>,
    /// Index in [`SuggestIndex::fields`], or [`NO_FIELD`].
    pub fields: Vec<u32>,
    /// 万元; NaN when not given.
    pub amounts: Vec<f64>,
    /// Maturity level; NaN when unknown.
    pub maturity: Vec<f32>,
    pub avg_len: f32,
    /// Postings: term `t`'s are `post_doc/post_tf[post_off[t]..post_off[t + 1]]`.
    pub post_off: Column<u32>,
    pub post_doc: Column<u32>,
    pub post_tf: Column<f32>,
    /// Record `d`'s terms, sorted by id: `term_id/term_tf[term_off[d]..term_off[d + 1]]`.
    pub term_off: Column<u32>,
    pub term_id: Column<u32>,
    pub term_tf: Column<f32>,
    /// Record `d`'s texts (title, org, field, region, maturity): `text[text_off[5d + k]..]`.
    pub text_off: Column<u32>,
    pub text: Column<u8>,
}

impl Side {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Term `t`'s postings: (record places, weighted frequencies).
    pub fn postings(&self, t: u32) -> (Cow<'_, [u32]>, Cow<'_, [f32]>) {
        let r = span(&self.post_off, t as usize);
        (self.post_doc.get(r.clone()), self.post_tf.get(r))
    }

    /// How many records hold term `t`.
    pub fn df(&self, t: u32) -> usize {
        span(&self.post_off, t as usize).len()
    }

    /// Record `d`'s (term id, weighted frequency), sorted by id.
    pub fn terms(&self, d: u32) -> Vec<(u32, f32)> {
        let r = span(&self.term_off, d as usize);
        let (ids, tfs) = (self.term_id.get(r.clone()), self.term_tf.get(r));
        ids.iter().copied().zip(tfs.iter().copied()).collect()
    }

    /// Record `d`'s text `k` (see [`TEXTS`]).
    pub fn text(&self, d: u32, k: usize) -> String {
        let r = span(&self.text_off, d as usize * TEXTS + k);
        String::from_utf8_lossy(&self.text.get(r)).into_owned()
    }

    /// The place of row `id`, when indexed.
    pub fn place(&self, id: i64) -> Option<u32> {
        self.ids.binary_search(&id).ok().map(|i| i as u32)
    }

    pub fn is_closed(&self, d: u32) -> bool {
        self.closed[d as usize] != 0
    }

    /// Record `d` read out in full (for the few candidates shown).
    pub fn doc(&self, d: u32) -> Doc {
        let i = d as usize;
        let amount = self.amounts[i];
        let level = self.maturity[i];
        Doc {
            id: self.ids[i],
            code: Code {
                kind: self.kind.code_kind(),
                num: self.seqs[i],
            },
            title: self.text(d, TITLE),
            org: self.text(d, ORG),
            field: self.text(d, FIELD),
            region: Region::parse(&self.text(d, REGION)),
            amount: (!amount.is_nan()).then_some(amount),
            maturity: self.text(d, MATURITY),
            maturity_level: (!level.is_nan()).then_some(level),
            len: self.lens[i],
            terms: self.terms(d),
        }
    }
}

/// The sorted vocabulary: term `t` is `bytes[off[t]..off[t + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct Words {
    pub off: Column<u32>,
    pub bytes: Column<u8>,
    /// Bigrams sort first: ids below this are bigrams.
    pub bigrams: u32,
}

impl Words {
    pub fn len(&self) -> usize {
        self.off.len().saturating_sub(1)
    }

    pub fn word(&self, t: u32) -> String {
        String::from_utf8_lossy(&self.bytes.get(span(&self.off, t as usize))).into_owned()
    }

    pub fn is_bigram(&self, t: u32) -> bool {
        t < self.bigrams
    }

    /// The id of `word` (binary search over the sorted vocabulary).
    pub fn id(&self, word: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            let w = self.bytes.get(span(&self.off, mid));
            match (*w).cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }
}

/// Everything needed to rank one kind's records against a record of the other kind.
#[derive(Debug, Default)]
pub struct SuggestIndex {
    pub(crate) words: Words,
    /// Folded field names, each once.
    pub(crate) fields: Vec<String>,
    /// [demands, results].
    pub(crate) sides: [Side; 2],
    pub(crate) levers: Levers,
}

pub(crate) fn side_index(kind: Kind) -> usize {
    match kind {
        Kind::Demand => 0,
        Kind::Achievement => 1,
    }
}

/// Whether a record's status says it is no longer available (closed, 已关闭, 已结束,
/// 已成交, 撤回…). Free-text statuses from imports are read generously.
pub fn is_closed(status: &str) -> bool {
    let s = crate::search::keys::fold(status.trim());
    ["closed", "close", "done", "withdrawn", "expired"].contains(&s.as_str())
        || [
            "关闭", "结束", "成交", "撤回", "撤销", "失效", "过期", "终止",
        ]
        .iter()
        .any(|w| s.contains(w))
}

/// The maturity of a result in 0..=1: TRL n → n/9; lab 0.3, pilot 0.6, small batch 0.8,
/// industrialised 1. `None` when the text says nothing recognisable.
pub fn maturity_level(text: &str) -> Option<f32> {
    let s = crate::search::keys::fold(text);
    if s.trim().is_empty() {
        return None;
    }
    if let Some(i) = s.find("trl") {
        let digit = s[i + 3..]
            .chars()
            .find(char::is_ascii_digit)
            .and_then(|c| c.to_digit(10));
        if let Some(n) = digit.filter(|n| (1..=9).contains(n)) {
            return Some(n as f32 / 9.0);
        }
    }
    let levels: &[(&[&str], f32)] = &[
        (
            &[
                "产业化",
                "industrial",
                "量产",
                "规模化",
                "大批量",
                "已应用",
                "成熟",
            ],
            1.0,
        ),
        (&["小批量", "small batch", "小批", "试生产"], 0.8),
        (&["中试", "pilot", "工程化", "样机"], 0.6),
        (&["小试", "实验室", "lab", "原理"], 0.3),
    ];
    levels
        .iter()
        .find(|(words, _)| words.iter().any(|w| s.contains(w)))
        .map(|&(_, level)| level)
}

impl SuggestIndex {
    /// How many records of `kind` are indexed.
    pub fn len(&self, kind: Kind) -> usize {
        self.sides[side_index(kind)].len()
    }

    pub fn is_empty(&self) -> bool {
        self.sides.iter().all(Side::is_empty)
    }

    pub(crate) fn term_id(&self, word: &str) -> Option<u32> {
        self.words.id(word)
    }

    /// Whether every offsets array ends where its data ends and every field index is in the
    /// table: what a loaded file must hold before a query trusts it.
    pub(crate) fn consistent(&self) -> bool {
        let ends =
            |off: &Column<u32>, len: usize| off.at(off.len().wrapping_sub(1)) as usize == len;
        ends(&self.words.off, self.words.bytes.len())
            && self.sides.iter().all(|s| {
                ends(&s.post_off, s.post_doc.len())
                    && ends(&s.term_off, s.term_id.len())
                    && ends(&s.text_off, s.text.len())
                    && s.fields
                        .iter()
                        .all(|&f| f == NO_FIELD || (f as usize) < self.fields.len())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Record;

    #[test]
    fn closed_statuses_are_recognised_in_both_languages() {
        for s in ["closed", "Closed", "已关闭", "已结束", "已成交", "撤回"] {
            assert!(is_closed(s), "{s}");
        }
        for s in ["open", "", "进行中", "征集中"] {
            assert!(!is_closed(s), "{s}");
        }
    }

    #[test]
    fn maturity_reads_trl_and_chinese_stages() {
        assert_eq!(maturity_level("TRL 6"), Some(6.0 / 9.0));
        assert_eq!(maturity_level("trl7"), Some(7.0 / 9.0));
        assert_eq!(maturity_level("中试"), Some(0.6));
        assert_eq!(maturity_level("已产业化"), Some(1.0));
        assert_eq!(maturity_level("小批量生产"), Some(0.8));
        assert_eq!(maturity_level("实验室阶段"), Some(0.3));
        assert_eq!(maturity_level(""), None);
        assert_eq!(maturity_level("见附件"), None);
    }

    #[test]
    fn build_splits_kinds_and_counts_postings() {
        let mut d = Record::new(Kind::Demand, "钙钛矿电池封装");
        (d.id, d.seq) = (1, 1);
        let mut r1 = Record::new(Kind::Achievement, "钙钛矿薄膜制备");
        (r1.id, r1.seq) = (2, 1);
        let mut r2 = Record::new(Kind::Achievement, "铜箔表面处理");
        (r2.id, r2.seq) = (3, 2);
        let index = SuggestIndex::build(&[d, r1, r2]);
        assert_eq!(index.len(Kind::Demand), 1);
        assert_eq!(index.len(Kind::Achievement), 2);
        let t = index.term_id("钙钛矿").unwrap();
        assert_eq!(index.sides[1].df(t), 1);
        assert_eq!(index.sides[0].df(t), 1);
        assert_eq!(index.words.word(t), "钙钛矿");
        assert!(index.words.is_bigram(index.term_id("\u{1}钙钛").unwrap()));
        assert!(!index.words.is_bigram(t));
    }
}
