//! End-to-end, the real binary in a pseudo-terminal: `y` puts the contact line on the
//! clipboard through the terminal (OSC 52 in the bytes the desk writes), `c` logs a call that
//! the detail then shows and `u` takes back, `M` gives the mouse to the terminal, and
//! `mouse = false` in the config starts without taking it.

mod common;

use base64::Engine as _;
use common::pty::{App, find, rfind};

fn sample_db(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("x.db");
    common::write_db(&db, &common::sample_records());
    db
}

#[test]
fn y_copies_c_logs_a_call_and_m_gives_the_mouse_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let mut app = App::spawn(&db, dir.path(), &[], 120, 40);
    app.wait_for("Demands 4/4");
    app.wait_for("Contact: 王经理");

    app.send("y");
    app.wait_for("copied: 王经理 河南华锂新能源有限公司");
    let at = rfind(&app.raw, b"\x1b]52;c;").expect("an OSC 52 sequence");
    let rest = &app.raw[at + 7..];
    let end = rest
        .iter()
        .position(|&b| b == 0x07 || b == 0x1b)
        .expect("the sequence ends");
    let copied = base64::engine::general_purpose::STANDARD
        .decode(&rest[..end])
        .unwrap();
    assert_eq!(
        String::from_utf8(copied).unwrap(),
        "王经理 河南华锂新能源有限公司"
    );

    // A call on D1, which has no pair: noted in its own log, shown in its detail.
    app.send("c");
    app.wait_for("Call D1 王经理");
    app.send("企业来电问进度\r\r\r");
    app.wait_for("D1: noted in its log");
    app.wait_for("Log (1)");
    app.wait_for("Phone 企业来电问进度");
    app.send("u");
    app.wait_until("the log to go", |s| !s.contains("Log (1)"));

    let before = app.raw.len();
    app.send("M");
    app.wait_for("mouse given to the terminal");
    assert!(
        find(&app.raw[before..], b"\x1b[?1000l").is_some(),
        "mouse capture turned off"
    );
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn mouse_false_in_the_config_leaves_the_mouse_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "mouse = false\n").unwrap();
    let config = config.to_string_lossy().into_owned();
    let mut app = App::spawn(&db, dir.path(), &[("DUIJIE_CONFIG", &config)], 100, 30);
    app.wait_for("Demands 4/4");
    assert!(
        find(&app.raw, b"\x1b[?1000h").is_none(),
        "the desk took the mouse"
    );
    app.send("q");
    assert!(app.wait_exit().success());
}
