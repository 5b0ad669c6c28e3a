//! `duijie log D12 …`: a call logged on a record from the shell — on each of its open pairs,
//! or in its own log when it has none — shown by `show`, taken back by `undo`, in both
//! languages.

mod pipeline_support;

use std::path::Path;
use std::process::{Command, Output};

use duijie::db::Db;
use duijie::domain::Kind;
use pipeline_support::record;
use serde_json::Value;

fn run(db: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUIJIE_DB")
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DUIJIE_CONFIG", db.with_file_name("no-config.toml"))
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    ok_in(db, "en_US.UTF-8", args)
}

fn ok_in(db: &Path, lang: &str, args: &[&str]) -> String {
    let out = run(db, lang, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let db = Db::open(&path).unwrap();
    record(
        &db,
        Kind::Demand,
        "4.5μm 极薄铜箔量产工艺",
        "江西铜博科技",
        "",
    );
    record(&db, Kind::Achievement, "超薄电解铜箔添加剂", "郑州大学", "");
    record(&db, Kind::Achievement, "真空压铸排气技术", "重庆大学", "");
    (dir, path)
}

#[test]
fn a_call_on_a_record_without_pairs_goes_to_its_own_log() {
    let (_dir, db) = setup();
    let out = ok(
        &db,
        &["log", "R2", "--note", "重庆大学来电：排气技术可演示"],
    );
    assert_eq!(out, "R2: no open pair; noted in its own log (电话 phone)\n");
    let shown = ok(&db, &["show", "R2"]);
    assert!(shown.contains("\n日志 log\n"), "{shown}");
    assert!(
        shown.contains(" Phone 重庆大学来电：排气技术可演示\n"),
        "{shown}"
    );
    let shown = ok_in(&db, "zh_CN.UTF-8", &["show", "R2"]);
    assert!(
        shown.contains(" 电话 重庆大学来电：排气技术可演示\n"),
        "{shown}"
    );
    let json: Value = serde_json::from_str(&ok(&db, &["show", "R2", "--json"])).unwrap();
    let log = json["log"].as_array().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["note"], "重庆大学来电：排气技术可演示");
    assert_eq!(log[0]["channel"], "phone");
    // In Chinese, with a visit instead of a call.
    let out = ok_in(
        &db,
        "zh_CN.UTF-8",
        &["log", "R2", "--channel", "走访", "--note", "现场看样"],
    );
    assert_eq!(out, "R2：没有进行中的配对，已记入该记录的日志（走访）\n");
    let undone = ok(&db, &["undo"]);
    assert!(undone.contains("note on R2 (visit)"), "{undone}");
    let json: Value = serde_json::from_str(&ok(&db, &["show", "R2", "--json"])).unwrap();
    assert_eq!(json["log"].as_array().unwrap().len(), 1);
}

#[test]
fn a_call_on_a_record_with_two_open_pairs_is_logged_on_each() {
    let (_dir, db) = setup();
    ok(&db, &["pair", "D1", "R1"]);
    ok(&db, &["pair", "D1", "R2"]);
    let out = ok(
        &db,
        &[
            "log",
            "D1",
            "--note",
            "企业确认收样",
            "--next",
            "安排试产",
            "--due",
            "2026-12-20",
        ],
    );
    assert_eq!(
        out,
        "D1: on P1, P2, logged 电话 phone; next: 安排试产 (due 2026-12-20)\n"
    );
    for p in ["P1", "P2"] {
        let json: Value = serde_json::from_str(&ok(&db, &["show", p, "--json"])).unwrap();
        assert_eq!(json["followups"][0]["note"], "企业确认收样", "{p}");
        assert_eq!(json["next_action"], "安排试产", "{p}");
    }
    let json: Value = serde_json::from_str(&ok(&db, &["show", "D1", "--json"])).unwrap();
    assert!(
        json["log"].as_array().unwrap().is_empty(),
        "not in D1's own log"
    );
    let undone = ok(&db, &["undo"]);
    assert!(undone.contains("log on P1, P2 via D1 (phone)"), "{undone}");
    for p in ["P1", "P2"] {
        let json: Value = serde_json::from_str(&ok(&db, &["show", p, "--json"])).unwrap();
        assert!(json["followups"].as_array().unwrap().is_empty(), "{p}");
        assert!(json["next_action"].is_null(), "{p}");
    }
    // --done clears a pair's next action: a record has none.
    let out = run(&db, "en_US.UTF-8", &["log", "D1", "--note", "x", "--done"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--done is for a pair (P3): D1 is a record"),
        "{err}"
    );
}
