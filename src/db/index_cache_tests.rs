//! The search cache: answers as the database, follows every write, catches up, refuses damage.

use super::*;
use crate::db::records;
use crate::domain::Record;

/// Queries of every kind: empty, Chinese, pinyin, initials, several terms, a phrase to
/// split, exact, prefix, negation, a phone number and its tail, fuzzy.
const QUERIES: [&str; 14] = [
    "",
    "锂电",
    "xajd",
    "dian",
    "铜箔 电解",
    "锂电池回收",
    "'铜箔",
    "^西安",
    "电 !回收",
    "138-0000-0021",
    "0021",
    "锂回",
    "r2",
    "zhang",
];

fn the_file(cache: &Path) -> PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(cache.join("index"))
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.pop().unwrap()
}

fn same_answers(a: &Index, b: &Index) {
    assert_eq!(a.len(), b.len());
    for q in QUERIES {
        assert_eq!(a.search(q), b.search(q), "{q}");
        assert_eq!(a.search_best(q, 2), b.search_best(q, 2), "{q}");
    }
}

#[test]
fn the_cache_answers_as_the_database_and_follows_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let cache = dir.path().join("cache");
    let mut db = Db::open(&path).unwrap();
    db.write(|tx| {
        for (t, phone) in [
            ("锂电池回收", "138-0000-0021"),
            ("西安交通大学 电解", ""),
            ("电解铜箔", "+86 139 0000 0021"),
            ("锂 回收 设备", ""),
        ] {
            let mut r = Record::new(Kind::Achievement, t);
            r.phone = phone.into();
            r.contact = "张三".into();
            records::insert(tx, &mut r)?;
        }
        Ok::<(), crate::db::DbError>(())
    })
    .unwrap();
    let fresh = Index::load(db.conn(), Kind::Achievement).unwrap();
    let first = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
    let file = the_file(&cache);
    let cached = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
    assert!(!fresh.search("锂电池回收").is_empty());
    same_answers(&cached, &fresh);
    same_answers(&first, &fresh);
    drop((first, cached));
    // A write makes the cache stale: the new row is found.
    db.write(|tx| records::insert(tx, &mut Record::new(Kind::Achievement, "钠离子电池")))
        .unwrap();
    let after = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
    assert_eq!(after.search("钠离子").len(), 1);
    drop(after);
    // Rebuilt whole (no file to catch up from): the bytes a damaged file is rebuilt to.
    std::fs::remove_file(&file).unwrap();
    drop(load_in(&db, Kind::Achievement, Some(&cache)).unwrap());
    let fresh = Index::load(db.conn(), Kind::Achievement).unwrap();
    // A damaged file is rebuilt, not trusted: cut short, or zeros in place of some of its
    // key text (what a crash may leave of a file not yet on the disk), or one byte changed.
    let good = std::fs::read(&file).unwrap();
    let at = good
        .windows(6)
        .position(|w| w == "钠离".as_bytes())
        .unwrap();
    let cut = good[..good.len() / 2].to_vec();
    let mut zeros = good.clone();
    zeros[at..at + 6].fill(0);
    let mut flipped = good.clone();
    flipped[at + 4] ^= 1;
    for (what, bytes) in [("cut", cut), ("zeros", zeros), ("flipped", flipped)] {
        std::fs::remove_file(&file).unwrap();
        std::fs::write(&file, bytes).unwrap();
        let again = load_in(&db, Kind::Achievement, Some(&cache)).unwrap();
        assert_eq!(again.search("钠离子").len(), 1, "{what}");
        same_answers(&again, &fresh);
        drop(again);
        // The rebuilt cache replaced the damaged one.
        assert_eq!(std::fs::read(&file).unwrap(), good, "{what}");
    }
}

#[test]
fn a_stale_cache_catches_up_with_what_was_written_and_deleted_since() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let mut db = Db::open(&dir.path().join("d.db")).unwrap();
    let kind = Kind::Achievement;
    let mut ids = Vec::new();
    db.write(|tx| {
        for t in ["锂电池回收", "西安交通大学 电解", "电解铜箔", "钠离子电池"]
        {
            let mut r = Record::new(kind, t);
            records::insert(tx, &mut r)?;
            ids.push(r.id);
        }
        Ok::<(), crate::db::DbError>(())
    })
    .unwrap();
    drop(load_in(&db, kind, Some(&cache)).unwrap());
    let file = the_file(&cache);
    // Another broker adds one, renames one and deletes one.
    db.write(|tx| {
        records::insert(tx, &mut Record::new(kind, "固态电解质 硫化物"))?;
        let mut r = records::get(tx, ids[2])?.unwrap();
        r.title = "压延铜箔".into();
        records::update(tx, &mut r)?;
        records::delete(tx, ids[0])
    })
    .unwrap();
    let (_, name) = where_for(db.location(), kind, &cache).unwrap();
    let now = stamp_of(db.conn(), kind, &name).unwrap();
    let caught = caught_up(db.conn(), kind, &file, &now)
        .unwrap()
        .expect("caught up");
    let fresh = Index::load(db.conn(), kind).unwrap();
    same_answers(&caught, &fresh);
    assert_eq!(caught.search("固态电解质").len(), 1);
    assert!(caught.search("锂电池回收").is_empty());
    assert_eq!(caught.search("压延").len(), 1);
    // A database that went back (a restored backup) is rebuilt, not caught up.
    let older = now.replacen(
        &format!("\u{0}{}\u{0}", Stamp::parse(&now).unwrap().rev),
        "\u{0}0\u{0}",
        1,
    );
    assert!(caught_up(db.conn(), kind, &file, &older).unwrap().is_none());
}
