//! BoardView and AgendaView: keys to outcomes, and whole-screen snapshots with CJK data.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use duijie::domain::Stage;
use duijie::tui::features::agenda::{AgendaItemVm, AgendaOutcome, AgendaView};
use duijie::tui::features::board::{BoardColumnVm, BoardOutcome, BoardView, CardVm};
use duijie::tui::{Lang, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}
fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
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
        amount_wan: None,
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
                    c.amount_wan = Some(180.0);
                    c.next_action = None;
                    c.next_due = None;
                    vec![c]
                }
                Stage::Signed => {
                    let mut c = card(4, "智能传感器标定", "MEMS 传感器在线标定", 30, false);
                    c.amount_wan = Some(200.0);
                    vec![c]
                }
                _ => vec![],
            };
            BoardColumnVm {
                stage: *s,
                count: cards.len(),
                sum_wan: cards.iter().filter_map(|c| c.amount_wan).sum(),
                cards,
            }
        })
        .collect()
}

#[test]
fn moves_follow_the_main_line_and_z_shelves() {
    let mut b = BoardView::new(board());
    assert_eq!(b.handle_key(ch('j')), BoardOutcome::Pending);
    assert_eq!(b.selected().unwrap().pair_id, 2);
    assert_eq!(
        b.handle_key(ch('L')),
        BoardOutcome::Move {
            pair_id: 2,
            to: Stage::Contacted
        }
    );
    assert_eq!(
        b.handle_key(ch('H')),
        BoardOutcome::Pending,
        "no stage before Candidate"
    );
    let shift_right = KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(
        b.handle_key(shift_right),
        BoardOutcome::Move {
            pair_id: 2,
            to: Stage::Contacted
        }
    );
    assert_eq!(
        b.handle_key(ch('z')),
        BoardOutcome::Move {
            pair_id: 2,
            to: Stage::Shelved
        }
    );
    assert_eq!(b.handle_key(key(KeyCode::Enter)), BoardOutcome::Open(2));
    assert_eq!(b.handle_key(ch('n')), BoardOutcome::LogFollowUp(2));
    // Over to 洽谈 (an empty column in between).
    b.handle_key(ch('l'));
    assert_eq!(
        b.handle_key(key(KeyCode::Enter)),
        BoardOutcome::Pending,
        "empty column"
    );
    b.handle_key(key(KeyCode::Right));
    assert_eq!(b.selected_stage(), Some(Stage::Negotiating));
    let shift_left = KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT);
    assert_eq!(
        b.handle_key(shift_left),
        BoardOutcome::Move {
            pair_id: 3,
            to: Stage::Contacted
        }
    );
    for _ in 0..10 {
        b.handle_key(ch('l'));
    }
    assert_eq!(b.selected_stage(), Some(Stage::Shelved));
    assert_eq!(b.handle_key(key(KeyCode::Esc)), BoardOutcome::Close);
}

#[test]
fn refreshing_keeps_the_selection_on_the_same_pair() {
    let mut b = BoardView::new(board());
    b.handle_key(ch('j'));
    let mut moved = board();
    let c = moved[0].cards.remove(1);
    moved[1].cards.push(c);
    b.set_columns(moved);
    assert_eq!(b.selected_stage(), Some(Stage::Contacted));
    assert_eq!(b.selected().unwrap().pair_id, 2);
}

fn draw_board(w: u16, h: u16, b: &BoardView, lang: Lang) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| b.render(f, f.area(), &Theme::new(false), lang))
        .unwrap();
    term
}

#[test]
fn snapshot_board_120x40() {
    let mut b = BoardView::new(board());
    b.handle_key(ch('j'));
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
    for _ in 0..3 {
        b.handle_key(ch('l'));
    }
    let term = draw_board(80, 24, &b, Lang::En);
    let screen = term.backend().to_string();
    // 15 cells are too few for "Signed 1 · 200 万" in the border: the totals move inside.
    assert!(screen.contains("┌ Signed ─"), "{screen}");
    assert!(screen.contains("│1 · 200 万"), "{screen}");
    assert!(screen.contains('‹') && screen.contains('›'), "{screen}");
    insta::assert_snapshot!(term.backend());
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
    }
}

#[test]
fn agenda_cursor_walks_across_sections_and_enter_jumps() {
    let mut a = AgendaView::new(
        vec![item(1, Stage::Contacted, 2)],
        vec![],
        vec![item(2, Stage::Negotiating, 0)],
        vec![item(3, Stage::Candidate, 21)],
    );
    assert_eq!(a.handle_key(key(KeyCode::Enter)), AgendaOutcome::Jump(1));
    a.handle_key(ch('j'));
    assert_eq!(
        a.handle_key(key(KeyCode::Enter)),
        AgendaOutcome::Jump(2),
        "skips the empty Today"
    );
    a.handle_key(ch('j'));
    a.handle_key(ch('j'));
    assert_eq!(a.handle_key(key(KeyCode::Enter)), AgendaOutcome::Jump(3));
    a.handle_key(ch('k'));
    assert_eq!(a.handle_key(key(KeyCode::Enter)), AgendaOutcome::Jump(2));
    assert_eq!(a.handle_key(key(KeyCode::Esc)), AgendaOutcome::Close);
    let mut empty = AgendaView::default();
    assert_eq!(
        empty.handle_key(key(KeyCode::Enter)),
        AgendaOutcome::Pending
    );
}

#[test]
fn snapshot_agenda_81x16() {
    let mut a = AgendaView::new(
        vec![item(1, Stage::Contacted, 2), item(4, Stage::Signed, 5)],
        vec![item(5, Stage::Negotiating, 0)],
        vec![],
        vec![item(3, Stage::Candidate, 21)],
    );
    a.handle_key(ch('j'));
    let mut term = Terminal::new(TestBackend::new(81, 16)).unwrap();
    term.draw(|f| a.render(f, f.area(), &Theme::new(false), Lang::Zh))
        .unwrap();
    insta::assert_snapshot!(term.backend());
}
