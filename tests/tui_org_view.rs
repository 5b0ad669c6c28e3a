//! The organisation view through the real `update` and `draw`: `O` on a demand opens its
//! organisation with its records (written in two scripts), a signed pair, a follow-up and a
//! contact. Snapshot at 120×40 (TestBackend + insta).

mod style_support;

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Channel, Code, Kind, Record, Stage};
use duijie::pipeline::{self, Clock, LogRequest, MoveRequest};
use duijie::tui::action::Action;
use duijie::tui::effect::Effect;
use duijie::tui::features::org::OrgAction;
use duijie::tui::keys::Keymap;
use duijie::tui::model::Model;
use duijie::tui::overlay::Overlay;
use duijie::tui::update::update;
use duijie::tui::{Lang, Theme};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn code(s: &str) -> Code {
    s.parse().unwrap()
}

fn setup() -> (Db, Model) {
    let mut db = Db::open_in_memory().unwrap();
    let rec = |kind, title: &str, org: &str, f: &dyn Fn(&mut Record)| {
        let mut r = Record::new(kind, title);
        r.org = org.into();
        f(&mut r);
        r
    };
    let recs = [
        rec(
            Kind::Demand,
            "4.5μm 极薄铜箔量产工艺",
            "漢威科技集團股份有限公司",
            &|r| {
                r.region = "河南省鄭州市".into();
                r.contact = "张总工".into();
                r.phone = "139-2222-3333".into();
            },
        ),
        rec(
            Kind::Demand,
            "气体传感器低功耗设计",
            "汉威科技集团",
            &|r| {
                r.contact = "張總工".into();
                r.phone = "13922223333".into();
                r.email = "zhang@hanwei.example".into();
            },
        ),
        rec(
            Kind::Achievement,
            "铜箔表面处理添加剂",
            "郑州大学",
            &|r| r.lead = "王教授".into(),
        ),
    ];
    db.write(|tx| {
        for mut r in recs {
            records::insert(tx, &mut r)?;
        }
        Ok::<_, duijie::db::DbError>(())
    })
    .unwrap();
    let clock = Clock::fixed(date(2026, 3, 5));
    pipeline::create_pair(&mut db, &clock, code("D1"), code("R1"), "").unwrap();
    let mut sign = MoveRequest::new(code("P1"), Stage::Signed);
    sign.amount = duijie::domain::Money::parse("120").unwrap();
    sign.signed_on = Some(date(2026, 3, 5));
    pipeline::move_pair(&mut db, &clock, &sign).unwrap();
    let log = LogRequest {
        pair: code("P1"),
        channel: Channel::Visit,
        note: "走访中试线，确认样品排期".into(),
        next_action: None,
        next_due: None,
        done: false,
    };
    pipeline::log_followup(&mut db, &clock, &log).unwrap();
    let all = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let m = Model::new(all, Keymap::default(), Lang::Zh, "x.db");
    (db, m)
}

fn drive(db: &Db, m: &mut Model, action: Action) {
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in update(m, a) {
            if let Effect::Org(duijie::tui::features::org::OrgEffect::Load(of)) = e {
                queue.push_back(duijie::tui::app::org::load(db.conn(), of));
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

#[test]
fn o_on_a_demand_opens_its_organisation_120x40() {
    let (db, mut m) = setup();
    update(
        &mut m,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    assert!(m.selected().is_some(), "a demand is selected");
    drive(&db, &mut m, Action::Org(OrgAction::Open));
    let Some(Overlay::Org { detail, .. }) = m.overlays.last() else {
        panic!("no organisation view: {:?}", m.message);
    };
    assert_eq!(detail.demands.len(), 2);
    assert_eq!(detail.contacts.len(), 1, "one person under two spellings");
    let screen = render(&m, 120, 40);
    for want in [
        "漢威科技集團股份有限公司",
        "河南 · 郑州",
        "也写作: 汉威科技集团",
        "签约 120 万元",
        "走访中试线",
        "C1",
    ] {
        assert!(screen.contains(want), "{want}\n{screen}");
    }
    insta::assert_snapshot!(screen);
    // Esc closes it.
    update(&mut m, Action::Back);
    assert!(m.overlays.is_empty());
}

#[test]
fn o_on_the_pair_detail_opens_the_demands_organisation_and_the_view_scrolls() {
    let (db, mut m) = setup();
    update(
        &mut m,
        Action::Resize {
            width: 80,
            height: 12,
        },
    );
    let detail =
        pipeline::show_pair(db.conn(), &Clock::fixed(date(2026, 3, 5)), code("P1")).unwrap();
    update(
        &mut m,
        Action::Pipe(duijie::tui::action::PipeAction::PairShown(Box::new(detail))),
    );
    drive(&db, &mut m, Action::Org(OrgAction::Open));
    let Some(Overlay::Org { detail, .. }) = m.overlays.last() else {
        panic!("no organisation view");
    };
    assert_eq!(detail.code, "O1");
    drive(&db, &mut m, Action::Org(OrgAction::Scroll(3)));
    assert!(matches!(
        m.overlays.last(),
        Some(Overlay::Org { scroll: 3, .. })
    ));
    let screen = render(&m, 80, 12);
    assert!(
        !screen.contains("类型: 企业"),
        "scrolled past the kind\n{screen}"
    );
}

#[test]
fn the_keys_are_in_the_key_table_and_the_help() {
    let keymap = Keymap::default();
    assert_eq!(keymap.key_for("open_org").as_deref(), Some("O"));
    assert!(duijie::tui::bindings::action_names().contains(&"org_down"));
}

#[test]
fn the_view_and_the_contact_form_fit_odd_narrow_widths() {
    let (db, mut m) = setup();
    update(
        &mut m,
        Action::Resize {
            width: 61,
            height: 17,
        },
    );
    drive(&db, &mut m, Action::Org(OrgAction::Open));
    let screen = render(&m, 61, 17);
    assert!(screen.contains("漢威科技"), "{screen}");
    for line in screen.lines() {
        assert_eq!(unicode_width::UnicodeWidthStr::width(line), 63, "{line}");
    }
    drive(&db, &mut m, Action::Org(OrgAction::AddContact));
    assert!(matches!(m.overlays.last(), Some(Overlay::ContactForm(_))));
    for c in "李總".chars() {
        update(&mut m, Action::Input(duijie::tui::action::Input::Type(c)));
    }
    let screen = render(&m, 61, 17);
    assert!(
        screen.contains("新增联系人") && screen.contains("李總"),
        "{screen}"
    );
    for line in screen.lines() {
        assert_eq!(unicode_width::UnicodeWidthStr::width(line), 63, "{line}");
    }
}
