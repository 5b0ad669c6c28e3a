//! Search behaviour a broker would notice, on real-looking records.

use super::worker::SearchWorker;
use super::*;
use crate::domain::{Kind, Record};

/// (title, org, region, keywords) of each record; ids are 1-based positions, and later
/// records were updated more recently.
const RECORDS: &[(&str, &str, &str, &str)] = &[
    ("高性能铝合金轻量化车身", "西安交通大学", "陕西", "铝合金"),
    ("鋰電池負極材料製備", "鄭州大學", "河南", "锂电"),
    ("工业视觉AI质检系统", "重庆大学", "重庆市", "AI 视觉"),
    ("5G基站散热模组", "长沙银行科技部", "湖南", "5G"),
    ("电解铜箔表面处理", "厦门钨业", "福建", "铜箔"),
    ("ＡＢＣ型复合膜", "西北工业大学", "陕西", ""),
    ("单克隆抗体纯化工艺", "蚌埠医学院", "安徽", "抗体"),
    ("西安城墙保护监测", "陕西省文物局", "陕西", ""),
    ("锂离子电池回收", "郑州轻工业大学", "河南", "电池"),
    ("新能源汽车电驱动", "长春汽车研究所", "吉林", "电驱"),
];

fn entries() -> Vec<Entry> {
    RECORDS
        .iter()
        .enumerate()
        .map(|(i, (t, o, r, k))| {
            let mut rec = Record::new(Kind::Achievement, *t);
            rec.org = (*o).to_string();
            rec.region = (*r).to_string();
            rec.keywords = (*k).to_string();
            rec.seq = i as i64 + 1;
            Entry {
                id: i as i64 + 1,
                updated_at: format!("2026-11-{:02}T08:00:00Z", i + 1),
                keys: SearchKeys::for_record(&rec),
            }
        })
        .collect()
}

fn ids(idx: &Index, q: &str) -> Vec<i64> {
    idx.search(q).iter().map(|h| h.id).collect()
}

#[test]
fn initials_and_pinyin_find_the_university() {
    let idx = Index::from_entries(entries());
    assert_eq!(ids(&idx, "xajd").first(), Some(&1));
    assert_eq!(ids(&idx, "xajtdx").first(), Some(&1));
    assert_eq!(ids(&idx, "xian jiaotong").first(), Some(&1));
    assert_eq!(ids(&idx, "xianjiaotong"), vec![1]);
    // Subsequences of the full pinyin do not match: only syllable prefixes do.
    assert!(!ids(&idx, "xjtu").contains(&2));
}

#[test]
fn polyphone_place_names_by_their_real_reading() {
    let idx = Index::from_entries(entries());
    assert_eq!(ids(&idx, "cqdx").first(), Some(&3));
    assert_eq!(ids(&idx, "cqs").first(), Some(&3));
    assert_eq!(ids(&idx, "chongqing").first(), Some(&3));
    assert_eq!(ids(&idx, "changsha").first(), Some(&4));
    assert_eq!(ids(&idx, "csyh").first(), Some(&4));
    assert_eq!(ids(&idx, "xiamen").first(), Some(&5));
    assert_eq!(ids(&idx, "xmwy").first(), Some(&5));
    assert_eq!(ids(&idx, "dankelong").first(), Some(&7));
    assert_eq!(ids(&idx, "bengbu").first(), Some(&7));
    assert_eq!(ids(&idx, "changchun").first(), Some(&10));
    // The wrong default readings are not what the keys hold.
    assert!(ids(&idx, "zhongqing").is_empty());
    assert!(ids(&idx, "shamen").is_empty());
}

#[test]
fn either_script_finds_both() {
    let idx = Index::from_entries(entries());
    let zz = ids(&idx, "郑州");
    assert!(zz.contains(&2) && zz.contains(&9), "{zz:?}");
    let zz_trad = ids(&idx, "鄭州");
    assert_eq!(zz, zz_trad);
    assert_eq!(ids(&idx, "鋰電").first(), Some(&2));
    assert_eq!(ids(&idx, "锂电池"), ids(&idx, "鋰電池"));
}

#[test]
fn width_and_case_fold() {
    let idx = Index::from_entries(entries());
    assert_eq!(ids(&idx, "abc"), vec![6]);
    assert_eq!(ids(&idx, "ＡＢＣ"), vec![6]);
    assert_eq!(ids(&idx, "ABC"), vec![6]);
}

#[test]
fn ascii_queries_ai_and_5g() {
    let idx = Index::from_entries(entries());
    // The title containing AI comes first; pinyin readings of ai (爱, 癌…) would come after.
    assert_eq!(ids(&idx, "AI").first(), Some(&3));
    assert_eq!(ids(&idx, "5g").first(), Some(&4));
    assert_eq!(ids(&idx, "5G").first(), Some(&4));
}

#[test]
fn codes_and_ext_ids_are_findable() {
    let mut e = entries();
    e[4].keys = {
        let mut rec = Record::new(Kind::Demand, "电解铜箔表面处理");
        rec.seq = 12;
        rec.ext_id = "NSFC-71701001".into();
        SearchKeys::for_record(&rec)
    };
    let idx = Index::from_entries(e);
    let d12 = idx.search("D12");
    assert_eq!(d12.first().map(|h| h.id), Some(5));
    assert_eq!(ids(&idx, "d12"), vec![5]);
    assert_eq!(ids(&idx, "71701001"), vec![5]);
}

#[test]
fn substring_in_title_outranks_scattered_and_other_fields() {
    let idx = Index::from_entries(entries());
    // 电池 appears whole in titles 2 (鋰電池) and 9 (锂离子电池); 10 has 电…驱 only.
    let hits = idx.search("电池");
    let top: Vec<i64> = hits.iter().take(2).map(|h| h.id).collect();
    assert!(top.contains(&2) && top.contains(&9), "{hits:?}");
    // Scattered 锂…电 (锂离子电池) ranks after the exact 锂电 (title 2 via its keyword too).
    let ld = ids(&idx, "锂电");
    assert_eq!(ld[0], 2);
    assert!(ld.contains(&9));
}

#[test]
fn equal_scores_order_by_most_recent_update() {
    let idx = Index::from_entries(entries());
    // 陕西 is the region of 1, 6 and 8, with equal scores; 8 is the most recent.
    let h = idx.search("陕西");
    let region_hits: Vec<i64> = h
        .iter()
        .filter(|h| [1, 6].contains(&h.id))
        .map(|h| h.id)
        .collect();
    assert_eq!(region_hits, vec![6, 1]);
    assert_eq!(ids(&idx, "").len(), RECORDS.len());
    assert_eq!(ids(&idx, "")[0], 10);
}

#[test]
fn top_k_reports_the_total() {
    let idx = Index::from_entries(entries());
    let (hits, total) = idx.search_top("大学", 2);
    assert_eq!(hits.len(), 2);
    assert_eq!(total, idx.search("大学").len());
    assert!(total > 2);
    // Without the fuzzy tier once the best are found: the same hits.
    let (best, at_least, complete) = idx.search_best("大学", 2);
    assert_eq!(best, hits);
    assert!(at_least >= 2 && at_least <= total && !complete);
    assert_eq!(
        idx.search_best("大学", 100),
        (idx.search("大学"), total, true)
    );
}

#[test]
fn edits_change_what_matches() {
    let mut idx = Index::from_entries(entries());
    idx.remove(3);
    assert!(ids(&idx, "cqdx").is_empty());
    let mut rec = Record::new(Kind::Achievement, "重组蛋白表达");
    rec.seq = 99;
    idx.upsert(Entry {
        id: 99,
        updated_at: "2026-12-01T00:00:00Z".into(),
        keys: SearchKeys::for_record(&rec),
    });
    assert_eq!(ids(&idx, "chongzu"), vec![99]);
    assert_eq!(idx.len(), RECORDS.len());
}

#[test]
fn worker_typing_matches_a_direct_search_and_narrowing_is_exact() {
    // Enough rows for the parallel scan and for narrowing to apply.
    let mut many = Vec::new();
    for round in 0..600 {
        for mut e in entries() {
            e.id += round * 100;
            many.push(e);
        }
    }
    let idx = Index::from_entries(many);
    let w = SearchWorker::spawn_with_limit(idx.clone(), usize::MAX);
    let mut seq = 0;
    for word in ["锂电池", "xian jiao", "cqdx", "电解铜箔", "abc"] {
        let chars: Vec<char> = word.chars().collect();
        // Type it, then delete back to one char.
        let mut typed: Vec<String> = (1..=chars.len())
            .map(|n| chars[..n].iter().collect())
            .collect();
        typed.extend((1..chars.len()).rev().map(|n| chars[..n].iter().collect()));
        for q in typed {
            seq += 1;
            w.query(seq, &q);
            let mut a = w.recv().expect("an answer");
            let page = a.hits.clone();
            while a.more {
                a = w.recv().expect("the rest of the hits");
            }
            assert_eq!(a.seq, seq);
            assert_eq!(a.hits, idx.search(&q), "query {q}");
            assert_eq!(a.total, a.hits.len());
            assert_eq!(
                page,
                a.hits[..page.len()],
                "query {q}: the first page leads"
            );
        }
    }
    // An edit reaches the worker before the next query.
    w.remove(3);
    w.query(seq + 1, "cqdx");
    let a = w.recv().expect("an answer");
    assert!(!a.hits.iter().any(|h| h.id == 3));
}

#[test]
fn worker_caps_hits_and_keeps_the_total() {
    let w = SearchWorker::spawn_with_limit(Index::from_entries(entries()), 3);
    w.query(1, "");
    let a = w.recv().expect("an answer");
    assert_eq!(a.hits.len(), 3);
    assert_eq!(a.total, RECORDS.len());
    // Asked for every hit (the desk does when filters will narrow them), none is cut.
    w.query_every(2, "大学");
    let every = w.recv().expect("an answer");
    w.query(3, "大学");
    let best = w.recv().expect("an answer");
    assert!(every.hits.len() > 3, "{}", every.hits.len());
    assert_eq!(every.hits.len(), every.total);
    assert_eq!(
        &every.hits[..3],
        &best.hits[..],
        "the best come first either way"
    );
}

/// The per-record scorer, applied to every record: what the buffer scans must reproduce.
fn brute_force(q: &str) -> Vec<Hit> {
    brute_force_over(entries(), q)
}

pub(super) fn brute_force_over(entries: Vec<Entry>, q: &str) -> Vec<Hit> {
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
    let query = score::Query::new(q);
    let mut hits: Vec<(i64, String, std::cmp::Reverse<i64>)> = entries
        .into_iter()
        .filter_map(|e| {
            let k = score::Keys {
                fold: &e.keys.fold,
                initials: &e.keys.initials,
                pinyin: &e.keys.pinyin,
            };
            score::score(&k, &query, &matcher)
                .map(|s| (s, e.updated_at.clone(), std::cmp::Reverse(e.id)))
        })
        .collect();
    hits.sort_by(|a, b| b.cmp(a));
    hits.into_iter()
        .map(|(score, _, std::cmp::Reverse(id))| Hit { id, score })
        .collect()
}

#[test]
fn buffer_scans_score_like_the_per_record_scorer() {
    let idx = Index::from_entries(entries());
    for q in [
        "电", "电池", "锂电", "xajd", "xian", "xianjiao", "cq", "dian", "ai", "5g", "大学", "陕西",
        "abc", "d1", "jt", "lidian", "鄭州", "xa", "hn", "z",
    ] {
        assert_eq!(idx.search(q), brute_force(q), "query {q}");
    }
}

#[test]
fn worker_skipping_the_fuzzy_tier_sends_the_same_hits() {
    let mut many = Vec::new();
    for round in 0..300 {
        for mut e in entries() {
            e.id += round * 100;
            many.push(e);
        }
    }
    let idx = Index::from_entries(many);
    let w = SearchWorker::spawn_with_limit(idx.clone(), 50);
    let mut seq = 0;
    let mut skipped = 0;
    for q in ["锂", "锂电", "锂电池", "x", "xa", "xaj", "大", "大学"] {
        seq += 1;
        w.query(seq, q);
        let a = w.recv().expect("an answer");
        let all = idx.search(q);
        assert_eq!(a.hits, all[..all.len().min(50)], "query {q}");
        assert!(a.total <= all.len() && a.total >= a.hits.len());
        if a.complete {
            assert_eq!(a.total, all.len(), "query {q}");
        } else {
            skipped += 1;
        }
    }
    assert!(skipped > 0, "common queries skip the fuzzy tier");
}

#[test]
fn an_answer_overtaken_by_a_newer_query_gives_up_and_the_next_is_still_exact() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::answer::Coverage;
    use super::request::Stop;
    use super::searcher::Searcher;

    let idx = Index::from_entries(super::tests_sieve::varied(3000));
    let mut s = Searcher::new(idx.clone(), 1000, Coverage::whole(idx.len()), 1 << 20);
    let asked = Arc::new(AtomicU64::new(1));
    let stop = Stop::unless_asked_after(&asked, 1);
    let a = s.answer(1, "xian".into(), 64, false, &stop);
    assert!(!stop.now());
    assert_eq!(a.hits, idx.search("xian")[..64]);
    // A newer query was asked: the answer being worked out gives up before scoring a row
    // (the same answer not overtaken holds 64 hits).
    asked.store(2, Ordering::Relaxed);
    assert!(stop.now());
    let given_up = s.answer(1, "xian j".into(), 64, false, &stop);
    assert!(given_up.hits.is_empty(), "{} hits", given_up.hits.len());
    let whole = Searcher::new(idx.clone(), 1000, Coverage::whole(idx.len()), 1 << 20).answer(
        1,
        "xian j".into(),
        64,
        false,
        &Stop::never(),
    );
    assert_eq!(whole.hits.len(), 64);
    // The query typed on is answered as a full search would be: the rows the given-up answer
    // kept for narrowing are every candidate.
    s.forget();
    let a = s.answer(2, "xian ji".into(), 1000, false, &Stop::never());
    let all = idx.search("xian ji");
    assert_eq!(a.hits, all[..all.len().min(1000)]);
}
