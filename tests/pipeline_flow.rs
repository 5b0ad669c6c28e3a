//! Pairing, stage moves with their required fields, stage history, follow-ups and undo.

mod pipeline_support;

use duijie::db::records;
use duijie::domain::{Channel, ContractType, ShelveReason, Stage};
use duijie::pipeline::{
    self, LogRequest, MoveRequest, Needs, PipelineError, create_pair, delete_pair, log_followup,
    move_pair, needs, pair_by_code, undo,
};
use jiff::civil::date;
use pipeline_support::{DAY0, code, day, seeded};

fn mv(to: Stage) -> MoveRequest {
    MoveRequest::new(code("P1"), to)
}

fn signed(amount: &str) -> MoveRequest {
    let mut r = mv(Stage::Signed);
    r.amount = Some(amount.parse().unwrap());
    r.signed_on = Some(date(2026, 11, 17));
    r
}

#[test]
fn a_pair_is_unique_per_demand_and_result_in_either_order() {
    let mut db = seeded();
    let p = create_pair(&mut db, &day(0), code("D1"), code("R1"), "铜箔 fits").unwrap();
    assert_eq!(p.code().to_string(), "P1");
    assert_eq!(p.stage, Stage::Candidate);
    let err = create_pair(&mut db, &day(0), code("r1"), code("d1"), "").unwrap_err();
    assert_eq!(err.to_string(), "D1 and R1 are already paired as P1");
    // Another result for the same demand is a new pair.
    let p2 = create_pair(&mut db, &day(0), code("R2"), code("D1"), "").unwrap();
    assert_eq!(p2.code().to_string(), "P2");
    let err = create_pair(&mut db, &day(0), code("D1"), code("D2"), "").unwrap_err();
    assert_eq!(
        err.to_string(),
        "pair needs a demand (D…) and a result (R…)"
    );
    let err = create_pair(&mut db, &day(0), code("D1"), code("R99"), "").unwrap_err();
    assert_eq!(err.to_string(), "R99 not found");
    let err = pair_by_code(db.conn(), code("P9")).unwrap_err();
    assert_eq!(err.to_string(), "P9 not found");

    let ids = pipeline::paired_record_ids(db.conn()).unwrap();
    assert_eq!(ids.len(), 3, "D1, R1 and R2 are marked: {ids:?}");
    let d1 = records::get_by_code(db.conn(), code("D1")).unwrap();
    let of_d1 = pipeline::pairs_of_record(db.conn(), d1.id).unwrap();
    let others: Vec<_> = of_d1.iter().map(|p| p.other.code.as_str()).collect();
    assert_eq!(others, ["R1", "R2"]);
    assert_eq!(of_d1[0].other.title, "超薄电解铜箔添加剂");
}

#[test]
fn every_stage_states_what_it_needs() {
    let mut db = seeded();
    let p = create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    assert_eq!(needs(Stage::Contacted, &p), Needs::default());
    assert!(needs(Stage::Signed, &p).amount_date);
    let reg = needs(Stage::Registered, &p);
    assert!(reg.amount_date && reg.contract && !reg.reason);
    assert!(needs(Stage::Shelved, &p).reason);
    assert!(!needs(Stage::Landed, &p).any());
    let s = move_pair(&mut db, &day(1), &signed("120")).unwrap();
    // Signed data is kept, so moving on only needs the registration.
    assert!(!needs(Stage::Signed, &s).amount_date);
    let reg = needs(Stage::Registered, &s);
    assert!(!reg.amount_date && reg.contract);
}

#[test]
fn moves_refuse_missing_or_foreign_fields_with_the_option_names() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    let msg = |db: &mut _, r: &MoveRequest| move_pair(db, &day(1), r).unwrap_err().to_string();
    assert_eq!(
        msg(&mut db, &mv(Stage::Candidate)),
        "P1 is already in candidate"
    );
    assert_eq!(
        msg(&mut db, &mv(Stage::Signed)),
        "moving P1 to signed needs --amount (万元) and --date"
    );
    let mut only_amount = mv(Stage::Signed);
    only_amount.amount = duijie::domain::Money::parse("50.0").unwrap();
    assert_eq!(
        msg(&mut db, &only_amount),
        "moving P1 to signed needs --date"
    );
    assert!(msg(&mut db, &signed("0")).contains("more than 0 万元"));
    assert_eq!(
        msg(&mut db, &mv(Stage::Registered)),
        "moving P1 to registered needs --amount (万元), --date, --contract-type and --reg-no"
    );
    assert_eq!(
        msg(&mut db, &mv(Stage::Shelved)),
        "moving P1 to shelved needs --reason"
    );
    let mut foreign = mv(Stage::Contacted);
    foreign.amount = duijie::domain::Money::parse("10.0").unwrap();
    assert_eq!(
        msg(&mut db, &foreign),
        "moving P1 to contacted takes no --amount"
    );
    let mut blank = signed("10");
    blank.to = Stage::Registered;
    blank.contract_type = Some(ContractType::Transfer);
    blank.reg_no = Some("  ".into());
    assert!(msg(&mut db, &blank).contains("registration number is empty"));
    let mut wrong = mv(Stage::Contacted);
    wrong.pair = code("D1");
    assert!(msg(&mut db, &wrong).contains("D1 is not a pair"));
    // Nothing was written by the refusals.
    let p = pair_by_code(db.conn(), code("P1")).unwrap();
    assert_eq!(p.stage, Stage::Candidate);
    assert_eq!(pipeline::history_of(db.conn(), p.id).unwrap().len(), 1);
}

#[test]
fn the_main_line_with_contract_data_and_its_history() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    move_pair(&mut db, &day(1), &mv(Stage::Contacted)).unwrap();
    move_pair(&mut db, &day(3), &mv(Stage::Negotiating)).unwrap();
    let s = move_pair(&mut db, &day(10), &signed("120.5")).unwrap();
    assert_eq!(s.amount, duijie::domain::Money::parse("120.5").unwrap());
    assert_eq!(s.signed_on.as_deref(), Some("2026-11-17"));
    let mut reg = mv(Stage::Registered);
    reg.contract_type = Some(ContractType::Development);
    reg.reg_no = Some(" 2026440100001234 ".into());
    let r = move_pair(&mut db, &day(20), &reg).unwrap();
    assert_eq!(r.contract_type, Some(ContractType::Development));
    assert_eq!(r.reg_no.as_deref(), Some("2026440100001234"));
    // 落地 needs money received.
    let paid = duijie::pipeline::contracts::PaymentRequest {
        amount: duijie::domain::Money::parse("60").unwrap().unwrap(),
        paid_on: day(39).today(),
        note: String::new(),
    };
    duijie::pipeline::contracts::record_payment(&mut db, &day(39), code("P1"), &paid, "test")
        .unwrap();
    let l = move_pair(&mut db, &day(40), &mv(Stage::Landed)).unwrap();
    assert_eq!(l.stage_since, day(40).stamp());
    // Moving left keeps the contract data.
    let back = move_pair(&mut db, &day(41), &mv(Stage::Registered)).unwrap();
    assert_eq!(back.amount, duijie::domain::Money::parse("120.5").unwrap());
    assert_eq!(back.reg_no.as_deref(), Some("2026440100001234"));

    let h = pipeline::history_of(db.conn(), l.id).unwrap();
    let steps: Vec<_> = h.iter().map(|c| (c.from, c.to)).collect();
    assert_eq!(
        steps,
        [
            (None, Stage::Candidate),
            (Some(Stage::Candidate), Stage::Contacted),
            (Some(Stage::Contacted), Stage::Negotiating),
            (Some(Stage::Negotiating), Stage::Signed),
            (Some(Stage::Signed), Stage::Registered),
            (Some(Stage::Registered), Stage::Landed),
            (Some(Stage::Landed), Stage::Registered),
        ]
    );
    assert_eq!(h[0].at, day(0).stamp());
    assert_eq!(h[3].at, day(10).stamp());
}

#[test]
fn shelving_takes_a_reason_and_reactivation_clears_it() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D2"), code("R2"), "").unwrap();
    let mut shelve = mv(Stage::Shelved);
    shelve.reason = Some(ShelveReason::PriceGap);
    shelve.note = Some("报价 80 万, 企业预算 30 万".into());
    let s = move_pair(&mut db, &day(2), &shelve).unwrap();
    assert_eq!(s.shelve_reason, Some(ShelveReason::PriceGap));
    assert_eq!(s.shelve_note.as_deref(), Some("报价 80 万, 企业预算 30 万"));
    // Taken up again, it returns where it was shelved from.
    assert_eq!(
        pipeline::shelved_from(db.conn(), code("P1")).unwrap(),
        Stage::Candidate
    );
    // From Shelved any stage is reachable, here straight to Negotiating.
    let back = move_pair(&mut db, &day(30), &mv(Stage::Negotiating)).unwrap();
    assert_eq!(back.stage, Stage::Negotiating);
    assert_eq!(back.shelve_reason, None);
    assert_eq!(back.shelve_note, None);
    move_pair(&mut db, &day(31), &shelve).unwrap();
    assert_eq!(
        pipeline::shelved_from(db.conn(), code("P1")).unwrap(),
        Stage::Negotiating
    );
}

fn log(next: Option<&str>, due: Option<jiff::civil::Date>, done: bool) -> LogRequest {
    LogRequest {
        pair: code("P1"),
        channel: Channel::Phone,
        note: "电话沟通, 对方有兴趣".into(),
        next_action: next.map(str::to_string),
        next_due: due,
        done,
    }
}

#[test]
fn follow_ups_keep_the_latest_next_action_and_list_newest_first() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    let (_, p) = log_followup(
        &mut db,
        &day(1),
        &log(Some("寄样品"), Some(date(2026, 11, 25)), false),
    )
    .unwrap();
    assert_eq!(p.next_action.as_deref(), Some("寄样品"));
    assert_eq!(p.next_due.as_deref(), Some("2026-11-25"));
    // Without a next action the current one stays.
    let (_, p) = log_followup(&mut db, &day(2), &log(None, None, false)).unwrap();
    assert_eq!(p.next_action.as_deref(), Some("寄样品"));
    // A newer next action wins; no due date clears the old date.
    let (_, p) = log_followup(&mut db, &day(3), &log(Some("约走访"), None, false)).unwrap();
    assert_eq!(
        (p.next_action.as_deref(), p.next_due),
        (Some("约走访"), None)
    );
    let (_, p) = log_followup(&mut db, &day(4), &log(None, None, true)).unwrap();
    assert_eq!(p.next_action, None);

    let err = log_followup(&mut db, &day(5), &log(None, Some(DAY0), false)).unwrap_err();
    assert!(err.to_string().contains("--due needs --next"), "{err}");
    let err = log_followup(&mut db, &day(5), &log(Some("x"), None, true)).unwrap_err();
    assert!(err.to_string().contains("--done"), "{err}");
    let mut empty = log(None, None, false);
    empty.note = "  ".into();
    assert!(log_followup(&mut db, &day(5), &empty).is_err());

    let fs = pipeline::followups_of(db.conn(), p.id).unwrap();
    let when: Vec<_> = fs.iter().map(|f| f.at.clone()).collect();
    assert_eq!(
        when,
        [
            day(4).stamp(),
            day(3).stamp(),
            day(2).stamp(),
            day(1).stamp()
        ]
    );
}

#[test]
fn undo_walks_back_several_steps_each_a_whole_change() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "").unwrap();
    log_followup(
        &mut db,
        &day(1),
        &log(Some("寄样品"), Some(date(2026, 11, 25)), false),
    )
    .unwrap();
    move_pair(&mut db, &day(2), &mv(Stage::Contacted)).unwrap();
    move_pair(&mut db, &day(3), &signed("88")).unwrap();
    log_followup(&mut db, &day(4), &log(Some("准备登记材料"), None, false)).unwrap();

    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("log on P1 (phone)"));
    let p = pair_by_code(db.conn(), code("P1")).unwrap();
    assert_eq!(p.next_action.as_deref(), Some("寄样品"));
    assert_eq!(p.next_due.as_deref(), Some("2026-11-25"));
    assert_eq!(
        undo(&mut db).unwrap().as_deref(),
        Some("move P1 contacted → signed")
    );
    let p = pair_by_code(db.conn(), code("P1")).unwrap();
    assert_eq!(
        (p.stage, p.amount, p.signed_on),
        (Stage::Contacted, None, None)
    );
    assert_eq!(p.stage_since, day(2).stamp());
    assert_eq!(pipeline::history_of(db.conn(), p.id).unwrap().len(), 2);
    assert_eq!(
        undo(&mut db).unwrap().as_deref(),
        Some("move P1 candidate → contacted")
    );
    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("log on P1 (phone)"));
    let p = pair_by_code(db.conn(), code("P1")).unwrap();
    assert_eq!((p.stage, p.next_action), (Stage::Candidate, None));
    assert!(pipeline::followups_of(db.conn(), p.id).unwrap().is_empty());
    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("pair P1 (D1 ⇄ R1)"));
    assert!(pair_by_code(db.conn(), code("P1")).is_err());
    assert_eq!(undo(&mut db).unwrap(), None);
}

#[test]
fn undoing_a_delete_restores_the_pair_with_its_code_history_and_log() {
    let mut db = seeded();
    create_pair(&mut db, &day(0), code("D1"), code("R1"), "note").unwrap();
    move_pair(&mut db, &day(1), &mv(Stage::Contacted)).unwrap();
    log_followup(&mut db, &day(2), &log(Some("回电"), Some(DAY0), false)).unwrap();
    let before = pipeline::show_pair(db.conn(), &day(3), code("P1")).unwrap();
    delete_pair(&mut db, &day(3), code("P1")).unwrap();
    assert!(pipeline::paired_record_ids(db.conn()).unwrap().is_empty());
    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("delete P1"));
    let after = pipeline::show_pair(db.conn(), &day(3), code("P1")).unwrap();
    assert_eq!(after, before);
}

#[test]
fn record_edits_are_undoable_and_stale_entries_do_not_block() {
    let mut db = seeded();
    let before = records::get_by_code(db.conn(), code("D1")).unwrap();
    db.write(|tx| {
        pipeline::journal_record_edit(tx, &before)?;
        let mut r = before.clone();
        r.title = "改过的标题".into();
        records::update(tx, &mut r)?;
        Ok::<_, PipelineError>(())
    })
    .unwrap();
    create_pair(&mut db, &day(0), code("D2"), code("R2"), "").unwrap();
    // The pair disappears with its record, outside the journal.
    db.write(|tx| {
        let d2 = records::get_by_code(tx, code("D2"))?;
        records::delete(tx, d2.id)
    })
    .unwrap();
    let label = undo(&mut db).unwrap().unwrap();
    assert!(label.contains("already gone"), "{label}");
    assert_eq!(undo(&mut db).unwrap().as_deref(), Some("edit D1"));
    let now = records::get_by_code(db.conn(), code("D1")).unwrap();
    assert_eq!(now.title, "4.5μm 极薄铜箔量产工艺");
    assert_eq!(
        duijie::search::keys::fold(&now.title),
        duijie::search::keys::fold(&before.title)
    );
}

#[test]
fn errors_are_typed() {
    let mut db = seeded();
    let err = move_pair(&mut db, &day(0), &mv(Stage::Contacted)).unwrap_err();
    assert!(
        matches!(err, PipelineError::NotFound(ref c) if c == "P1"),
        "{err:?}"
    );
}
