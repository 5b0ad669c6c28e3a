//! `duijie add` and `duijie edit` through the real binary, read back from the database.

use std::path::Path;
use std::process::{Command, Output};

use duijie::db::{Db, records};

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
        .expect("run duijie")
}
fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_string()
}

#[test]
fn add_prints_the_new_code_and_edit_changes_only_the_given_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let o = run(
        &db,
        &[
            "add",
            "demand",
            "--title",
            "4.5μm极薄铜箔",
            "--org",
            "宁德某电池公司",
            "--field",
            "锂电",
            "--region",
            "福建宁德",
            "--budget",
            "1,200万元",
            "--open-call",
            "--deadline",
            "2026-12-31",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "D1");
    let o = run(
        &db,
        &[
            "add",
            "result",
            "--title",
            "硅碳负极",
            "--price",
            "50",
            "--lead",
            "王教授",
        ],
    );
    assert_eq!(stdout(&o), "R1", "{}", stderr(&o));
    let o = run(&db, &["add", "demand", "--title", "铝镁合金压铸"]);
    assert_eq!(stdout(&o), "D2");

    let o = run(
        &db,
        &[
            "edit",
            "d1",
            "--title",
            "4.5μm 双面光铜箔",
            "--field",
            "新材料",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "D1 updated");

    let conn = Db::open(&db).unwrap();
    let d1 = records::get_by_code(conn.conn(), "D1".parse().unwrap()).unwrap();
    assert_eq!(d1.title, "4.5μm 双面光铜箔");
    assert_eq!(d1.field, "新材料");
    assert_eq!(d1.org, "宁德某电池公司", "untouched");
    assert_eq!(d1.region, "福建宁德", "untouched");
    assert_eq!(d1.budget, duijie::domain::Money::parse("1200.0").unwrap());
    assert!(d1.open_call);
    assert_eq!(d1.deadline, "2026-12-31");
    let r1 = records::get_by_code(conn.conn(), "R1".parse().unwrap()).unwrap();
    assert_eq!(
        (r1.price, r1.lead.as_str()),
        (duijie::domain::Money::parse("50.0").unwrap(), "王教授")
    );
    drop(conn);

    // Nothing given that differs: said so, nothing written.
    let o = run(&db, &["edit", "D1", "--field", "新材料"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("D1 unchanged"), "{}", stdout(&o));
    // An edit is undone like any other change.
    let o = run(&db, &["undo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let conn = Db::open(&db).unwrap();
    let d1 = records::get_by_code(conn.conn(), "D1".parse().unwrap()).unwrap();
    assert_eq!(d1.title, "4.5μm极薄铜箔", "undo restored the title");
    assert_eq!(d1.field, "锂电", "undo restored the field");
}

#[test]
fn flags_of_the_other_kind_and_bad_amounts_are_refused_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let o = run(
        &db,
        &[
            "add", "demand", "--title", "压铸", "--price", "50", "--lead", "王",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("--lead, --price") && err.contains("result"),
        "{err}"
    );
    let o = run(&db, &["add", "result", "--title", "负极", "--budget", "50"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--budget"), "{}", stderr(&o));
    let o = run(
        &db,
        &["add", "demand", "--title", "压铸", "--budget", "面议"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not an amount"), "{}", stderr(&o));
    let conn = Db::open(&db).unwrap();
    assert_eq!(
        records::count(conn.conn(), duijie::domain::Kind::Demand).unwrap(),
        0
    );
    drop(conn);
    // The first record written after the refusals is still D1.
    assert_eq!(
        stdout(&run(&db, &["add", "demand", "--title", "压铸"])),
        "D1"
    );
    let o = run(&db, &["edit", "D1", "--maturity", "中试"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--maturity"), "{}", stderr(&o));
}

#[test]
fn edit_of_an_unknown_code_fails_with_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    // `edit` changes what is there: the database must exist (a missing one is its own error).
    assert!(
        run(&db, &["add", "demand", "--title", "a"])
            .status
            .success()
    );
    let o = run(&db, &["edit", "D99", "--title", "x"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "duijie: error: D99 not found");
    let o = run(&db, &["edit", "P3", "--title", "x"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&db, &["add", "demand"]);
    assert_eq!(o.status.code(), Some(2), "missing --title is a usage error");
}
