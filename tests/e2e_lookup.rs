//! The real desk in a pseudo-terminal: a caller's number typed with separators shows who is
//! calling above the lists, with the organisation's records that do not carry the number, and
//! Enter, Enter opens the organisation.

mod common;

use common::pty::App;
use duijie::domain::{Kind, Record};

fn rec(kind: Kind, title: &str, org: &str, contact: &str, phone: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.org = org.into();
    r.contact = contact.into();
    r.phone = phone.into();
    r
}

#[test]
fn a_number_typed_in_the_desk_shows_the_caller_and_their_organisation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(
        &db,
        &[
            rec(
                Kind::Demand,
                "气体传感器标定",
                "汉威科技集团股份有限公司",
                "张伟",
                "13900002222",
            ),
            rec(Kind::Demand, "MEMS 工艺改进", "汉威科技", "", ""),
            rec(
                Kind::Achievement,
                "锂电池回收",
                "郑州大学",
                "王强",
                "0371-6778 1234",
            ),
        ],
    );
    let mut app = App::spawn_args(&db, dir.path(), &["-q", "139-0000-2222"], &[], 120, 40);
    app.wait_for("C1 张伟 · 汉威科技集团股份有限公司 O1 · 13900002222");
    // D2 does not carry the number: it is there through 张伟's organisation.
    app.wait_for("MEMS 工艺改进");
    app.wait_for("Demands 2/2");
    app.wait_for("contact C1");
    // Enter ends the line; Enter on the contact opens its organisation.
    app.send("\r");
    app.wait_for("Esc clears");
    app.send("\r");
    app.wait_for("MEMS 工艺改进");
    app.wait_until("the organisation view", |s| {
        s.contains("O1") && s.contains("张伟") && !s.contains("contact C1")
    });
    app.send("\x1b");
    app.wait_for("contact C1");
    app.send("q");
    assert!(app.wait_exit().success());
}
