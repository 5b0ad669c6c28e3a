//! The desk's search index from the local cache: built from a shared database the first
//! time, then read from the cache file and caught up with what other brokers wrote since; on
//! a local file, the cache `find` left is read whole instead of every row streaming in.

mod common;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use duijie::db::index_cache::spawn_desk_loader;
use duijie::db::location::Location;
use duijie::db::{Db, records};
use duijie::domain::{Kind, Record};
use duijie::search::Index;
use duijie::search::worker::{Answer, SearchWorker};

/// What a desk opened on `at` finds for `query` once its index is complete.
fn desk_answer(at: &Location, cache: &Path, query: &str) -> Answer {
    let (w, feed) = SearchWorker::spawn_fed(usize::MAX);
    spawn_desk_loader(
        at.clone(),
        Kind::Achievement,
        Some(cache.to_path_buf()),
        feed,
    );
    w.query(1, query);
    loop {
        let a = w.recv().expect("an answer");
        assert_eq!(a.coverage.failed, None);
        if a.coverage.complete {
            return a;
        }
    }
}

fn ids(a: &Answer) -> Vec<i64> {
    a.hits.iter().map(|h| h.id).collect()
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(cache.join("index"))
        .map(|d| {
            d.map(|f| f.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "idx"))
                .collect()
        })
        .unwrap_or_default()
}

fn modified(f: &Path) -> SystemTime {
    std::fs::metadata(f).unwrap().modified().unwrap()
}

fn add(db: &mut Db, title: &str) -> i64 {
    let mut r = Record::new(Kind::Achievement, title);
    r.contact = "李雷".into();
    r.phone = "139-0000-0007".into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    r.id
}

#[test]
fn a_desk_on_a_shared_database_caches_its_index_and_catches_up_with_other_brokers() {
    let Some(url) = common::engines::schema_url("desk_cache") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let mut db = Db::connect(&url).unwrap();
    let first = add(&mut db, "锂电池回收 湿法冶金");
    add(&mut db, "电解铜箔");
    let at = Location::Server(url.clone());

    // First start: every key from the server, and the cache file written for the next one.
    let a = desk_answer(&at, &cache, "锂电池 回收");
    assert_eq!(ids(&a), vec![first]);
    // (The loader writes it after handing the worker its last rows.)
    let t = std::time::Instant::now();
    while cache_files(&cache).is_empty() && t.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let files = cache_files(&cache);
    assert_eq!(
        files.len(),
        1,
        "one cache file for the shared list: {files:?}"
    );
    let file = &files[0];
    let built = modified(file);
    // It holds phone numbers: readable by its owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "cache file mode {mode:o}");
    }

    // Nothing changed: the next start reads the file as it is.
    let a = desk_answer(&at, &cache, "铜箔");
    assert_eq!(a.hits.len(), 1);
    assert_eq!(modified(file), built, "an unchanged cache is not rewritten");

    // Another broker adds one record and deletes one: the next start catches the file up.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let other = add(&mut db, "钠离子电池 正极");
    db.write(|tx| records::delete(tx, first)).unwrap();
    let a = desk_answer(&at, &cache, "电池");
    assert_eq!(ids(&a), vec![other]);
    assert_ne!(
        modified(file),
        built,
        "the cache follows the feed's revisions"
    );
    let fresh = Index::load(db.conn(), Kind::Achievement).unwrap();
    for q in ["", "电池", "0007", "lilei", "!钠"] {
        assert_eq!(
            ids(&desk_answer(&at, &cache, q)),
            fresh.search(q).iter().map(|h| h.id).collect::<Vec<_>>(),
            "{q}"
        );
    }
}

#[test]
fn a_desk_on_a_file_reads_the_index_find_cached_and_misses_no_later_write() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let path = dir.path().join("d.db");
    let mut db = Db::open(&path).unwrap();
    let a1 = add(&mut db, "锂电池回收");
    let at = Location::File(path.clone());

    // Without a cache the rows stream in, and the desk writes none (find does).
    assert_eq!(ids(&desk_answer(&at, &cache, "回收")), vec![a1]);
    assert!(cache_files(&cache).is_empty());
    duijie::db::index_cache::load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
    assert_eq!(cache_files(&cache).len(), 1);
    assert_eq!(ids(&desk_answer(&at, &cache, "回收")), vec![a1]);

    // A write after the cache was built is found too.
    let a2 = add(&mut db, "废旧电池回收");
    let mut got = ids(&desk_answer(&at, &cache, "回收"));
    got.sort_unstable();
    assert_eq!(got, vec![a1, a2]);
}
