//! Revisions: every write path stamps what it touched with a fresh revision, deletions leave
//! tombstones, and `changes_since` reads back exactly that.

mod pipeline_support;

use std::process::Command;

use duijie::db::{Db, live, records, rev};
use duijie::domain::undo::CLI;
use duijie::domain::{Kind, Record, RecordPatch, Stage};
use duijie::i18n::Lang;
use duijie::import::{ImportOptions, import_bytes};
use duijie::pipeline::{self, LogRequest, MoveRequest};
use pipeline_support::{code, day, seeded};

/// What a write touched, to check that its revision moved.
enum Touched {
    Record(&'static str),
    Pair(&'static str),
    GoneRecord(i64),
    GonePair(&'static str),
}

fn rec_rev(db: &Db, c: &str) -> i64 {
    records::get_by_code(db.conn(), code(c)).unwrap().rev
}

fn pair_rev(db: &Db, c: &str) -> i64 {
    pipeline::pair_by_code(db.conn(), code(c)).unwrap().rev
}

/// D1..D3, R1..R3, P1 = D1 ⇄ R1 moved to contacted.
fn fixture() -> Db {
    let mut db = seeded();
    pipeline::create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    pipeline::move_pair(
        &mut db,
        &day(0),
        &MoveRequest::new(code("P1"), Stage::Contacted),
    )
    .unwrap();
    db
}

type Write = fn(&mut Db);

#[test]
fn each_write_path_raises_the_rev_of_what_it_touched() {
    let cases: Vec<(&str, Write, Touched)> = vec![
        (
            "records::insert",
            |db| {
                let mut r = Record::new(Kind::Demand, "新需求");
                db.write(|tx| records::insert(tx, &mut r)).unwrap();
            },
            Touched::Record("D4"),
        ),
        (
            "records::update",
            |db| {
                let mut r = records::get_by_code(db.conn(), code("D2")).unwrap();
                r.phone = "139".into();
                db.write(|tx| records::update(tx, &mut r)).unwrap();
            },
            Touched::Record("D2"),
        ),
        (
            "records::upsert (update)",
            |db| {
                let mut r = records::get_by_code(db.conn(), code("R2")).unwrap();
                r.description = "新的简介".into();
                db.write(|tx| records::upsert(tx, &mut r)).unwrap();
            },
            Touched::Record("R2"),
        ),
        (
            "records::delete",
            |db| {
                let id = records::get_by_code(db.conn(), code("D3")).unwrap().id;
                db.write(|tx| records::delete(tx, id)).unwrap();
            },
            Touched::GoneRecord(3),
        ),
        (
            "records::update_fields",
            |db| {
                let base = records::get_by_code(db.conn(), code("R3")).unwrap();
                let patch = RecordPatch {
                    status: Some("closed".into()),
                    ..RecordPatch::default()
                };
                records::update_fields(db, &base, &patch, "desk:1").unwrap();
            },
            Touched::Record("R3"),
        ),
        (
            "import",
            |db| {
                let csv = "需求名称,企业名称\n导入的需求,某公司\n".as_bytes();
                import_bytes(db, Kind::Demand, "d.csv", csv, &ImportOptions::default()).unwrap();
            },
            Touched::Record("D4"),
        ),
        (
            "pipeline::create",
            |db| {
                pipeline::create(db, &day(1), code("D2"), code("R2"), "", CLI).unwrap();
            },
            Touched::Pair("P2"),
        ),
        (
            "pipeline::move_to",
            |db| {
                let req = MoveRequest::new(code("P1"), Stage::Negotiating);
                pipeline::move_to(db, &day(1), &req, CLI).unwrap();
            },
            Touched::Pair("P1"),
        ),
        (
            "pipeline::log",
            |db| {
                let req = LogRequest {
                    pair: code("P1"),
                    channel: duijie::domain::Channel::Phone,
                    note: "回电".into(),
                    next_action: None,
                    next_due: None,
                    done: false,
                };
                pipeline::log(db, &day(1), &req, CLI).unwrap();
            },
            Touched::Pair("P1"),
        ),
        (
            "pipeline::delete",
            |db| {
                pipeline::delete(db, &day(1), code("P1"), None, CLI).unwrap();
            },
            Touched::GonePair("P1"),
        ),
        (
            "undo of a move",
            |db| {
                pipeline::undo(db).unwrap().unwrap();
            },
            Touched::Pair("P1"),
        ),
        (
            "undo of a record delete's pair (restore)",
            |db| {
                pipeline::delete_pair(db, &day(1), code("P1")).unwrap();
                pipeline::undo(db).unwrap().unwrap();
            },
            Touched::Pair("P1"),
        ),
        (
            "reactivate",
            |db| {
                let mut req = MoveRequest::new(code("P1"), Stage::Shelved);
                req.reason = Some(duijie::domain::ShelveReason::NoReply);
                pipeline::move_pair(db, &day(1), &req).unwrap();
                pipeline::reactivate(db, &day(1), code("P1"), CLI).unwrap();
            },
            Touched::Pair("P1"),
        ),
        (
            "record edit renames a pair's side",
            |db| {
                let base = records::get_by_code(db.conn(), code("D1")).unwrap();
                let patch = RecordPatch {
                    title: Some("改名".into()),
                    ..RecordPatch::default()
                };
                records::update_fields(db, &base, &patch, "desk:1").unwrap();
            },
            Touched::Record("D1"),
        ),
    ];
    for (name, write, touched) in cases {
        let mut db = fixture();
        let before = rev::current(db.conn()).unwrap();
        write(&mut db);
        let now = rev::current(db.conn()).unwrap();
        assert!(now > before, "{name}: the counter moved");
        let changes = live::changes_since(db.conn(), before).unwrap();
        assert_eq!(changes.max_rev, now, "{name}");
        match touched {
            Touched::Record(c) => {
                assert_eq!(rec_rev(&db, c), now, "{name}");
                assert!(
                    changes.records.iter().any(|r| r.code().to_string() == c),
                    "{name}: {c} among the changes"
                );
            }
            Touched::Pair(c) => {
                assert_eq!(pair_rev(&db, c), now, "{name}");
                assert!(
                    changes.pairs.iter().any(|p| p.pair.code().to_string() == c),
                    "{name}: {c} among the changes"
                );
                assert!(changes.gone_pairs.is_empty(), "{name}: not gone");
            }
            Touched::GoneRecord(id) => {
                assert_eq!(changes.gone_records, [id], "{name}");
            }
            Touched::GonePair(c) => {
                assert_eq!(changes.gone_pairs, [code(c).num], "{name}");
            }
        }
        // Nothing after the newest revision.
        assert!(
            live::changes_since(db.conn(), now).unwrap().is_empty(),
            "{name}"
        );
    }
}

#[test]
fn a_renamed_record_brings_its_pairs_along_and_a_deleted_one_takes_them() {
    let mut db = fixture();
    let before = rev::current(db.conn()).unwrap();
    let base = records::get_by_code(db.conn(), code("R1")).unwrap();
    let patch = RecordPatch {
        org: Some("郑州大学".into()),
        ..RecordPatch::default()
    };
    records::update_fields(&mut db, &base, &patch, "desk:1").unwrap();
    let c = live::changes_since(db.conn(), before).unwrap();
    assert_eq!(c.pairs.len(), 1);
    assert_eq!(c.pairs[0].result.org, "郑州大学");

    let before = c.max_rev;
    db.write(|tx| records::delete(tx, base.id)).unwrap();
    let c = live::changes_since(db.conn(), before).unwrap();
    assert_eq!(c.gone_records, [base.id]);
    assert_eq!(c.gone_pairs, [1], "the cascade left a tombstone");
}

#[test]
fn one_import_is_one_revision() {
    let mut db = Db::open_in_memory().unwrap();
    let csv = "需求名称,企业名称\n甲,一\n乙,二\n丙,三\n".as_bytes();
    import_bytes(
        &mut db,
        Kind::Demand,
        "d.csv",
        csv,
        &ImportOptions::default(),
    )
    .unwrap();
    let revs: Vec<i64> = records::first_rows(db.conn(), Kind::Demand, 10)
        .unwrap()
        .iter()
        .map(|r| r.rev)
        .collect();
    assert_eq!(revs.len(), 3);
    assert!(revs.iter().all(|&r| r == revs[0] && r > 0), "{revs:?}");
    assert_eq!(rev::current(db.conn()).unwrap(), revs[0]);
}

#[test]
fn the_demo_seed_stamps_its_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    duijie::demo::build(&path).unwrap();
    let db = Db::open(&path).unwrap();
    let c = live::changes_since(db.conn(), 0).unwrap();
    assert!(!c.pairs.is_empty());
    assert!(c.pairs.iter().all(|p| p.pair.rev > 0));
    assert!(c.records.iter().all(|r| r.rev > 0));
}

#[test]
fn a_cli_edit_stamps_the_record_and_journals_as_cli() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    {
        let mut db = Db::open(&path).unwrap();
        let mut r = Record::new(Kind::Demand, "铜箔");
        db.write(|tx| records::insert(tx, &mut r)).unwrap();
    }
    let before = {
        let db = Db::open(&path).unwrap();
        rev::current(db.conn()).unwrap()
    };
    let out = Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(&path)
        .args(["edit", "D1", "--phone", "13900000000"])
        .env_remove("DUIJIE_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = Db::open(&path).unwrap();
    assert!(rec_rev(&db, "D1") > before);
    let step = pipeline::peek(db.conn()).unwrap().unwrap();
    assert_eq!(
        (step.label_in(Lang::En).as_str(), step.origin.as_str()),
        ("edit D1", "cli")
    );
    assert_eq!(
        step.label_in(Lang::Zh),
        "编辑 D1",
        "worded in the reader's language"
    );
}
