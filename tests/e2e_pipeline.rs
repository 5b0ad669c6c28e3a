//! End-to-end: pair two records from the desk, move the pair to Signed with an amount, log a
//! follow-up due tomorrow, find it on the board and in the agenda — the real binary in a
//! pseudo-terminal, read back through vt100.

mod common;

use common::pty::App;
use duijie::domain::{Kind, Record};

#[test]
fn pairs_signs_logs_and_finds_the_pair_on_the_board_and_in_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let mut d = Record::new(Kind::Demand, "极薄铜箔量产工艺");
    d.org = "河南华锂新能源".into();
    let mut r = Record::new(Kind::Achievement, "超薄电解铜箔技术");
    r.org = "郑州大学".into();
    common::write_db(&db, &[d, r]);
    let mut app = App::spawn(&db, dir.path(), &[], 120, 40);
    app.wait_for("Demands 1/1");

    // One key pairs the selected demand with the selected result.
    app.send("p");
    app.wait_for("P1 created D1 ⇄ R1");
    app.wait_for("P1 候选/Candidate ⇄ R1");

    // The board; two moves right need nothing, the third (Signed) asks for the amount.
    app.send("b");
    app.wait_for("P1 · 0d");
    app.send("L");
    app.wait_for("P1 → Contacted");
    app.send("L");
    app.wait_for("P1 → Negotiating");
    app.send("L");
    app.wait_for("Amount");
    app.send("120\r\r");
    app.wait_for("P1 → Signed");
    app.wait_for("Signed 1·120万");

    // A follow-up: channel, note, next action, due tomorrow.
    app.send("n");
    app.wait_for("Next action");
    app.send("\r电话沟通\r寄送合同\r明天\r");
    app.wait_for("P1 follow-up logged");
    app.wait_for("→ 寄送合同");

    // The agenda lists the next action this week.
    app.send("a");
    app.wait_for("This week (1)");
    app.wait_for("寄送合同");
    app.send("q");
    let status = app.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}
