//! Whole-screen snapshots of the board and the agenda (TestBackend + insta) at 120×40 and
//! 80×24, with CJK data, on a fixed clock, through the real `ui::draw`.

mod common;
mod style_support;

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Channel, Code, Stage};
use duijie::pipeline::{self, Clock, LogRequest, MoveRequest};
use duijie::tui::action::{Action, PipeAction};
use duijie::tui::app::runner_pipeline::PipeRunner;
use duijie::tui::effect::Effect;
use duijie::tui::keys::Keymap;
use duijie::tui::model::Model;
use duijie::tui::update::update;
use duijie::tui::{Lang, Theme};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use style_support::{class_at, style_mask};

fn clock() -> Clock {
    Clock::fixed(date(2026, 3, 10))
}

fn code(s: &str) -> Code {
    s.parse().unwrap()
}

/// Sample records; P1 signed for 120 万元 with a follow-up due tomorrow, P2 negotiating with
/// an overdue next action, P3 a candidate.
fn setup() -> (Db, Model) {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        for r in common::sample_records() {
            records::insert(tx, &mut r.clone())?;
        }
        Ok::<_, duijie::db::DbError>(())
    })
    .unwrap();
    let early = Clock::fixed(date(2026, 3, 1));
    pipeline::create_pair(&mut db, &early, code("D1"), code("R1"), "").unwrap();
    pipeline::create_pair(&mut db, &early, code("D2"), code("R2"), "").unwrap();
    pipeline::create_pair(&mut db, &early, code("D3"), code("R3"), "").unwrap();
    for to in [Stage::Contacted, Stage::Negotiating] {
        for p in ["P1", "P2"] {
            pipeline::move_pair(&mut db, &early, &MoveRequest::new(code(p), to)).unwrap();
        }
    }
    let mut sign = MoveRequest::new(code("P1"), Stage::Signed);
    sign.amount = duijie::domain::Money::parse("120.0").unwrap();
    sign.signed_on = Some(date(2026, 3, 5));
    pipeline::move_pair(&mut db, &Clock::fixed(date(2026, 3, 5)), &sign).unwrap();
    let log = |pair: &str, action: &str, due| LogRequest {
        pair: code(pair),
        channel: Channel::Phone,
        note: "电话沟通样品".into(),
        next_action: Some(action.into()),
        next_due: Some(due),
        done: false,
    };
    pipeline::log_followup(
        &mut db,
        &clock(),
        &log("P1", "寄送合同盖章版", date(2026, 3, 11)),
    )
    .unwrap();
    pipeline::log_followup(
        &mut db,
        &early,
        &log("P2", "约实验室参观", date(2026, 3, 4)),
    )
    .unwrap();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::Zh, "x.db");
    fetch_wanted(&db, &mut m);
    (db, m)
}

/// The selected record in full, as the desk's loop fetches it after each key.
fn fetch_wanted(db: &Db, m: &mut Model) {
    if let Some(id) = m.wanted_full() {
        m.full = records::get(db.conn(), id).unwrap().map(Box::new);
    }
}

fn drive(db: &mut Db, m: &mut Model, action: Action) {
    let mut runner = PipeRunner::fixed(clock());
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in update(m, a) {
            if let Effect::Pipe(p) = e {
                queue.extend(runner.run(db, p).unwrap());
            }
        }
    }
    fetch_wanted(db, m);
}

fn render(m: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, m, &Theme::new(false)))
        .unwrap();
    style_support::screen_text(terminal.backend().buffer())
}

fn view(action: PipeAction, width: u16, height: u16) -> (Model, String) {
    let (mut db, mut m) = setup();
    update(&mut m, Action::Resize { width, height });
    drive(&mut db, &mut m, Action::Pipe(action));
    let screen = render(&m, width, height);
    (m, screen)
}

#[test]
fn board_120x40() {
    let (_, screen) = view(PipeAction::Board, 120, 40);
    assert!(screen.contains("P1"), "{screen}");
    assert!(screen.contains("→ 寄送合同盖章"), "{screen}");
    assert!(screen.contains("签约 1 · 120万"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn board_80x24() {
    insta::assert_snapshot!(view(PipeAction::Board, 80, 24).1);
}

#[test]
fn agenda_120x40() {
    let (_, screen) = view(PipeAction::Agenda, 120, 40);
    assert!(screen.contains("约实验室参观"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn agenda_80x24() {
    insta::assert_snapshot!(view(PipeAction::Agenda, 80, 24).1);
}

#[test]
fn pair_detail_over_the_board_120x40() {
    let (mut db, mut m) = setup();
    update(
        &mut m,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    drive(&mut db, &mut m, Action::Pipe(PipeAction::Board));
    for _ in 0..3 {
        drive(
            &mut db,
            &mut m,
            Action::Pipe(PipeAction::Nav(duijie::tui::action::Nav::Right)),
        );
    }
    drive(&mut db, &mut m, Action::Pipe(PipeAction::OpenPair));
    let screen = render(&m, 120, 40);
    assert!(screen.contains("电话沟通样品"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn desk_marks_paired_records_and_lists_their_pairs_80x24() {
    let (mut db, mut m) = setup();
    update(
        &mut m,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    let mut runner = PipeRunner::fixed(clock());
    let refresh = duijie::tui::effect::PipeEffect::Refresh {
        board: false,
        agenda: false,
        detail: None,
    };
    for a in runner.run(&mut db, refresh).unwrap() {
        update(&mut m, a);
    }
    insta::assert_snapshot!(render(&m, 80, 24));
}

#[test]
fn pair_detail_coloured_overdue_next_action_121x30() {
    let (mut db, mut m) = setup();
    update(
        &mut m,
        Action::Resize {
            width: 121,
            height: 30,
        },
    );
    drive(&mut db, &mut m, Action::Pipe(PipeAction::Board));
    for _ in 0..2 {
        drive(
            &mut db,
            &mut m,
            Action::Pipe(PipeAction::Nav(duijie::tui::action::Nav::Right)),
        );
    }
    drive(&mut db, &mut m, Action::Pipe(PipeAction::OpenPair));
    let theme = Theme::new(true);
    let mut terminal = Terminal::new(TestBackend::new(121, 30)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, &m, &theme))
        .unwrap();
    let buf = terminal.backend().buffer();
    // P2's next action was due on 03-04; today is 03-10.
    assert_eq!(class_at(buf, theme, "2026-03-04"), 'W', "overdue");
    assert_eq!(class_at(buf, theme, "下一步: "), 'L');
    assert_eq!(class_at(buf, theme, "跟进记录"), 'T');
    assert_eq!(
        class_at(buf, theme, "配对  L 推进"),
        'T',
        "the title names the keys"
    );
    insta::assert_snapshot!(style_mask(buf, theme));
}
