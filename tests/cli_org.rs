//! `duijie org` and `duijie contact` through the real binary: organisations derived from
//! added records, `org --json`, merge and rename with undo, contacts with de-duplication.

use std::path::Path;
use std::process::{Command, Output};

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
        .expect("run duijie")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let o = run(db, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

fn seed(db: &Path) {
    for (kind, title, org, extra) in [
        (
            "demand",
            "4.5μm极薄铜箔",
            "漢威科技集團股份有限公司",
            ["--phone", "139-2222-3333"],
        ),
        (
            "demand",
            "气体传感器",
            "汉威科技集团",
            ["--phone", "+86 13922223333"],
        ),
        (
            "result",
            "铜箔添加剂",
            "鄭州大學",
            ["--region", "河南省郑州市"],
        ),
        ("result", "锂电负极", "郑州大学", ["--region", "河南郑州"]),
        ("result", "电解铜箔", "西安交大", ["--region", "陕西西安"]),
    ] {
        ok(
            db,
            &[
                "add",
                kind,
                "--title",
                title,
                "--org",
                org,
                "--contact",
                "张工",
                extra[0],
                extra[1],
            ],
        );
    }
}

#[test]
fn org_json_shows_one_organisation_under_both_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    seed(&db);
    let v = json(&db, &["org", "郑州大学", "--json"]);
    assert_eq!(v["code"], "O2");
    assert_eq!(v["name"], "鄭州大學");
    assert_eq!(v["kind"], "university");
    assert_eq!(v["region_label"], "河南 · 郑州");
    assert_eq!(v["results"].as_array().unwrap().len(), 2);
    assert_eq!(v["signed_wan"], 0);
    // By code, in another case, and by the Traditional name with its suffix.
    assert_eq!(
        json(&db, &["org", "o1", "--json"])["demands"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let hw = json(&db, &["org", "漢威科技集團有限公司", "--json"]);
    assert_eq!(hw["code"], "O1");
    // One 张工 at 汉威 (same number), another at each university (name only, no number).
    assert_eq!(hw["contacts"].as_array().unwrap().len(), 1);
    assert_eq!(hw["contacts"][0]["code"], "C1");
    assert_eq!(hw["contacts"][0]["phones"][0], "139-2222-3333");
    let list = json(&db, &["org", "list", "--kind", "university", "--json"]);
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    // 西安交大 names no kind (an abbreviation): "other" until the broker edits it.
    assert_eq!(codes, ["O2"]);
    assert_eq!(
        json(&db, &["org", "list", "--kind", "other", "--json"])[0]["code"],
        "O3"
    );
    let henan = json(&db, &["org", "list", "--region", "鄭州", "--json"]);
    assert_eq!(henan.as_array().unwrap().len(), 1, "{henan}");
    assert_eq!(henan[0]["code"], "O2");
    assert_eq!(
        json(&db, &["org", "list", "--region", "河南", "--json"])[0]["code"],
        "O2"
    );
    assert_eq!(
        json(&db, &["org", "list", "--region", "陕西", "--json"])[0]["code"],
        "O3"
    );
    let text = ok(&db, &["org", "list"]);
    assert!(
        text.contains("O1\t漢威科技集團股份有限公司\tenterprise\t\t2\t0\t0\t1"),
        "{text}"
    );
    let o = run(&db, &["org", "清华大学"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("清华大学 not found"));
}

#[test]
fn merge_and_rename_from_the_command_line_are_undone_by_undo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    seed(&db);
    let out = ok(&db, &["org", "merge", "O2", "西安交大"]);
    assert!(out.contains("merged O3 into O2"), "{out}");
    assert_eq!(
        json(&db, &["org", "O2", "--json"])["results"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(run(&db, &["org", "O3"]).status.code(), Some(1));
    ok(&db, &["undo"]);
    assert_eq!(json(&db, &["org", "O3", "--json"])["name"], "西安交大");
    assert_eq!(
        json(&db, &["org", "O2", "--json"])["results"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    ok(&db, &["org", "rename", "O3", "西安交通大学"]);
    assert_eq!(json(&db, &["org", "西安交通大学", "--json"])["code"], "O3");
    let o = run(&db, &["org", "rename", "O3", "郑州大学"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("duijie org merge O3 O2"));
    ok(&db, &["undo"]);
    assert_eq!(json(&db, &["org", "O3", "--json"])["name"], "西安交大");
    ok(
        &db,
        &[
            "org",
            "edit",
            "O3",
            "--kind",
            "institute",
            "--region",
            "陕西省西安市",
        ],
    );
    let v = json(&db, &["org", "O3", "--json"]);
    assert_eq!(
        (v["kind"].as_str(), v["region_label"].as_str()),
        (Some("institute"), Some("陕西 · 西安"))
    );
    let o = run(&db, &["org", "edit", "O3", "--kind", "bank"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn contacts_add_edit_show_and_find_by_phone_tail() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    seed(&db);
    let code = ok(
        &db,
        &[
            "contact",
            "add",
            "--name",
            "李总",
            "--phone",
            "0371-6789 1234",
            "--org",
            "O1",
            "--role",
            "总经理",
        ],
    );
    assert_eq!(code, "C4");
    let shown = ok(&db, &["contact", "show", "1234"]);
    assert!(shown.contains("李总") && shown.contains("O1"), "{shown}");
    let found = json(&db, &["contact", "show", "2222-3333", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(
        (found[0]["name"].as_str(), found[0]["code"].as_str()),
        (Some("张工"), Some("C1"))
    );
    ok(
        &db,
        &[
            "contact",
            "edit",
            "C4",
            "--add-phone",
            "13800138000",
            "--email",
            "li@hw.example",
        ],
    );
    let c = json(&db, &["contact", "show", "C4", "--json"]);
    assert_eq!(c[0]["phones"].as_array().unwrap().len(), 2);
    let o = run(&db, &["contact", "edit", "C4", "--phone", "12"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a phone number"));
    ok(&db, &["undo"]);
    assert_eq!(
        json(&db, &["contact", "show", "C4", "--json"])[0]["email"],
        ""
    );
    let list = ok(&db, &["contact", "list", "--org", "汉威"]);
    assert!(list.contains("李总") && list.contains("张工"), "{list}");
}
