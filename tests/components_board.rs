//! BoardView and AgendaView driven through the real default keymap: keys to intents to
//! outcomes, as case tables; plain and coloured snapshots with CJK data at odd widths.

mod style_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duijie::domain::Stage;
use duijie::tui::action::{Action, PipeAction};
use duijie::tui::features::agenda::{AgendaItemVm, AgendaOutcome, AgendaView};
use duijie::tui::features::board::{BoardColumnVm, BoardOutcome, BoardView, CardVm};
use duijie::tui::keys::{Context, KeySpec, Keymap};
use duijie::tui::{Lang, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use style_support::{class_at, style_mask};

/// The pipeline intent `key` (as the config spells it: "L", "shift-right", "enter") means in
/// `ctx` under the default keymap.
fn intent(ctx: Context, key: &str) -> PipeAction {
    let spec: KeySpec = key.parse().unwrap();
    match Keymap::default().resolve(ctx, &KeyEvent::new(spec.code, spec.mods)) {
        Some(Action::Pipe(p)) => p,
        other => panic!("{key} in {ctx:?} is {other:?}"),
    }
}

/// Presses space-separated `keys` on the board; the outcome of the last.
fn press_board(b: &mut BoardView, keys: &str) -> BoardOutcome {
    keys.split(' ')
        .map(|k| b.handle(&intent(Context::Board, k)))
        .last()
        .unwrap()
}

fn press_agenda(a: &mut AgendaView, keys: &str) -> AgendaOutcome {
    keys.split(' ')
        .map(|k| a.handle(&intent(Context::Agenda, k)))
        .last()
        .unwrap()
}

fn card(id: i64, d: &str, r: &str, days: i64, overdue: bool) -> CardVm {
    CardVm {
        pair_id: id,
        code: format!("P{id}"),
        demand_title: d.into(),
        result_title: r.into(),
        demand_org: "宁德某电池公司".into(),
        result_org: "郑州大学".into(),
        days_in_stage: days,
        next_action: Some("电话回访陈工".into()),
        next_due: Some("2026-11-20".into()),
        overdue,
        amount: None,
        ..CardVm::default()
    }
}

fn board() -> Vec<BoardColumnVm> {
    Stage::ALL
        .iter()
        .map(|s| {
            let cards = match s {
                Stage::Candidate => vec![
                    card(1, "4.5μm极薄铜箔", "电解铜箔添加剂", 3, false),
                    card(2, "铝镁合金压铸", "高强韧压铸铝合金", 9, true),
                ],
                Stage::Negotiating => {
                    let mut c = card(3, "光伏背板回收", "退役组件物理法回收", 12, false);
                    c.amount = duijie::domain::Money::parse("180.0").unwrap();
                    c.next_action = None;
                    c.next_due = None;
                    vec![c]
                }
                Stage::Signed => {
                    let mut c = card(4, "智能传感器标定", "MEMS 传感器在线标定", 30, false);
                    c.amount = duijie::domain::Money::parse("200.0").unwrap();
                    vec![c]
                }
                _ => vec![],
            };
            BoardColumnVm {
                stage: *s,
                count: cards.len(),
                sum: duijie::domain::Money::total(cards.iter().filter_map(|c| c.amount)),
                cards,
            }
        })
        .collect()
}

#[test]
fn board_keys_walk_the_columns_and_name_the_card_a_pair_key_is_about() {
    let on = |pair_id, stage| BoardOutcome::Pair { pair_id, stage };
    let c = Stage::Candidate;
    for (keys, outcome, stage, pair) in [
        ("j", BoardOutcome::Pending, c, Some(2)),
        ("j j", BoardOutcome::Pending, c, Some(2)),
        ("j k", BoardOutcome::Pending, c, Some(1)),
        ("G", BoardOutcome::Pending, c, Some(2)),
        ("G g", BoardOutcome::Pending, c, Some(1)),
        ("j L", on(2, c), c, Some(2)),
        ("j shift-right", on(2, c), c, Some(2)),
        ("H", on(1, c), c, Some(1)),
        ("z", on(1, c), c, Some(1)),
        ("D", on(1, c), c, Some(1)),
        ("enter", on(1, c), c, Some(1)),
        ("n", on(1, c), c, Some(1)),
        // An empty column: pair keys have nothing to act on.
        ("l", BoardOutcome::Pending, Stage::Contacted, None),
        ("l L", BoardOutcome::Pending, Stage::Contacted, None),
        ("l enter", BoardOutcome::Pending, Stage::Contacted, None),
        (
            "right right",
            BoardOutcome::Pending,
            Stage::Negotiating,
            Some(3),
        ),
        (
            "l l shift-left",
            on(3, Stage::Negotiating),
            Stage::Negotiating,
            Some(3),
        ),
        ("h", BoardOutcome::Pending, c, Some(1)),
        (
            "l l l l l l l l l l",
            BoardOutcome::Pending,
            Stage::Shelved,
            None,
        ),
    ] {
        let mut b = BoardView::new(board());
        assert_eq!(press_board(&mut b, keys), outcome, "{keys}");
        assert_eq!(b.selected_stage(), Some(stage), "{keys}");
        assert_eq!(b.selected().map(|c| c.pair_id), pair, "{keys}");
    }
}

#[test]
fn esc_on_the_board_is_back_not_a_board_intent() {
    let key = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        Keymap::default().resolve(Context::Board, &key),
        Some(Action::Back)
    );
}

#[test]
fn refreshing_keeps_the_selection_on_the_same_pair() {
    let mut b = BoardView::new(board());
    press_board(&mut b, "j");
    let mut moved = board();
    let c = moved[0].cards.remove(1);
    moved[1].cards.push(c);
    b.set_columns(moved);
    assert_eq!(b.selected_stage(), Some(Stage::Contacted));
    assert_eq!(b.selected().unwrap().pair_id, 2);
}

fn draw_board(w: u16, h: u16, b: &BoardView, lang: Lang) -> Terminal<TestBackend> {
    draw_board_in(w, h, b, lang, Theme::new(false))
}

fn draw_board_in(w: u16, h: u16, b: &BoardView, lang: Lang, theme: Theme) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| b.render(f, f.area(), &theme, lang)).unwrap();
    term
}

#[test]
fn snapshot_board_120x40() {
    let mut b = BoardView::new(board());
    press_board(&mut b, "j");
    let term = draw_board(120, 40, &b, Lang::Zh);
    let screen = term.backend().to_string();
    assert!(screen.contains("洽谈 1 · 180万"), "{screen}");
    insta::assert_snapshot!(term.backend());
}

#[test]
fn snapshot_board_80x24_shows_a_window_that_follows_the_selection() {
    let mut b = BoardView::new(board());
    let term = draw_board(80, 24, &b, Lang::En);
    let screen = term.backend().to_string();
    assert!(screen.contains('›') && !screen.contains('‹'), "{screen}");
    press_board(&mut b, "l l l");
    let term = draw_board(80, 24, &b, Lang::En);
    let screen = term.backend().to_string();
    // 15 cells are too few for "Signed 1 · 200 万" in the border: the totals move inside.
    assert!(screen.contains("┌ Signed ─"), "{screen}");
    assert!(screen.contains("│1 · 200 万"), "{screen}");
    assert!(screen.contains('‹') && screen.contains('›'), "{screen}");
    insta::assert_snapshot!(term.backend());
    // In Chinese the totals fit the border without spaces, so every column's count sits in
    // its title and no count line stands among the cards.
    let term = draw_board(80, 24, &b, Lang::Zh);
    let screen = term.backend().to_string();
    assert!(screen.contains("┌签约 1·200万"), "{screen}");
    assert!(!screen.contains("│1 · 200"), "{screen}");
}

fn item(id: i64, stage: Stage, days: i64) -> AgendaItemVm {
    AgendaItemVm {
        pair_id: id,
        code: format!("P{id}"),
        demand_title: "4.5μm极薄铜箔".into(),
        result_title: "电解铜箔添加剂".into(),
        stage,
        next_action: Some("寄样品".into()),
        due: Some("2026-11-20".into()),
        days,
        ..AgendaItemVm::default()
    }
}

#[test]
fn agenda_keys_walk_across_sections_and_name_the_item_a_pair_key_is_about() {
    let on = |pair_id, stage| AgendaOutcome::Pair { pair_id, stage };
    for (keys, outcome) in [
        ("enter", on(1, Stage::Contacted)),
        // The empty Today is skipped.
        ("j enter", on(2, Stage::Negotiating)),
        ("j j j enter", on(3, Stage::Candidate)),
        ("j j j k n", on(2, Stage::Negotiating)),
        ("G enter", on(3, Stage::Candidate)),
        ("G g enter", on(1, Stage::Contacted)),
        ("down down up enter", on(2, Stage::Negotiating)),
        ("j", AgendaOutcome::Pending),
    ] {
        let mut a = AgendaView::new(
            vec![item(1, Stage::Contacted, 2)],
            vec![],
            vec![item(2, Stage::Negotiating, 0)],
            vec![item(3, Stage::Candidate, 21)],
        );
        assert_eq!(press_agenda(&mut a, keys), outcome, "{keys}");
    }
    let mut empty = AgendaView::default();
    assert_eq!(press_agenda(&mut empty, "enter"), AgendaOutcome::Pending);
}

#[test]
fn snapshot_agenda_81x16() {
    let mut a = AgendaView::new(
        vec![item(1, Stage::Contacted, 2), item(4, Stage::Signed, 5)],
        vec![item(5, Stage::Negotiating, 0)],
        vec![],
        vec![item(3, Stage::Candidate, 21)],
    );
    press_agenda(&mut a, "j");
    let mut term = Terminal::new(TestBackend::new(81, 16)).unwrap();
    term.draw(|f| a.render(f, f.area(), &Theme::new(false), Lang::Zh))
        .unwrap();
    insta::assert_snapshot!(term.backend());
}

fn agenda_sample() -> AgendaView {
    AgendaView::new(
        vec![item(1, Stage::Contacted, 2), item(4, Stage::Signed, 5)],
        vec![item(5, Stage::Negotiating, 0)],
        vec![],
        vec![item(3, Stage::Candidate, 21)],
    )
}

#[test]
fn coloured_board_121x24_selection_focus_and_overdue() {
    let theme = Theme::new(true);
    let mut b = BoardView::new(board());
    press_board(&mut b, "j");
    let term = draw_board_in(121, 24, &b, Lang::Zh, theme);
    let buf = term.backend().buffer();
    // P2 is selected in the focused column; its overdue next action keeps the warning.
    assert_eq!(class_at(buf, theme, "P2 · 9天"), 'S');
    assert_eq!(class_at(buf, theme, "铝镁合金压铸"), 'S');
    assert_eq!(
        class_at(buf, theme, "→ 电话回访陈工"),
        'M',
        "P1 is not overdue"
    );
    let (_, y) = style_support::find(buf, "P2 · 9天").unwrap();
    let next = style_mask(buf, theme)
        .lines()
        .nth(usize::from(y) + 3)
        .unwrap()
        .to_string();
    assert!(next.contains('w'), "overdue on the selection: {next}");
    // The focused column's border is in the title style, the others muted.
    assert_eq!(class_at(buf, theme, "┌"), 'T');
    assert_eq!(
        class_at(buf, theme, "P3 · 12天"),
        'u',
        "an unfocused column's selected card"
    );
    insta::assert_snapshot!(style_mask(buf, theme));
}

#[test]
fn coloured_agenda_81x16_overdue_and_selection() {
    let theme = Theme::new(true);
    let mut a = agenda_sample();
    press_agenda(&mut a, "j");
    let mut term = Terminal::new(TestBackend::new(81, 16)).unwrap();
    term.draw(|f| a.render(f, f.area(), &theme, Lang::Zh))
        .unwrap();
    let buf = term.backend().buffer();
    assert_eq!(class_at(buf, theme, "逾期 (2)"), 'W');
    assert_eq!(class_at(buf, theme, "今天 (1)"), 'T');
    assert_eq!(
        class_at(buf, theme, "逾期2天"),
        'W',
        "the first overdue item, unselected"
    );
    assert_eq!(
        class_at(buf, theme, "逾期5天"),
        'S',
        "the cursor is on the second"
    );
    assert_eq!(class_at(buf, theme, "停滞21天"), 'M');
    insta::assert_snapshot!(style_mask(buf, theme));
}
