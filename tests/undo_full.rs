//! Undo beyond pairs: adding, importing and deleting records, and journal entries written by
//! other builds (older ones, newer ones, damaged ones), which must never block undo.

mod pipeline_support;

use std::fmt::Write as _;

use duijie::db::{Db, live, records};
use duijie::domain::undo::CLI;
use duijie::domain::{Kind, Record, Stage};
use duijie::import::{ImportOptions, import_bytes};
use duijie::pipeline::{
    self, LogRequest, MoveRequest, create_pair, log_followup, move_pair, undo, undo_step,
};
use pipeline_support::{DAY0, code, day, seeded};

fn import(db: &mut Db, kind: Kind, name: &str, text: &str) -> duijie::import::ImportReport {
    let dir = tempfile::tempdir().unwrap();
    let opts = ImportOptions {
        rejects_dir: Some(dir.path().to_path_buf()),
        ..ImportOptions::default()
    };
    import_bytes(db, kind, name, text.as_bytes(), &opts).unwrap()
}

fn titles(db: &Db, kind: Kind) -> Vec<String> {
    records::list(db.conn(), &records::RecordFilter { kind: Some(kind) })
        .unwrap()
        .into_iter()
        .map(|r| format!("{} {}", r.code(), r.title))
        .collect()
}

/// Stores an undo entry exactly as another build wrote it.
fn raw_entry(db: &Db, label: &str, payload: &str) {
    db.conn()
        .execute(
            "INSERT INTO undo_entry (label, payload, at, origin) VALUES (?1, ?2, 't', 'cli')",
            &[&label, &payload],
        )
        .unwrap();
}

#[test]
fn an_entry_written_before_versions_and_before_a_field_existed_still_undoes() {
    let mut db = seeded();
    let d1 = records::get_by_code(db.conn(), code("D1")).unwrap();
    // A record edit as the first journal format stored it: no "v", and a record lacking
    // fields this build has (keywords, extra, open_call, timestamps…).
    let payload = format!(
        r#"{{"op":"restore_record","id":{},"seq":1,"record":{{"kind":"demand","title":"旧标题","org":"旧单位","budget_wan":12.5}}}}"#,
        d1.id
    );
    raw_entry(&db, "edit D1", &payload);
    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("edit D1"));
    let now = records::get_by_code(db.conn(), code("D1")).unwrap();
    assert_eq!((now.title.as_str(), now.org.as_str()), ("旧标题", "旧单位"));
    // Money written as a number of 万元 before amounts were exact reads as the same amount
    // (12.5 万元 = 125,000 元 = 12,500,000 分).
    assert_eq!(
        now.budget,
        Some(duijie::domain::Money::from_fen(12_500_000).unwrap())
    );
    assert_eq!(
        now.deadline_text, "",
        "a field added since takes its default"
    );
    assert_eq!(
        now.keywords, "",
        "a field the entry lacks takes its default"
    );
}

#[test]
fn unreadable_and_newer_entries_are_skipped_with_a_message_and_never_block() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    raw_entry(&db, "mystery", r#"{"op":"teleport","id":1}"#);
    raw_entry(
        &db,
        "from the future",
        r#"{"v":99,"op":"delete_pair","id":1}"#,
    );
    raw_entry(&db, "torn", "{\"op\":\"delete_pa");

    for expect in ["torn", "from the future", "mystery"] {
        let u = undo_step(&mut db).unwrap().unwrap();
        assert!(!u.applied, "{}", u.label);
        assert!(u.label.starts_with(expect), "{}", u.label);
        assert!(u.label.contains("skipped"), "{}", u.label);
    }
    // The steps behind them are still there, and undo reaches them.
    assert!(pipeline::pair_by_code(db.conn(), code("P1")).is_ok());
    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("pair P1 (D1 ⇄ R1)"));
    assert!(pipeline::pair_by_code(db.conn(), code("P1")).is_err());
    assert_eq!(undo(&mut db).unwrap(), None);
}

#[test]
fn the_newer_format_says_so() {
    let mut db = seeded();
    raw_entry(&db, "future", r#"{"v":7,"op":"delete_pair","id":1}"#);
    let u = undo_step(&mut db).unwrap().unwrap();
    assert!(u.label.contains("newer duijie"), "{}", u.label);
    let zh = u.describe(duijie::i18n::Lang::Zh);
    assert!(zh.starts_with("future（") && zh.contains("已跳过"), "{zh}");
}

#[test]
fn deleting_a_record_is_one_step_that_brings_back_its_pairs_history_and_follow_ups() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "铜箔").unwrap();
    create_pair(&mut db, &day(0), code("D1"), code("R2"), "").unwrap();
    create_pair(&mut db, &day(0), code("D2"), code("R1"), "").unwrap();
    move_pair(
        &mut db,
        &day(1),
        &MoveRequest::new(code("P1"), Stage::Contacted),
    )
    .unwrap();
    for n in 0..3 {
        log_followup(
            &mut db,
            &day(2),
            &LogRequest {
                pair: code("P1"),
                channel: duijie::domain::Channel::Phone,
                note: format!("第 {n} 次电话"),
                next_action: Some("回电".into()),
                next_due: Some(DAY0),
                done: false,
            },
        )
        .unwrap();
    }
    let p1 = pipeline::show_pair(db.conn(), &day(3), code("P1")).unwrap();
    let p2 = pipeline::show_pair(db.conn(), &day(3), code("P2")).unwrap();
    let d1 = records::get_by_code(db.conn(), code("D1")).unwrap();
    let impact = pipeline::delete_impact(db.conn(), d1.id).unwrap();
    assert_eq!((impact.pairs, impact.followups), (2, 3));

    let rev = live::current_rev(db.conn()).unwrap();
    pipeline::delete_record(&mut db, d1.id, Some(d1.rev), CLI).unwrap();
    assert!(records::get(db.conn(), d1.id).unwrap().is_none());
    assert!(pipeline::pair_by_code(db.conn(), code("P1")).is_err());
    assert!(
        pipeline::pair_by_code(db.conn(), code("P3")).is_ok(),
        "D2's pair stays"
    );

    assert_eq!(
        undo(&mut db).unwrap().as_deref(),
        Some("delete D1 with 2 pair(s)")
    );
    let back = records::get_by_code(db.conn(), code("D1")).unwrap();
    assert_eq!(back.id, d1.id, "the same row id: pairs refer to it");
    assert_eq!(back.title, d1.title);
    assert_eq!(back.created_at, d1.created_at);
    assert_eq!(
        pipeline::show_pair(db.conn(), &day(3), code("P1")).unwrap(),
        p1
    );
    assert_eq!(
        pipeline::show_pair(db.conn(), &day(3), code("P2")).unwrap(),
        p2
    );
    // A desk watching revisions sees it back, not gone.
    let changes = live::changes_since(db.conn(), rev).unwrap();
    assert!(!changes.gone_records.contains(&d1.id), "{changes:?}");
    assert!(changes.records.iter().any(|r| r.id == d1.id));
    // Searchable again under its code.
    let idx = duijie::search::Index::load(db.conn(), Kind::Demand).unwrap();
    assert!(!idx.search("极薄铜箔").is_empty());
}

#[test]
fn a_delete_refuses_a_record_changed_since_it_was_seen() {
    let mut db = seeded();
    let d1 = records::get_by_code(db.conn(), code("D1")).unwrap();
    let mut edited = d1.clone();
    edited.title = "别人改过".into();
    db.write(|tx| records::update(tx, &mut edited)).unwrap();
    assert!(pipeline::delete_record(&mut db, d1.id, Some(d1.rev), CLI).is_err());
    assert!(records::get(db.conn(), d1.id).unwrap().is_some());
}

#[test]
fn adding_is_undone_by_deleting_the_record_but_not_a_record_paired_since() {
    let mut db = seeded();
    let mut r = Record::new(Kind::Demand, "新需求");
    db.write(|tx| -> anyhow::Result<()> {
        records::insert(tx, &mut r)?;
        pipeline::journal_record_add(tx, &r, CLI)?;
        Ok(())
    })
    .unwrap();
    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("add D4"));
    assert!(records::get(db.conn(), r.id).unwrap().is_none());

    // Paired by a step the journal lost (here: made outside it): the record is kept.
    let mut r = Record::new(Kind::Demand, "又一个");
    db.write(|tx| -> anyhow::Result<()> {
        records::insert(tx, &mut r)?;
        pipeline::journal_record_add(tx, &r, CLI)?;
        Ok(())
    })
    .unwrap();
    create_pair(&mut db, &day(0), code("D5"), code("R1"), "").unwrap();
    db.conn()
        .execute(
            "DELETE FROM undo_entry WHERE label LIKE '{\"step\":\"pair\"%'",
            &[],
        )
        .unwrap();
    let label = undo(&mut db).unwrap().unwrap();
    assert!(label.contains("kept"), "{label}");
    assert!(records::get(db.conn(), r.id).unwrap().is_some());
}

const FIRST: &str = "编号,需求名称,企业名称,预算\n\
                     A1,铜箔表面处理,铜博科技,50\n\
                     A2,压铸气孔,宁波压铸,20\n";
const SECOND: &str = "编号,需求名称,企业名称,预算\n\
                      A1,铜箔表面处理（改）,铜博科技,80\n\
                      A2,压铸气孔,宁波压铸,20\n\
                      A3,光伏回收,晶科,\n\
                      A4,氢能储运,某公司,\n";

#[test]
fn an_import_is_one_step_that_removes_what_it_added_and_restores_what_it_updated() {
    let mut db = Db::open_in_memory().unwrap();
    let first = import(&mut db, Kind::Demand, "first.csv", FIRST);
    assert_eq!(first.added, 2);
    let before = titles(&db, Kind::Demand);
    let d1 = records::get_by_code(db.conn(), code("D1")).unwrap();

    let second = import(&mut db, Kind::Demand, "second.csv", SECOND);
    assert_eq!((second.added, second.updated, second.unchanged), (2, 1, 1));
    assert_eq!(titles(&db, Kind::Demand).len(), 4);
    // Re-importing the same file changes nothing and leaves no step.
    let depth = pipeline::undo::depth(db.conn()).unwrap();
    import(&mut db, Kind::Demand, "second.csv", SECOND);
    assert_eq!(pipeline::undo::depth(db.conn()).unwrap(), depth);

    let label = undo(&mut db).unwrap().unwrap();
    assert_eq!(label, "import second.csv (2 demand(s) added, 1 updated)");
    assert_eq!(titles(&db, Kind::Demand), before);
    let restored = records::get_by_code(db.conn(), code("D1")).unwrap();
    assert_eq!(restored.budget, d1.budget);
    assert_eq!(restored.title, d1.title);
    // The codes the undone import handed out are not handed out again.
    let mut r = Record::new(Kind::Demand, "手工新增");
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    assert_eq!(r.code().to_string(), "D5");

    assert_eq!(
        undo(&mut db).unwrap().as_deref(),
        Some("import first.csv (2 demand(s) added, 0 updated)")
    );
    assert_eq!(titles(&db, Kind::Demand), vec!["D5 手工新增".to_string()]);
}

#[test]
fn an_import_undo_keeps_records_paired_since_and_a_dry_run_leaves_no_step() {
    let mut db = seeded();
    let dir = tempfile::tempdir().unwrap();
    let dry = ImportOptions {
        rejects_dir: Some(dir.path().to_path_buf()),
        dry_run: true,
        ..ImportOptions::default()
    };
    let depth = pipeline::undo::depth(db.conn()).unwrap();
    import_bytes(&mut db, Kind::Demand, "d.csv", SECOND.as_bytes(), &dry).unwrap();
    assert_eq!(pipeline::undo::depth(db.conn()).unwrap(), depth);

    import(&mut db, Kind::Demand, "d.csv", SECOND);
    create_pair(&mut db, &day(0), code("D4"), code("R1"), "").unwrap();
    db.conn()
        .execute(
            "DELETE FROM undo_entry WHERE label LIKE '{\"step\":\"pair\"%'",
            &[],
        )
        .unwrap();
    let label = undo(&mut db).unwrap().unwrap();
    assert!(label.contains("1 added record(s) kept"), "{label}");
    assert!(records::get_by_code(db.conn(), code("D4")).is_ok());
    assert!(records::get_by_code(db.conn(), code("D5")).is_err());
}

#[test]
fn a_large_import_undoes_in_one_step() {
    let mut db = Db::open_in_memory().unwrap();
    let mut text = String::from("编号,需求名称,企业名称\n");
    for i in 0..3000 {
        writeln!(text, "X{i},需求{i},企业{i}").unwrap();
    }
    import(&mut db, Kind::Demand, "big.csv", &text);
    let changed = text.replace("企业", "公司");
    let rep = import(&mut db, Kind::Demand, "big2.csv", &changed);
    assert_eq!(rep.updated, 3000);
    undo(&mut db).unwrap();
    let all = records::list(db.conn(), &records::RecordFilter::default()).unwrap();
    assert_eq!(all.len(), 3000);
    assert!(all.iter().all(|r| r.org.starts_with("企业")));
    undo(&mut db).unwrap();
    assert_eq!(records::count(db.conn(), Kind::Demand).unwrap(), 0);
}

/// Runs the real binary on `db`, in English.
fn cli(db: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUIJIE_DB")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DUIJIE_CONFIG", db.with_file_name("no-config.toml"))
        .output()
        .expect("run duijie");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_command_line_undoes_an_add_and_a_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    let file = dir.path().join("需求.csv");
    std::fs::write(&file, FIRST).unwrap();
    assert_eq!(
        cli(&db, &["add", "demand", "--title", "手工需求"]).trim(),
        "D1"
    );
    cli(&db, &["import", "demands", file.to_str().unwrap()]);
    let listed = cli(&db, &["list", "demands"]);
    assert!(listed.contains("压铸气孔"), "{listed}");

    let out = cli(&db, &["undo"]);
    assert!(
        out.contains("undone: import 需求.csv (2 demand(s) added, 0 updated)"),
        "{out}"
    );
    let listed = cli(&db, &["list", "demands"]);
    assert!(
        !listed.contains("压铸气孔") && listed.contains("手工需求"),
        "{listed}"
    );
    let out = cli(&db, &["undo"]);
    assert!(out.contains("undone: add D1"), "{out}");
    let d = Db::open(&db).unwrap();
    assert_eq!(records::count(d.conn(), Kind::Demand).unwrap(), 0);
}

#[test]
fn an_import_that_changes_nothing_costs_the_full_journal_no_step() {
    let mut db = Db::open_in_memory().unwrap();
    import(&mut db, Kind::Demand, "first.csv", FIRST);
    while pipeline::undo::depth(db.conn()).unwrap() < pipeline::undo::DEPTH {
        raw_entry(&db, "filler", r#"{"v":2,"op":"delete_pair","id":999}"#);
    }
    import(&mut db, Kind::Demand, "first.csv", FIRST);
    assert_eq!(
        pipeline::undo::depth(db.conn()).unwrap(),
        pipeline::undo::DEPTH,
        "the oldest step was not trimmed for a step that was then dropped"
    );
}
