//! The desk looks people up as the broker types: a caller's number (with separators, or its
//! tail) shows the contact in a band above the lists, with the organisation's records after
//! the query's own hits; the selection starts on the contact, Enter opens its organisation.
//! Through the real `update`, runner (search workers and lookup) and `draw`, at 120×40.

mod style_support;

use std::time::{Duration, Instant};

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Kind, Record};
use duijie::tui::action::Action;
use duijie::tui::app::runner::Runner;
use duijie::tui::features::desk::update::search;
use duijie::tui::keys::Keymap;
use duijie::tui::model::Model;
use duijie::tui::overlay::Overlay;
use duijie::tui::update::update;
use duijie::tui::{Lang, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn rec(kind: Kind, f: [&str; 4]) -> Record {
    let mut r = Record::new(kind, f[0]);
    r.org = f[1].into();
    r.contact = f[2].into();
    r.phone = f[3].into();
    r
}

fn setup() -> (Runner, Model) {
    let mut db = Db::open_in_memory().unwrap();
    let recs = [
        rec(
            Kind::Demand,
            [
                "气体传感器标定",
                "汉威科技集团股份有限公司",
                "张伟",
                "139-0000-2222",
            ],
        ),
        rec(Kind::Demand, ["MEMS 工艺改进", "汉威科技", "", ""]),
        rec(
            Kind::Achievement,
            ["物联网燃气表", "汉威科技集团", "李娜", "13711113333"],
        ),
        rec(
            Kind::Achievement,
            ["锂电池回收", "郑州大学", "王强", "0371-6778 1234"],
        ),
        rec(Kind::Demand, ["小型除湿机", "", "赵敏", "135 6666 7777"]),
        rec(Kind::Demand, ["高强铝合金压铸", "重庆长安", "", ""]),
    ];
    db.write(|tx| {
        for mut r in recs {
            records::insert(tx, &mut r)?;
        }
        Ok::<_, duijie::db::DbError>(())
    })
    .unwrap();
    let all = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let mut m = Model::new(all, Keymap::default(), Lang::Zh, "x.db");
    update(
        &mut m,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    let mut runner = Runner::new(db).unwrap();
    runner.term = Box::new(Vec::new());
    (runner, m)
}

/// Performs `effects` and feeds the answers back until both lists and the lookup have
/// answered the latest query.
fn settle(runner: &mut Runner, m: &mut Model, effects: Vec<duijie::tui::effect::Effect>) {
    let mut queue: Vec<Action> = effects.into_iter().flat_map(|e| runner.run(e)).collect();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        queue.extend(runner.answers());
        for a in std::mem::take(&mut queue) {
            for e in update(m, a) {
                queue.extend(runner.run(e));
            }
        }
        let waiting = m.searching(Kind::Demand)
            || m.searching(Kind::Achievement)
            || duijie::tui::features::lookup::update::due(m);
        if !waiting && queue.is_empty() {
            return;
        }
        assert!(Instant::now() < deadline, "no answer");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn type_query(runner: &mut Runner, m: &mut Model, q: &str) {
    m.query = q.into();
    let fx = search(m);
    settle(runner, m, fx);
}

fn codes(m: &Model, kind: Kind) -> Vec<String> {
    let list = m.list(kind);
    list.shown
        .iter()
        .map(|id| list.records.get(id).unwrap().code().to_string())
        .collect()
}

fn render(m: &Model) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| duijie::tui::draw::draw(f, m, &Theme::new(false)))
        .unwrap();
    style_support::screen_text(terminal.backend().buffer())
}

#[test]
fn a_callers_number_shows_the_contact_and_the_organisations_records() {
    let (mut runner, mut m) = setup();
    for q in ["139-0000-2222", "+86 139 0000 2222", "0000-2222", "2222"] {
        type_query(&mut runner, &mut m, q);
        // D1 carries the number; D2 and R1 are 汉威's and do not.
        assert_eq!(codes(&m, Kind::Demand), ["D1", "D2"], "{q}");
        assert_eq!(codes(&m, Kind::Achievement), ["R1"], "{q}");
        let screen = render(&m);
        let band = screen.lines().nth(1).unwrap();
        assert!(band.contains("C1 张伟"), "{q}\n{screen}");
        if std::env::var_os("SHOW").is_some() {
            eprintln!("{screen}");
        }
        assert!(band.contains("汉威科技集团股份有限公司 O1"), "{screen}");
        assert!(
            band.contains("139-0000-2222") && band.contains("需求 2 · 成果 1"),
            "{screen}"
        );
        // The selection starts on the contact: the detail pane shows the person.
        assert!(screen.contains("联系人 C1"), "{screen}");
        assert!(screen.contains("enter/O 打开单位"), "{screen}");
    }
    // Down goes into the list; Up comes back to the contact.
    update(&mut m, Action::Down);
    assert_eq!(m.lookup.pick, None);
    assert_eq!(m.selected().unwrap().code().to_string(), "D1");
    assert!(!render(&m).contains("联系人 C1"));
    update(&mut m, Action::Up);
    assert_eq!(m.lookup.pick, Some(0));
    // Enter opens the organisation's view.
    let fx = update(&mut m, Action::Open);
    settle(&mut runner, &mut m, fx);
    let Some(Overlay::Org { detail, .. }) = m.overlays.last() else {
        panic!("no organisation view: {:?}", m.overlays);
    };
    assert_eq!(detail.org.name, "汉威科技集团股份有限公司");
    assert_eq!((detail.demands.len(), detail.results.len()), (2, 1));
    update(&mut m, Action::Back);
    // Esc clears the query: the band and the records it brought go.
    update(&mut m, Action::Back);
    assert!(m.lookup.found.is_none() && m.lookup.shown().is_empty());
    assert_eq!(codes(&m, Kind::Demand).len(), 4);
    assert!(!render(&m).contains("C1 张伟"));
}

#[test]
fn a_name_finds_its_contact_and_a_contact_without_organisation_says_so() {
    let (mut runner, mut m) = setup();
    type_query(&mut runner, &mut m, "王强");
    assert_eq!(m.lookup.shown()[0].contact.name, "王强");
    assert_eq!(codes(&m, Kind::Achievement), ["R2"]);
    type_query(&mut runner, &mut m, "赵敏");
    assert!(render(&m).contains("C4 赵敏 · 无单位"), "{}", render(&m));
    assert_eq!(codes(&m, Kind::Demand), ["D3"]);
    let fx = update(
        &mut m,
        Action::Org(duijie::tui::features::org::OrgAction::Open),
    );
    assert!(fx.is_empty());
    assert!(
        m.message
            .as_ref()
            .unwrap()
            .text
            .contains("C4 赵敏 没有所属单位")
    );
    // A query that names nobody shows no band, and the lists only their own hits.
    type_query(&mut runner, &mut m, "铝合金");
    assert!(m.lookup.shown().is_empty());
    assert_eq!(codes(&m, Kind::Demand), ["D4"]);
    let screen = render(&m);
    let band = screen.lines().nth(1).unwrap();
    assert!(
        !band.contains("赵敏") && band.contains("需求 1/4"),
        "no band: {screen}"
    );
}
