//! The desk's contract forms on the pair detail: `$` records a payment, `C` the contract;
//! a bad amount or the pipeline's refusal stays in the form; undo takes the write back.

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::{Code, Kind, Money, Stage};
use duijie::pipeline::{self, Clock, MoveRequest};
use duijie::tui::Lang;
use duijie::tui::action::{Action, Input};
use duijie::tui::app::runner_pipeline::PipeRunner;
use duijie::tui::effect::{Effect, PipeEffect};
use duijie::tui::features::contract::ContractAction;
use duijie::tui::keys::{Context, Keymap};
use duijie::tui::model::Model;
use duijie::tui::overlay::Overlay;
use duijie::tui::update::update;
use jiff::civil::date;

fn clock() -> Clock {
    Clock::fixed(date(2026, 11, 18))
}

fn code(s: &str) -> Code {
    s.parse().unwrap()
}

fn setup() -> (Db, Model) {
    let mut db = Db::open_in_memory().unwrap();
    for (kind, title, org) in [
        (Kind::Demand, "极薄铜箔量产", "江西铜博科技"),
        (Kind::Achievement, "铜箔添加剂", "郑州大学"),
    ] {
        let mut r = duijie::domain::Record::new(kind, title);
        r.org = org.into();
        records::insert(db.conn(), &mut r).unwrap();
    }
    let c = clock();
    pipeline::create(&mut db, &c, code("D1"), code("R1"), "", "test").unwrap();
    for to in [Stage::Contacted, Stage::Negotiating] {
        pipeline::move_to(&mut db, &c, &MoveRequest::new(code("P1"), to), "test").unwrap();
    }
    let mut sign = MoveRequest::new(code("P1"), Stage::Signed);
    sign.amount = Money::parse("200").unwrap();
    sign.signed_on = Some(date(2026, 11, 2));
    pipeline::move_to(&mut db, &c, &sign, "test").unwrap();
    let recs = records::list(db.conn(), &RecordFilter::default()).unwrap();
    let mut m = Model::new(recs, Keymap::default(), Lang::En, "x.db");
    // The day the desk's pipeline was read on (the runner's fixed clock).
    m.pipe.today = c.today();
    (db, m)
}

/// Runs `action` and its effects as the desk's loop does.
fn drive(db: &mut Db, m: &mut Model, action: Action) {
    let mut runner = PipeRunner::fixed(clock());
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(a) = queue.pop_front() {
        for e in update(m, a) {
            match e {
                Effect::Pipe(p) => queue.extend(runner.run(db, p).unwrap()),
                Effect::Contract(c) => {
                    queue.push_back(duijie::tui::app::runner_contract::run(db, &clock(), c));
                }
                _ => {}
            }
        }
    }
}

fn typed(db: &mut Db, m: &mut Model, text: &str) {
    for c in text.chars() {
        drive(db, m, Action::Input(Input::Type(c)));
    }
}

fn form_error(m: &Model) -> Option<String> {
    match m.overlays.last() {
        Some(Overlay::Contract(f)) => Some(format!("{f:?}")),
        _ => None,
    }
}

#[test]
fn a_payment_from_the_desk_is_recorded_checked_and_undone() {
    let (mut db, mut m) = setup();
    let mut runner = PipeRunner::fixed(clock());
    for a in runner
        .run(&mut db, PipeEffect::ShowPair(code("P1")))
        .unwrap()
    {
        drive(&mut db, &mut m, a);
    }
    assert_eq!(m.context(), Context::PairDetail);
    drive(
        &mut db,
        &mut m,
        Action::Contract(ContractAction::OpenPayment),
    );
    assert_eq!(m.context(), Context::Prompt);
    // A bad amount stays in the form with the reason.
    typed(&mut db, &mut m, "abc");
    for _ in 0..3 {
        drive(&mut db, &mut m, Action::Input(Input::Submit));
    }
    let err = form_error(&m).expect("the form stays open");
    assert!(err.contains("not an amount"), "{err}");
    for _ in 0..3 {
        drive(&mut db, &mut m, Action::Input(Input::Backspace));
    }
    typed(&mut db, &mut m, "50");
    for _ in 0..3 {
        drive(&mut db, &mut m, Action::Input(Input::Submit));
    }
    assert!(
        form_error(&m).is_none(),
        "the form closed: {:?}",
        form_error(&m)
    );
    let c = duijie::db::contracts::get(db.conn(), 1).unwrap();
    assert_eq!(c.paid(), Money::from_wan(50).unwrap());
    assert_eq!(c.payments[0].paid_on, "2026-11-18");
    assert!(
        format!("{:?}", m.message).contains("50 万元 paid"),
        "{:?}",
        m.message
    );

    // The contract form: a technology amount over the total is refused in the form.
    drive(
        &mut db,
        &mut m,
        Action::Contract(ContractAction::OpenContract),
    );
    drive(&mut db, &mut m, Action::Input(Input::Down));
    typed(&mut db, &mut m, "300");
    for _ in 0..9 {
        drive(&mut db, &mut m, Action::Input(Input::Submit));
    }
    let err = form_error(&m).expect("refused in the form");
    assert!(err.contains("more than the contract total"), "{err}");
    drive(&mut db, &mut m, Action::Input(Input::Cancel));
    assert!(form_error(&m).is_none());

    pipeline::undo(&mut db).unwrap();
    assert!(
        duijie::db::contracts::get(db.conn(), 1)
            .unwrap()
            .payments
            .is_empty()
    );
}
