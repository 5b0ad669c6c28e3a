//! The store suite for organisations and contacts (`db::orgs`, `db::contacts`, `db::links`):
//! each test runs on an in-memory SQLite database and, when `DUIJIE_TEST_PG` names a server,
//! on PostgreSQL in a schema of its own (see `common::engines`).

mod common;

use common::engines::engines;
use duijie::db::engine::Store;
use duijie::db::{DbResult, contacts, links, orgs, rev};
use duijie::domain::contact::Contact;
use duijie::domain::org::{Org, OrgKind, org_key};
use duijie::domain::{Kind, Record};
use duijie::store::Sql;

const NOW: &str = "2026-12-02T09:00:00Z";

/// A record stored with portable SQL (the records module is another's to move), not yet
/// linked: `org`, `contact` and `phone` as a broker's sheet gives them.
fn stored(s: &dyn Sql, kind: Kind, title: &str, org: &str, contact: &str, phone: &str) -> Record {
    let seq: i64 = s
        .query_one(
            "SELECT count(*) + 1 FROM record WHERE kind = ?1",
            &[&kind.as_str()],
        )
        .unwrap()
        .get(0)
        .unwrap();
    let rev = rev::stamp(s).unwrap();
    let id = s
        .insert(
            "INSERT INTO record (kind, seq, title, org, contact, phone, created_at, updated_at, \
             rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            &[
                &kind.as_str(),
                &seq,
                &title,
                &org,
                &contact,
                &phone,
                &NOW,
                &rev,
            ],
        )
        .unwrap();
    let mut r = Record::new(kind, title);
    r.id = id;
    r.org = org.into();
    r.contact = contact.into();
    r.phone = phone.into();
    r
}

/// A record stored and linked, as every record write does.
fn linked(store: &mut Store, kind: Kind, title: &str, org: &str, who: &str, phone: &str) -> Record {
    store
        .write(|s| {
            let r = stored(s, kind, title, org, who, phone);
            links::link_record(s, &r)?;
            Ok(r)
        })
        .unwrap()
}

fn org_of(store: &Store, record: &Record) -> Org {
    orgs::of_record(store.sql(), record.id).unwrap().unwrap()
}

fn contact_of(store: &Store, record: &Record) -> Contact {
    contacts::of_record(store.sql(), record.id)
        .unwrap()
        .unwrap()
}

#[test]
fn an_organisation_is_made_once_and_found_by_any_written_form() {
    for mut store in engines("orgs_found") {
        let be = store.backend();
        let (first, again) = store
            .write(|s| {
                let a = orgs::ensure(s, "鄭州大學", "河南省鄭州市")?.unwrap();
                let b = orgs::ensure(s, "郑州大学", "")?.unwrap();
                Ok((a, b))
            })
            .unwrap();
        assert_eq!(
            first, again,
            "{be:?}: Traditional and Simplified are one organisation"
        );
        let sql = store.sql();
        let zz = orgs::get(sql, first.0).unwrap().unwrap();
        assert_eq!(zz.code(), "O1");
        assert_eq!(zz.name, "鄭州大學", "the first text met names it");
        assert_eq!(zz.kind, OrgKind::University);
        assert_eq!(zz.region, "河南省鄭州市");
        assert!(zz.auto, "derived, not the broker's");
        assert_eq!(orgs::by_seq(sql, 1).unwrap(), Some(zz.clone()));
        assert_eq!(
            orgs::by_key(sql, &org_key("郑州大学")).unwrap(),
            Some(zz.clone())
        );
        assert_eq!(orgs::find(sql, "鄭州大學", 6).unwrap(), vec![zz.clone()]);
        // A part of the name finds it, and only it.
        store
            .write(|s| orgs::ensure(s, "汉威科技集团股份有限公司", ""))
            .unwrap();
        let sql = store.sql();
        assert_eq!(
            orgs::find(sql, "郑州", 6).unwrap(),
            vec![zz.clone()],
            "{be:?}"
        );
        assert!(orgs::find(sql, "西安", 6).unwrap().is_empty());
        assert!(orgs::find(sql, "  ", 6).unwrap().is_empty());
        assert_eq!(
            orgs::keys_of(sql, zz.id).unwrap(),
            vec![org_key("郑州大学")]
        );
        // Nothing holds either organisation yet and the broker made neither: the list is
        // empty until the broker keeps one.
        assert!(orgs::list(sql, None).unwrap().is_empty(), "{be:?}");
        let mut kept = zz.clone();
        kept.auto = false;
        kept.note = "电气学院 对接人".into();
        store.write(|s| orgs::update(s, &kept)).unwrap();
        let listed = orgs::list(store.sql(), Some(OrgKind::University)).unwrap();
        assert_eq!(listed.len(), 1, "{be:?}");
        assert_eq!((listed[0].code.as_str(), &listed[0].org), ("O1", &kept));
        assert!(
            orgs::list(store.sql(), Some(OrgKind::Enterprise))
                .unwrap()
                .is_empty()
        );
        // A name is required; an unknown organisation is reported by code.
        let mut nameless = kept.clone();
        nameless.name = " ".into();
        assert!(store.write(|s| orgs::update(s, &nameless)).is_err());
        let mut gone = kept.clone();
        gone.id = 999;
        gone.seq = 999;
        let err = store.write(|s| orgs::update(s, &gone)).unwrap_err();
        assert!(err.to_string().contains("O999"), "{be:?}: {err}");
    }
}

#[test]
fn a_contact_with_a_phone_is_saved_and_looked_up_by_its_number() {
    for mut store in engines("orgs_contact") {
        let be = store.backend();
        let c = store
            .write(|s| {
                let (org, _) = orgs::ensure(s, "汉威科技集团股份有限公司", "河南郑州")?.unwrap();
                let mut c = Contact {
                    name: "张工".into(),
                    phones: vec!["139-2222-3333".into(), "0371-6789 0000".into()],
                    email: "Zhang@Hanwei.com".into(),
                    org_id: Some(org),
                    role: "总工".into(),
                    ..Contact::default()
                };
                contacts::insert(s, &mut c)?;
                Ok(c)
            })
            .unwrap();
        let sql = store.sql();
        let back = contacts::get(sql, c.id).unwrap().unwrap();
        assert_eq!(back, c, "{be:?}: saved and read back equal");
        assert_eq!(back.code(), "C1");
        assert_eq!(contacts::by_seq(sql, 1).unwrap(), Some(c.clone()));
        assert_eq!(
            contacts::of_org(sql, c.org_id.unwrap()).unwrap(),
            vec![c.clone()]
        );
        // Whom a caller from 139…3333 is: by the whole number, its tail, the code, the
        // email in any case, or part of the name in the other script.
        for q in ["13922223333", "2222 3333", "C1", "zhang@hanwei.COM", "張"] {
            assert_eq!(
                contacts::lookup(sql, q, 10).unwrap(),
                vec![c.clone()],
                "{be:?} {q}"
            );
        }
        assert!(contacts::lookup(sql, "4444", 10).unwrap().is_empty());
        // A second person; every contact comes back with its own phones, in order.
        let mut li = Contact {
            name: "李四".into(),
            phones: vec!["186 0000 1111".into()],
            ..Contact::default()
        };
        store.write(|s| contacts::insert(s, &mut li)).unwrap();
        let everyone = contacts::all(store.sql()).unwrap();
        assert_eq!(everyone, vec![c.clone(), li.clone()], "{be:?}");
        // An edit rewrites the phones; a bad number is refused with its text.
        let mut edited = c.clone();
        edited.phones = vec!["0371-6789 0000".into()];
        store.write(|s| contacts::update(s, &edited)).unwrap();
        assert_eq!(
            contacts::get(store.sql(), c.id).unwrap(),
            Some(edited.clone())
        );
        assert!(
            contacts::lookup(store.sql(), "2222 3333", 10)
                .unwrap()
                .is_empty()
        );
        let mut bad = edited.clone();
        bad.phones = vec!["电话待补".into()];
        let err = store.write(|s| contacts::update(s, &bad)).unwrap_err();
        assert!(err.to_string().contains("电话待补"), "{err}");
        assert_eq!(contacts::get(store.sql(), c.id).unwrap(), Some(edited));
    }
}

#[test]
#[allow(
    clippy::many_single_char_names,
    reason = "records a, b, c and r, in order"
)]
fn records_are_linked_to_their_organisation_and_the_one_person_they_name() {
    for mut store in engines("orgs_links") {
        let be = store.backend();
        let a = linked(
            &mut store,
            Kind::Demand,
            "铜箔",
            "漢威科技集團股份有限公司",
            "张工",
            "139-2222-3333",
        );
        // The same number written otherwise, the name in the other script: the same person.
        let b = linked(
            &mut store,
            Kind::Demand,
            "传感器",
            "汉威科技集团",
            "張工",
            "+86 139 2222 3333",
        );
        // A switchboard shared with someone else: another person.
        let c = linked(
            &mut store,
            Kind::Demand,
            "仪表",
            "汉威科技",
            "李四",
            "13922223333",
        );
        let r = linked(&mut store, Kind::Achievement, "负极", "郑州大学", "", "");
        let hw = org_of(&store, &a);
        assert_eq!(org_of(&store, &b).id, hw.id, "{be:?}");
        assert_eq!(org_of(&store, &c).id, hw.id);
        assert_eq!(hw.kind, OrgKind::Enterprise);
        let zhang = contact_of(&store, &a);
        assert_eq!(contact_of(&store, &b).id, zhang.id, "{be:?}");
        assert_ne!(contact_of(&store, &c).id, zhang.id);
        assert_eq!(zhang.org_id, Some(hw.id));
        assert_eq!(
            zhang.phones,
            vec!["139-2222-3333"],
            "one number, kept as first written"
        );
        assert!(
            contacts::of_record(store.sql(), r.id).unwrap().is_none(),
            "names nobody"
        );
        let sql = store.sql();
        assert_eq!(
            orgs::record_ids(sql, hw.id).unwrap(),
            vec![a.id, b.id, c.id]
        );
        assert_eq!(
            contacts::record_ids(sql, zhang.id).unwrap(),
            vec![a.id, b.id]
        );
        let counts: Vec<(String, i64, i64, i64)> = orgs::list(sql, None)
            .unwrap()
            .into_iter()
            .map(|o| (o.org.name, o.demands, o.results, o.contacts))
            .collect();
        assert_eq!(
            counts,
            vec![
                ("漢威科技集團股份有限公司".to_string(), 3, 0, 2),
                ("郑州大学".to_string(), 0, 1, 0)
            ],
            "{be:?}"
        );
        let book = contacts::phone_book(sql).unwrap();
        let z = book.iter().find(|e| e.contact_id == zhang.id).unwrap();
        assert_eq!(z.digits, vec!["13922223333"]);
        assert_eq!(
            z.record_ids,
            vec![a.id, b.id, c.id],
            "its own, then its organisation's"
        );
        // Linking again changes nothing; an edited org text moves the record.
        store.write(|s| links::link_record(s, &a)).unwrap();
        assert_eq!(org_of(&store, &a).id, hw.id);
        let mut moved = b.clone();
        moved.org = "宇通客车股份有限公司".into();
        store.write(|s| links::link_record(s, &moved)).unwrap();
        let yutong = org_of(&store, &moved);
        assert_ne!(yutong.id, hw.id, "{be:?}");
        assert_eq!(yutong.code(), "O3");
        assert_eq!(
            orgs::record_ids(store.sql(), hw.id).unwrap(),
            vec![a.id, c.id]
        );
        // A record whose org and contact are cleared belongs to neither.
        let mut bare = c.clone();
        bare.org.clear();
        bare.contact.clear();
        bare.phone.clear();
        store.write(|s| links::link_record(s, &bare)).unwrap();
        assert!(orgs::of_record(store.sql(), c.id).unwrap().is_none());
        assert!(contacts::of_record(store.sql(), c.id).unwrap().is_none());
    }
}

/// Merges `from` into `into` as `pipeline::orgs::merge` does, from the module's steps.
fn merge(s: &dyn Sql, into: &Org, from: &Org) -> DbResult<(Vec<String>, Vec<i64>)> {
    let keys = orgs::keys_of(s, from.id)?;
    let people: Vec<i64> = contacts::of_org(s, from.id)?.iter().map(|c| c.id).collect();
    orgs::move_keys(s, &keys, into.id)?;
    contacts::set_org(s, &people, Some(into.id))?;
    orgs::delete(s, from.id)?;
    let mut kept = into.clone();
    kept.auto = false;
    orgs::update(s, &kept)?;
    Ok((keys, people))
}

#[test]
fn a_merge_moves_names_records_and_people_and_comes_back_under_its_code() {
    for mut store in engines("orgs_merge") {
        let be = store.backend();
        let a = linked(
            &mut store,
            Kind::Achievement,
            "锂电池负极",
            "西安交通大学",
            "王教授",
            "029-8266 8888",
        );
        let b = linked(
            &mut store,
            Kind::Achievement,
            "电解铜箔",
            "西安交大",
            "刘老师",
            "13700001111",
        );
        let (into, from) = (org_of(&store, &a), org_of(&store, &b));
        assert_ne!(into.id, from.id, "{be:?}: two organisations until merged");
        let (keys, people) = store.write(|s| merge(s, &into, &from)).unwrap();
        assert_eq!(keys, vec![org_key("西安交大")]);
        let sql = store.sql();
        assert_eq!(
            org_of(&store, &b).id,
            into.id,
            "{be:?}: the record follows its name"
        );
        assert_eq!(orgs::get(sql, from.id).unwrap(), None);
        assert_eq!(orgs::by_key(sql, &keys[0]).unwrap().unwrap().id, into.id);
        assert_eq!(contact_of(&store, &b).org_id, Some(into.id));
        assert_eq!(orgs::record_ids(sql, into.id).unwrap(), vec![a.id, b.id]);
        let listed = orgs::list(sql, None).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!((listed[0].results, listed[0].contacts), (2, 2), "{be:?}");
        // Undone: the organisation comes back with its id, code and names.
        store
            .write(|s| {
                let mut back = from.clone();
                orgs::insert(s, &mut back, &keys)?;
                contacts::set_org(s, &people, Some(from.id))?;
                orgs::update(s, &into)
            })
            .unwrap();
        assert_eq!(
            orgs::get(store.sql(), from.id).unwrap().unwrap().code(),
            from.code()
        );
        assert_eq!(org_of(&store, &b).id, from.id, "{be:?}");
        assert_eq!(contact_of(&store, &b).org_id, Some(from.id));
        // A new organisation after that takes a fresh id and code on either engine.
        let (fresh, _) = store
            .write(|s| Ok(orgs::ensure(s, "中国科学院金属研究所", "")?.unwrap()))
            .unwrap();
        let fresh = orgs::get(store.sql(), fresh).unwrap().unwrap();
        assert!(
            fresh.id > from.id && fresh.code() == "O3",
            "{be:?}: {fresh:?}"
        );
        assert_eq!(fresh.kind, OrgKind::Institute);
    }
}

#[test]
fn a_rename_adds_the_new_name_and_taking_it_back_drops_it() {
    for mut store in engines("orgs_rename") {
        let be = store.backend();
        let a = linked(&mut store, Kind::Demand, "气体检测", "汉威科技", "", "");
        let org = org_of(&store, &a);
        let new_key = org_key("汉威电子");
        let mut renamed = org.clone();
        renamed.name = "汉威电子".into();
        renamed.auto = false;
        store
            .write(|s| {
                orgs::move_keys(s, std::slice::from_ref(&new_key), org.id)?;
                orgs::update(s, &renamed)
            })
            .unwrap();
        // A record naming it the new way belongs to it too.
        let b = linked(
            &mut store,
            Kind::Demand,
            "传感器",
            "汉威电子有限公司",
            "",
            "",
        );
        assert_eq!(org_of(&store, &b), renamed, "{be:?}");
        assert_eq!(
            orgs::find(store.sql(), "汉威电子", 6).unwrap(),
            vec![renamed.clone()]
        );
        store
            .write(|s| {
                orgs::drop_key(s, &new_key)?;
                orgs::update(s, &org)
            })
            .unwrap();
        assert_eq!(orgs::get(store.sql(), org.id).unwrap(), Some(org.clone()));
        assert_eq!(
            orgs::keys_of(store.sql(), org.id).unwrap(),
            vec![org_key("汉威科技")]
        );
        assert!(
            orgs::by_key(store.sql(), &new_key).unwrap().is_none(),
            "{be:?}"
        );
    }
}

#[test]
fn deleting_a_contact_or_an_organisation_unlinks_and_prune_sweeps_what_was_derived() {
    for mut store in engines("orgs_delete") {
        let be = store.backend();
        let a = linked(
            &mut store,
            Kind::Demand,
            "铜箔",
            "甲科技有限公司",
            "张工",
            "13922223333",
        );
        let b = linked(
            &mut store,
            Kind::Demand,
            "电池",
            "乙公司",
            "李工",
            "13800001111",
        );
        let (zhang, jia) = (contact_of(&store, &a), org_of(&store, &a));
        store.write(|s| contacts::delete(s, zhang.id)).unwrap();
        assert!(
            contacts::of_record(store.sql(), a.id).unwrap().is_none(),
            "{be:?}"
        );
        assert!(contacts::get(store.sql(), zhang.id).unwrap().is_none());
        // Deleting an organisation drops its names; its people stay, with none.
        let li = contact_of(&store, &b);
        let yi = org_of(&store, &b);
        store.write(|s| orgs::delete(s, yi.id)).unwrap();
        assert!(orgs::of_record(store.sql(), b.id).unwrap().is_none());
        assert!(orgs::keys_of(store.sql(), yi.id).unwrap().is_empty());
        assert_eq!(
            contacts::get(store.sql(), li.id).unwrap().unwrap().org_id,
            None,
            "{be:?}"
        );
        // Records stay as typed: neither deletion touches them, nor leaves a tombstone of
        // a record (organisations and contacts have none; the desk reloads them).
        let titles: i64 = store
            .sql()
            .query_one("SELECT count(*) FROM record", &[])
            .unwrap()
            .get(0)
            .unwrap();
        let stones: i64 = store
            .sql()
            .query_one("SELECT count(*) FROM record_gone", &[])
            .unwrap()
            .get(0)
            .unwrap();
        assert_eq!((titles, stones), (2, 0), "{be:?}");
        // Once record a is gone, its derived organisation has nothing left and goes; the
        // contact of b (derived, still linked) stays.
        store
            .write(|s| {
                s.execute("DELETE FROM record WHERE id = ?1", &[&a.id])?;
                orgs::prune(s)
            })
            .unwrap();
        assert!(orgs::get(store.sql(), jia.id).unwrap().is_none(), "{be:?}");
        assert!(contacts::get(store.sql(), li.id).unwrap().is_some());
        store
            .write(|s| {
                s.execute("DELETE FROM record WHERE id = ?1", &[&b.id])?;
                orgs::prune(s)
            })
            .unwrap();
        assert!(contacts::all(store.sql()).unwrap().is_empty(), "{be:?}");
    }
}

#[test]
fn backfill_derives_the_organisations_of_records_stored_before_them() {
    for mut store in engines("orgs_backfill") {
        let be = store.backend();
        let recs = store
            .write(|s| {
                Ok([
                    stored(
                        s,
                        Kind::Demand,
                        "铜箔",
                        "漢威科技集團股份有限公司",
                        "张工",
                        "13922223333",
                    ),
                    stored(
                        s,
                        Kind::Demand,
                        "传感器",
                        "汉威科技集团",
                        "张工",
                        "139 2222 3333",
                    ),
                    stored(s, Kind::Achievement, "负极", "郑州大学", "", ""),
                ])
            })
            .unwrap();
        assert!(orgs::of_record(store.sql(), recs[0].id).unwrap().is_none());
        store.write(|s| links::backfill(s)).unwrap();
        let names: Vec<(String, i64, i64)> = orgs::list(store.sql(), None)
            .unwrap()
            .into_iter()
            .map(|o| (o.org.name, o.demands, o.results))
            .collect();
        assert_eq!(
            names,
            vec![
                ("漢威科技集團股份有限公司".to_string(), 2, 0),
                ("郑州大学".to_string(), 0, 1)
            ],
            "{be:?}"
        );
        assert_eq!(contacts::all(store.sql()).unwrap().len(), 1);
        assert_eq!(
            contact_of(&store, &recs[1]).id,
            contact_of(&store, &recs[0]).id
        );
    }
}
