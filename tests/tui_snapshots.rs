//! Whole-screen snapshots of the desk (TestBackend + insta) at 80×24 and 120×40 with CJK data,
//! including a double-width character at a column edge, the help overlay, the record view
//! and the too-small notice. Colour is off so the snapshots show text and layout.

mod common;

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
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        out.push('|');
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            out.push_str(sym);
        }
        out.push_str("|\n");
    }
    out
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

/// Types `s` into the popup on top, as the loop does for a form or picker.
fn popup_type(m: &mut Model, s: &str) {
    for c in s.chars() {
        update(m, Action::Input(Input::Type(c)));
    }
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
