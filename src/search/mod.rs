//! Search that understands Chinese: keys precomputed per record (folded script, pinyin,
//! initials) and the matcher that runs over them.
//!
//! [`Index`] holds the keys of one list in memory and answers a query synchronously;
//! [`worker::SearchWorker`] runs queries on a thread where the latest query wins, so typing
//! never waits for a scan.

pub mod keys;
pub mod worker;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rusqlite::{Connection, params};

use crate::db::DbResult;
use crate::domain::Kind;
use keys::{SearchKeys, fold};

/// One searchable record.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    /// RFC 3339; later sorts first among equal scores.
    pub updated_at: String,
    pub keys: SearchKeys,
}

/// A record that matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: i64,
    pub score: i64,
}

/// The search keys of one list, in memory.
#[derive(Debug, Default, Clone)]
pub struct Index {
    entries: Vec<Entry>,
}

impl Index {
    /// Loads the stored keys of every record of `kind`.
    pub fn load(conn: &Connection, kind: Kind) -> DbResult<Index> {
        let mut st = conn.prepare(
            "SELECT id, updated_at, key_text, key_fold, key_pinyin, key_initials \
             FROM record WHERE kind = ?1 ORDER BY id",
        )?;
        let entries = st
            .query_map(params![kind.as_str()], |r| {
                Ok(Entry {
                    id: r.get(0)?,
                    updated_at: r.get(1)?,
                    keys: SearchKeys {
                        text: r.get(2)?,
                        fold: r.get(3)?,
                        pinyin: r.get(4)?,
                        initials: r.get(5)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Index { entries })
    }

    pub fn from_entries(entries: Vec<Entry>) -> Index {
        Index { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds or replaces one entry (after an edit or an add).
    pub fn upsert(&mut self, entry: Entry) {
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(e) => *e = entry,
            None => self.entries.push(entry),
        }
    }

    pub fn remove(&mut self, id: i64) {
        self.entries.retain(|e| e.id != id);
    }

    /// Every record matching `query`, best score first, then most recently updated.
    /// An empty query matches everything (score 0).
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = query.trim();
        let mut scored: Vec<(i64, &Entry)> = if q.is_empty() {
            self.entries.iter().map(|e| (0, e)).collect()
        } else {
            let matcher = SkimMatcherV2::default().ignore_case();
            let fq = fold(q);
            let compact: String = fq.chars().filter(|c| !c.is_whitespace()).collect();
            self.entries
                .iter()
                .filter_map(|e| {
                    let k = &e.keys;
                    [
                        matcher.fuzzy_match(&k.text, q),
                        matcher.fuzzy_match(&k.fold, &fq),
                        matcher.fuzzy_match(&k.initials, &compact),
                        pinyin_prefix_score(&k.pinyin, &fq),
                    ]
                    .into_iter()
                    .flatten()
                    .max()
                    .map(|s| (s, e))
                })
                .collect()
        };
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.updated_at.cmp(&a.1.updated_at))
        });
        scored
            .into_iter()
            .map(|(score, e)| Hit { id: e.id, score })
            .collect()
    }
}

/// Matches a pinyin query by syllable prefixes: "xian jiao" or "xianjiaotong" against
/// "xi an jiao tong da xue". Returns a score when every query letter is consumed by
/// consecutive syllables, each taken from its start.
fn pinyin_prefix_score(pinyin: &str, query: &str) -> Option<i64> {
    let q: String = query.chars().filter(char::is_ascii_alphanumeric).collect();
    if q.len() < 2 || q.len() != query.chars().filter(|c| !c.is_whitespace()).count() {
        return None;
    }
    let syl: Vec<&str> = pinyin.split([' ', '·']).filter(|s| !s.is_empty()).collect();
    (0..syl.len())
        .find(|&start| consumes(&syl[start..], &q))
        .map(|_| 40 + q.len() as i64 * 8)
}

/// True when `q` is a concatenation of non-empty prefixes of consecutive `syl`, in order.
fn consumes(syl: &[&str], q: &str) -> bool {
    if q.is_empty() {
        return true;
    }
    let Some(first) = syl.first() else {
        return false;
    };
    let common = first
        .bytes()
        .zip(q.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    (1..=common).rev().any(|n| consumes(&syl[1..], &q[n..]))
}

/// Char indices of `text` that `query` matches, for highlighting matches on original text.
pub fn highlight(text: &str, query: &str) -> Vec<usize> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    SkimMatcherV2::default()
        .ignore_case()
        .fuzzy_indices(text, q)
        .map(|(_, idx)| idx)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Record;

    fn index(titles: &[(&str, &str)]) -> Index {
        let entries = titles
            .iter()
            .enumerate()
            .map(|(i, (t, o))| {
                let mut r = Record::new(Kind::Achievement, *t);
                r.org = (*o).to_string();
                r.seq = i as i64 + 1;
                Entry {
                    id: i as i64 + 1,
                    updated_at: String::new(),
                    keys: SearchKeys::for_record(&r),
                }
            })
            .collect();
        Index::from_entries(entries)
    }

    #[test]
    fn finds_by_initials_pinyin_traditional_and_ascii() {
        let idx = index(&[
            ("高性能铝合金", "西安交通大学"),
            ("鋰電池負極", "鄭州大學"),
            ("AI vision QC", "重庆大学"),
        ]);
        let ids = |q: &str| idx.search(q).iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids("xajd").first(), Some(&1));
        assert_eq!(ids("xian jiao").first(), Some(&1));
        assert_eq!(ids("锂电"), vec![2]);
        assert_eq!(ids("郑州大学"), vec![2]);
        assert_eq!(ids("vision"), vec![3]);
        assert_eq!(ids("").len(), 3);
    }
}
