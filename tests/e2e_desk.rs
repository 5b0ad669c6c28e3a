//! End-to-end: the real binary in a pseudo-terminal, read back through vt100.

mod common;

use common::pty::{App, find, rfind};

/// Ends the search line and waits for the demands list to show `n` rows.
fn count_is(app: &mut App, label: &str, shown: usize, total: usize) {
    let want = format!("{label} {shown}/{total}");
    app.wait_for(&want);
}

#[test]
fn finds_by_pinyin_initials_traditional_and_ascii_then_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    let mut app = App::spawn(&db, dir.path(), &[], 120, 40);
    app.wait_for("Demands 4/4");
    count_is(&mut app, "Results", 3, 3);

    // Pinyin initials of 西安交通大学.
    app.send("/xajd");
    app.wait_for("/ xajd");
    count_is(&mut app, "Results", 1, 3);
    app.wait_for("钛合金增材制造与热处理");

    // Simplified query, Traditional record.
    app.send("\x15郑州大学");
    count_is(&mut app, "Results", 1, 3);
    app.wait_for("鋰電池矽碳負極材料");
    count_is(&mut app, "Demands", 0, 4);

    // ASCII.
    app.send("\x15vision");
    count_is(&mut app, "Demands", 1, 4);
    app.wait_for("AI vision QC for die casting");

    // Enter leaves the search line; Enter again opens the record full-screen.
    app.send("\r");
    app.wait_for("Esc clears");
    app.send("\r");
    app.wait_for("Record  esc back");
    app.wait_for("Enterprise: 重庆长安精密压铸厂");
    app.send("\x1b");
    app.wait_until("the record to close", |s| !s.contains("Record  esc back"));
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        !app.parser.screen().alternate_screen(),
        "alternate screen left on"
    );
    let entered = rfind(&app.raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let left = rfind(&app.raw, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(left > entered);
}

#[test]
fn a_panic_restores_the_terminal_before_printing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    let mut app = App::spawn(
        &db,
        dir.path(),
        &[("DUIJIE_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
        100,
        30,
    );
    let status = app.wait_exit();
    assert!(!status.success(), "a panic must not exit 0");
    let entered = rfind(&app.raw, b"\x1b[?1049h").expect("the desk was drawn");
    // The hook restores first; the guard's Drop restores again while unwinding.
    let left =
        entered + find(&app.raw[entered..], b"\x1b[?1049l").expect("left the alternate screen");
    // Mouse capture off, and the message printed after the restore, on the normal screen.
    assert!(rfind(&app.raw, b"\x1b[?1000l").is_some_and(|p| p > entered));
    let msg = rfind(&app.raw, b"deliberate panic").expect("panic message");
    assert!(msg > left, "the message must come after the restore");
    assert!(!app.parser.screen().alternate_screen());
    let screen = app.screen();
    // Raw mode is off: newlines return to column 0 again, so the note starts a line.
    assert!(
        screen.lines().any(|l| l.starts_with("note: run with")),
        "{screen}"
    );
}

#[test]
fn a_termination_signal_restores_the_terminal_and_exits() {
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        common::write_db(&db, &common::sample_records());
        let mut app = App::spawn(&db, dir.path(), &[], 100, 30);
        app.wait_for("Demands 4/4");
        app.signal(signal);
        // It quits as `q` does (the data is saved as it goes), within the time limit.
        app.wait_exit();
        let entered = rfind(&app.raw, b"\x1b[?1049h").expect("the desk was drawn");
        assert!(
            find(&app.raw[entered..], b"\x1b[?1049l").is_some(),
            "SIG{signal}: left the alternate screen"
        );
        assert!(!app.parser.screen().alternate_screen(), "SIG{signal}");
    }
}
