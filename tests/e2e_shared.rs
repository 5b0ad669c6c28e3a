//! A team on one shared PostgreSQL database: desks in pseudo-terminals and CLI writers, all
//! pointed at the same address. Each test works in a schema of its own on the server
//! `DUIJIE_TEST_PG` names (`.ci/run` starts one); without it each test says it was skipped.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::engines::schema_url;
use common::pty::App;

fn run(db: &str, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("DUIJIE_USER", user)
        .env("DUIJIE_CONFIG", "/nonexistent/duijie.toml")
        .output()
        .expect("run duijie")
}

fn cli(db: &str, args: &[&str]) -> String {
    let out = run(db, "王芳", args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A shared database holding the sample records, pushed from a file as a team would start.
fn seeded(test: &str, dir: &Path) -> Option<String> {
    let url = schema_url(test)?;
    let file = dir.join("seed.db");
    common::write_db(&file, &common::sample_records());
    let file = file.to_str().unwrap();
    cli(file, &["push", "--to", &url]);
    Some(url)
}

#[test]
fn a_change_by_one_broker_shows_on_both_open_desks_within_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let Some(url) = seeded("two_desks", dir.path()) else {
        return;
    };
    let at = Path::new(&url);
    let mut a = App::spawn(at, dir.path(), &[("DUIJIE_USER", "王芳")], 120, 40);
    let mut b = App::spawn(at, dir.path(), &[("DUIJIE_USER", "李强")], 120, 40);
    a.wait_for("Demands 4/4");
    b.wait_for("Demands 4/4");
    cli(&url, &["edit", "D1", "--title", "共享库 实时 改名"]);
    let changed = Instant::now();
    a.wait_for("共享库 实时 改名");
    b.wait_for("共享库 实时 改名");
    let seen = changed.elapsed();
    assert!(seen < Duration::from_secs(1), "shown after {seen:?}");
    // One desk adds a demand; the other shows it.
    cli(&url, &["add", "demand", "--title", "第五条需求 锂电池回收"]);
    a.wait_for("Demands 5/5");
    b.wait_for("Demands 5/5");
    for mut app in [a, b] {
        app.send("q");
        assert!(app.wait_exit().success());
    }
}

#[test]
fn a_stage_move_over_a_colleagues_change_is_shown_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let Some(url) = seeded("conflict", dir.path()) else {
        return;
    };
    cli(&url, &["pair", "D1", "R1"]);
    cli(&url, &["move", "P1", "contacted"]);
    cli(&url, &["move", "P1", "negotiating"]);
    // This desk looks for changes only once a minute: its board is the stale view.
    let at = Path::new(&url);
    let env = [("DUIJIE_WATCH_MS", "60000"), ("DUIJIE_USER", "王芳")];
    let mut app = App::spawn_args(at, dir.path(), &[], &env, 120, 40);
    app.wait_for("Demands 4/4");
    app.send("b");
    app.send("w"); // everyone's pairs, not only mine
    app.wait_for("P1 · ");
    app.send("ll");
    let other = run(
        &url,
        "李强",
        &["move", "P1", "shelved", "--reason", "no_reply"],
    );
    assert!(other.status.success(), "{other:?}");
    app.send("H");
    app.wait_for("moved meanwhile");
    let shown = cli(&url, &["show", "P1", "--json"]);
    assert!(shown.contains("\"shelved\""), "{shown}");
    assert!(shown.contains("no_reply"), "{shown}");
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn one_hundred_and_twenty_adds_from_two_brokers_at_once_lose_nothing() {
    let Some(url) = schema_url("adds") else {
        return;
    };
    // The schema is made by the first command; then two brokers add 60 demands each, at once.
    cli(&url, &["add", "demand", "--title", "起始"]);
    let brokers = ["王芳", "李强"].map(|who| {
        let url = url.clone();
        std::thread::spawn(move || {
            for i in 0..60 {
                let title = format!("{who} 的需求 {i}");
                let out = run(&url, who, &["add", "demand", "--title", &title]);
                assert!(out.status.success(), "{out:?}");
            }
        })
    });
    for b in brokers {
        b.join().unwrap();
    }
    let listed = cli(&url, &["list", "demands", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
    assert_eq!(rows.len(), 121, "every add is there");
    let mut codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 121, "each add got a code of its own");
    for who in ["王芳", "李强"] {
        let mine = rows
            .iter()
            .filter(|r| r["title"].as_str().unwrap().starts_with(who))
            .count();
        assert_eq!(mine, 60, "{who}");
    }
}

#[test]
fn a_pushed_demo_database_gives_the_same_board() {
    let dir = tempfile::tempdir().unwrap();
    let Some(url) = schema_url("demo_board") else {
        return;
    };
    let file = dir.path().join("demo.db");
    let file_s = file.to_str().unwrap();
    cli(file_s, &["demo-db", file_s]);
    cli(file_s, &["push", "--to", &url]);
    let here = cli(file_s, &["board", "--all", "--json"]);
    let there = cli(&url, &["board", "--all", "--json"]);
    assert!(here.contains("\"P1\""), "{here}");
    assert_eq!(here, there);
    // And the agenda, which reads follow-ups and dates.
    assert_eq!(
        cli(file_s, &["agenda", "--all", "--json"]),
        cli(&url, &["agenda", "--all", "--json"])
    );
}
