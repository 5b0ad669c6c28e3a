//! `duijie suggest` end to end: the real binary against a database file.

use std::process::Command;

use duijie::db::{Db, records};
use duijie::domain::{Kind, Record};

fn db_with_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut db = Db::open(&path).unwrap();
    let mut demand = Record::new(Kind::Demand, "锂电池用电解铜箔表面处理");
    demand.org = "云南某铜业有限公司".into();
    demand.field = "新材料".into();
    demand.region = "云南省昆明市".into();
    demand.budget = duijie::domain::Money::parse("120.0").unwrap();
    let mut fit = Record::new(
        Kind::Achievement,
        "高性能电解铜箔表面处理工艺及其在动力电池中的产业化示范",
    );
    fit.org = "昆明理工大学材料科学与工程学院".into();
    fit.field = "新材料".into();
    fit.region = "云南昆明".into();
    fit.price = duijie::domain::Money::parse("80.0").unwrap();
    // Data may carry terminal escapes: they must not reach the terminal.
    let mut other = Record::new(Kind::Achievement, "锂电池隔膜\u{1b}[31m涂覆");
    other.org = "某大学".into();
    let mut unrelated = Record::new(Kind::Achievement, "中药材种植");
    unrelated.org = "某农科院".into();
    db.write(|tx| {
        for r in [&mut demand, &mut fit, &mut other, &mut unrelated] {
            records::insert(tx, r)?;
        }
        Ok::<_, duijie::db::DbError>(())
    })
    .unwrap();
    (dir, path)
}

fn duijie(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("NO_COLOR", "1")
        // The assertions read the English messages, whatever the shell's locale or config.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("DUIJIE_CONFIG", "/nonexistent/duijie-config.toml")
        .output()
        .unwrap()
}

#[test]
fn json_lists_the_fit_first_with_reasons_as_text() {
    let (_dir, db) = db_with_fixture();
    let out = duijie(&db, &["suggest", "d1", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2, "the unrelated result shares no term: {v:#}");
    let first = &arr[0];
    assert_eq!(first["code"], "R1");
    assert_eq!(first["org"], "昆明理工大学材料科学与工程学院");
    assert_eq!(first["paired"], false);
    assert!(first["score"].as_f64().unwrap() > arr[1]["score"].as_f64().unwrap());
    let reasons: Vec<&str> = first["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("共同关键词: ") && r.contains("电解铜箔")),
        "{reasons:?}"
    );
    // Each reason carries its share of the score.
    for want in [
        "同领域: 新材料 (",
        "同城: 昆明 (",
        "价格 80万 ≤ 预算 120万 (",
    ] {
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with(want) && r.ends_with("%)")),
            "{want}: {reasons:?}"
        );
    }
    assert_eq!(first["reason_codes"][0], "shared_terms");

    let limited = duijie(&db, &["suggest", "D1", "--json", "--limit", "1"]);
    let v: serde_json::Value = serde_json::from_slice(&limited.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn table_is_sanitised_and_cut_by_display_width() {
    let (_dir, db) = db_with_fixture();
    let out = duijie(&db, &["suggest", "D1"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("D1") && lines[0].contains("电解铜箔"),
        "{text}"
    );
    let row = lines.iter().find(|l| l.contains("R1")).unwrap();
    // The long title is cut with an ellipsis; the columns after it still line up.
    assert!(row.contains('…'), "{row}");
    assert!(row.contains("共同关键词"), "{row}");
    let header = lines[1];
    let col = |line: &str, needle: &str| {
        let i = line.find(needle).unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..i])
    };
    assert_eq!(col(header, "reasons"), col(row, "共同关键词"), "{text}");
}

#[test]
fn a_result_code_suggests_demands() {
    let (_dir, db) = db_with_fixture();
    let out = duijie(&db, &["suggest", "r1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["code"], "D1");
}

#[test]
fn unknown_or_bad_codes_fail_with_one_line() {
    let (_dir, db) = db_with_fixture();
    let out = duijie(&db, &["suggest", "D99"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim(), "duijie: error: D99 not found");

    let out = duijie(&db, &["suggest", "P1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pair"));

    let out = duijie(&db, &["suggest", "xyz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a code"));
}

#[test]
fn a_dismissed_suggestion_stays_away_until_restored_and_all_shows_it_marked() {
    let (_dir, db) = db_with_fixture();
    let codes = |args: &[&str]| -> Vec<String> {
        let out = duijie(&db, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| {
                format!(
                    "{}{}",
                    s["code"].as_str().unwrap(),
                    if s["dismissed"] == true { "x" } else { "" }
                )
            })
            .collect()
    };
    assert_eq!(codes(&["suggest", "D1", "--json"]), ["R1", "R2"]);
    let out = duijie(&db, &["dismiss", "D1", "R1", "--reason", "known"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("dismissed D1 ⇄ R1 (known)"));
    assert_eq!(codes(&["suggest", "D1", "--json"]), ["R2"]);
    // From the result's side too.
    assert!(codes(&["suggest", "R1", "--json"]).is_empty());
    assert_eq!(codes(&["suggest", "D1", "--json", "--all"]), ["R1x", "R2"]);
    let out = duijie(&db, &["dismiss", "D1", "R1", "--undo"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("restored D1 ⇄ R1"));
    assert_eq!(codes(&["suggest", "D1", "--json"]), ["R1", "R2"]);
    // A bad reason or two records of one kind: one clear line, no change.
    let out = duijie(&db, &["dismiss", "D1", "R1", "--reason", "boring"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not_relevant, known, wrong_field, other")
    );
    let out = duijie(&db, &["dismiss", "R1", "R2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one demand and one result"));
}

#[test]
fn explain_prints_every_part_of_the_score_and_they_add_up() {
    let (_dir, db) = db_with_fixture();
    let out = duijie(&db, &["suggest", "D1", "--explain"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // The breakdowns follow the table, after an empty line.
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.is_empty())
        .skip_while(|l| !l.trim_start().starts_with("1  R1"))
        .take_while(|l| !l.trim_start().starts_with("2  "))
        .collect();
    assert!(
        block
            .iter()
            .any(|l| l.contains("电解铜箔") && l.contains("points")),
        "{text}"
    );
    assert!(
        block.iter().any(|l| l.contains("same field: 新材料")),
        "{text}"
    );
    let points: f64 = block
        .iter()
        .filter(|l| l.contains(" points  "))
        .map(|l| l.split_whitespace().next().unwrap().parse::<f64>().unwrap())
        .sum();
    let total: f64 = block
        .iter()
        .find_map(|l| l.trim().strip_prefix("total "))
        .and_then(|t| t.split_whitespace().next())
        .unwrap()
        .parse()
        .unwrap();
    assert!((points - total).abs() < 0.5, "{points} vs {total}: {text}");
}

#[test]
fn the_index_is_saved_beside_the_database_and_used_until_records_change() {
    let (dir, db) = db_with_fixture();
    let cache = dir.path().join("cache").join("d.db.suggest");
    let first = duijie(&db, &["suggest", "D1", "--json"]);
    assert!(first.status.success(), "{first:?}");
    assert!(cache.exists(), "the first call saves the index");
    let saved = std::fs::metadata(&cache).unwrap().modified().unwrap();
    let again = duijie(&db, &["suggest", "D1", "--json"]);
    assert_eq!(again.stdout, first.stdout);
    assert_eq!(
        std::fs::metadata(&cache).unwrap().modified().unwrap(),
        saved
    );
    // A new result: the next call rebuilds the index and finds it.
    let added = duijie(
        &db,
        &[
            "add",
            "result",
            "--title",
            "电解铜箔表面防氧化处理",
            "--field",
            "新材料",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    let after = duijie(&db, &["suggest", "D1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"R4"), "{codes:?}");
}

#[test]
fn matches_new_lists_what_a_new_result_brought_once() {
    let (_dir, db) = db_with_fixture();
    // The first listing of a database lists nothing (its records are the broker's data, not
    // news) and says that new matches count from now on.
    let first = duijie(&db, &["matches", "--new"]);
    assert!(first.status.success(), "{first:?}");
    assert!(
        String::from_utf8_lossy(&first.stdout).contains("from now on"),
        "{first:?}"
    );
    let added = duijie(
        &db,
        &[
            "add",
            "result",
            "--title",
            "电解铜箔表面粗化处理",
            "--field",
            "新材料",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    let out = duijie(&db, &["matches", "--new", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let groups = v.as_array().unwrap();
    let d1 = groups
        .iter()
        .find(|g| g["code"] == "D1")
        .expect("D1 has a new match");
    assert_eq!(d1["matches"][0]["code"], "R4", "{v:#}");
    assert!(groups.iter().any(|g| g["code"] == "R4"), "{v:#}");
    // Listed once: asked again, nothing is new.
    let again = duijie(&db, &["matches", "--new"]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("no new matches"),
        "{again:?}"
    );
    // A look back by date lists it again, and a bad date is refused with a message.
    let back = duijie(&db, &["matches", "--new", "--since", "2000-01-01"]);
    assert!(
        String::from_utf8_lossy(&back.stdout).contains("R4"),
        "{back:?}"
    );
    let bad = duijie(&db, &["matches", "--new", "--since", "yesterday"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"),
        "{bad:?}"
    );
    // A high bar leaves nothing.
    let none = duijie(
        &db,
        &[
            "matches",
            "--new",
            "--since",
            "2000-01-01",
            "--min-score",
            "100",
        ],
    );
    assert!(
        String::from_utf8_lossy(&none.stdout).contains("no new matches"),
        "{none:?}"
    );
}

#[test]
fn the_demo_starts_with_nothing_new_and_a_result_added_while_trying_it_is_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let made = Command::new(env!("CARGO_BIN_EXE_duijie"))
        .args(["demo-db"])
        .arg(&db)
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let first = duijie(&db, &["matches", "--new"]);
    assert!(
        String::from_utf8_lossy(&first.stdout).contains("no new matches"),
        "{first:?}"
    );
    let added = duijie(
        &db,
        &[
            "add",
            "result",
            "--title",
            "类器官高通量药物筛选模型",
            "--field",
            "生物医药",
        ],
    );
    assert!(added.status.success(), "{added:?}");
    let out = duijie(&db, &["matches", "--new"]);
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("no new matches"),
        "{out:?}"
    );
}
