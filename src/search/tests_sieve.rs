//! The letter sieve and the early stop of common queries, on many generated records: they
//! may only save work, never change what a full scan finds.

use super::tests::brute_force_over;
use super::worker::{self, SearchWorker};
use super::*;
use crate::domain::{Kind, Record};

/// `n` records drawn (deterministically) from words that share pinyin letters, in every field,
/// with many equal update times: common ASCII queries then have thousands of candidates.
pub(super) fn varied(n: usize) -> Vec<Entry> {
    const WORDS: &[&str] = &[
        "西安",
        "交通",
        "大学",
        "新材料",
        "电解",
        "铜箔",
        "锂电池",
        "现代",
        "信息",
        "夏季",
        "先进",
        "线性",
        "小型",
        "AI",
        "5G",
        "abc",
        "系统",
        "重庆",
        "长沙",
        "厦门",
        "单克隆",
        "电子",
        "低温",
        "地铁",
        "点阵",
        "鄭州",
        "xian",
        "D5",
        "安全",
        "爱心",
        "Ｘ光",
        "ian",
        "阿姨",
        "额度",
        "αβ射线",
        "d",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % m
    };
    (0..n)
        .map(|i| {
            let mut phrase = |most: usize| -> String {
                (0..next(most + 1))
                    .map(|_| WORDS[next(WORDS.len())])
                    .collect()
            };
            let mut rec = Record::new(Kind::Demand, phrase(4));
            rec.org = phrase(3);
            rec.field = phrase(1);
            rec.region = phrase(1);
            rec.keywords = phrase(2);
            rec.contact = phrase(1);
            rec.ext_id = if i % 3 == 0 {
                format!("X{}", i % 700)
            } else {
                String::new()
            };
            // Phones (mobile, short, several) and emails, which only the folded text holds.
            rec.phone = match i % 4 {
                0 => format!("138-0000-{:04}", i % 50),
                1 => format!("0{}-{}", i % 7, i % 13),
                2 if i % 3 == 0 => format!("{} / 139{:08}", i % 10, i % 997),
                _ => String::new(),
            };
            if i % 5 == 0 {
                rec.email = format!("X{}@D5.cn", i % 9);
            }
            rec.seq = i as i64 + 1;
            Entry {
                id: i as i64 + 1,
                updated_at: format!("2026-{:02}-01T00:00:00Z", 1 + next(12)),
                keys: SearchKeys::for_record(&rec),
            }
        })
        .collect()
}

const ASCII_QUERIES: &[&str] = &[
    "x",
    "xi",
    "xia",
    "xian",
    "xa",
    "xaj",
    "xajd",
    "d",
    "di",
    "dia",
    "dian",
    "d5",
    "a",
    "ai",
    "an",
    "5",
    "5g",
    "ab",
    "abc",
    "c",
    "cq",
    "xm",
    "j",
    "jt",
    "jiao",
    "jiaotong",
    "xian jiao",
    "dz",
    "x1",
    "x12",
    "q",
    "z",
    "zz",
    "tb",
    "1",
    "13",
    "138",
    "0",
    "00",
    "0021",
    "21",
    "3",
    "d5c",
    "x1",
    "cn",
];

/// Queries of several terms, all of them ASCII (those bounded) and some not.
const TERMS_QUERIES: &[&str] = &[
    "xian j",
    "xian jiao",
    "xi an",
    "x a",
    "dian zi",
    "d x",
    "a 5",
    "5g ai",
    "d5 x",
    "xian !jiao",
    "x d !dian",
    "jiao tong",
    "da xue",
    "x 0021",
    "138 d",
    "xian 'd",
    "^x an",
    "西安 j",
];

#[test]
fn the_letter_sieve_keeps_every_match_the_scorer_finds() {
    let many = varied(1500);
    let idx = Index::from_entries(many.clone());
    // Queries of one term: the scorer knows no terms.
    for q in ASCII_QUERIES.iter().filter(|q| !q.contains(' ')) {
        assert_eq!(
            idx.search(q),
            brute_force_over(many.clone(), q),
            "query {q}"
        );
    }
}

#[test]
fn the_worker_sends_the_best_hits_of_a_full_scan_when_it_stops_early() {
    let idx = Index::from_entries(varied(6000));
    let limit = 40;
    let w = SearchWorker::spawn_with_limit(idx.clone(), limit);
    let mut early = 0;
    for (seq, q) in ASCII_QUERIES.iter().enumerate() {
        w.query(seq as u64, q);
        let a = w.recv().expect("an answer");
        let all = idx.search(q);
        assert_eq!(a.hits, all[..all.len().min(limit)], "query {q}");
        assert!(a.total >= a.hits.len() && a.total <= all.len(), "query {q}");
        if a.total < all.len() {
            early += 1;
        }
    }
    assert!(early > 0, "common queries stop scoring early");
}

#[test]
fn several_terms_send_the_best_hits_of_a_full_scan_when_they_stop_early() {
    let idx = Index::from_entries(varied(6000));
    let limit = 40;
    let w = SearchWorker::spawn_with_limit(idx.clone(), limit);
    let mut early = 0;
    let mut seq = 0;
    // Typed one character at a time: each answer may narrow an earlier one that stopped early.
    let typed = TERMS_QUERIES.iter().flat_map(|q| {
        let chars: Vec<char> = q.chars().collect();
        (1..=chars.len()).map(move |n| chars[..n].iter().collect::<String>())
    });
    for q in typed {
        seq += 1;
        w.query(seq, &q);
        let a = w.recv().expect("an answer");
        let all = idx.search(&q);
        assert_eq!(a.hits, all[..all.len().min(limit)], "query {q}");
        assert!(a.total >= a.hits.len() && a.total <= all.len(), "query {q}");
        if a.total < all.len() {
            assert!(!a.complete, "query {q}: a count cut short says so");
            early += usize::from(terms::Plan::parse(&q).single().is_none());
        }
    }
    assert!(
        early > 0,
        "common queries of several terms stop scoring early"
    );
}

#[test]
fn a_first_page_then_every_hit_each_match_a_full_scan() {
    let idx = Index::from_entries(varied(6000));
    let limit = 300;
    let w = SearchWorker::spawn_with_limit(idx.clone(), limit);
    let mut paged = 0;
    for (seq, q) in ASCII_QUERIES.iter().chain(TERMS_QUERIES).enumerate() {
        let seq = seq as u64;
        w.query(seq, q);
        let all = idx.search(q);
        let first = w.recv().expect("a first answer");
        assert_eq!(first.seq, seq);
        let page = all.len().min(worker::FIRST_PAGE);
        assert_eq!(first.hits, all[..page], "query {q}: the first page");
        // More follows exactly when the page could not hold every match.
        assert_eq!(first.more, all.len() > page, "query {q}");
        if first.more {
            paged += 1;
            let rest = w.recv().expect("every hit");
            assert_eq!((rest.seq, rest.more), (seq, false));
            assert_eq!(
                rest.hits,
                all[..all.len().min(limit)],
                "query {q}: every hit"
            );
        }
    }
    assert!(paged > 0, "common queries come in two answers");
    // Nothing else was sent: the next answer is the next query's.
    w.query(999, "xajd");
    assert_eq!(w.recv().expect("an answer").seq, 999);
}

#[test]
fn a_row_edited_between_keys_is_looked_at_again_for_the_phrase() {
    let mut rows = varied(6000);
    let idx = Index::from_entries(rows.clone());
    let w = SearchWorker::spawn_with_limit(idx, 40);
    for (seq, q) in ["xian j", "xian ji", "xian jia"].iter().enumerate() {
        w.query(seq as u64, q);
        w.recv().expect("an answer");
    }
    // A row the last keys found without the phrase now holds it in its title.
    let mut e = rows.remove(1234);
    // (Its title then ranks it with the phrase's other rows: the answer must be a full scan's.)
    e.keys =
        keys::SearchKeys::for_fields(&["", "", "西安交通大学新校区", "", "", "", "", "", "", ""]);
    e.updated_at = "2027-01-01T00:00:00Z".into();
    w.upsert(e.clone());
    rows.push(e.clone());
    w.query(10, "xian jiao");
    let a = w.recv().expect("an answer");
    let all = Index::from_entries(rows).search("xian jiao");
    assert_eq!(a.hits, all[..all.len().min(40)]);
}
