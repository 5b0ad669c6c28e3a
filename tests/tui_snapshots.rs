//! Whole-screen snapshots of the desk (TestBackend + insta) at 80×24 and 120×40 with CJK data,
//! including a double-width character at a column edge, the help overlay, the record view
//! and the too-small notice. Colour is off so the snapshots show text and layout; the style
//! tests at the end draw in colour and check each cell's style by meaning.

mod style_support;

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duijie::domain::{Kind, Record};
use duijie::search::{Entry, Index, keys::SearchKeys};
use duijie::tui::action::{Action, Input};
use duijie::tui::features::filters::Filters;
use duijie::tui::keys::Keymap;
use duijie::tui::model::Model;
use duijie::tui::update::update;
use duijie::tui::{Lang, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

/// The sample records as the desk's database holds them.
fn stored() -> Vec<Record> {
    let mut recs = common::sample_records();
    for (i, r) in recs.iter_mut().enumerate() {
        r.id = i as i64 + 1;
        r.seq = recs_seq(r.kind, i);
        r.updated_at = format!("2026-03-{:02}T08:00:00Z", 10 - i);
    }
    recs
}

fn model(lang: Lang, width: u16, height: u16) -> Model {
    let mut m = Model::new(stored(), Keymap::default(), lang, "x.db");
    update(&mut m, Action::Resize { width, height });
    m
}

/// D1…D4 for the demands, R1…R3 for the results.
fn recs_seq(kind: Kind, i: usize) -> i64 {
    match kind {
        Kind::Demand => i as i64 + 1,
        Kind::Achievement => i as i64 - 3,
    }
}

/// Types `q` and answers it as the worker would.
fn search(m: &mut Model, q: &str) {
    update(m, Action::SearchOpen);
    for c in q.chars() {
        update(m, Action::Input(Input::Type(c)));
    }
    for kind in [Kind::Demand, Kind::Achievement] {
        let mut entries: Vec<Entry> = stored()
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r: &Record| Entry {
                id: r.id,
                updated_at: r.updated_at.clone(),
                keys: SearchKeys::for_record(r),
            })
            .collect();
        entries.sort_by_key(|e| e.id);
        let hits = Index::from_entries(entries).search(q);
        let seq = m.search_seq;
        update(
            m,
            Action::SearchAnswered {
                kind,
                seq,
                hits,
                capped: false,
                partial: false,
            },
        );
    }
}

fn render(m: &Model, width: u16, height: u16) -> String {
    // The runner fetches the selected record in full as soon as it is selected.
    let mut m = m.clone();
    if let Some(id) = m.wanted_full() {
        m.full = stored().into_iter().find(|r| r.id == id).map(Box::new);
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, &m, &Theme::new(false)))
        .unwrap();
    text(terminal.backend().buffer())
}

/// The screen as text, one line per row: a wide character's hidden second cell is skipped,
/// so the rows read as they look.
fn text(buf: &ratatui::buffer::Buffer) -> String {
    style_support::screen_text(buf)
}

#[test]
fn desk_80x24_zh() {
    let m = model(Lang::Zh, 80, 24);
    insta::assert_snapshot!(render(&m, 80, 24));
}

#[test]
fn desk_120x40_en_with_search_and_filters() {
    let mut m = model(Lang::En, 120, 40);
    let mut f = Filters::default();
    f.region.insert("河南".into());
    f.region.insert("陕西".into());
    update(&mut m, Action::FiltersApplied(f));
    search(&mut m, "西安");
    update(&mut m, Action::FocusRight);
    insta::assert_snapshot!(render(&m, 120, 40));
}

/// 81 columns: each list is 40 or 41 wide, so wide characters land on odd column edges.
#[test]
fn desk_81x24_odd_width_cuts_wide_characters() {
    let m = model(Lang::Zh, 81, 24);
    let screen = render(&m, 81, 24);
    insta::assert_snapshot!(screen);
}

#[test]
fn help_overlay_80x24() {
    let mut m = model(Lang::En, 80, 24);
    update(&mut m, Action::Help);
    insta::assert_snapshot!(render(&m, 80, 24));
}

#[test]
fn record_full_screen_120x40_zh() {
    let mut m = model(Lang::Zh, 120, 40);
    update(&mut m, Action::Bottom);
    update(&mut m, Action::Open);
    insta::assert_snapshot!(render(&m, 120, 40));
}

#[test]
fn too_small_notice_30x8() {
    let m = model(Lang::En, 30, 8);
    insta::assert_snapshot!(render(&m, 30, 8));
}

#[test]
fn without_colour_the_selected_row_is_reverse_video() {
    let m = model(Lang::En, 80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, &m, &Theme::new(false)))
        .unwrap();
    let buf = terminal.backend().buffer();
    let body = duijie::tui::ui::layout::Desk::new((80, 24)).list_body(Kind::Demand);
    let reversed = |y: u16| {
        buf[(body.x + 5, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert!(reversed(body.y), "the first row is selected");
    assert!(!reversed(body.y + 1));
}

#[test]
fn every_row_keeps_its_width_at_odd_sizes() {
    // No row may overflow or shift: TestBackend rows are exactly `width` cells wide, and the
    // list border on the right of each row must stay where the layout put it.
    for width in [61u16, 79, 81, 97, 119] {
        let m = model(Lang::Zh, width, 24);
        let mut terminal = Terminal::new(TestBackend::new(width, 24)).unwrap();
        terminal
            .draw(|f| duijie::tui::draw::draw(f, &m, &Theme::new(false)))
            .unwrap();
        let buf = terminal.backend().buffer();
        let d = duijie::tui::ui::layout::Desk::new((width, 24));
        let right = d.demands.x + d.demands.width - 1;
        for y in d.demands.y + 1..d.demands.y + d.demands.height - 1 {
            assert_eq!(buf[(right, y)].symbol(), "│", "width {width}, row {y}");
            assert_eq!(
                buf[(d.results.x, y)].symbol(),
                "│",
                "width {width}, row {y}"
            );
        }
    }
}

/// Presses each character of `s` as the loop does: resolved in the current context by the
/// default key table (a space ticks in the picker, types in a form's text field).
fn popup_type(m: &mut Model, s: &str) {
    for c in s.chars() {
        let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(a) = m.keymap.resolve(m.context(), &ev) {
            update(m, a);
        }
    }
}

/// The screen drawn in colour, for style assertions.
fn coloured(m: &Model, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, m, &Theme::new(true)))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The cell of `sym` inside the first occurrence of `row_has` on screen (so a `sym` drawn
/// elsewhere on that row, under a popup's edge, is not mistaken for it).
fn cell_of(buf: &ratatui::buffer::Buffer, row_has: &str, sym: &str) -> (u16, u16) {
    for y in 0..buf.area.height {
        // (x, symbol) of the cells as they read: the hidden half of a wide character skipped.
        let mut cells = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].symbol();
            cells.push((x, s.to_string()));
            x += unicode_width::UnicodeWidthStr::width(s).max(1) as u16;
        }
        let row: Vec<&str> = cells.iter().map(|(_, s)| s.as_str()).collect();
        let want: Vec<String> = row_has.chars().map(String::from).collect();
        if let Some(start) = row.windows(want.len()).position(|w| w == want.as_slice()) {
            let i = (start..start + want.len())
                .find(|i| row[*i] == sym)
                .unwrap_or_else(|| panic!("{sym:?} is not in {row_has:?}"));
            return (cells[i].0, y);
        }
    }
    panic!("no row with {row_has:?}")
}

fn fg_bg(buf: &ratatui::buffer::Buffer, at: (u16, u16)) -> (Color, Color) {
    (buf[at].fg, buf[at].bg)
}

#[test]
fn the_desk_styles_by_meaning_at_an_odd_width() {
    let theme = Theme::new(true);
    let mut m = model(Lang::Zh, 81, 24);
    update(&mut m, Action::Failed("数据库被锁定".into()));
    let buf = coloured(&m, 81, 24);
    let d = duijie::tui::ui::layout::Desk::new((81, 24));
    let demands = d.list_body(Kind::Demand);
    let results = d.list_body(Kind::Achievement);
    // The focused list's selected row, the other list's selected row, an ordinary row.
    let sel = theme.selected();
    assert_eq!(
        fg_bg(&buf, (demands.x + 5, demands.y)),
        (sel.fg.unwrap(), sel.bg.unwrap())
    );
    assert_eq!(
        buf[(results.x + 5, results.y)].bg,
        theme.selected_unfocused().bg.unwrap()
    );
    assert_eq!(buf[(demands.x + 5, demands.y + 1)].bg, Color::Reset);
    // The focused list's border is in the title colour, the other's muted.
    assert_eq!(
        buf[(d.demands.x, d.demands.y + 1)].fg,
        theme.title().fg.unwrap()
    );
    assert_eq!(
        buf[(d.results.x, d.results.y + 1)].fg,
        theme.muted().fg.unwrap()
    );
    // A failure shows in the status bar in the warning colour.
    let at = cell_of(&buf, "数据库被锁定", "数");
    assert_eq!(at.1, 23, "the status bar is the last row");
    assert_eq!(buf[at].fg, theme.warning().fg.unwrap());
    assert!(buf[at].modifier.contains(Modifier::BOLD));
}

#[test]
fn the_form_picker_help_and_record_style_by_meaning() {
    let theme = Theme::new(true);
    // The form: the focused label in the title colour, a refused field's message in the
    // warning colour, the hint muted.
    let mut m = model(Lang::En, 81, 24);
    update(&mut m, Action::Add);
    update(&mut m, Action::Input(Input::Save));
    let buf = coloured(&m, 81, 24);
    let label = cell_of(&buf, "Title*", "T");
    assert_eq!(buf[label].fg, theme.title().fg.unwrap());
    let err = cell_of(&buf, "required", "r");
    assert_eq!(buf[err].fg, theme.warning().fg.unwrap(), "required");
    let hint = cell_of(&buf, "next field", "n");
    assert_eq!(buf[hint].fg, theme.muted().fg.unwrap());
    let other = cell_of(&buf, "Enterprise", "E");
    assert_eq!(buf[other].fg, theme.label().fg.unwrap());

    // The picker: the current section and the row under the cursor selected, a ticked row
    // stays selected-looking only under the cursor.
    let mut m = model(Lang::En, 81, 24);
    update(&mut m, Action::FilterOpen);
    popup_type(&mut m, " ");
    let buf = coloured(&m, 81, 24);
    let sel = theme.selected();
    let tab = cell_of(&buf, "Field 1", "F");
    assert_eq!(fg_bg(&buf, tab), (sel.fg.unwrap(), sel.bg.unwrap()));
    let other_tab = cell_of(&buf, "Region", "R");
    assert_eq!(buf[other_tab].fg, theme.muted().fg.unwrap());
    let row = cell_of(&buf, "[x]", "[");
    assert_eq!(fg_bg(&buf, row), (sel.fg.unwrap(), sel.bg.unwrap()));
    let below = (row.0, row.1 + 1);
    assert_eq!(buf[below].bg, Color::Reset);

    // The help: context headings in the title colour, keys in the label colour.
    let mut m = model(Lang::En, 81, 24);
    update(&mut m, Action::Help);
    let buf = coloured(&m, 81, 24);
    let heading = cell_of(&buf, "the desk", "t");
    assert_eq!(buf[heading].fg, theme.title().fg.unwrap());
    let key = cell_of(&buf, "j / ↓", "j");
    assert_eq!(buf[key].fg, theme.label().fg.unwrap());

    // The record view: the focused border, labels in the label colour.
    let mut m = model(Lang::Zh, 81, 24);
    update(&mut m, Action::Open);
    let buf = coloured(&m, 81, 24);
    assert_eq!(buf[(0, 0)].fg, theme.border_focused().fg.unwrap());
}

#[test]
fn add_form_over_the_desk_80x24_zh() {
    let mut m = model(Lang::Zh, 80, 24);
    update(&mut m, Action::Add);
    popup_type(&mut m, "液冷储能柜热管理优化");
    insta::assert_snapshot!(render(&m, 80, 24));
}

/// 81 columns: the picker box's edges land on odd columns over CJK rows.
#[test]
fn filter_picker_over_the_desk_81x24_en() {
    let mut m = model(Lang::En, 81, 24);
    update(&mut m, Action::FilterOpen);
    popup_type(&mut m, " ");
    insta::assert_snapshot!(render(&m, 81, 24));
}
