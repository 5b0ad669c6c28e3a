//! A call logged on a record in one step: on each open pair of a record that has some, in
//! the record's own log otherwise; one undo step either way, and a deleted record's log comes
//! back with it.

mod pipeline_support;

use duijie::db::Db;
use duijie::domain::{Channel, ShelveReason, Stage};
use duijie::i18n::Lang;
use duijie::pipeline::{
    self, CallLogged, CallRequest, MoveRequest, create, delete_record, log_call, notes_of,
    undo_step,
};
use pipeline_support::{DAY0, code, day, seeded};

fn call(record: &str, note: &str) -> CallRequest {
    CallRequest {
        record: code(record),
        channel: Channel::Phone,
        note: note.into(),
        next_action: None,
        next_due: None,
    }
}

fn pair(db: &mut Db, d: &str, r: &str) -> i64 {
    create(db, &day(0), code(d), code(r), "", "test")
        .unwrap()
        .pair
        .id
}

#[test]
fn a_record_without_pairs_gets_a_note_in_its_own_log_and_undo_takes_it_back() {
    let mut db = seeded();
    let mut req = call("D3", "企业问硅片回收的中试进度");
    req.next_action = Some("寄送资料".into());
    req.next_due = Some(DAY0.tomorrow().unwrap());
    let (rec, logged) = log_call(&mut db, &day(0), &req, "test").unwrap();
    assert_eq!(rec.code().to_string(), "D3");
    let CallLogged::Note(note) = logged else {
        panic!("no pair: the call is a note on the record, not {logged:?}");
    };
    let notes = notes_of(db.conn(), rec.id).unwrap();
    assert_eq!(notes, vec![note.clone()]);
    assert_eq!(note.note, "企业问硅片回收的中试进度");
    assert_eq!(note.next_action.as_deref(), Some("寄送资料"));
    assert_eq!(note.next_due.as_deref(), Some("2026-11-19"));
    assert_eq!(note.channel, Channel::Phone);
    // No follow-up, no pair appeared.
    assert!(
        pipeline::pairs_of_record(db.conn(), rec.id)
            .unwrap()
            .is_empty()
    );

    let undone = undo_step(&mut db).unwrap().unwrap();
    assert_eq!(undone.describe(Lang::En), "note on D3 (phone)");
    assert_eq!(undone.describe(Lang::Zh), "在 D3 的日志记录（电话）");
    assert!(undone.applied);
    assert_eq!(undone.record, None, "not a record edit");
    assert!(notes_of(db.conn(), rec.id).unwrap().is_empty());
}

#[test]
fn a_record_with_two_open_pairs_gets_a_follow_up_on_each_and_one_undo_step() {
    let mut db = seeded();
    let p1 = pair(&mut db, "D1", "R1");
    let p2 = pair(&mut db, "D1", "R2");
    let p3 = pair(&mut db, "D1", "R3");
    let mut shelve = MoveRequest::new(code(&format!("P{p3}")), Stage::Shelved);
    shelve.reason = Some(ShelveReason::NoReply);
    pipeline::move_to(&mut db, &day(0), &shelve, "test").unwrap();
    let mut req = call("D1", "铜箔样品已寄出");
    req.next_action = Some("确认收样".into());
    req.next_due = Some(DAY0.tomorrow().unwrap());
    let (rec, logged) = log_call(&mut db, &day(0), &req, "test").unwrap();
    let CallLogged::Pairs(rows) = logged else {
        panic!("open pairs: a follow-up on each, not {logged:?}");
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.pair.id).collect();
    assert_eq!(ids, vec![p1, p2], "the shelved pair is left alone");
    for id in [p1, p2] {
        let log = pipeline::followups_of(db.conn(), id).unwrap();
        assert_eq!(log.len(), 1, "P{id}");
        assert_eq!(
            (log[0].channel, log[0].note.as_str()),
            (Channel::Phone, "铜箔样品已寄出")
        );
        let p = pipeline::pairs::get(db.conn(), id).unwrap().unwrap();
        assert_eq!(p.next_action.as_deref(), Some("确认收样"));
        assert_eq!(p.next_due.as_deref(), Some("2026-11-19"));
    }
    assert!(pipeline::followups_of(db.conn(), p3).unwrap().is_empty());
    assert!(
        notes_of(db.conn(), rec.id).unwrap().is_empty(),
        "no note on the record"
    );

    let undone = undo_step(&mut db).unwrap().unwrap();
    assert_eq!(
        undone.describe(Lang::En),
        format!("log on P{p1}, P{p2} via D1 (phone)")
    );
    assert_eq!(
        undone.describe(Lang::Zh),
        format!("在 P{p1}, P{p2} 记录跟进（经 D1，电话）")
    );
    assert!(undone.applied);
    for id in [p1, p2] {
        assert!(pipeline::followups_of(db.conn(), id).unwrap().is_empty());
        let p = pipeline::pairs::get(db.conn(), id).unwrap().unwrap();
        assert_eq!(p.next_action, None, "P{id}'s next action is as it was");
    }
}

#[test]
fn a_call_without_a_note_or_with_a_bare_due_date_or_on_a_pair_is_refused() {
    let mut db = seeded();
    let cases: [(CallRequest, &str); 3] = [
        (call("D1", "  "), "a call needs a note (what was said)"),
        (
            CallRequest {
                next_due: Some(DAY0),
                ..call("D1", "x")
            },
            "--due needs --next: a due date dates a next action",
        ),
        (
            call("P1", "x"),
            "P1 is a pair: log on it with a channel, or give a record (D12, R34)",
        ),
    ];
    for (req, msg) in cases {
        let err = log_call(&mut db, &day(0), &req, "test").unwrap_err();
        assert_eq!(err.to_string(), msg);
    }
    let err = log_call(&mut db, &day(0), &call("D99", "x"), "test").unwrap_err();
    assert!(err.to_string().contains("D99"), "{err}");
    assert_eq!(
        pipeline::undo::depth(db.conn()).unwrap(),
        0,
        "nothing journalled"
    );
}

#[test]
fn a_deleted_record_comes_back_with_its_log() {
    let mut db = seeded();
    let (rec, _) = log_call(&mut db, &day(0), &call("R3", "西安交大回电"), "test").unwrap();
    let impact = pipeline::delete_impact(db.conn(), rec.id).unwrap();
    assert_eq!(
        (impact.pairs, impact.followups),
        (0, 1),
        "the question counts the note"
    );
    delete_record(&mut db, rec.id, None, "test").unwrap();
    assert!(notes_of(db.conn(), rec.id).unwrap().is_empty());
    undo_step(&mut db).unwrap().unwrap();
    let notes = notes_of(db.conn(), rec.id).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "西安交大回电");
}
