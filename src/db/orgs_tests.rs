use super::*;
use crate::db::{Db, records};
use crate::domain::{Kind, Record};

fn add(db: &mut Db, kind: Kind, title: &str, org: &str, f: impl FnOnce(&mut Record)) -> Record {
    let mut r = Record::new(kind, title);
    r.org = org.into();
    f(&mut r);
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    r
}

#[test]
fn records_of_one_organisation_under_its_written_forms_share_it() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(
        &mut db,
        Kind::Achievement,
        "锂电池负极",
        "鄭州大學",
        |r| {
            r.region = "河南省鄭州市".into();
        },
    );
    let b = add(&mut db, Kind::Achievement, "铜箔", "郑州大学", |_| {});
    let c = add(
        &mut db,
        Kind::Demand,
        "电解液",
        "漢威科技集團股份有限公司",
        |_| {},
    );
    let d = add(&mut db, Kind::Demand, "传感器", "汉威科技集团", |_| {});
    add(&mut db, Kind::Demand, "无单位", "", |_| {});
    let zz = of_record(db.conn(), a.id).unwrap().unwrap();
    assert_eq!(of_record(db.conn(), b.id).unwrap().unwrap().id, zz.id);
    assert_eq!(zz.name, "鄭州大學", "the first text met names it");
    assert_eq!(zz.kind, OrgKind::University);
    assert_eq!(zz.region, "河南省鄭州市");
    let hw = of_record(db.conn(), c.id).unwrap().unwrap();
    assert_eq!(of_record(db.conn(), d.id).unwrap().unwrap().id, hw.id);
    assert_eq!(hw.kind, OrgKind::Enterprise);
    assert_eq!(record_ids(db.conn(), zz.id).unwrap(), vec![a.id, b.id]);
    let listed = list(db.conn(), None).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        (listed[0].org.code(), listed[0].results),
        ("O1".to_string(), 2)
    );
    assert_eq!(
        list(db.conn(), Some(OrgKind::Enterprise)).unwrap()[0].demands,
        2
    );
    // The records keep their text.
    assert_eq!(
        records::get(db.conn(), a.id).unwrap().unwrap().org,
        "鄭州大學"
    );
}

#[test]
fn an_edited_org_text_moves_the_record_and_a_deleted_record_leaves_no_shell() {
    let mut db = Db::open_in_memory().unwrap();
    let mut a = add(&mut db, Kind::Demand, "铜箔", "甲公司", |_| {});
    let first = of_record(db.conn(), a.id).unwrap().unwrap();
    a.org = "乙科技有限公司".into();
    db.write(|tx| records::update(tx, &mut a)).unwrap();
    let now = of_record(db.conn(), a.id).unwrap().unwrap();
    assert_ne!(now.id, first.id);
    assert_eq!(now.name, "乙科技有限公司");
    crate::pipeline::delete_record(&mut db, a.id, None, "cli").unwrap();
    assert!(list(db.conn(), None).unwrap().is_empty());
}

#[test]
#[allow(clippy::many_single_char_names, reason = "records a to g, in order")]
fn contacts_are_one_person_per_phone_or_email() {
    let mut db = Db::open_in_memory().unwrap();
    let a = add(&mut db, Kind::Demand, "铜箔", "汉威科技", |r| {
        r.contact = "张工".into();
        r.phone = "139-2222-3333".into();
    });
    // Same number written otherwise, and the email added: the same person.
    let b = add(
        &mut db,
        Kind::Demand,
        "传感器",
        "汉威科技集团",
        |r| {
            r.contact = "張工".into();
            r.phone = "+86 139 2222 3333".into();
            r.email = "Zhang@hanwei.com".into();
        },
    );
    // Same email, no name: the same person.
    let c = add(&mut db, Kind::Demand, "气体检测", "汉威科技", |r| {
        r.email = "zhang@HANWEI.com".into();
    });
    // A switchboard shared with someone else: another person.
    let d = add(&mut db, Kind::Demand, "仪表", "汉威科技", |r| {
        r.contact = "李四".into();
        r.phone = "13922223333".into();
    });
    // A result's lead, named only: one person at that institution across results.
    let e = add(&mut db, Kind::Achievement, "负极", "郑州大学", |r| {
        r.lead = "王教授".into();
    });
    let f = add(&mut db, Kind::Achievement, "正极", "鄭州大學", |r| {
        r.lead = "王教授".into();
    });
    let g = add(&mut db, Kind::Achievement, "隔膜", "河南大学", |r| {
        r.lead = "王教授".into();
    });
    let who = |id| {
        crate::db::contacts::of_record(db.conn(), id)
            .unwrap()
            .unwrap()
    };
    let zhang = who(a.id);
    assert_eq!(who(b.id).id, zhang.id);
    assert_eq!(who(c.id).id, zhang.id);
    assert_ne!(who(d.id).id, zhang.id);
    assert_eq!(zhang.phones, vec!["139-2222-3333"]);
    assert_eq!(zhang.email, "Zhang@hanwei.com");
    assert_eq!(who(e.id).id, who(f.id).id);
    assert_ne!(who(e.id).id, who(g.id).id);
    assert_eq!(who(e.id).role, "负责人");
    assert_eq!(crate::db::contacts::all(db.conn()).unwrap().len(), 4);
    let found = crate::db::contacts::lookup(db.conn(), "2222 3333", 10).unwrap();
    assert_eq!(found.len(), 2);
    let book = crate::db::contacts::phone_book(db.conn()).unwrap();
    let z = book.iter().find(|x| x.contact_id == zhang.id).unwrap();
    assert_eq!(z.digits, vec!["13922223333"]);
    // Reached through the organisation too: d's record.
    assert!(z.record_ids.contains(&a.id) && z.record_ids.contains(&d.id));
}

/// A database as version 7 (the one before organisations) left it, with records, is upgraded with its organisations and
/// contacts derived.
#[test]
fn the_migration_derives_organisations_and_contacts_of_a_database_from_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v7.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        for m in &crate::db::MIGRATIONS[..7] {
            c.execute_batch(m.sql).unwrap();
        }
        c.pragma_update(None, "application_id", crate::db::APPLICATION_ID)
            .unwrap();
        c.pragma_update(None, "user_version", 7).unwrap();
        c.execute_batch(
            "INSERT INTO record (kind, seq, title, org, region, contact, phone, created_at, \
             updated_at) VALUES \
             ('demand', 1, '铜箔', '漢威科技集團股份有限公司', '河南鄭州', '张工', '13922223333', 't', 't'), \
             ('demand', 2, '传感器', '汉威科技集团', '', '张工', '139 2222 3333', 't', 't'), \
             ('result', 1, '负极', '郑州大学', '河南省郑州市', '', '', 't', 't'); \
             UPDATE code_seq SET next = 3 WHERE kind = 'demand'; \
             UPDATE code_seq SET next = 2 WHERE kind = 'result';",
        )
        .unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), crate::db::SCHEMA_VERSION);
    let all = list(db.conn(), None).unwrap();
    let names: Vec<(&str, i64, i64)> = all
        .iter()
        .map(|o| (o.org.name.as_str(), o.demands, o.results))
        .collect();
    assert_eq!(
        names,
        vec![("漢威科技集團股份有限公司", 2, 0), ("郑州大学", 0, 1)]
    );
    assert_eq!(
        crate::domain::org::region_label(&all[0].org.region),
        "河南 · 郑州"
    );
    assert_eq!(crate::db::contacts::all(db.conn()).unwrap().len(), 1);
    // Codes go on from there.
    let mut r = Record::new(Kind::Demand, "新需求");
    r.org = "宇通客车股份有限公司".into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    assert_eq!(of_record(db.conn(), r.id).unwrap().unwrap().code(), "O3");
}
