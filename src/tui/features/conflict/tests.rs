//! The conflict overlay through the real default key table: which fields it lists, what each
//! key chooses, the patch it resolves to, and its columns at odd widths with CJK values.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::domain::Kind;
use crate::i18n::Lang;
use crate::tui::Theme;
use crate::tui::action::Action;
use crate::tui::keys::{Context, Keymap};

fn versions() -> (Record, Record, Record) {
    let mut base = Record::new(Kind::Demand, "4.5μm 铜箔");
    base.id = 9;
    base.seq = 9;
    base.region = "河南".into();
    base.budget = crate::domain::Money::parse("300.0").unwrap();
    base.contact = "陈工".into();
    let mut mine = base.clone();
    mine.title = "4.5μm 极薄铜箔量产".into(); // both changed: conflict
    mine.region = "河南郑州".into(); // both changed: conflict
    mine.phone = "0371-1234".into(); // only mine
    mine.budget = crate::domain::Money::parse("500.0").unwrap(); // both changed to the same value
    let mut theirs = base.clone();
    theirs.title = "极薄铜箔（鄭州）".into();
    theirs.region = "郑州".into();
    theirs.contact = "李工".into(); // only theirs
    theirs.budget = crate::domain::Money::parse("500.0").unwrap();
    (base, mine, theirs)
}

fn press(c: &mut Conflict, code: KeyCode) -> ConflictOutcome {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    match Keymap::default().resolve(Context::Conflict, &ev) {
        Some(Action::Input(i)) => c.handle(&i),
        other => panic!("{code:?}: {other:?}"),
    }
}

#[test]
fn only_fields_both_sides_changed_differently_are_listed() {
    let (base, mine, theirs) = versions();
    let c = Conflict::new(base, mine, theirs);
    let fields: Vec<FieldId> = c.rows().iter().map(|r| r.field).collect();
    assert_eq!(fields, [FieldId::Title, FieldId::Region]);
    assert_eq!(c.kept_theirs(), 1, "the contact only they changed");
    assert!(c.rows().iter().all(|r| r.choice == Side::Mine));
}

#[test]
fn keys_choose_per_field_or_for_all_and_enter_resolves_to_a_patch() {
    use KeyCode as K;
    // (keys, fields the patch writes besides the phone, which only I changed)
    let cases: &[(&[KeyCode], &[FieldId])] = &[
        (&[K::Enter], &[FieldId::Title, FieldId::Region]),
        (&[K::Right, K::Enter], &[FieldId::Region]),
        (&[K::Char('j'), K::Char('l'), K::Enter], &[FieldId::Title]),
        (&[K::Char('T'), K::Enter], &[]),
        (
            &[K::Char('T'), K::Down, K::Left, K::Enter],
            &[FieldId::Region],
        ),
        (
            &[K::Char('T'), K::Char('M'), K::Enter],
            &[FieldId::Title, FieldId::Region],
        ),
        (
            &[K::Char(' '), K::Char(' '), K::Char(' '), K::Enter],
            &[FieldId::Region],
        ),
        (
            &[
                K::Down,
                K::Down,
                K::Down,
                K::Char('h'),
                K::Up,
                K::Up,
                K::Right,
                K::Enter,
            ],
            &[FieldId::Region],
        ),
    ];
    for (keys, want) in cases {
        let (base, mine, theirs) = versions();
        let mut c = Conflict::new(base, mine, theirs.clone());
        let mut out = ConflictOutcome::Pending;
        for k in *keys {
            out = press(&mut c, *k);
        }
        let ConflictOutcome::Resolved(patch) = out else {
            panic!("{keys:?}: {out:?}")
        };
        let mut expected: Vec<FieldId> = want.to_vec();
        expected.push(FieldId::Phone);
        expected.sort_by_key(|f| FieldId::for_kind(Kind::Demand).iter().position(|x| x == f));
        assert_eq!(patch.fields, expected, "{keys:?}");
        let written = patch.apply_to(&theirs);
        assert_eq!(
            written.contact, "李工",
            "{keys:?}: their own change is kept"
        );
        assert_eq!(
            written.phone, "0371-1234",
            "{keys:?}: my own change is written"
        );
    }
}

#[test]
fn esc_and_ctrl_c_go_back_to_the_form() {
    let (base, mine, theirs) = versions();
    let mut c = Conflict::new(base, mine, theirs);
    assert_eq!(press(&mut c, KeyCode::Esc), ConflictOutcome::Cancelled);
    let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        Keymap::default().resolve(Context::Conflict, &ev),
        Some(Action::Input(Input::Cancel)),
        "Ctrl-C never quits past unsaved values"
    );
}

#[test]
fn nothing_to_choose_when_the_changes_do_not_overlap() {
    let (base, mut mine, theirs) = versions();
    mine.title.clone_from(&base.title);
    mine.region.clone_from(&base.region);
    let c = Conflict::new(base, mine, theirs);
    assert!(c.is_empty());
    // The budget both set to 500: nothing to write there.
    assert_eq!(c.resolved().fields, [FieldId::Phone]);
}

fn draw(c: &Conflict, w: u16, h: u16, lang: Lang, colour: bool) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| c.render(f, f.area(), &Theme::new(colour), lang))
        .unwrap();
    term
}

#[test]
fn columns_stay_aligned_with_cjk_at_odd_widths() {
    let (base, mine, theirs) = versions();
    let c = Conflict::new(base, mine, theirs);
    for w in [41u16, 57, 81, 97] {
        let term = draw(&c, w, 16, Lang::Zh, false);
        let buf = term.backend().buffer();
        let inner_w = usize::from(w.saturating_sub(4).min(100)) - 2;
        let [lw, mw, tw, _] = view::columns(inner_w);
        let x0 = (w - w.saturating_sub(4).min(100)) / 2 + 1;
        // The mine and theirs columns start at the same cell on every field row.
        let mine_x = x0 + 2 + lw as u16 + 1;
        let theirs_x = mine_x + mw as u16 + 1;
        let rows: Vec<u16> = (0..16)
            .filter(|y| (0..w).any(|x| buf[(x, *y)].symbol() == "✓"))
            .collect();
        assert_eq!(rows.len(), 2, "width {w}: two conflicting fields");
        for y in rows {
            assert_eq!(buf[(mine_x, y)].symbol(), "✓", "width {w}, row {y}");
            // A wide character never spills into the separator before the next column.
            assert_eq!(buf[(theirs_x - 1, y)].symbol(), " ", "width {w}, row {y}");
            assert_eq!(buf[(mine_x - 1, y)].symbol(), " ", "width {w}, row {y}");
            assert_ne!(buf[(theirs_x, y)].symbol(), "✓");
        }
        assert!(tw > 0);
    }
}

#[test]
fn styles_mark_the_cursor_the_chosen_side_and_the_muted_base() {
    let (base, mine, theirs) = versions();
    let mut c = Conflict::new(base, mine, theirs);
    press(&mut c, KeyCode::Right);
    let theme = Theme::new(true);
    let term = draw(&c, 81, 16, Lang::En, true);
    let buf = term.backend().buffer();
    let find = |s: &str| {
        (0..16u16)
            .find_map(|y| {
                let line: String = (0..81u16)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect();
                line.find(s).map(|_| y)
            })
            .unwrap_or_else(|| panic!("{s} not drawn"))
    };
    let title_row = find("Title*");
    let x_of = |y: u16, sym: &str| (0..81u16).find(|x| buf[(*x, y)].symbol() == sym).unwrap();
    let t = x_of(title_row, "T");
    let sel = theme.selected();
    assert_eq!(
        (buf[(t, title_row)].fg, buf[(t, title_row)].bg),
        (sel.fg.unwrap(), sel.bg.unwrap()),
        "the cursor's field"
    );
    let tick = x_of(title_row, "✓");
    assert_eq!(
        buf[(tick, title_row)].fg,
        theme.success().fg.unwrap(),
        "the chosen (stored) value"
    );
    let region_row = find("Region");
    let r = x_of(region_row, "R");
    assert_eq!(buf[(r, region_row)].fg, theme.label().fg.unwrap());
    // The base value (河南, the last column) is muted.
    let he = (0..81u16)
        .rev()
        .find(|x| buf[(*x, region_row)].symbol() == "河")
        .unwrap();
    assert_eq!(buf[(he, region_row)].fg, theme.muted().fg.unwrap());
    let top = find("┌");
    let border = buf[(x_of(top, "┌"), top)].fg;
    assert_eq!(
        border,
        theme.warning().fg.unwrap(),
        "a conflict is a warning"
    );
}
