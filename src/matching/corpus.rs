//! The suggestion index: every record's terms, an inverted index term → postings per kind,
//! and the statistics BM25 needs (document counts, lengths).
//!
//! Built once (segmentation is the cost: seconds at 100k records, spread over the cores) and
//! then queried many times; `SuggestIndex` is `Send + Sync`, so the desk builds it on a
//! background thread and shares it. Statistics are per kind: a demand's terms are weighed by
//! how rare they are among results, which is what ranks results. So an index built from one
//! kind only (what the CLI does) ranks exactly like one built from both.

use std::collections::HashMap;

use crate::domain::{Code, Kind, Record};

use super::levers::Levers;
use super::region::Region;
use super::terms::record_terms;

/// One indexed record, with what scoring and display need, parsed once.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub id: i64,
    pub kind: Kind,
    pub code: Code,
    pub title: String,
    pub org: String,
    /// The field as given (for display) and folded (for comparison).
    pub field: String,
    pub field_key: String,
    pub region: Region,
    /// Budget (demand) or asking price (result), 万元.
    pub amount: Option<f64>,
    /// The maturity as given and its level in 0..=1 (results only).
    pub maturity: String,
    pub maturity_level: Option<f32>,
    /// Closed records are kept in the statistics but never suggested.
    pub closed: bool,
    /// Sum of the weighted term frequencies.
    pub len: f32,
    /// The record's (term id, weighted frequency), sorted by id: what explains a score.
    pub terms: Vec<(u32, f32)>,
}

/// One kind's documents and postings.
#[derive(Debug, Default)]
pub(crate) struct Side {
    pub docs: Vec<Doc>,
    /// Indexed by term id: (document index in `docs`, weighted term frequency).
    pub postings: Vec<Vec<(u32, f32)>>,
    /// `docs[i].len`, dense: the scoring loop reads one per posting and a whole `Doc` per
    /// read would miss the cache.
    pub lens: Vec<f32>,
    pub avg_len: f32,
    /// Row id → index in `docs`.
    pub by_id: HashMap<i64, u32>,
}

impl Side {
    pub fn postings(&self, term: u32) -> &[(u32, f32)] {
        self.postings.get(term as usize).map_or(&[], Vec::as_slice)
    }
}

/// Everything needed to rank one kind's records against a record of the other kind.
#[derive(Debug, Default)]
pub struct SuggestIndex {
    pub(crate) vocab: HashMap<String, u32>,
    pub(crate) words: Vec<String>,
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

/// A record's terms before they are interned: what the parallel part of the build produces.
struct Prepared {
    doc: Doc,
    terms: Vec<(String, f32)>,
}

fn prepare(rec: &Record, levers: Levers) -> Prepared {
    let mut terms: Vec<(String, f32)> = record_terms(rec, &levers).into_iter().collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    let len = terms.iter().map(|t| t.1).sum();
    let maturity_level = match rec.kind {
        Kind::Achievement => maturity_level(&rec.maturity),
        Kind::Demand => None,
    };
    Prepared {
        doc: Doc {
            id: rec.id,
            kind: rec.kind,
            code: rec.code(),
            title: rec.title.clone(),
            org: rec.org.clone(),
            field: rec.field.trim().to_string(),
            field_key: crate::search::keys::fold(rec.field.trim()),
            region: Region::parse(&rec.region),
            amount: rec.amount().map(crate::domain::Money::wan_f64),
            maturity: rec.maturity.trim().to_string(),
            maturity_level,
            closed: is_closed(&rec.status),
            len,
            terms: Vec::new(),
        },
        terms,
    }
}

impl SuggestIndex {
    /// Indexes `records` (both kinds: a query's terms are weighed among its own kind too).
    /// Segmentation runs on all available cores.
    pub fn build(records: &[Record]) -> SuggestIndex {
        SuggestIndex::build_with(records, Levers::default())
    }

    /// [`SuggestIndex::build`] with some levers off (the evaluation measures each).
    pub fn build_with(records: &[Record], levers: Levers) -> SuggestIndex {
        super::terms::warm_up();
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(records.len().max(1));
        let chunk = records.len().div_ceil(threads).max(1);
        let prepared: Vec<Prepared> = std::thread::scope(|s| {
            let handles: Vec<_> = records
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || part.iter().map(|r| prepare(r, levers)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("segmentation thread panicked"))
                .collect()
        });

        let mut index = SuggestIndex {
            levers,
            ..SuggestIndex::default()
        };
        for p in prepared {
            let side = &mut index.sides[side_index(p.doc.kind)];
            let doc_ix = side.docs.len() as u32;
            let mut ids = Vec::with_capacity(p.terms.len());
            for (word, tf) in p.terms {
                let id = intern(&mut index.vocab, &mut index.words, word);
                ids.push((id, tf));
                if side.postings.len() <= id as usize {
                    side.postings.resize_with(id as usize + 1, Vec::new);
                }
                side.postings[id as usize].push((doc_ix, tf));
            }
            ids.sort_unstable_by_key(|t| t.0);
            let mut doc = p.doc;
            doc.terms = ids;
            side.by_id.insert(doc.id, doc_ix);
            side.lens.push(doc.len);
            side.docs.push(doc);
        }
        for side in &mut index.sides {
            let total: f32 = side.docs.iter().map(|d| d.len).sum();
            side.avg_len = if side.docs.is_empty() {
                1.0
            } else {
                (total / side.docs.len() as f32).max(1.0)
            };
        }
        index
    }

    /// How many records of `kind` are indexed.
    pub fn len(&self, kind: Kind) -> usize {
        self.sides[side_index(kind)].docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sides.iter().all(|s| s.docs.is_empty())
    }

    pub(crate) fn term_id(&self, word: &str) -> Option<u32> {
        self.vocab.get(word).copied()
    }
}

fn intern(vocab: &mut HashMap<String, u32>, words: &mut Vec<String>, word: String) -> u32 {
    if let Some(&id) = vocab.get(&word) {
        return id;
    }
    let id = words.len() as u32;
    words.push(word.clone());
    vocab.insert(word, id);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

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
        d.seq = 1;
        let mut r1 = Record::new(Kind::Achievement, "钙钛矿薄膜制备");
        r1.seq = 1;
        let mut r2 = Record::new(Kind::Achievement, "铜箔表面处理");
        r2.seq = 2;
        let index = SuggestIndex::build(&[d, r1, r2]);
        assert_eq!(index.len(Kind::Demand), 1);
        assert_eq!(index.len(Kind::Achievement), 2);
        let t = index.term_id("钙钛矿").unwrap();
        assert_eq!(index.sides[1].postings(t).len(), 1);
        assert_eq!(index.sides[0].postings(t).len(), 1);
    }
}
