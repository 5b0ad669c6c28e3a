//! `duijie -q QUERY`: the desk opens with the query typed and its first hit selected, so the
//! broker on the phone goes from the shell to the record in one command.

mod common;

use common::pty::App;

#[test]
fn the_desk_opens_with_the_query_typed_and_the_first_hit_selected() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    common::write_db(&db, &common::sample_records());
    let mut app = App::spawn_args(&db, dir.path(), &["-q", "极薄 铜箔"], &[], 120, 40);
    app.wait_for("/ 极薄 铜箔");
    app.wait_for("Demands 1/4");
    let title = "4.5μm 极薄铜箔量产工艺";
    app.wait_for(title);
    // The hit's row is drawn selected.
    let screen = app.parser.screen();
    // The list's row (the search line and the detail pane hold the words too).
    let (row, col) = screen
        .rows(0, 120)
        .enumerate()
        .find_map(|(r, line)| {
            let at = line.find("极薄")?;
            line.starts_with("│D1 ").then(|| {
                (
                    r as u16,
                    unicode_width::UnicodeWidthStr::width(&line[..at]) as u16,
                )
            })
        })
        .expect("the hit on screen");
    let cell = screen.cell(row, col).expect("a cell");
    assert!(
        cell.inverse() || cell.bgcolor() != vt100::Color::Default,
        "the first hit is not selected:\n{}",
        app.screen()
    );
    // Enter ends the line; Enter again opens the selected record: the hit.
    app.send("\r");
    app.wait_for("Esc clears");
    app.send("\r");
    app.wait_for("Record  esc back");
    app.wait_for("河南华锂新能源有限公司");
    app.send("\x1b");
    app.wait_until("the record to close", |s| !s.contains("Record  esc back"));
    app.send("q");
    assert!(app.wait_exit().success());
}
