//! The pipeline subcommands of the real binary: outputs, JSON shapes, refusals (exit 1, one
//! line) and undo.

mod pipeline_support;

use std::path::Path;
use std::process::{Command, Output};

use duijie::db::Db;
use duijie::domain::Kind;
use pipeline_support::record;
use serde_json::Value;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUIJIE_DB")
        // English messages, whatever the shell's locale or the user's config.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DUIJIE_CONFIG", db.with_file_name("no-config.toml"))
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
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
fn pair_move_log_board_agenda_and_undo_from_the_command_line() {
    let (_dir, db) = setup();
    assert_eq!(ok(&db, &["pair", "D1", "R1", "--note", "铜箔"]), "P1\n");
    assert_eq!(ok(&db, &["pair", "r2", "d1"]), "P2\n");
    let err = refused(&db, &["pair", "D1", "R1"]);
    assert_eq!(err, "duijie: error: D1 and R1 are already paired as P1\n");
    let err = refused(&db, &["pair", "D1", "D1"]);
    assert!(
        err.contains("pair needs a demand (D…) and a result (R…)"),
        "{err}"
    );

    let err = refused(&db, &["move", "P1", "signed"]);
    assert!(
        err.contains("moving P1 to signed needs --amount (万元) and --date"),
        "{err}"
    );
    let err = refused(&db, &["move", "P1", "somewhere"]);
    assert!(
        err.contains("unknown stage `somewhere`: use candidate, contacted"),
        "{err}"
    );
    let err = refused(&db, &["move", "P1", "shelved", "--reason", "weather"]);
    assert!(
        err.contains("unknown reason `weather`: use price_gap"),
        "{err}"
    );
    let err = refused(&db, &["move", "P9", "contacted"]);
    assert!(err.contains("P9 not found"), "{err}");
    let err = refused(
        &db,
        &[
            "move", "P1", "signed", "--amount", "120", "--date", "someday",
        ],
    );
    assert!(
        err.contains("--date") && err.contains("not a date"),
        "{err}"
    );

    let out = ok(
        &db,
        &[
            "move",
            "P1",
            "签约",
            "--amount",
            "120",
            "--date",
            "2026-11-02",
        ],
    );
    assert_eq!(out, "P1: 候选 candidate → 签约 signed\n");
    let err = refused(
        &db,
        &["move", "P1", "registered", "--contract-type", "技术开发"],
    );
    assert!(err.contains("needs --reg-no"), "{err}");
    ok(
        &db,
        &[
            "move",
            "P1",
            "registered",
            "--contract-type",
            "技术开发",
            "--reg-no",
            "R-77",
        ],
    );
    ok(
        &db,
        &[
            "move",
            "P2",
            "shelved",
            "--reason",
            "price_gap",
            "--note",
            "差 50 万",
        ],
    );

    let out = ok(
        &db,
        &[
            "log",
            "P1",
            "--channel",
            "微信",
            "--note",
            "催款",
            "--next",
            "寄发票",
            "--due",
            "+3d",
        ],
    );
    assert!(
        out.starts_with("P1: logged 微信 wechat; next: 寄发票 (due "),
        "{out}"
    );
    let err = refused(&db, &["log", "P1", "--channel", "pigeon", "--note", "x"]);
    assert!(err.contains("unknown channel `pigeon`"), "{err}");
    // --due without --next is a usage error.
    assert_eq!(
        run(
            &db,
            &[
                "log",
                "P1",
                "--channel",
                "phone",
                "--note",
                "x",
                "--due",
                "明天"
            ]
        )
        .status
        .code(),
        Some(2)
    );

    let board: Value = serde_json::from_str(&ok(&db, &["board", "--json"])).unwrap();
    let board = board.as_array().unwrap();
    assert_eq!(board.len(), 7);
    assert_eq!(board[4]["stage"], "registered");
    assert_eq!(board[4]["count"], 1);
    assert_eq!(board[4]["sum_wan"], 120.0);
    assert_eq!(board[4]["pairs"][0]["code"], "P1");
    assert_eq!(
        board[4]["pairs"][0]["result"]["title"],
        "超薄电解铜箔添加剂"
    );
    assert_eq!(board[6]["pairs"][0]["code"], "P2");
    let text = ok(&db, &["board"]);
    assert!(text.contains("登记 Registered · 1 · 120 万元"), "{text}");

    let agenda: Value = serde_json::from_str(&ok(&db, &["agenda", "--json"])).unwrap();
    for k in ["overdue", "today", "this_week", "later", "stale"] {
        assert!(agenda[k].is_array(), "{k}: {agenda}");
    }
    assert_eq!(agenda["this_week"][0]["code"], "P1");
    assert_eq!(agenda["this_week"][0]["next_action"], "寄发票");
    assert!(ok(&db, &["agenda"]).contains("this week (next 7 days) (1)"));

    let out = ok(&db, &["undo"]);
    assert!(out.starts_with("undone: log on P1 (wechat)\n"), "{out}");
    let out = ok(&db, &["undo", "-n", "2"]);
    assert!(out.contains("undone: move P2 candidate → shelved"), "{out}");
    assert!(out.contains("undone: move P1 signed → registered"), "{out}");
    let board: Value = serde_json::from_str(&ok(&db, &["board", "--json"])).unwrap();
    assert_eq!(board[3]["pairs"][0]["code"], "P1", "back in signed");
    let out = ok(&db, &["undo", "-n", "10"]);
    assert!(
        out.ends_with("undone: pair P1 (D1 ⇄ R1)\nnothing to undo\n"),
        "{out}"
    );
    assert_eq!(ok(&db, &["undo"]), "nothing to undo\n");
}
