//! Money and dates at the command line, as a user types them: amounts in every form,
//! refusals that say why (negative, too large, not a date, out of range) instead of clap's
//! "unexpected argument" or a panic, exact board sums, and a deadline an import could not
//! read shown with a warning.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DUIJIE_DB")
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

/// Exit 1 with one line on stderr (a panic exits 101 with a backtrace hint).
fn refused(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    err
}

/// Two demands, a result, pairs P1 (D1–R1) and P2 (D2–R1).
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    ok(&db, &["add", "demand", "--title", "极薄铜箔"]);
    ok(&db, &["add", "demand", "--title", "压铸排气"]);
    ok(&db, &["add", "result", "--title", "电解铜箔添加剂"]);
    ok(&db, &["pair", "D1", "R1"]);
    ok(&db, &["pair", "D2", "R1"]);
    (dir, db)
}

#[test]
fn contract_amounts_in_every_form_and_exact_sums() {
    let (_dir, db) = setup();
    ok(
        &db,
        &[
            "move",
            "P1",
            "signed",
            "--amount",
            "50万",
            "--date",
            "2026-11-02",
        ],
    );
    ok(
        &db,
        &[
            "move",
            "P2",
            "signed",
            "--amount",
            "0.1",
            "--date",
            "2026-11-02",
        ],
    );
    let board = ok(&db, &["board"]);
    assert!(board.contains("签约 Signed · 2 · 50.1 万元"), "{board}");
    let json: Value = serde_json::from_str(&ok(&db, &["board", "--json"])).unwrap();
    assert_eq!(json[3]["sum_wan"], 50.1);
    assert_eq!(json[0]["sum_wan"], 0, "an empty stage sums to the number 0");
    ok(&db, &["move", "P1", "negotiating"]);
    ok(&db, &["move", "P1", "signed", "--amount", "300000元"]);
    let show = ok(&db, &["show", "P1"]);
    assert!(show.contains(" 30 万元"), "{show}");
    ok(&db, &["move", "P2", "negotiating"]);
    ok(&db, &["move", "P2", "signed", "--amount", "0.5亿"]);
    let show = ok(&db, &["show", "P2", "--json"]);
    let v: Value = serde_json::from_str(&show).unwrap();
    assert_eq!(v["amount_wan"], 5000);
}

#[test]
fn bad_amounts_are_refused_saying_why() {
    let (_dir, db) = setup();
    let sign = |amount: &str| {
        refused(
            &db,
            &[
                "move",
                "P1",
                "signed",
                "--amount",
                amount,
                "--date",
                "2026-11-02",
            ],
        )
    };
    let err = sign("-5");
    assert!(err.contains("negative amount"), "{err}");
    let err = sign("1e308");
    assert!(err.contains("not an amount"), "{err}");
    let err = sign("100000000");
    assert!(err.contains("too large"), "{err}");
    let err = sign("0");
    assert!(err.contains("more than 0"), "{err}");
    let err = refused(&db, &["add", "demand", "--title", "x", "--budget", "1e20"]);
    assert!(err.contains("--budget"), "{err}");
    let err = refused(
        &db,
        &[
            "add",
            "demand",
            "--title",
            "x",
            "--budget",
            "100000000000000000000",
        ],
    );
    assert!(err.contains("too large"), "{err}");
    let err = refused(&db, &["add", "result", "--title", "x", "--price", "-3万"]);
    assert!(err.contains("negative amount"), "{err}");
    // Nothing was written by the refusals.
    let board: Value = serde_json::from_str(&ok(&db, &["board", "--json"])).unwrap();
    assert_eq!(board[3]["count"], 0);
}

#[test]
fn far_dates_are_a_message_not_a_panic() {
    let (_dir, db) = setup();
    let err = refused(
        &db,
        &[
            "log",
            "P1",
            "--channel",
            "phone",
            "--note",
            "x",
            "--next",
            "y",
            "--due",
            "+9999999999d",
        ],
    );
    assert!(err.contains("out of range"), "{err}");
    let err = refused(
        &db,
        &[
            "move",
            "P1",
            "signed",
            "--amount",
            "5",
            "--date",
            "+9999999999d",
        ],
    );
    assert!(err.contains("out of range"), "{err}");
    let err = refused(
        &db,
        &[
            "move",
            "P1",
            "signed",
            "--amount",
            "5",
            "--date",
            "-9999999999d",
        ],
    );
    assert!(err.contains("out of range"), "{err}");
    // And a near one still works, with a leading minus.
    ok(
        &db,
        &["move", "P1", "signed", "--amount", "5", "--date", "-2d"],
    );
}

#[test]
fn deadlines_are_dates_at_the_cli_and_kept_flagged_from_an_import() {
    let (dir, db) = setup();
    for bad in ["明年", "2024-02-30", "2301-01-01"] {
        let err = refused(&db, &["add", "demand", "--title", "x", "--deadline", bad]);
        assert!(err.contains("--deadline"), "{bad}: {err}");
    }
    ok(
        &db,
        &[
            "add",
            "demand",
            "--title",
            "有期限",
            "--deadline",
            "2027/3/31",
        ],
    );
    let v: Value = serde_json::from_str(&ok(&db, &["show", "D3", "--json"])).unwrap();
    assert_eq!(v["deadline"], "2027-03-31");

    let csv = dir.path().join("d.csv");
    std::fs::write(
        &csv,
        "需求名称,预算,截止日期\n铜箔,50万元,明年\n负极,\"1,200\",2024-02-30\n",
    )
    .unwrap();
    ok(&db, &["import", "demands", csv.to_str().unwrap()]);
    let shown = ok(&db, &["show", "D4"]);
    assert!(shown.contains("明年"), "{shown}");
    assert!(
        shown.contains("⚠ deadline “明年” is not a date; kept as written"),
        "{shown}"
    );
    let v: Value = serde_json::from_str(&ok(&db, &["show", "D5", "--json"])).unwrap();
    assert_eq!(
        (&v["deadline"], &v["deadline_text"], &v["budget_wan"]),
        (
            &Value::from(""),
            &Value::from("2024-02-30"),
            &Value::from(1200)
        )
    );
}
