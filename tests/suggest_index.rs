//! The persisted suggestion index (answers as a fresh build does, follows record changes,
//! never trusts a damaged file) and what the broker's dismissals and pairs teach the
//! ranking, on small hand-made fixtures.

use duijie::db::dismissals::{self, DismissReason};
use duijie::db::{Db, records};
use duijie::domain::{Kind, Record};
use duijie::matching::{Levers, SuggestIndex, Suggestion, persist, suggest_for};

fn add(db: &mut Db, kind: Kind, title: &str, field: &str, description: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.field = field.into();
    r.description = description.into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    r
}

fn codes(s: &[Suggestion]) -> Vec<String> {
    s.iter().map(|x| x.code.to_string()).collect()
}

fn all(db: &Db) -> Vec<Record> {
    records::list(db.conn(), &records::RecordFilter::default()).unwrap()
}

/// A file database with a copper-foil demand and a few results.
fn fixture() -> (tempfile::TempDir, Db, Record) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("t.db")).unwrap();
    let d = add(
        &mut db,
        Kind::Demand,
        "锂电池用电解铜箔表面处理",
        "新材料",
        "寻求铜箔表面粗化与防氧化工艺",
    );
    add(&mut db, Kind::Demand, "光伏组件回收", "新能源", "");
    add(
        &mut db,
        Kind::Achievement,
        "电解铜箔表面粗化处理工艺",
        "新材料",
        "铜箔防氧化",
    );
    add(&mut db, Kind::Achievement, "钙钛矿电池封装", "新能源", "");
    add(
        &mut db,
        Kind::Achievement,
        "铜箔分切设备",
        "高端装备",
        "铜箔收卷",
    );
    (dir, db, d)
}

#[test]
fn the_saved_index_answers_as_a_fresh_build_and_follows_record_changes() {
    let (dir, mut db, d) = fixture();
    let path = dir.path().join("t.db");
    let cache = persist::cache_path(&path).unwrap();
    assert!(!cache.exists());
    let built = persist::open(db.conn(), &path, Levers::default()).unwrap();
    assert!(cache.exists(), "the first call saves the index");
    let fresh = SuggestIndex::build(&all(&db));
    let want = suggest_for(db.conn(), &fresh, &d, 10, false).unwrap();
    assert_eq!(suggest_for(db.conn(), &built, &d, 10, false).unwrap(), want);
    // Opened again: from the file, and the same answer, reasons and all.
    let Ok(loaded) = persist::cached(db.conn(), &path, Levers::default()).unwrap() else {
        panic!("the saved index should be fresh");
    };
    assert_eq!(
        suggest_for(db.conn(), &loaded, &d, 10, false).unwrap(),
        want
    );

    // A dismissal writes no record: the file stays fresh.
    db.write(|tx| dismissals::dismiss(tx, &d, want[1].id, DismissReason::Other))
        .unwrap();
    assert!(
        persist::cached(db.conn(), &path, Levers::default())
            .unwrap()
            .is_ok()
    );

    // A new result is a change: the next open rebuilds, and the newcomer is found.
    let newcomer = add(
        &mut db,
        Kind::Achievement,
        "锂电铜箔表面防氧化处理",
        "新材料",
        "电解铜箔粗化",
    );
    assert!(
        persist::cached(db.conn(), &path, Levers::default())
            .unwrap()
            .is_err()
    );
    let rebuilt = persist::open(db.conn(), &path, Levers::default()).unwrap();
    let now = suggest_for(db.conn(), &rebuilt, &d, 10, false).unwrap();
    assert!(now.iter().any(|s| s.id == newcomer.id), "{:?}", codes(&now));
    let fresh = SuggestIndex::build(&all(&db));
    assert_eq!(now, suggest_for(db.conn(), &fresh, &d, 10, false).unwrap());

    // An edit and a delete are changes too.
    let mut edited = newcomer.clone();
    edited.title = "光伏组件回收拆解".into();
    edited.description = String::new();
    db.write(|tx| records::update(tx, &mut edited)).unwrap();
    let after_edit = persist::open(db.conn(), &path, Levers::default()).unwrap();
    let now = suggest_for(db.conn(), &after_edit, &d, 10, false).unwrap();
    assert!(now.iter().all(|s| s.id != newcomer.id), "{:?}", codes(&now));
    db.write(|tx| records::delete(tx, want[0].id)).unwrap();
    let after_delete = persist::open(db.conn(), &path, Levers::default()).unwrap();
    let now = suggest_for(db.conn(), &after_delete, &d, 10, false).unwrap();
    assert!(now.iter().all(|s| s.id != want[0].id), "{:?}", codes(&now));
}

#[test]
fn a_damaged_or_foreign_index_file_is_rebuilt_not_trusted() {
    let (dir, db, d) = fixture();
    let path = dir.path().join("t.db");
    let cache = persist::cache_path(&path).unwrap();
    let want = {
        let index = persist::open(db.conn(), &path, Levers::default()).unwrap();
        suggest_for(db.conn(), &index, &d, 10, false).unwrap()
    };
    let bytes = std::fs::read(&cache).unwrap();
    for damaged in [
        bytes[..bytes.len() / 2].to_vec(),
        vec![0u8; 64],
        bytes.iter().map(|b| b ^ 0x5a).collect::<Vec<u8>>(),
    ] {
        std::fs::write(&cache, &damaged).unwrap();
        assert!(persist::load(&cache, Levers::default()).is_err());
        let index = persist::open(db.conn(), &path, Levers::default()).unwrap();
        assert_eq!(suggest_for(db.conn(), &index, &d, 10, false).unwrap(), want);
    }
    // Built with other levers: not used for the default ranking.
    let other = Levers {
        bigrams: false,
        ..Levers::default()
    };
    persist::open(db.conn(), &path, other).unwrap();
    assert!(persist::load(&cache, Levers::default()).is_err());
}

/// A demand whose words are shared by a family of look-alike results (设备 boilerplate) and,
/// less strongly, by the right one.
fn lookalikes() -> (tempfile::TempDir, Db, Record, Record, Vec<Record>) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("t.db")).unwrap();
    let d = add(
        &mut db,
        Kind::Demand,
        "智能巡检机器人",
        "",
        "变电站设备巡检，红外测温",
    );
    let twins: Vec<Record> = ["智能巡检机器人底盘", "智能巡检机器人外壳"]
        .iter()
        .map(|t| add(&mut db, Kind::Achievement, t, "", "机器人结构件"))
        .collect();
    let right = add(
        &mut db,
        Kind::Achievement,
        "变电站红外测温巡检系统",
        "",
        "变电站设备巡检与红外测温",
    );
    for t in ["农产品冷链", "钙钛矿电池", "铜箔分切"] {
        add(&mut db, Kind::Achievement, t, "", "");
    }
    (dir, db, d, right, twins)
}

#[test]
fn dismissing_a_lookalike_as_not_relevant_pulls_down_its_twin_too() {
    let (_dir, mut db, d, right, twins) = lookalikes();
    let index = SuggestIndex::build(&all(&db));
    let before = suggest_for(db.conn(), &index, &d, 10, false).unwrap();
    let place = |s: &[Suggestion], id: i64| s.iter().position(|x| x.id == id);
    let first = before[0].id;
    assert!(twins.iter().any(|t| t.id == first), "{:?}", codes(&before));
    let twin = twins.iter().find(|t| t.id != first).unwrap();
    assert!(place(&before, twin.id) < place(&before, right.id));

    // Dismissed as "other": only hidden, the rest keeps its order.
    db.write(|tx| dismissals::dismiss(tx, &d, first, DismissReason::Other))
        .unwrap();
    let hidden = suggest_for(db.conn(), &index, &d, 10, false).unwrap();
    assert_eq!(hidden[0].id, twin.id, "{:?}", codes(&hidden));

    // Dismissed as not relevant: what it shared with the demand weighs less, and the right
    // result passes its twin.
    db.write(|tx| dismissals::dismiss(tx, &d, first, DismissReason::NotRelevant))
        .unwrap();
    let taught = suggest_for(db.conn(), &index, &d, 10, false).unwrap();
    assert_eq!(taught[0].id, right.id, "{:?}", codes(&taught));
    assert!(taught.iter().all(|s| s.id != first));
}

#[test]
fn a_wrong_field_dismissal_takes_the_field_points_from_that_field_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("t.db")).unwrap();
    let d = add(&mut db, Kind::Demand, "铜箔表面处理", "新材料", "");
    let a = add(&mut db, Kind::Achievement, "铜箔表面处理", "新材料", "");
    let b = add(&mut db, Kind::Achievement, "铜箔表面处理工艺", "新材料", "");
    let c = add(&mut db, Kind::Achievement, "铜箔表面处理", "高端装备", "");
    let index = SuggestIndex::build(&all(&db));
    let field_of = |s: &[Suggestion], id: i64| {
        s.iter()
            .find(|x| x.id == id)
            .unwrap()
            .reasons
            .iter()
            .any(|w| matches!(w.reason, duijie::matching::Reason::SameField(_)))
    };
    let before = suggest_for(db.conn(), &index, &d, 10, false).unwrap();
    assert!(field_of(&before, b.id));
    db.write(|tx| dismissals::dismiss(tx, &d, a.id, DismissReason::WrongField))
        .unwrap();
    let after = suggest_for(db.conn(), &index, &d, 10, false).unwrap();
    assert!(!field_of(&after, b.id), "{after:#?}");
    assert_eq!(after[0].id, c.id, "{:?}", codes(&after));
}
