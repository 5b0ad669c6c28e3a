//! The phone keys through the default keymap: what `y` copies and says, what `c` asks and
//! logs (run against an in-memory database), `d`/`r` from a pair, `M` and the mouse, and the
//! search line reopened on the last query.

use jiff::civil::date;

use crate::db::{Db, RecordFilter, records};
use crate::domain::{Channel, Kind, Record};
use crate::pipeline::Clock;
use crate::tui::Lang;
use crate::tui::action::{Action, Input};
use crate::tui::app::runner_phone;
use crate::tui::effect::Effect;
use crate::tui::features::phone::{PhoneAction, PhoneEffect};
use crate::tui::features::pipeline::test_support::{drive, press, run, top, type_text};
use crate::tui::keys::{Context, Keymap};
use crate::tui::model::{Line, Model};
use crate::tui::overlay::Overlay;
use crate::tui::update::update;

fn clock() -> Clock {
    Clock::fixed(date(2026, 3, 10))
}

/// D1 with a contact, D2 with none; R1 and R2 with contacts.
fn setup(lang: Lang) -> (Db, Model) {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        for (kind, t, contact, phone, org) in [
            (
                Kind::Demand,
                "铜箔量产工艺",
                "张三",
                "138-0000-0021",
                "江西铜博",
            ),
            (Kind::Demand, "中药材提取", "", "", ""),
            (
                Kind::Achievement,
                "超薄铜箔电解技术",
                "李四",
                "13900002222",
                "郑州大学",
            ),
            (Kind::Achievement, "光伏背板", "王五", "", "西安交大"),
        ] {
            let mut r = Record::new(kind, t);
            r.contact = contact.into();
            r.phone = phone.into();
            r.org = org.into();
            records::insert(tx, &mut r)?;
        }
        Ok::<_, crate::db::DbError>(())
    })
    .unwrap();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), lang, "t.db");
    m.pipe.today = clock().today();
    (db, m)
}

/// Selects the record titled `title` in its list.
fn select(m: &mut Model, kind: Kind, title: &str) {
    let list = m.list(kind);
    let pos = list
        .shown
        .iter()
        .position(|id| list.records.get(id).is_some_and(|r| r.title() == title))
        .unwrap();
    m.focus = kind;
    m.list_mut(kind).selected = pos;
}

/// Runs effects the way the loop does: a call through the phone runner (then the record's
/// log read again, as a fetch would), pipeline effects through the pipeline harness.
fn perform(db: &mut Db, m: &mut Model, effects: Vec<Effect>) {
    for e in effects {
        match e {
            Effect::Phone(PhoneEffect::Call(req)) => {
                let rec = records::get_by_code(db.conn(), req.record).unwrap();
                for a in runner_phone::call(db, &clock(), &req).unwrap() {
                    let fx = update(m, a);
                    perform(db, m, fx);
                }
                let notes = crate::pipeline::notes_of(db.conn(), rec.id).unwrap();
                update(m, Action::Phone(PhoneAction::LogRead { id: rec.id, notes }));
            }
            other => run(db, m, vec![other]),
        }
    }
}

#[test]
fn y_copies_the_contact_line_of_the_selected_record_and_says_so() {
    // Case table: (language, list, record) → what goes to the clipboard and what the status
    // bar says; a record with nothing to copy copies nothing and says why.
    let cases = [
        (
            Lang::Zh,
            Kind::Demand,
            "铜箔量产工艺",
            Some("张三 138-0000-0021 江西铜博"),
            "已复制：张三 138-0000-0021 江西铜博",
        ),
        (
            Lang::En,
            Kind::Achievement,
            "光伏背板",
            Some("王五 西安交大"),
            "copied: 王五 西安交大",
        ),
        (
            Lang::Zh,
            Kind::Demand,
            "中药材提取",
            None,
            "D2 没有联系人、电话或单位可复制",
        ),
        (
            Lang::En,
            Kind::Demand,
            "中药材提取",
            None,
            "D2 has no contact, phone or org to copy",
        ),
    ];
    for (lang, kind, title, copied, said) in cases {
        let (_db, mut m) = setup(lang);
        select(&mut m, kind, title);
        let fx = press(&mut m, "y");
        let want: Vec<Effect> = copied
            .map(|c| Effect::Phone(PhoneEffect::Copy(c.into())))
            .into_iter()
            .collect();
        assert_eq!(fx, want, "{title}");
        let msg = m.message.as_ref().unwrap();
        assert_eq!(
            (msg.text.as_str(), msg.warn),
            (said, copied.is_none()),
            "{title}"
        );
    }
}

#[test]
fn y_in_the_full_record_copies_that_record() {
    let (_db, mut m) = setup(Lang::Zh);
    select(&mut m, Kind::Achievement, "超薄铜箔电解技术");
    press(&mut m, "enter");
    assert_eq!(top(&m), Some(Context::Record));
    let fx = press(&mut m, "y");
    assert_eq!(
        fx,
        vec![Effect::Phone(PhoneEffect::Copy(
            "李四 13900002222 郑州大学".into()
        ))]
    );
}

#[test]
fn c_asks_for_the_note_first_and_keeps_the_form_open_on_a_bad_due_date() {
    // Case table: (note, next action, due) → the call sent (its next action and due), or
    // the field the form stays open on.
    type Sent<'a> = Result<(Option<&'a str>, Option<jiff::civil::Date>), Context>;
    let cases: [(&str, &str, &str, Sent); 5] = [
        ("问中试线", "", "", Ok((None, None))),
        (
            "问中试线",
            "寄样品",
            "明天",
            Ok((Some("寄样品"), Some(date(2026, 3, 11)))),
        ),
        ("问中试线", "寄样品", "下辈子", Err(Context::FollowUp)),
        ("问中试线", "", "明天", Err(Context::FollowUp)),
        ("", "", "", Err(Context::FollowUp)),
    ];
    for (note, next, due, want) in cases {
        let (_db, mut m) = setup(Lang::Zh);
        select(&mut m, Kind::Demand, "铜箔量产工艺");
        assert!(press(&mut m, "c").is_empty());
        assert_eq!(
            top(&m),
            Some(Context::FollowUp),
            "the note is typed at once"
        );
        type_text(&mut m, note);
        press(&mut m, "tab");
        type_text(&mut m, next);
        press(&mut m, "tab");
        type_text(&mut m, due);
        let fx = press(&mut m, "enter");
        match (want, fx.as_slice()) {
            (Ok((n, d)), [Effect::Phone(PhoneEffect::Call(req))]) => {
                assert_eq!(req.record.to_string(), "D1");
                assert_eq!(req.channel, Channel::Phone);
                assert_eq!(req.note, note);
                assert_eq!((req.next_action.as_deref(), req.next_due), (n, d), "{due}");
                assert_eq!(top(&m), None);
            }
            (Err(ctx), []) => assert_eq!(top(&m), Some(ctx), "{note}/{next}/{due}"),
            (want, got) => panic!("{note}/{next}/{due}: wanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn a_call_on_a_record_without_pairs_is_noted_and_its_detail_shows_it() {
    let (mut db, mut m) = setup(Lang::Zh);
    select(&mut m, Kind::Demand, "铜箔量产工艺");
    press(&mut m, "c");
    type_text(&mut m, "企业问中试线排期");
    let fx = press(&mut m, "enter");
    let fx = [fx, press(&mut m, "enter"), press(&mut m, "enter")].concat();
    perform(&mut db, &mut m, fx);
    assert_eq!(m.message.as_ref().unwrap().text, "D1：已记入日志");
    let id = m.selected().unwrap().id;
    let log = m.log_of(id);
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].channel, log[0].note.as_str()),
        (Channel::Phone, "企业问中试线排期")
    );
}

#[test]
fn a_call_on_a_record_with_two_open_pairs_is_logged_on_each() {
    let (mut db, mut m) = setup(Lang::En);
    for result in ["超薄铜箔电解技术", "光伏背板"] {
        select(&mut m, Kind::Demand, "铜箔量产工艺");
        select(&mut m, Kind::Achievement, result);
        drive(&mut db, &mut m, "p");
    }
    assert_eq!(m.pipe.pairs.len(), 2);
    select(&mut m, Kind::Demand, "铜箔量产工艺");
    press(&mut m, "c");
    type_text(&mut m, "samples sent");
    let fx = [
        press(&mut m, "enter"),
        press(&mut m, "enter"),
        press(&mut m, "enter"),
    ]
    .concat();
    perform(&mut db, &mut m, fx);
    assert_eq!(
        m.message.as_ref().unwrap().text,
        "D1: call logged on P1, P2"
    );
    for p in [1, 2] {
        let log = crate::pipeline::followups_of(db.conn(), p).unwrap();
        assert_eq!((log.len(), log[0].channel), (1, Channel::Phone), "P{p}");
    }
    let id = m.selected().unwrap().id;
    assert!(m.log_of(id).is_empty(), "nothing in the record's own log");
}

#[test]
fn d_and_r_open_the_pairs_demand_and_result_from_its_detail_and_the_board() {
    let (mut db, mut m) = setup(Lang::Zh);
    select(&mut m, Kind::Demand, "铜箔量产工艺");
    select(&mut m, Kind::Achievement, "光伏背板");
    drive(&mut db, &mut m, "p b");
    // Case table: (keys from the board, the record open on top).
    for (keys, kind, title) in [
        ("d", Kind::Demand, "铜箔量产工艺"),
        ("r", Kind::Achievement, "光伏背板"),
        ("enter d", Kind::Demand, "铜箔量产工艺"),
        ("enter r", Kind::Achievement, "光伏背板"),
    ] {
        m.overlays.clear();
        drive(&mut db, &mut m, keys);
        let Some(Overlay::Record { kind: k, id, .. }) = m.overlays.last() else {
            panic!("{keys}: {:?}", top(&m));
        };
        assert_eq!(*k, kind, "{keys}");
        assert_eq!(
            m.list(kind).records.get(id).unwrap().title(),
            title,
            "{keys}"
        );
        // Esc comes back to where it was opened from.
        let under = m.overlays.len() - 1;
        drive(&mut db, &mut m, "esc");
        assert_eq!(m.overlays.len(), under, "{keys}");
    }
}

#[test]
fn m_gives_the_mouse_to_the_terminal_and_takes_it_back() {
    let (_db, mut m) = setup(Lang::En);
    assert!(m.mouse);
    for (on, said) in [
        (false, "mouse given to the terminal"),
        (true, "clicks and the wheel are back"),
    ] {
        let fx = press(&mut m, "M");
        assert_eq!(fx, vec![Effect::Phone(PhoneEffect::Mouse(on))]);
        assert_eq!(m.mouse, on);
        assert!(m.message.as_ref().unwrap().text.starts_with(said), "{on}");
    }
}

/// Types `q` into the open search line (each key sends the query to the workers).
fn search_for(m: &mut Model, q: &str) {
    for c in q.chars() {
        update(m, Action::Input(Input::Type(c)));
    }
}

#[test]
fn the_search_line_reopens_on_the_last_query_selected() {
    // Case table: (keys after `/` on the last query "铜箔", the query then).
    let cases = [
        ("x", "x"),
        ("backspace", ""),
        ("left x", "x铜箔"),
        ("end x", "铜箔x"),
        ("ctrl-u", ""),
        ("enter", "铜箔"),
    ];
    for (keys, want) in cases {
        let (mut db, mut m) = setup(Lang::Zh);
        drive(&mut db, &mut m, "/");
        search_for(&mut m, "铜箔");
        drive(&mut db, &mut m, "enter");
        assert_eq!((m.line, m.query.as_str()), (Line::Closed, "铜箔"));
        drive(&mut db, &mut m, "/");
        assert!(m.search_line.is_selected(), "the old query is selected");
        for k in keys.split_whitespace() {
            let fx = press(&mut m, k);
            assert!(
                fx.iter().all(|e| matches!(e, Effect::Search { .. })),
                "{fx:?}"
            );
        }
        assert_eq!(m.query, want, "{keys}");
    }
    // Typing after a paste that replaced it, and Esc clear as before.
    let (mut db, mut m) = setup(Lang::Zh);
    drive(&mut db, &mut m, "/");
    search_for(&mut m, "光伏");
    drive(&mut db, &mut m, "enter /");
    update(&mut m, Action::Input(Input::Paste("13900002222".into())));
    assert_eq!(m.query, "13900002222");
}
