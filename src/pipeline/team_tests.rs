use super::*;
use crate::db::records;
use crate::domain::{Channel, Kind, Record, Stage};
use crate::pipeline::{LogRequest, MoveRequest, create, log, move_to, show_pair, undo_step};

fn clock() -> Clock {
    Clock::fixed(jiff::civil::date(2026, 12, 1))
}

/// A database with D1 and R1…R3, written by nobody in particular.
fn db() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    db.write(|tx| {
        records::insert(tx, &mut Record::new(Kind::Demand, "铜箔"))?;
        for t in ["添加剂", "电解液", "表面处理"] {
            records::insert(tx, &mut Record::new(Kind::Achievement, t))?;
        }
        Ok::<_, crate::db::DbError>(())
    })
    .unwrap();
    db
}

fn code(s: &str) -> Code {
    s.parse().unwrap()
}

fn as_who(db: &Db, name: &str) {
    db.set_actor(Some(name)).unwrap();
}

fn pair(db: &mut Db, r: &str) -> Code {
    let row = create(db, &clock(), code("D1"), code(r), "", "cli").unwrap();
    row.pair.code()
}

fn move_req(pair: Code, to: Stage) -> MoveRequest {
    MoveRequest {
        pair,
        to,
        expect: None,
        amount: None,
        signed_on: None,
        contract_type: None,
        reg_no: None,
        reason: None,
        note: None,
        override_note: None,
    }
}

fn log_req(pair: Code, note: &str) -> LogRequest {
    LogRequest {
        pair,
        channel: Channel::Phone,
        note: note.into(),
        next_action: None,
        next_due: None,
        done: false,
    }
}

#[test]
fn every_step_records_who_made_it_and_a_pair_belongs_to_its_maker() {
    let mut db = db();
    as_who(&db, "王芳");
    let p = pair(&mut db, "R1");
    as_who(&db, "李娜");
    move_to(&mut db, &clock(), &move_req(p, Stage::Contacted), "cli").unwrap();
    log(&mut db, &clock(), &log_req(p, "企业确认排期"), "cli").unwrap();
    let d = show_pair(db.conn(), &clock(), p).unwrap();
    assert_eq!(d.owner.as_deref(), Some("王芳"));
    assert_eq!(d.created_by.as_deref(), Some("王芳"));
    let movers: Vec<_> = d.history.iter().map(|h| h.actor.as_deref()).collect();
    assert_eq!(movers, [Some("王芳"), Some("李娜")]);
    assert_eq!(d.followups[0].actor.as_deref(), Some("李娜"));
    // The record edits and adds say who made them too.
    let mut r = records::get(db.conn(), 1).unwrap().unwrap();
    assert_eq!(r.created_by, None, "made before a name was set");
    r.title = "超薄铜箔".into();
    db.write(|tx| records::update(tx, &mut r)).unwrap();
    let r = records::get(db.conn(), 1).unwrap().unwrap();
    assert_eq!(r.updated_by.as_deref(), Some("李娜"));
    // The JSON of `show P1` carries the names.
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["owner"], "王芳");
    assert_eq!(json["history"][1]["actor"], "李娜");
    assert_eq!(json["followups"][0]["actor"], "李娜");
}

#[test]
fn a_handover_changes_the_owner_and_undo_gives_it_back() {
    let mut db = db();
    as_who(&db, "王芳");
    let p = pair(&mut db, "R1");
    let h = handover(&mut db, &clock(), p, "  李娜 ", "cli").unwrap();
    assert!(h.changed && h.new_name);
    assert_eq!(h.from.as_deref(), Some("王芳"));
    assert_eq!(h.row.pair.owner.as_deref(), Some("李娜"));
    // Again to the same: nothing changes, nothing journalled.
    let again = handover(&mut db, &clock(), p, "李娜", "cli").unwrap();
    assert!(!again.changed);
    let undone = undo_step(&mut db).unwrap().unwrap();
    assert!(
        undone
            .describe(crate::i18n::Lang::En)
            .contains("from 王芳 to 李娜")
    );
    let back = show_pair(db.conn(), &clock(), p).unwrap();
    assert_eq!(back.owner.as_deref(), Some("王芳"));
    let err = handover(&mut db, &clock(), p, " \u{1b}[1m ", "cli").unwrap_err();
    assert!(err.to_string().contains("a name is needed"), "{err}");
}

#[test]
fn undo_passes_over_a_colleagues_later_step_and_leaves_it() {
    let mut db = db();
    as_who(&db, "王芳");
    let mine = pair(&mut db, "R1");
    as_who(&db, "李娜");
    let theirs = pair(&mut db, "R2");
    as_who(&db, "王芳");
    let undone = undo_step(&mut db).unwrap().unwrap();
    assert_eq!(undone.pair, Some(mine.num));
    assert_eq!(undone.passed.len(), 1);
    let text = undone.describe(crate::i18n::Lang::En);
    assert!(
        text.contains("李娜's 1 later step(s) left as they are"),
        "{text}"
    );
    assert!(
        show_pair(db.conn(), &clock(), mine).is_err(),
        "mine is undone"
    );
    assert!(
        show_pair(db.conn(), &clock(), theirs).is_ok(),
        "theirs stays"
    );
    // Nothing of mine is left: the colleague's step is not mine to take back.
    assert_eq!(undo_step(&mut db).unwrap(), None);
    assert_eq!(crate::pipeline::undo::depth(db.conn()).unwrap(), 0);
    as_who(&db, "李娜");
    assert_eq!(crate::pipeline::undo::depth(db.conn()).unwrap(), 1);
}

#[test]
fn undo_refuses_to_take_back_a_step_a_colleague_built_on() {
    let mut db = db();
    as_who(&db, "王芳");
    let p = pair(&mut db, "R1");
    move_to(&mut db, &clock(), &move_req(p, Stage::Contacted), "cli").unwrap();
    as_who(&db, "李娜");
    log(&mut db, &clock(), &log_req(p, "我来跟进"), "cli").unwrap();
    as_who(&db, "王芳");
    let err = undo_step(&mut db).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("李娜 changed the same thing since"), "{text}");
    assert!(matches!(err, PipelineError::Crossed { .. }));
    // Nothing changed: the move and the follow-up are both there.
    let d = show_pair(db.conn(), &clock(), p).unwrap();
    assert_eq!((d.stage, d.followups.len()), (Stage::Contacted, 1));
}

#[test]
fn steps_from_before_names_are_everyones() {
    let mut db = db();
    let p = pair(&mut db, "R1");
    as_who(&db, "王芳");
    let undone = undo_step(&mut db).unwrap().unwrap();
    assert_eq!(undone.pair, Some(p.num));
}

#[test]
fn mine_is_everyones_until_someone_else_owns_a_pair() {
    let mut db = db();
    let old = pair(&mut db, "R1");
    as_who(&db, "王芳");
    let scope = Scope::of(db.conn(), Some("王芳")).unwrap();
    assert!(!scope.others);
    pair(&mut db, "R2");
    let scope = Scope::of(db.conn(), Some("王芳")).unwrap();
    assert!(!scope.others, "a broker alone sees all: {scope:?}");
    assert!(scope.mine(None) && scope.mine(Some("王芳")));
    handover(&mut db, &clock(), old, "李娜", "cli").unwrap();
    let scope = Scope::of(db.conn(), Some("王芳")).unwrap();
    assert!(scope.others);
    assert!(scope.mine(Some("王芳")) && scope.mine(None) && !scope.mine(Some("李娜")));
    // No name: everything is mine.
    assert!(!Scope::of(db.conn(), None).unwrap().others);
}
