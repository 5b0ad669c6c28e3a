//! End-to-end: the terminal is given back whatever ends or stops the desk. Signals that end
//! it restore the screen, cursor, mouse, paste mode and window title and exit with 128 + the
//! signal's number; Ctrl-Z and SIGTSTP give the terminal back and stop, and SIGCONT redraws.
//! And the one desk question that must not be answered by habit: deleting a record.

mod common;

use std::time::{Duration, Instant};

use common::pty::{App, TIMEOUT, find, rfind};

/// What giving the terminal back writes (crossterm's sequences, and the title pop).
const RESTORE: [(&str, &[u8]); 5] = [
    ("alternate screen off", b"\x1b[?1049l"),
    ("cursor shown", b"\x1b[?25h"),
    ("mouse released", b"\x1b[?1000l"),
    ("bracketed paste off", b"\x1b[?2004l"),
    ("window title restored", b"\x1b[23;0t"),
];

fn desk(dir: &tempfile::TempDir) -> App {
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    let mut app = App::spawn(&db, dir.path(), &[], 100, 30);
    app.wait_for("Demands 4/4");
    app
}

/// Asserts every restore sequence was written after byte `from`.
fn restored_after(app: &App, from: usize, what: &str) {
    for (name, seq) in RESTORE {
        assert!(
            find(&app.raw[from..], seq).is_some(),
            "{what}: {name} ({seq:?}) not written"
        );
    }
}

/// The process state letter from /proc (T: stopped).
fn state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name in parentheses.
    stat.rsplit(") ")
        .next()
        .and_then(|rest| rest.chars().next())
        .unwrap_or('?')
}

fn wait_state(app: &mut App, want: char) {
    let start = Instant::now();
    while state(app.pid()) != want {
        assert!(
            start.elapsed() < TIMEOUT,
            "the app never reached state {want} (now {})",
            state(app.pid())
        );
        app.drain(Duration::from_millis(20));
    }
}

/// Waits (up to [`TIMEOUT`]) until every restore sequence written after byte `from` has been
/// read, then asserts them: the process is seen stopped before the test's reader thread has
/// necessarily passed on what it wrote just before stopping (on a loaded machine that took
/// more than the 100 ms once allowed).
fn wait_restored(app: &mut App, from: usize, what: &str) {
    let start = Instant::now();
    while start.elapsed() < TIMEOUT
        && RESTORE
            .iter()
            .any(|(_, seq)| find(&app.raw[from..], seq).is_none())
    {
        app.drain(Duration::from_millis(20));
    }
    restored_after(app, from, what);
}

#[test]
fn ending_signals_restore_the_terminal_and_exit_with_128_plus_the_signal() {
    for (signal, code) in [("INT", 130), ("QUIT", 131), ("TERM", 143)] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = desk(&dir);
        // The shell's title was pushed before the desk set its own.
        let pushed = find(&app.raw, b"\x1b[22;0t").expect("title pushed");
        let titled = find(&app.raw, b"\x1b]0;duijie").expect("title set");
        assert!(pushed < titled, "SIG{signal}: push before set");
        let drawn = app.raw.len();
        app.signal(signal);
        let status = app.wait_exit();
        assert_eq!(status.exit_code(), code, "SIG{signal}: {status:?}");
        restored_after(&app, drawn, &format!("SIG{signal}"));
        assert!(!app.parser.screen().alternate_screen(), "SIG{signal}");
        assert!(!app.parser.screen().hide_cursor(), "SIG{signal}");
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_cleanly_and_sigcont_redraws() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = desk(&dir);
    for (how, stop) in [("Ctrl-Z", None), ("SIGTSTP", Some("TSTP"))] {
        let before = app.raw.len();
        match stop {
            None => app.send("\x1a"),
            Some(sig) => app.signal(sig),
        }
        wait_state(&mut app, 'T');
        wait_restored(&mut app, before, how);
        assert!(!app.parser.screen().alternate_screen(), "{how}");

        let stopped = app.raw.len();
        app.signal("CONT");
        app.wait_until("the desk to come back", |s| s.contains("Demands 4/4"));
        assert!(app.parser.screen().alternate_screen(), "{how}: back on");
        let back = &app.raw[stopped..];
        assert!(find(back, b"\x1b[?1049h").is_some(), "{how}: re-entered");
        assert!(find(back, b"\x1b[?1000h").is_some(), "{how}: mouse again");
        assert!(
            find(back, b"\x1b[22;0t").is_some(),
            "{how}: title pushed again"
        );
        assert_ne!(state(app.pid()), 'T', "{how}: running again");
    }
    // And it still answers keys: q quits with 0, restoring once more.
    let before = app.raw.len();
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "{status:?}");
    restored_after(&app, before, "q after resuming");
    assert!(rfind(&app.raw, b"\x1b[23;0t").is_some_and(|p| p >= before));
}

#[test]
fn a_desk_delete_names_what_goes_ignores_enter_and_u_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(&db)
        .args(["pair", "D1", "R1"])
        .env("DUIJIE_CONFIG", dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut app = App::spawn(&db, dir.path(), &[], 120, 30);
    app.wait_for("Demands 4/4");
    // D1, the one paired, is selected first.
    app.send("D");
    app.wait_for("with its 1 pair and 0");
    app.send("\r");
    assert!(
        app.screen().contains("y yes · n/esc/ctrl-c no"),
        "{}",
        app.screen()
    );
    // Enter does not delete: the question stays and the count does not move.
    std::thread::sleep(Duration::from_millis(300));
    app.drain(Duration::from_millis(50));
    assert!(app.screen().contains("with its 1 pair"), "{}", app.screen());
    assert!(app.screen().contains("Demands 4/4"), "{}", app.screen());
    app.send("y");
    app.wait_for("Demands 3/3");
    app.send("u");
    app.wait_for("Demands 4/4");
    app.wait_for("undone: delete D1 with 1 pair(s)");
    app.send("q");
    assert!(app.wait_exit().success());
    let pairs = std::process::Command::new(env!("CARGO_BIN_EXE_duijie"))
        .arg("--db")
        .arg(&db)
        .args(["show", "P1"])
        .env("DUIJIE_CONFIG", dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert!(pairs.status.success(), "the pair is back under its code");
}

#[test]
fn a_damaged_database_is_named_as_the_desk_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    // A table the desk never reads, spread over many pages, then one of its pages scrambled:
    // the lists still open, the quick check fails.
    let root: i64 = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE filler (x TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
             INSERT INTO filler SELECT printf('%.500c', 'x') FROM n;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
        conn.query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'filler'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let page: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    let at = usize::try_from((root - 1) * page).unwrap();
    bytes[at..at + 64].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();

    let mut app = App::spawn(&db, dir.path(), &[], 100, 30);
    app.wait_for("Demands 4/4");
    app.wait_until("the damage named", |s| {
        s.contains("database damaged, nothing can be saved: run `duijie check`")
    });
    app.send("q");
    assert!(app.wait_exit().success());
}
