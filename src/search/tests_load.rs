//! A worker filled while it answers: answers over part of a list are the best of what it
//! holds, the last one equals a full scan, and edits made while loading survive older rows.

use super::tests_sieve::varied;
use super::worker::{Feed, SearchWorker};
use super::*;

/// `entries` in the order a loader reads them: newest first, then lowest id.
fn newest_first(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| (stamp(&b.updated_at), a.id).cmp(&(stamp(&a.updated_at), b.id)));
    entries
}

fn batch(entries: &[Entry]) -> Batch {
    let mut b = Batch::default();
    for e in entries {
        let k = &e.keys;
        b.push(e.id, &e.updated_at, &k.fold, &k.initials, &k.pinyin);
    }
    b
}

/// The worker's answers to `seq` until one covers the whole list; returns them all.
fn until_complete(w: &SearchWorker, seq: u64) -> Vec<worker::Answer> {
    let mut out = Vec::new();
    loop {
        let a = w.recv().expect("an answer");
        assert_eq!(a.seq, seq);
        // A first page over every row is followed by every hit.
        let done = a.coverage.complete && !a.more;
        out.push(a);
        if done {
            return out;
        }
    }
}

fn top(idx: &Index, q: &str, limit: usize) -> Vec<Hit> {
    let mut all = idx.search(q);
    all.truncate(limit);
    all
}

fn send(feed: &Feed, entries: &[Entry]) {
    assert!(feed.send(batch(entries)));
}

#[test]
fn a_query_before_any_row_is_answered_when_rows_arrive() {
    let all = newest_first(varied(600));
    let (w, feed) = SearchWorker::spawn_fed(50);
    w.query(1, "x");
    assert!(w.try_recv().is_none());
    send(&feed, &all[..100]);
    let a = w.recv().expect("an answer");
    assert_eq!(a.seq, 1);
    assert_eq!(a.coverage.loaded, 100);
    assert!(!a.coverage.complete);
    assert_eq!(
        a.hits,
        top(&Index::from_entries(all[..100].to_vec()), "x", 50)
    );
    feed.done();
    let last = until_complete(&w, 1);
    assert_eq!(
        last.last().unwrap().hits,
        top(&Index::from_entries(all[..100].to_vec()), "x", 50)
    );
}

#[test]
fn partial_answers_are_the_top_of_what_is_loaded_and_the_last_is_a_full_scan() {
    let all = newest_first(varied(3000));
    let whole = Index::from_entries(all.clone());
    for q in ["", "x", "xian", "dianzi", "5g", "西安", "电"] {
        let (w, feed) = SearchWorker::spawn_fed(40);
        feed.expect(all.len());
        send(&feed, &all[..700]);
        w.query(1, q);
        let a = w.recv().expect("an answer");
        assert_eq!(a.coverage.loaded, 700);
        assert_eq!(a.coverage.expected, Some(3000));
        assert!(!a.coverage.complete);
        let part = Index::from_entries(all[..700].to_vec());
        assert_eq!(a.hits, top(&part, q, 40), "query {q:?} over 700 rows");
        send(&feed, &all[700..1500]);
        send(&feed, &all[1500..]);
        feed.done();
        // The worker answers again by itself as rows arrive, and once complete.
        let answers = until_complete(&w, 1);
        let last = answers.last().unwrap();
        assert_eq!(last.coverage.loaded, 3000);
        assert_eq!(last.hits, top(&whole, q, 40), "query {q:?} over every row");
        assert_eq!(
            whole.search(q),
            super::tests::brute_force_over(all.clone(), q),
            "query {q:?}"
        );
        for a in &answers {
            let held = Index::from_entries(all[..a.coverage.loaded].to_vec());
            assert_eq!(
                a.hits,
                top(&held, q, 40),
                "query {q:?} over {}",
                a.coverage.loaded
            );
        }
    }
}

#[test]
fn edits_made_while_loading_outlive_the_rows_read_before_them() {
    let all = newest_first(varied(400));
    let (w, feed) = SearchWorker::spawn_fed(usize::MAX);
    send(&feed, &all[..100]);
    // Record all[300] is edited and all[350] deleted before the loader reaches them.
    let mut edited = all[300].clone();
    edited.keys = keys::SearchKeys::for_fields(&["", "", "全新标题", "", "", "", "", "", "", ""]);
    edited.updated_at = "2027-01-01T00:00:00Z".into();
    w.upsert(edited.clone());
    w.remove(all[350].id);
    send(&feed, &all[100..]);
    feed.done();
    w.query(1, "全新标题");
    let a = until_complete(&w, 1).pop().unwrap();
    assert_eq!(
        a.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![edited.id]
    );
    w.query(2, "");
    let a = until_complete(&w, 2).pop().unwrap();
    assert_eq!(a.coverage.loaded, 399);
    assert_eq!(a.hits[0].id, edited.id, "the edit is the newest row");
    assert!(a.hits.iter().all(|h| h.id != all[350].id));
    let mut expect = all.clone();
    expect[300] = edited;
    expect.remove(350);
    let expect = Index::from_entries(expect);
    assert_eq!(a.hits, expect.search(""));
}

#[test]
fn a_whole_index_handed_in_keeps_the_edits_made_before_it_came() {
    let all = newest_first(varied(300));
    let (w, feed) = SearchWorker::spawn_fed(usize::MAX);
    send(&feed, &all[..40]);
    // The desk writes while its cached index is being read: a record edited, one deleted.
    let mut edited = all[200].clone();
    edited.keys = keys::SearchKeys::for_fields(&["", "", "全新标题", "", "", "", "", "", "", ""]);
    edited.updated_at = "2027-01-01T00:00:00Z".into();
    w.upsert(edited.clone());
    w.remove(all[250].id);
    // The cache, read before those writes, holds the old rows.
    feed.whole(Index::from_entries(all.clone()));
    w.query(1, "");
    let a = until_complete(&w, 1).pop().unwrap();
    assert!(a.coverage.complete);
    assert_eq!(a.coverage.loaded, 299);
    let mut expect = all.clone();
    expect[200] = edited.clone();
    expect.remove(250);
    assert_eq!(a.hits, Index::from_entries(expect).search(""));
    assert_eq!(a.hits[0].id, edited.id);
    // Later edits apply as usual.
    w.remove(edited.id);
    w.query(2, "全新标题");
    assert!(until_complete(&w, 2).pop().unwrap().hits.is_empty());
}

#[test]
fn a_loader_that_stops_leaves_answers_partial_and_says_why() {
    let all = newest_first(varied(200));
    let (w, feed) = SearchWorker::spawn_fed(usize::MAX);
    send(&feed, &all[..50]);
    feed.fail("disk gone".into());
    w.query(1, "");
    let a = w.recv().expect("an answer");
    assert!(!a.coverage.complete);
    assert_eq!(a.coverage.failed.as_deref(), Some("disk gone"));
    assert_eq!(a.hits.len(), 50);
}

#[test]
fn equal_update_times_list_the_lowest_id_first() {
    let mut es = varied(30);
    for e in &mut es {
        e.updated_at = "2026-11-01T00:00:00Z".into();
    }
    let idx = Index::from_entries(es);
    let ids: Vec<i64> = idx.search("").iter().map(|h| h.id).collect();
    assert!(ids.is_sorted(), "{ids:?}");
}

#[test]
fn a_large_list_answers_its_newest_rows_first_then_every_row() {
    let all = newest_first(varied(3000));
    let whole = Index::from_entries(all.clone());
    let newest = Index::from_entries(all[..600].to_vec());
    let w = SearchWorker::spawn_quick(whole.clone(), 40, 600);
    for (seq, q) in ["x", "xi", "xian", "电", "电子", "", "5g"]
        .into_iter()
        .enumerate()
    {
        let seq = seq as u64;
        w.query(seq, q);
        let quick = w.recv().expect("a quick answer");
        assert_eq!((quick.seq, quick.coverage.loaded), (seq, 600));
        assert!(!quick.coverage.complete);
        assert_eq!(quick.hits, top(&newest, q, 40), "query {q:?}, newest rows");
        let full = w.recv().expect("the full answer");
        assert_eq!(full.seq, seq);
        assert!(full.coverage.complete);
        assert_eq!(full.hits, top(&whole, q, 40), "query {q:?}, every row");
    }
}

/// Two lists answering the same keystrokes, the second still loading (its page owed).
fn paced_pair() -> (Vec<Entry>, SearchWorker, SearchWorker, Feed) {
    let all = newest_first(varied(3000));
    let mut a = SearchWorker::spawn(Index::from_entries(all.clone()));
    let (mut b, feed) = SearchWorker::spawn_fed(worker::DEFAULT_LIMIT);
    let pages = worker::Pages::new();
    a.pace_with(&pages);
    b.pace_with(&pages);
    a.query(1, "x");
    b.query(1, "x");
    (all, a, b, feed)
}

#[test]
fn a_list_works_on_its_rest_only_once_the_other_lists_first_page_is_out() {
    let (all, a, b, feed) = paced_pair();
    let page = a.recv().expect("a first page");
    assert!(page.more, "a common query is answered with a page first");
    // Over 3,000 rows the rest takes a few ms; it waits while the other page is owed.
    std::thread::sleep(std::time::Duration::from_millis(30));
    assert!(a.try_recv().is_none(), "the rest waits for the other list");
    send(&feed, &all);
    feed.done();
    assert_eq!(b.recv().expect("the other list's page").seq, 1);
    let rest = a.recv().expect("then the rest");
    assert!(!rest.more);
    assert_eq!(
        rest.hits,
        top(&Index::from_entries(all), "x", worker::DEFAULT_LIMIT)
    );
}

#[test]
fn a_rest_does_not_wait_for_ever_on_a_list_that_cannot_answer() {
    let (all, a, _b, _feed) = paced_pair();
    assert!(a.recv().expect("a first page").more);
    let rest = a.recv().expect("the rest, once the wait is over");
    assert_eq!(
        rest.hits,
        top(&Index::from_entries(all), "x", worker::DEFAULT_LIMIT)
    );
}
