use super::*;
use crate::db::records;
use crate::domain::{Kind, Record};
use crate::pipeline::{org_view, undo_step};

fn add(db: &mut Db, kind: Kind, title: &str, org: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.org = org.into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    r
}

fn org_code_of(db: &Db, id: i64) -> String {
    orgs::of_record(db.conn(), id).unwrap().unwrap().code()
}

#[test]
fn merge_moves_records_and_contacts_and_undo_splits_them_again() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, Kind::Achievement, "负极", "西安交通大学");
    let b = add(&mut db, Kind::Achievement, "绝缘", "西安交大");
    let mut c = Contact {
        name: "李老师".into(),
        phones: vec!["029-8266 8888".into()],
        ..Contact::default()
    };
    c = add_contact(&mut db, c, Some("O2"), "cli").unwrap();
    assert_eq!(
        (org_code_of(&db, a.id), org_code_of(&db, b.id)),
        ("O1".into(), "O2".into())
    );

    let merged = merge(&mut db, "O1", "西安交大", "cli").unwrap();
    assert_eq!(merged.code(), "O1");
    assert_eq!(org_code_of(&db, b.id), "O1");
    assert_eq!(
        contacts::get(db.conn(), c.id).unwrap().unwrap().org_id,
        Some(merged.id)
    );
    assert!(orgs::by_seq(db.conn(), 2).unwrap().is_none());
    // A record arriving later with the merged name joins the survivor.
    let later = add(&mut db, Kind::Demand, "合作", "西安交大");
    assert_eq!(org_code_of(&db, later.id), "O1");
    // Records keep their text.
    assert_eq!(
        records::get(db.conn(), b.id).unwrap().unwrap().org,
        "西安交大"
    );

    // The merge is the newest step (records::insert journals nothing).
    let undone = undo_step(&mut db).unwrap().unwrap();
    assert!(undone.applied, "{undone:?}");
    assert_eq!(undone.describe(crate::i18n::Lang::En), "merge O2 into O1");
    assert_eq!(undone.describe(crate::i18n::Lang::Zh), "合并 O2 到 O1");
    assert_eq!(
        (org_code_of(&db, a.id), org_code_of(&db, b.id)),
        ("O1".into(), "O2".into())
    );
    assert_eq!(
        org_code_of(&db, later.id),
        "O2",
        "the later record goes with its name"
    );
    let o2 = orgs::by_seq(db.conn(), 2).unwrap().unwrap();
    assert_eq!(o2.name, "西安交大");
    assert_eq!(
        contacts::get(db.conn(), c.id).unwrap().unwrap().org_id,
        Some(o2.id)
    );
    assert!(
        orgs::by_seq(db.conn(), 1).unwrap().unwrap().auto,
        "O1 as it was"
    );
}

#[test]
fn merging_into_itself_or_an_unknown_code_is_refused() {
    let mut db = Db::open_in_memory().unwrap();
    add(&mut db, Kind::Demand, "铜箔", "汉威科技");
    let e = merge(&mut db, "O1", "汉威科技集团有限公司", "cli").unwrap_err();
    assert!(e.to_string().contains("itself"), "{e}");
    let e = merge(&mut db, "O1", "O9", "cli").unwrap_err();
    assert_eq!(e.to_string(), "O9 not found");
}

#[test]
fn rename_takes_the_new_name_and_undo_gives_the_old_one_back() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, Kind::Demand, "铜箔", "汉威");
    add(&mut db, Kind::Demand, "传感器", "郑州大学");
    let r = rename(&mut db, "O1", "汉威科技集团股份有限公司", "cli").unwrap();
    assert_eq!(r.name, "汉威科技集团股份有限公司");
    // Records written with the new name belong to it.
    let b = add(&mut db, Kind::Demand, "气体", "漢威科技集團");
    assert_eq!(org_code_of(&db, b.id), "O1");
    assert_eq!(org_code_of(&db, a.id), "O1");
    // A name another organisation holds is refused, pointing at merge.
    let e = rename(&mut db, "O1", "鄭州大學", "cli").unwrap_err();
    assert!(e.to_string().contains("duijie org merge O1 O2"), "{e}");
    undo_step(&mut db).unwrap(); // the add of b
    undo_step(&mut db).unwrap(); // the rename
    let o1 = orgs::by_seq(db.conn(), 1).unwrap().unwrap();
    assert_eq!(o1.name, "汉威");
    assert_eq!(orgs::keys_of(db.conn(), o1.id).unwrap(), vec!["汉威"]);
}

#[test]
fn contact_add_and_edit_are_undoable() {
    let mut db = Db::open_in_memory().unwrap();
    let c = Contact {
        name: "张工".into(),
        phones: vec!["13922223333".into()],
        role: "总工".into(),
        ..Contact::default()
    };
    let c = add_contact(&mut db, c, Some("汉威科技有限公司"), "cli").unwrap();
    assert_eq!(c.code(), "C1");
    let org = orgs::get(db.conn(), c.org_id.unwrap()).unwrap().unwrap();
    assert_eq!(org.name, "汉威科技有限公司");
    let e = edit_contact(&mut db, "C1", None, |c| c.phones = vec!["12".into()], "cli");
    assert!(e.unwrap_err().to_string().contains("not a phone number"));
    edit_contact(
        &mut db,
        "c1",
        None,
        |c| c.email = "zhang@hw.com".into(),
        "cli",
    )
    .unwrap();
    assert_eq!(
        contacts::by_seq(db.conn(), 1).unwrap().unwrap().email,
        "zhang@hw.com"
    );
    undo_step(&mut db).unwrap();
    assert_eq!(contacts::by_seq(db.conn(), 1).unwrap().unwrap().email, "");
    // A record naming the same number links to the contact added by hand.
    let mut r = Record::new(Kind::Demand, "气体传感器");
    r.org = "汉威科技".into();
    r.contact = "张工".into();
    r.phone = "139 2222 3333".into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    assert_eq!(
        contacts::of_record(db.conn(), r.id).unwrap().unwrap().seq,
        1
    );
    undo_step(&mut db).unwrap();
    assert!(contacts::by_seq(db.conn(), 1).unwrap().is_none());
    // Its record names a person still: one derived again.
    assert_eq!(
        contacts::of_record(db.conn(), r.id).unwrap().unwrap().name,
        "张工"
    );
    db.write(|tx| records::delete(tx, r.id)).unwrap();
    db.write(|tx| orgs::prune(tx)).unwrap();
    // The organisation made for it alone went with it.
    assert!(orgs::list(db.conn(), None).unwrap().is_empty());
}

#[test]
fn the_view_gathers_records_pairs_followups_contacts_and_totals() {
    use crate::domain::{Channel, Money, Stage};
    use crate::pipeline::{Clock, LogRequest, MoveRequest};
    let mut db = Db::open_in_memory().unwrap();
    let d = add(
        &mut db,
        Kind::Demand,
        "4.5μm铜箔表面处理",
        "青海志青电解铜箔有限公司",
    );
    let r = add(&mut db, Kind::Achievement, "铜箔添加剂", "郑州大学");
    let clock = Clock::fixed(jiff::civil::date(2026, 12, 1));
    let pair = crate::pipeline::create_pair(&mut db, &clock, d.code(), r.code(), "").unwrap();
    let mut mv = MoveRequest::new(pair.code(), Stage::Signed);
    mv.amount = Money::from_wan(120);
    mv.signed_on = Some(jiff::civil::date(2026, 12, 1));
    crate::pipeline::move_pair(&mut db, &clock, &mv).unwrap();
    let log = LogRequest {
        pair: pair.code(),
        channel: Channel::Phone,
        note: "确认中试线排期".into(),
        next_action: None,
        next_due: None,
        done: false,
    };
    crate::pipeline::log_followup(&mut db, &clock, &log).unwrap();
    let view = org_view::detail_of(db.conn(), "青海志青电解铜箔").unwrap();
    assert_eq!(view.code, "O1");
    assert_eq!(view.demands.len(), 1);
    assert!(view.results.is_empty());
    assert_eq!(view.pairs.len(), 1);
    assert_eq!(
        (view.pairs[0].stage, view.pairs[0].result.as_str()),
        (Stage::Signed, "铜箔添加剂")
    );
    assert_eq!(view.signed, Money::from_wan(120).unwrap());
    assert_eq!(view.landed, Money::default());
    assert_eq!(view.followups[0].followup.note, "确认中试线排期");
    let by_pair = org_view::detail_for(db.conn(), org_view::OrgOf::Pair(pair.id)).unwrap();
    assert_eq!(by_pair.code, "O1");
    let by_result = org_view::detail_for(db.conn(), org_view::OrgOf::Record(r.id)).unwrap();
    assert_eq!(by_result.region_label, "");
    assert_eq!(by_result.org.name, "郑州大学");
}
