use super::*;
use crate::db::{Db, records};
use crate::domain::Record;

/// One record as imported: kind, title, org, contact, phone, email.
fn add(db: &mut Db, kind: Kind, f: [&str; 5]) -> Record {
    let mut r = Record::new(kind, f[0]);
    r.org = f[1].into();
    r.contact = f[2].into();
    r.phone = f[3].into();
    r.email = f[4].into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    r
}

/// 汉威 (two names, one organisation) with two people, 郑州大学 with one, and a person with
/// no organisation. Returns the records in the order added: D1 (张伟's, with his number),
/// D2 (汉威's, naming nobody), R1 (李娜's at 汉威), R2 (郑州大学's), D3 (赵敏's, no org).
pub(crate) fn fixture(db: &mut Db) -> Vec<Record> {
    let d = Kind::Demand;
    let r = Kind::Achievement;
    vec![
        add(
            db,
            d,
            [
                "气体传感器标定",
                "汉威科技集团股份有限公司",
                "张伟",
                "139-0000-2222",
                "Zhang.Wei@hanwei.com",
            ],
        ),
        add(db, d, ["MEMS 工艺改进", "汉威科技", "", "", ""]),
        add(
            db,
            r,
            ["物联网燃气表", "汉威科技集团", "李娜", "13711113333", ""],
        ),
        add(
            db,
            r,
            ["锂电池回收", "郑州大学", "王强", "0371-6778 1234", ""],
        ),
        add(db, d, ["小型除湿机", "", "赵敏", "135 6666 7777", ""]),
    ]
}

fn codes(db: &Db, l: &Lookup) -> Vec<String> {
    l.records
        .iter()
        .map(|r| {
            let rec = records::get(db.conn(), r.id).unwrap().unwrap();
            rec.code().to_string()
        })
        .collect()
}

#[test]
fn what_a_query_can_ask() {
    let phone = |d: &str| Some(Ask::Phone(d.into()));
    let cases: &[(&str, Option<Ask>)] = &[
        ("13900002222", phone("13900002222")),
        ("139-0000-2222", phone("13900002222")),
        ("+86 139 0000 2222", phone("13900002222")),
        ("(0371) 6778-1234", phone("037167781234")),
        ("１３９００００２２２２", phone("13900002222")),
        ("2222", phone("2222")),
        ("222", None),
        ("c3", Some(Ask::Code(3))),
        ("张伟", Some(Ask::Name("张伟".into()))),
        ("張偉", Some(Ask::Name("张伟".into()))),
        (
            "Zhang.Wei@HanWei.com",
            Some(Ask::Email("zhang.wei@hanwei.com".into())),
        ),
        ("锂电池 回收", None),
        ("'张伟", None),
        ("!张伟", None),
        ("5g", None),
        ("2022 2023", None),
        ("", None),
    ];
    for (q, want) in cases {
        assert_eq!(&Ask::of(q), want, "{q}");
    }
}

#[test]
fn a_number_however_written_finds_the_person_and_the_organisations_records() {
    let mut db = Db::open_in_memory().unwrap();
    let recs = fixture(&mut db);
    for q in [
        "13900002222",
        "139-0000-2222",
        "+86 139 0000 2222",
        "0000-2222",
        "2222",
    ] {
        let l = lookup(db.conn(), q)
            .unwrap()
            .unwrap_or_else(|| panic!("{q}"));
        assert_eq!(l.contacts.len(), 1, "{q}");
        let c = &l.contacts[0];
        assert_eq!(
            (c.contact.name.as_str(), c.contact.code()),
            ("张伟", "C1".into())
        );
        assert_eq!(c.org.as_ref().unwrap().name, "汉威科技集团股份有限公司");
        assert_eq!((c.demands, c.results), (2, 1), "{q}");
        // His own record first, then his organisation's, which do not carry the number.
        assert_eq!(codes(&db, &l)[0], "D1", "{q}");
        let mut rest = codes(&db, &l)[1..].to_vec();
        rest.sort();
        assert_eq!(rest, vec!["D2", "R1"], "{q}");
        assert!(!recs[1].phone.contains("2222"));
        let digits = q.chars().filter(char::is_ascii_digit).count();
        assert_eq!(c.whole, digits >= 11, "{q}");
    }
    assert!(lookup(db.conn(), "4444").unwrap().is_none());
    // Digits that are not a tail of the number find nobody.
    assert!(lookup(db.conn(), "1390000").unwrap().is_none());
}

#[test]
fn a_name_an_email_or_a_code_finds_the_contact() {
    let mut db = Db::open_in_memory().unwrap();
    fixture(&mut db);
    let who = |q: &str| -> Vec<String> {
        lookup(db.conn(), q)
            .unwrap()
            .map(|l| l.contacts.iter().map(|c| c.contact.name.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(who("张伟"), vec!["张伟"]);
    assert_eq!(who("張偉"), vec!["张伟"]);
    assert_eq!(who("王强"), vec!["王强"]);
    assert_eq!(who("zhang.wei@hanwei.com"), vec!["张伟"]);
    assert_eq!(who("ZHANG.WEI@"), vec!["张伟"], "the beginning of an email");
    assert_eq!(who("c2"), vec!["李娜"]);
    // One character is a surname: nobody is called just 张.
    assert!(who("张").is_empty());
    assert!(who("锂电池").is_empty());
}

#[test]
fn a_contact_with_no_organisation_reaches_its_own_records() {
    let mut db = Db::open_in_memory().unwrap();
    fixture(&mut db);
    let l = lookup(db.conn(), "7777").unwrap().unwrap();
    assert_eq!(l.contacts[0].contact.name, "赵敏");
    assert!(l.contacts[0].org.is_none());
    assert_eq!(l.contacts[0].org_code(), None);
    assert_eq!(codes(&db, &l), vec!["D3"]);
}

#[test]
fn many_contacts_show_the_first_few_and_count_the_rest() {
    let mut db = Db::open_in_memory().unwrap();
    for i in 0..(MAX_CONTACTS + 2) {
        let phone = format!("13{i}00000099");
        let org = format!("单位{i}");
        add(&mut db, Kind::Demand, ["需求", &org, "某人", &phone, ""]);
    }
    let l = lookup(db.conn(), "99").unwrap();
    assert!(l.is_none(), "two digits are not a tail");
    let l = lookup(db.conn(), "0099").unwrap().unwrap();
    assert_eq!((l.contacts.len(), l.more), (MAX_CONTACTS, 2));
    assert_eq!(l.records.len(), MAX_CONTACTS);
    assert!(l.records.iter().enumerate().all(|(i, r)| r.via == i));
}

#[test]
fn the_tail_is_found_through_its_index() {
    let db = Db::open_in_memory().unwrap();
    let plan: Vec<String> = db
        .sqlite()
        .unwrap()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT contact_id FROM contact_phone \
             WHERE substr(digits, -4) = '2222' AND substr(digits, -8) = '00002222'",
        )
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter().any(|p| p.contains("contact_phone_tail")),
        "{plan:?}"
    );
}
