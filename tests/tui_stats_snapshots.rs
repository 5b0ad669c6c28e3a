//! The stats view (`r`): whole-screen snapshots at 120×40 and 80×24 on the demo data (CJK)
//! at a fixed clock, through the real `ui::draw`; the period picker's effects; its keys in
//! the key table (so `?` lists them).

mod common;
mod style_support;

use duijie::db::{Db, RecordFilter, records};
use duijie::pipeline::Clock;
use duijie::tui::action::Action;
use duijie::tui::effect::Effect;
use duijie::tui::features::stats::{PeriodChoice, StatsAction};
use duijie::tui::keys::{Context, Keymap};
use duijie::tui::model::Model;
use duijie::tui::update::update;
use duijie::tui::{Lang, Theme};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn clock() -> Clock {
    Clock::fixed(date(2026, 11, 18))
}

fn demo() -> Db {
    common::demo_at(&clock())
}

/// Runs `action` and the effects it asks for (reading the figures on the fixed clock).
fn drive(db: &Db, m: &mut Model, action: Action) -> Vec<PeriodChoice> {
    let mut asked = Vec::new();
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in update(m, a) {
            if let Effect::LoadStats(choice) = e {
                asked.push(choice);
                let today = clock().today();
                let stats =
                    duijie::pipeline::stats::stats(db.conn(), &clock(), choice.period(today))
                        .unwrap();
                queue.push_back(Action::Stats(StatsAction::Loaded {
                    choice,
                    today,
                    stats: Box::new(stats),
                }));
            }
        }
    }
    asked
}

fn screen(m: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, m, &Theme::new(false)))
        .unwrap();
    style_support::screen_text(terminal.backend().buffer())
}

fn view(width: u16, height: u16) -> (Db, Model, String) {
    let db = demo();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::Zh, "x.db");
    update(&mut m, Action::Resize { width, height });
    let asked = drive(&db, &mut m, Action::Stats(StatsAction::Open));
    assert_eq!(asked, [PeriodChoice::Year]);
    let screen = screen(&m, width, height);
    (db, m, screen)
}

#[test]
fn stats_120x40() {
    let (_, m, screen) = view(120, 40);
    assert_eq!(m.context(), Context::Stats);
    assert!(
        screen.contains("统计 · 本年 · 2026-01-01 – 2026-11-18"),
        "{screen}"
    );
    assert!(screen.contains("按领域"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn stats_80x24() {
    let (_, _, screen) = view(80, 24);
    assert!(screen.contains("漏斗"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn the_period_picker_cycles_and_esc_closes() {
    let (db, mut m, _) = view(100, 30);
    let asked = drive(&db, &mut m, Action::Stats(StatsAction::NextPeriod));
    assert_eq!(asked, [PeriodChoice::All]);
    let screen = screen(&m, 100, 30);
    assert!(screen.contains("统计 · 全部"), "{screen}");
    let asked = drive(&db, &mut m, Action::Stats(StatsAction::PrevPeriod));
    assert_eq!(asked, [PeriodChoice::Year]);
    drive(&db, &mut m, Action::Back);
    assert_ne!(m.context(), Context::Stats);
}

#[test]
fn r_opens_the_stats_view_and_the_help_lists_its_keys() {
    let defs = duijie::tui::bindings::defaults();
    let open = defs.iter().find(|d| d.name == "stats").unwrap();
    assert_eq!(open.keys, ["r"]);
    assert!(open.contexts.contains(&Context::Desk));
    let anywhere = defs.iter().find(|d| d.name == "stats_anywhere").unwrap();
    assert_eq!(anywhere.keys, ["R"]);
    assert!(anywhere.contexts.contains(&Context::Board));
    let next = defs.iter().find(|d| d.name == "stats_next_period").unwrap();
    assert!(next.contexts.contains(&Context::Stats));
}
