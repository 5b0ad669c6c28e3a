//! End-to-end with two processes: the desk in a pseudo-terminal and the CLI beside it, on one
//! database file. What the CLI changes shows in the open desk without a key press, and the
//! desk never writes its stale view back over it.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::App;

fn cli(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("LANG", "en_US.UTF-8")
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
fn a_cli_edit_shows_in_the_open_desk_within_a_second_and_a_desk_edit_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    let mut app = App::spawn(&db, dir.path(), &[], 120, 40);
    app.wait_for("Demands 4/4");

    // Another process renames D1; the desk shows it without a key press. The desk looks
    // every 200 ms, so a second is ample even on a loaded machine.
    cli(&db, &["edit", "D1", "--title", "實時 CLI 改名"]);
    let changed = Instant::now();
    app.wait_for("實時 CLI 改名");
    let seen = changed.elapsed();
    assert!(seen < Duration::from_secs(1), "shown after {seen:?}");

    // The desk edits another field of the same record (the org, second in the form): only
    // that field is written, so the CLI's title survives.
    app.wait_until("D1 selected in the detail pane", |s| {
        s.contains("Detail") && s.contains("實時 CLI 改名")
    });
    app.send("e");
    app.wait_for("ctrl-s save");
    app.send("\t\x15台式桌面公司\x13");
    app.wait_until("the save", |s| {
        !s.contains("ctrl-s save") && s.contains("台式桌面公司")
    });
    let shown = cli(&db, &["show", "D1", "--json"]);
    assert!(shown.contains("實時 CLI 改名"), "{shown}");
    assert!(shown.contains("台式桌面公司"), "{shown}");
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn a_board_move_of_a_pair_the_cli_shelved_meanwhile_shows_the_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    cli(&db, &["pair", "D1", "R1"]);
    cli(&db, &["move", "P1", "contacted"]);
    cli(&db, &["move", "P1", "negotiating"]);
    // This desk looks for other processes' changes only once a minute: its board stays the
    // stale view the user is looking at when the CLI shelves the pair.
    let mut app = App::spawn(&db, dir.path(), &[("DUIJIE_WATCH_MS", "60000")], 120, 40);
    app.wait_for("Demands 4/4");
    app.send("b");
    // A card reads "P1 · 0d" (the desk's detail pane lists "P1" too).
    app.wait_for("P1 · ");
    app.send("ll");
    cli(&db, &["move", "P1", "shelved", "--reason", "no_reply"]);
    // H would move P1 from negotiating back to contacted: the desk refuses, says why, and
    // shows where the pair is now.
    app.send("H");
    app.wait_for("moved meanwhile");
    let shown = cli(&db, &["show", "P1", "--json"]);
    assert!(shown.contains("\"shelved\""), "{shown}");
    assert!(shown.contains("no_reply"), "{shown}");
    app.send("q");
    assert!(app.wait_exit().success());
}
