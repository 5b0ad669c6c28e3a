//! Queries as a broker on the phone types them: several words, a phrase without spaces, a
//! phone number in any writing, fzf's marks.

use super::worker::SearchWorker;
use super::*;
use crate::domain::{Kind, Record};

/// (title, org, keywords, contact, phone, email); ids are 1-based positions.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const CALLS: &[Row] = &[
    (
        "废旧锂电池梯次利用",
        "中南大学",
        "回收；提锂",
        "张三",
        "138-0000-0021",
        "zhang@csu.edu.cn",
    ),
    (
        "退役锂电池拆解回收装备",
        "天津大学",
        "",
        "李四",
        "+86 139 0000 2222",
        "",
    ),
    (
        "焦化废水处理",
        "天津大学",
        "焦化",
        "王五",
        "022-2740 1234",
        "",
    ),
    ("回收塑料再生", "中南林业科技大学", "锂", "", "", ""),
    ("电池管理系统", "清华大学", "锂电池", "赵六", "", ""),
];

fn index_of(rows: &[Row]) -> Index {
    let entries = rows
        .iter()
        .enumerate()
        .map(|(i, &(title, org, keywords, contact, phone, email))| {
            let mut rec = Record::new(Kind::Achievement, title);
            rec.org = org.into();
            rec.keywords = keywords.into();
            rec.contact = contact.into();
            rec.phone = phone.into();
            rec.email = email.into();
            rec.seq = i as i64 + 1;
            Entry {
                id: i as i64 + 1,
                updated_at: "2026-11-01T08:00:00Z".into(),
                keys: SearchKeys::for_record(&rec),
            }
        })
        .collect();
    Index::from_entries(entries)
}

fn ids(idx: &Index, q: &str) -> Vec<i64> {
    idx.search(q).iter().map(|h| h.id).collect()
}

fn sorted(mut v: Vec<i64>) -> Vec<i64> {
    v.sort_unstable();
    v
}

#[test]
fn terms_match_across_fields_all_of_them() {
    let idx = index_of(CALLS);
    // 中南 in the organisation, 提锂 among the keywords: only the record holding both.
    assert_eq!(ids(&idx, "中南 提锂"), vec![1]);
    assert_eq!(sorted(ids(&idx, "锂电池 回收")), vec![1, 2]);
    assert_eq!(ids(&idx, "天津 焦化"), vec![3]);
    // Pinyin terms too, and a contact's name with the organisation.
    assert_eq!(ids(&idx, "tjdx jiaohua"), vec![3]);
    assert_eq!(ids(&idx, "张三 中南"), vec![1]);
    assert!(ids(&idx, "中南 焦化").is_empty());
}

#[test]
fn a_phrase_that_finds_nothing_whole_is_split_into_words() {
    let idx = index_of(CALLS);
    assert_eq!(sorted(ids(&idx, "锂电池回收")), vec![1, 2]);
    assert_eq!(ids(&idx, "天津大学焦化"), vec![3]);
    // A phrase some record holds whole is not split.
    let whole = index_of(&[CALLS[0], ("锂电池回收网点", "", "", "", "", "")]);
    assert_eq!(ids(&whole, "锂电池回收"), vec![2]);
}

#[test]
fn a_phrase_no_record_holds_every_character_of_is_left_whole_and_finds_nothing() {
    let idx = index_of(CALLS);
    // 钠 is in no record: split or not, nothing matches, and the phrase stays whole (the
    // dictionary is not loaded for it).
    for q in ["钠电池回收", "天津大学钠"] {
        assert_eq!(idx.plan(q).terms.len(), 1, "{q}");
        assert!(idx.search(q).is_empty(), "{q}");
        let words = terms::words(q).unwrap().join(" ");
        assert!(idx.search(&words).is_empty(), "{q} as {words}");
    }
    // Every character in one record, the phrase in none: split as before.
    assert_eq!(idx.plan("回收锂电池").terms.len(), 2);
    assert_eq!(sorted(ids(&idx, "回收锂电池")), vec![1, 2]);
}

#[test]
fn phone_numbers_with_or_without_separators_and_their_tails() {
    let idx = index_of(CALLS);
    for typed in [
        "13800000021",
        "138-0000-0021",
        "138 0000 0021",
        "+86 13800000021",
        "+8613800000021",
        "0021",
        "00000021",
    ] {
        assert_eq!(ids(&idx, typed), vec![1], "{typed}");
    }
    assert_eq!(ids(&idx, "139 0000 2222"), vec![2]);
    assert_eq!(ids(&idx, "2222"), vec![2]);
    assert_eq!(ids(&idx, "022-27401234"), vec![3]);
    assert_eq!(ids(&idx, "1234"), vec![3]);
    assert_eq!(ids(&idx, "zhang@csu"), vec![1]);
    assert!(ids(&idx, "13800009999").is_empty());
}

#[test]
fn exact_prefix_and_negation() {
    let idx = index_of(CALLS);
    // ld: the initials of 锂电; 'ld: the letters themselves, which no text holds.
    assert!(!ids(&idx, "ld").is_empty());
    assert!(ids(&idx, "'ld").is_empty());
    assert_eq!(ids(&idx, "'梯次"), vec![1]);
    // ^: a field starts with it (its text or its initials).
    assert_eq!(sorted(ids(&idx, "^天津")), vec![2, 3]);
    assert_eq!(sorted(ids(&idx, "^tj")), vec![2, 3]);
    assert!(ids(&idx, "^大学").is_empty());
    assert_eq!(ids(&idx, "^焦化 ^天津"), vec![3]);
    // !: leaves out what holds it.
    assert_eq!(ids(&idx, "锂电池 !回收"), vec![5]);
    assert_eq!(sorted(ids(&idx, "!天津 !中南")), vec![5]);
}

#[test]
fn the_whole_phrase_and_the_title_rank_above_scattered_terms() {
    let idx = index_of(&[
        CALLS[0],                                   // 锂电池 in the title, 回收 a keyword
        CALLS[1],                                   // both in the title, apart
        ("锂电池回收网点建设", "", "", "", "", ""), // the phrase whole
    ]);
    assert_eq!(ids(&idx, "锂电池 回收"), vec![3, 2, 1]);
    let hits = idx.search("回收 锂电池");
    assert_eq!(hits.last().map(|h| h.id), Some(1), "scattered last");
    // Pinyin terms read as consecutive syllables of one field count as the phrase.
    let idx = index_of(&[
        ("西安市轨道交通", "", "", "", "", ""),
        ("西安交通大学材料", "", "", "", "", ""),
    ]);
    assert_eq!(ids(&idx, "xian jiao"), vec![2, 1]);
}

#[test]
fn the_worker_answers_typed_terms_as_a_direct_search() {
    let idx = index_of(CALLS);
    let w = SearchWorker::spawn(idx.clone());
    for (seq, typed) in [
        "锂电池回收",
        "锂电池 !回收",
        "中南 提锂",
        "138 0000 0021",
        "^tj jiao",
    ]
    .iter()
    .enumerate()
    {
        // One character at a time, as typed; each answer is that of a direct search.
        let chars: Vec<char> = typed.chars().collect();
        for n in 1..=chars.len() {
            let q: String = chars[..n].iter().collect();
            w.query((seq * 100 + n) as u64, &q);
            let a = w.recv().expect("an answer");
            assert_eq!(a.hits, idx.search(&q), "{q:?}");
        }
    }
}
