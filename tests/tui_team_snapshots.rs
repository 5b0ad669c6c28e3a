//! Whole-screen snapshots of a team's board: only mine, then everyone's (one key), and a pair
//! detail saying who did each step — CJK names at an odd width, on a fixed clock.

mod common;
mod style_support;

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Channel, Code, Stage};
use duijie::pipeline::{self, Clock, LogRequest, MoveRequest};
use duijie::tui::action::{Action, Nav, PipeAction};
use duijie::tui::app::runner_pipeline::PipeRunner;
use duijie::tui::effect::Effect;
use duijie::tui::keys::Keymap;
use duijie::tui::model::Model;
use duijie::tui::update::update;
use duijie::tui::{Lang, Theme};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn clock() -> Clock {
    Clock::fixed(date(2026, 3, 10))
}

fn code(s: &str) -> Code {
    s.parse().unwrap()
}

/// 王芳 at the desk: P1 from before names, P2 hers (moved on by 李娜, who logged a visit),
/// P3 李娜's.
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
    pipeline::create_pair(&mut db, &early, code("D3"), code("R3"), "").unwrap();
    db.set_actor(Some("王芳")).unwrap();
    pipeline::create_pair(&mut db, &early, code("D1"), code("R1"), "").unwrap();
    db.set_actor(Some("李娜")).unwrap();
    pipeline::create_pair(&mut db, &early, code("D2"), code("R2"), "").unwrap();
    pipeline::move_pair(
        &mut db,
        &early,
        &MoveRequest::new(code("P2"), Stage::Contacted),
    )
    .unwrap();
    let log = LogRequest {
        pair: code("P2"),
        channel: Channel::Visit,
        note: "走访实验室".into(),
        next_action: Some("寄样品".into()),
        next_due: Some(date(2026, 3, 12)),
        done: false,
    };
    pipeline::log_followup(&mut db, &early, &log).unwrap();
    db.set_actor(Some("王芳")).unwrap();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::Zh, "x.db");
    m.pipe.me = db.actor();
    (db, m)
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
}

fn render(m: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, m, &Theme::new(false)))
        .unwrap();
    style_support::screen_text(terminal.backend().buffer())
}

fn board(width: u16, height: u16) -> (Db, Model) {
    let (mut db, mut m) = setup();
    update(&mut m, Action::Resize { width, height });
    let refresh = duijie::tui::effect::PipeEffect::Refresh {
        board: false,
        agenda: false,
        detail: None,
    };
    for a in PipeRunner::fixed(clock()).run(&mut db, refresh).unwrap() {
        update(&mut m, a);
    }
    drive(&mut db, &mut m, Action::Pipe(PipeAction::Board));
    (db, m)
}

#[test]
fn board_mine_then_everyones_121x30() {
    let (mut db, mut m) = board(121, 30);
    let mine = render(&m, 121, 30);
    assert!(mine.contains("我的（王芳）"), "{mine}");
    assert!(mine.contains("P1") && mine.contains("P2"), "{mine}");
    assert!(!mine.contains("P3"), "李娜's pair is not mine: {mine}");
    insta::assert_snapshot!("mine", mine);
    drive(&mut db, &mut m, Action::Pipe(PipeAction::ToggleMine));
    let all = render(&m, 121, 30);
    assert!(all.contains("全部") && all.contains("P3"), "{all}");
    insta::assert_snapshot!("everyone", all);
}

#[test]
fn pair_detail_says_who_did_each_step_81x30() {
    let (mut db, mut m) = board(81, 30);
    drive(&mut db, &mut m, Action::Pipe(PipeAction::ToggleMine));
    drive(&mut db, &mut m, Action::Pipe(PipeAction::Nav(Nav::Right)));
    drive(&mut db, &mut m, Action::Pipe(PipeAction::OpenPair));
    let screen = render(&m, 81, 30);
    assert!(screen.contains("负责人: 王芳"), "{screen}");
    assert!(screen.contains("（李娜）"), "{screen}");
    insta::assert_snapshot!(screen);
}
