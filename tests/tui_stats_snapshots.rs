//! The stats view (`r`): whole-screen snapshots at 120×40 and 80×24 on the demo data (CJK)
//! at a fixed clock, through the real `ui::draw`; the period picker's effects; its keys in
//! the key table (so `?` lists them).

mod common;
mod style_support;

use crossterm::event::KeyEvent;
use duijie::db::{Db, RecordFilter, records};
use duijie::pipeline::Clock;
use duijie::tui::action::Action;
use duijie::tui::effect::Effect;
use duijie::tui::features::stats::{PeriodChoice, StatsAction};
use duijie::tui::keys::{Context, KeySpec, Keymap};
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

fn buffer(m: &Model, width: u16, height: u16) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, m, &Theme::new(false)))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn screen(m: &Model, width: u16, height: u16) -> String {
    style_support::screen_text(&buffer(m, width, height))
}

/// Space-separated keys as the config spells them, resolved through the default keymap in
/// the context the desk is in; `=TEXT` types TEXT one character at a time. The periods the
/// keys asked figures for.
fn keys(db: &Db, m: &mut Model, keys: &str) -> Vec<PeriodChoice> {
    let mut asked = Vec::new();
    for k in keys.split_whitespace() {
        let typed: Vec<String> = match k.strip_prefix('=') {
            Some(text) => text.chars().map(String::from).collect(),
            None => vec![k.to_string()],
        };
        for k in typed {
            let spec: KeySpec = k.parse().unwrap();
            let ev = KeyEvent::new(spec.code, spec.mods);
            if let Some(action) = m.keymap.resolve(m.context(), &ev) {
                asked.extend(drive(db, m, action));
            }
        }
    }
    asked
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
    let custom = defs
        .iter()
        .find(|d| d.name == "stats_custom_period")
        .unwrap();
    assert_eq!(custom.keys, ["c"]);
    assert!(custom.contexts.contains(&Context::Stats));
}

#[test]
fn a_custom_period_is_typed_checked_and_shown() {
    let (db, mut m, _) = view(100, 30);
    // Esc leaves the prompt: nothing is read, the year stays.
    assert!(keys(&db, &mut m, "c").is_empty());
    assert_eq!(m.context(), Context::Prompt);
    assert!(keys(&db, &mut m, "esc").is_empty());
    assert_eq!(m.context(), Context::Stats);
    assert!(screen(&m, 100, 30).contains("统计 · 本年"));
    // A bad date: the message under the field, the prompt stays open, nothing read.
    let asked = keys(&db, &mut m, "c ctrl-u =2026-13-01 enter enter");
    assert!(asked.is_empty(), "{asked:?}");
    assert_eq!(m.context(), Context::Prompt);
    let buf = buffer(&m, 100, 30);
    let shown = style_support::screen_text(&buf);
    assert!(shown.contains("`2026-13-01` 不是日期"), "{shown}");
    assert_eq!(
        style_support::class_at(&buf, Theme::new(false), "`2026-13-01`"),
        'W',
        "the message is a warning"
    );
    // From after to: said, still open.
    let asked = keys(
        &db,
        &mut m,
        "ctrl-u =2026-10-01 tab ctrl-u =2026-09-30 enter",
    );
    assert!(asked.is_empty(), "{asked:?}");
    assert!(screen(&m, 100, 30).contains("起始 2026-10-01 晚于截止 2026-09-30"));
    // Good dates: the figures of exactly that period.
    let asked = keys(
        &db,
        &mut m,
        "ctrl-u =2026-07-01 tab ctrl-u =2026-09-30 enter",
    );
    let q3 = PeriodChoice::Custom(date(2026, 7, 1), date(2026, 9, 30));
    assert_eq!(asked, [q3]);
    assert_eq!(m.context(), Context::Stats);
    let shown = screen(&m, 100, 30);
    assert!(
        shown.contains("统计 · 自定 · 2026-07-01 – 2026-09-30"),
        "{shown}"
    );
    insta::assert_snapshot!("stats_custom_100x30", shown);
    let Some(duijie::tui::overlay::Overlay::Stats(v)) = m.overlays.last() else {
        panic!("the stats view is open");
    };
    let want =
        duijie::pipeline::stats::stats(db.conn(), &clock(), q3.period(clock().today())).unwrap();
    assert_eq!(v.stats, want, "the figures follow the dates");
    let year = duijie::pipeline::stats::stats(
        db.conn(),
        &clock(),
        PeriodChoice::Year.period(clock().today()),
    )
    .unwrap();
    assert_ne!(
        v.stats.funnel, year.funnel,
        "the demo's Q3 differs from its year"
    );
    // `]` from a custom period goes on to this month.
    assert_eq!(
        keys(&db, &mut m, "]"),
        [PeriodChoice::Month],
        "the picker goes on from a custom period"
    );
}

#[test]
fn the_custom_period_prompt_in_english() {
    let (db, mut m, _) = view(100, 30);
    m.lang = Lang::En;
    keys(&db, &mut m, "c ctrl-u =x enter enter");
    let shown = screen(&m, 100, 30);
    assert!(shown.contains("Custom period"), "{shown}");
    assert!(shown.contains("`x` is not a date"), "{shown}");
}
