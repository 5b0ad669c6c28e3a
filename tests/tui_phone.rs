//! The contact at hand, drawn: the detail pane shows contact and phone in its first lines at
//! 120×40 and 80×24 (before the record's pairs and the rest), the board's selected card, the
//! agenda's selected item and the pair detail show both sides' contacts, a record's own log
//! shows in its detail, and the search line shows the last query selected. Text and style by
//! meaning, through the real `ui::draw`.

mod common;
mod style_support;

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Channel, Code, Stage};
use duijie::pipeline::{self, CallRequest, Clock, LogRequest, MoveRequest};
use duijie::tui::action::{Action, Input, PipeAction};
use duijie::tui::app::runner_pipeline::PipeRunner;
use duijie::tui::effect::Effect;
use duijie::tui::features::phone::PhoneAction;
use duijie::tui::keys::Keymap;
use duijie::tui::model::Model;
use duijie::tui::update::update;
use duijie::tui::{Lang, Theme};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use style_support::class_at;

fn clock() -> Clock {
    Clock::fixed(date(2026, 3, 10))
}

fn code(s: &str) -> Code {
    s.parse().unwrap()
}

/// The sample records with contacts and phones; D1 paired with R1, R2 and R3 (P1 with a
/// follow-up due tomorrow), so its pairs come before its other fields in the detail.
fn setup(lang: Lang) -> (Db, Model) {
    let mut db = Db::open_in_memory().unwrap();
    let mut recs = common::sample_records();
    let people = [
        "王经理",
        "赵工",
        "钱总",
        "孙主任",
        "张教授",
        "李老师",
        "周研究员",
    ];
    for (i, r) in recs.iter_mut().enumerate() {
        r.contact = people[i % people.len()].into();
        r.phone = format!("1380000{:04}", 21 + i);
    }
    db.write(|tx| {
        for r in &recs {
            records::insert(tx, &mut r.clone())?;
        }
        Ok::<_, duijie::db::DbError>(())
    })
    .unwrap();
    let early = Clock::fixed(date(2026, 3, 1));
    for r in ["R1", "R2", "R3"] {
        pipeline::create_pair(&mut db, &early, code("D1"), code(r), "").unwrap();
    }
    pipeline::move_pair(
        &mut db,
        &early,
        &MoveRequest::new(code("P1"), Stage::Contacted),
    )
    .unwrap();
    pipeline::log_followup(
        &mut db,
        &clock(),
        &LogRequest {
            pair: code("P1"),
            channel: Channel::Phone,
            note: "电话沟通样品".into(),
            next_action: Some("寄送样品".into()),
            next_due: Some(date(2026, 3, 11)),
            done: false,
        },
    )
    .unwrap();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), lang, "x.db");
    // The pairs, as the desk reads them when it opens.
    let mut runner = PipeRunner::fixed(clock());
    let refresh = duijie::tui::effect::PipeEffect::Refresh {
        board: false,
        agenda: false,
        detail: None,
    };
    for a in runner.run(&mut db, refresh).unwrap() {
        update(&mut m, a);
    }
    (db, m)
}

/// Focuses the list of record `code` and selects it, as the loop would fetch it.
fn select(db: &mut Db, m: &mut Model, code: &str) {
    let kind = if code.starts_with('D') {
        duijie::domain::Kind::Demand
    } else {
        duijie::domain::Kind::Achievement
    };
    m.focus = kind;
    let list = m.list_mut(kind);
    let pos = list
        .shown
        .iter()
        .position(|id| list.records.get(id).unwrap().code().to_string() == code)
        .unwrap();
    list.selected = pos;
    drive(
        db,
        m,
        Action::Resize {
            width: m.size.0,
            height: m.size.1,
        },
    );
}

/// One action and what its pipeline effects answer, then the selected record in full with
/// its own log, as the desk's loop does after each key.
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
    if let Some(id) = m.wanted_full() {
        m.full = records::get(db.conn(), id).unwrap().map(Box::new);
        let notes = pipeline::notes_of(db.conn(), id).unwrap();
        update(m, Action::Phone(PhoneAction::LogRead { id, notes }));
    }
}

fn draw(m: &Model, width: u16, height: u16, colour: bool) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, m, &Theme::new(colour)))
        .unwrap();
    terminal.backend().buffer().clone()
}

/// The screen's rows as text (a wide character's hidden second cell skipped).
fn rows(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..buf.area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
                row.push_str(sym);
            }
            row
        })
        .collect()
}

fn sized(lang: Lang, width: u16, height: u16) -> (Db, Model) {
    let (mut db, mut m) = setup(lang);
    drive(&mut db, &mut m, Action::Resize { width, height });
    // D1: the demand with three pairs and a long description.
    select(&mut db, &mut m, "D1");
    (db, m)
}

#[test]
fn the_detail_shows_contact_and_phone_in_its_first_lines() {
    // Case table: (language, size, the detail's first inner row, the one holding the contact).
    let cases = [
        (Lang::Zh, (120, 40), "联系人: 王经理  电话: 13800000021"),
        (Lang::En, (120, 40), "Contact: 王经理  Phone: 13800000021"),
        (Lang::Zh, (80, 24), "联系人: 王经理  电话: 13800000021"),
        (Lang::En, (81, 24), "Contact: 王经理  Phone: 13800000021"),
    ];
    for (lang, (w, h), contact) in cases {
        let (_db, m) = sized(lang, w, h);
        assert_eq!(m.selected().unwrap().code().to_string(), "D1");
        let screen = rows(&draw(&m, w, h, false));
        let title = screen
            .iter()
            .position(|r| r.contains("D1 4.5"))
            .unwrap_or_else(|| panic!("{lang:?} {w}×{h}: no detail title\n{}", screen.join("\n")));
        assert!(
            screen[title + 1].contains(contact),
            "{lang:?} {w}×{h}: the line under the title is {:?}",
            screen[title + 1]
        );
        // Its pairs follow, before the other fields.
        assert!(screen[title + 2].contains("P1"), "{:?}", screen[title + 2]);
    }
}

#[test]
fn the_contact_line_is_drawn_as_labels_and_values() {
    let (_db, m) = sized(Lang::Zh, 120, 40);
    let buf = draw(&m, 120, 40, true);
    let theme = Theme::new(true);
    assert_eq!(class_at(&buf, theme, "联系人: 王经理"), 'L');
    assert_eq!(class_at(&buf, theme, "王经理  电话"), '.');
    assert_eq!(class_at(&buf, theme, "电话: 1380"), 'L');
}

#[test]
fn a_records_own_log_shows_in_its_detail() {
    let (mut db, mut m) = sized(Lang::Zh, 120, 40);
    // R3's pair is the only one shelved: a call on R3 goes to its own log.
    let mut shelve = MoveRequest::new(code("P3"), Stage::Shelved);
    shelve.reason = Some(duijie::domain::ShelveReason::NoReply);
    pipeline::move_pair(&mut db, &clock(), &shelve).unwrap();
    let req = CallRequest {
        record: code("R3"),
        channel: Channel::Phone,
        note: "周研究员回电：可安排中试".into(),
        next_action: Some("发送合作意向书".into()),
        next_due: Some(date(2026, 3, 12)),
    };
    pipeline::log_call(&mut db, &clock(), &req, "test").unwrap();
    select(&mut db, &mut m, "R3");
    let screen = rows(&draw(&m, 120, 40, false)).join("\n");
    assert!(screen.contains("日志 (1)"), "{screen}");
    assert!(
        screen.contains("2026-03-10 — 电话 周研究员回电：可安排中试 → 发送合作意向书 (2026-03-12)"),
        "{screen}"
    );
}

#[test]
fn the_board_the_agenda_and_the_pair_detail_show_both_sides_contacts() {
    // Case table: (what opens, the size, the line that must be on screen).
    let cases = [
        // The board opens on the candidates (P2, P3: D1 with R2 or R3).
        (
            vec![PipeAction::Board],
            (120, 40),
            "联系: 需求 D1 王经理 13800000021 · 成果 R",
        ),
        (
            vec![PipeAction::Board],
            (80, 24),
            "联系: 需求 D1 王经理 13800000021 · 成果 R",
        ),
        // The agenda opens on P1, due tomorrow.
        (
            vec![PipeAction::Agenda],
            (120, 40),
            "联系: 需求 D1 王经理 13800000021 · 成果 R1 张教授 13800000025",
        ),
        (
            vec![PipeAction::Agenda],
            (80, 24),
            "联系: 需求 D1 王经理 13800000021 · 成果 R1 张教授",
        ),
        (
            vec![PipeAction::Board, PipeAction::OpenPair],
            (120, 40),
            "  联系: 王经理 13800000021",
        ),
    ];
    for (actions, (w, h), want) in cases {
        let (mut db, mut m) = setup(Lang::Zh);
        drive(
            &mut db,
            &mut m,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        for a in &actions {
            drive(&mut db, &mut m, Action::Pipe(a.clone()));
        }
        let screen = rows(&draw(&m, w, h, false)).join("\n");
        assert!(screen.contains(want), "{actions:?} {w}×{h}:\n{screen}");
    }
}

#[test]
fn the_search_line_reopens_with_the_last_query_selected() {
    let (mut db, mut m) = sized(Lang::Zh, 120, 40);
    drive(&mut db, &mut m, Action::SearchOpen);
    for c in "铜箔".chars() {
        drive(&mut db, &mut m, Action::Input(Input::Type(c)));
    }
    drive(&mut db, &mut m, Action::SearchAccept);
    drive(&mut db, &mut m, Action::SearchOpen);
    let theme = Theme::new(true);
    let buf = draw(&m, 120, 40, true);
    assert_eq!(class_at(&buf, theme, "/ 铜箔"), 'T', "the prompt");
    assert_eq!(
        class_at(&buf, theme, "铜箔"),
        'S',
        "the old query, selected"
    );
    drive(&mut db, &mut m, Action::Input(Input::Type('光')));
    assert_eq!(m.query, "光", "typing replaced it");
    let buf = draw(&m, 120, 40, true);
    assert_eq!(class_at(&buf, theme, "光"), '.', "no longer selected");
}
