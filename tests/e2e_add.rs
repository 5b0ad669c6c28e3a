//! End-to-end: add a demand through the form in the real binary, quit, start again on the same
//! database and find it by its pinyin initials.

mod common;

use common::pty::App;

#[test]
fn a_demand_added_through_the_form_is_found_by_search_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());

    let mut app = App::spawn(&db, dir.path(), &[], 100, 30);
    app.wait_for("Demands 4/4");
    app.send("+");
    app.wait_for("New demand");
    // UTF-8 text as a terminal sends it, then Tab to the enterprise line.
    app.send("液冷储能柜热管理优化");
    app.wait_for("液冷储能柜热管理优化");
    app.send("\t昆明储能科技有限公司");
    app.wait_for("昆明储能科技有限公司");
    app.send("\x13"); // Ctrl-S
    app.wait_for("saved D5");
    app.wait_for("Demands 5/5");
    app.wait_until("the form to close", |s| !s.contains("New demand"));
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "first run: exit status {status:?}");

    let mut app = App::spawn(&db, dir.path(), &[], 100, 30);
    app.wait_for("Demands 5/5");
    // 液冷储能 → ye leng chu neng.
    app.send("/ylcn");
    app.wait_for("/ ylcn");
    app.wait_for("Demands 1/5");
    app.wait_for("液冷储能柜热管理优化");
    app.wait_for("Enterprise: 昆明储能科技有限公司");
    app.send("\r");
    app.wait_for("Esc clears");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "second run: exit status {status:?}");
}
