//! A team on one database from the command line: each broker's name (config `user`,
//! DUIJIE_USER, the login name), who did each step in `show`, `handover`, "mine" on the board
//! and the agenda with `--all`, and `undo` taking back only your own steps.

mod pipeline_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use duijie::db::Db;
use duijie::domain::Kind;
use duijie::pipeline::Clock;
use pipeline_support::record;
use serde_json::Value;

/// The binary as `who` (through DUIJIE_USER; `None`: only the login name `USER=login`), in
/// `lang` ("en" or "zh").
fn run_as(db: &Path, who: Option<&str>, lang: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_duijie"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUIJIE_DB")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .env("USER", "login")
        .env("DUIJIE_CONFIG", db.with_file_name("config.toml"))
        .env(
            "LANG",
            if lang == "zh" {
                "zh_CN.UTF-8"
            } else {
                "en_US.UTF-8"
            },
        );
    match who {
        Some(w) => cmd.env("DUIJIE_USER", w),
        None => cmd.env_remove("DUIJIE_USER"),
    };
    cmd.output().unwrap()
}

fn ok(db: &Path, who: &str, args: &[&str]) -> String {
    let out = run_as(db, Some(who), "en", args);
    assert!(
        out.status.success(),
        "{who} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, who: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, who, args)).unwrap()
}

/// D1, D2 and R1, R2, written before names.
fn setup() -> (tempfile::TempDir, PathBuf) {
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
    record(&db, Kind::Demand, "中药材提取", "云南白药", "");
    record(&db, Kind::Achievement, "超薄电解铜箔添加剂", "郑州大学", "");
    record(&db, Kind::Achievement, "真空压铸排气技术", "重庆大学", "");
    (dir, path)
}

fn codes(board: &Value) -> Vec<String> {
    board
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["pairs"].as_array().unwrap().iter())
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn show_says_who_did_each_step_and_who_owns_the_pair() {
    let (_dir, db) = setup();
    ok(&db, "王芳", &["pair", "D1", "R1"]);
    ok(&db, "李娜", &["move", "P1", "contacted"]);
    ok(&db, "李娜", &["log", "P1", "--note", "企业确认排期"]);
    let d = json(&db, "王芳", &["show", "P1", "--json"]);
    assert_eq!(
        (d["owner"].as_str(), d["created_by"].as_str()),
        (Some("王芳"), Some("王芳"))
    );
    assert_eq!(d["history"][0]["actor"], "王芳");
    assert_eq!(d["history"][1]["actor"], "李娜");
    assert_eq!(d["followups"][0]["actor"], "李娜");
    let text = ok(&db, "王芳", &["show", "P1"]);
    assert!(text.contains("owner    王芳"), "{text}");
    assert!(text.contains("→ 已联系 Contacted  · 李娜"), "{text}");
    // A record made before names says nobody, as null.
    let r = json(&db, "王芳", &["show", "D1", "--json"]);
    assert_eq!(r["created_by"], Value::Null);
    ok(&db, "李娜", &["edit", "D1", "--title", "极薄铜箔"]);
    let r = json(&db, "王芳", &["show", "D1", "--json"]);
    assert_eq!(r["updated_by"], "李娜");
    let text = ok(&db, "王芳", &["show", "D1"]);
    assert!(
        text.lines()
            .any(|l| l.starts_with("更新 updated") && l.ends_with("· 李娜")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("创建 created") && l.ends_with("· —")),
        "{text}"
    );
    // A call on a record with no open pair goes to its own log, with who took it.
    ok(&db, "张伟", &["log", "D2", "--note", "企业来电"]);
    let r = json(&db, "王芳", &["show", "D2", "--json"]);
    assert_eq!(r["log"][0]["actor"], "张伟");
    let text = ok(&db, "王芳", &["show", "D2"]);
    assert!(
        text.lines()
            .any(|l| l.contains(" 张伟 ") && l.ends_with("企业来电")),
        "{text}"
    );
}

#[test]
fn the_name_comes_from_the_config_then_duijie_user_then_the_login_name() {
    let (_dir, db) = setup();
    let owner = |n: &str| {
        let out = run_as(&db, None, "en", &["show", n, "--json"]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["owner"].as_str().unwrap().to_string()
    };
    assert!(
        run_as(&db, None, "en", &["pair", "D1", "R1"])
            .status
            .success()
    );
    assert_eq!(owner("P1"), "login");
    // An empty DUIJIE_USER falls back to the login name.
    assert!(
        run_as(&db, Some("  "), "en", &["pair", "D1", "R2"])
            .status
            .success()
    );
    assert_eq!(owner("P2"), "login");
    std::fs::write(db.with_file_name("config.toml"), "user = \" 张伟 \"\n").unwrap();
    assert!(
        run_as(&db, Some("李娜"), "en", &["pair", "D2", "R1"])
            .status
            .success()
    );
    assert_eq!(owner("P3"), "张伟");
    let cfg = run_as(&db, Some("李娜"), "en", &["config"]);
    assert!(String::from_utf8_lossy(&cfg.stdout).contains("user = \"张伟\""));
}

#[test]
fn handover_gives_the_pair_to_a_colleague_and_undo_gives_it_back() {
    let (_dir, db) = setup();
    ok(&db, "王芳", &["pair", "D1", "R1"]);
    let out = ok(&db, "王芳", &["handover", "P1", "李娜"]);
    assert!(out.starts_with("P1 handed over to 李娜\n"), "{out}");
    assert!(out.contains("李娜 has done nothing recorded yet"), "{out}");
    assert_eq!(
        json(&db, "王芳", &["show", "P1", "--json"])["owner"],
        "李娜"
    );
    assert_eq!(
        ok(&db, "王芳", &["handover", "p1", "李娜"]),
        "P1 is 李娜's already\n"
    );
    let out = ok(&db, "王芳", &["undo"]);
    assert!(
        out.contains("undone: hand P1 over from 王芳 to 李娜"),
        "{out}"
    );
    assert_eq!(
        json(&db, "王芳", &["show", "P1", "--json"])["owner"],
        "王芳"
    );
    let out = run_as(&db, Some("王芳"), "zh", &["handover", "P1", " \t"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("需要一个名字"));
    let out = run_as(&db, Some("王芳"), "en", &["handover", "P9", "李娜"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("P9 not found"));
}

#[test]
fn board_and_agenda_list_mine_unless_all_and_a_broker_alone_sees_all() {
    let (_dir, db) = setup();
    // A pair from before names, then 王芳 alone: everything is hers.
    {
        let mut d = Db::open(&db).unwrap();
        let code = |c: &str| c.parse().unwrap();
        duijie::pipeline::create(&mut d, &Clock::system(), code("D1"), code("R1"), "", "cli")
            .unwrap();
    }
    ok(&db, "王芳", &["pair", "D1", "R2"]);
    assert_eq!(
        codes(&json(&db, "王芳", &["board", "--json"])),
        ["P1", "P2"]
    );
    let out = run_as(&db, Some("王芳"), "en", &["board"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A colleague's pair: 王芳 sees hers and the one from before names.
    ok(&db, "李娜", &["pair", "D2", "R1"]);
    assert_eq!(
        codes(&json(&db, "王芳", &["board", "--json"])),
        ["P1", "P2"]
    );
    assert_eq!(
        codes(&json(&db, "李娜", &["board", "--json"])),
        ["P1", "P3"]
    );
    assert_eq!(
        codes(&json(&db, "王芳", &["board", "--json", "--all"])),
        ["P1", "P2", "P3"]
    );
    let out = run_as(&db, Some("王芳"), "en", &["board"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("only mine (王芳) — --all lists everyone's"),
        "{err}"
    );
    // The agenda, the same way.
    for (pair, who) in [("P2", "王芳"), ("P3", "李娜")] {
        ok(
            &db,
            who,
            &[
                "log", pair, "--note", "约", "--next", "回电", "--due", "明天",
            ],
        );
    }
    let agenda = json(&db, "王芳", &["agenda", "--json"]);
    let items = |a: &Value| -> Vec<String> {
        ["overdue", "today", "this_week", "later"]
            .iter()
            .flat_map(|k| a[k].as_array().unwrap().clone())
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(items(&agenda), ["P2"]);
    assert_eq!(agenda["this_week"][0]["owner"], "王芳");
    assert_eq!(
        items(&json(&db, "王芳", &["agenda", "--json", "--all"])),
        ["P2", "P3"]
    );
}

#[test]
fn undo_takes_back_only_your_own_steps() {
    let (_dir, db) = setup();
    ok(&db, "王芳", &["pair", "D1", "R1"]);
    ok(&db, "李娜", &["pair", "D2", "R2"]);
    let out = ok(&db, "王芳", &["undo"]);
    assert!(
        out.contains("undone: pair P1") && out.contains("李娜's 1 later step(s) left as they are"),
        "{out}"
    );
    let out = ok(&db, "王芳", &["undo"]);
    assert_eq!(
        out,
        "nothing of yours to undo (1 step(s) are 李娜's; only they can undo them)\n"
    );
    assert_eq!(
        json(&db, "王芳", &["show", "P2", "--json"])["owner"],
        "李娜"
    );
    // A step a colleague built on is refused, in one line, and nothing changes.
    ok(&db, "王芳", &["pair", "D1", "R2"]);
    ok(&db, "李娜", &["move", "P3", "contacted"]);
    let out = run_as(&db, Some("王芳"), "en", &["undo"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot undo \"pair P3"), "{err}");
    assert!(
        err.contains("李娜 changed the same thing since (move P3"),
        "{err}"
    );
    let out = run_as(&db, Some("王芳"), "zh", &["undo"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("撤销只收回你自己的操作"), "{err}");
    assert_eq!(
        json(&db, "王芳", &["show", "P3", "--json"])["stage"],
        "contacted"
    );
    // 李娜 can take her move back, and then 王芳 her pair.
    ok(&db, "李娜", &["undo"]);
    assert!(ok(&db, "王芳", &["undo"]).contains("undone: pair P3"));
}
