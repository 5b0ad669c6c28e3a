//! Unit tests of the record queries: codes, upserts.

use super::*;
use crate::db::Db;
use crate::domain::{Kind, Record};

#[test]
fn codes_count_per_kind_and_are_never_reused() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    let mut d1 = Record::new(Kind::Demand, "铜箔");
    let mut r1 = Record::new(Kind::Achievement, "硅碳负极");
    let mut d2 = Record::new(Kind::Demand, "压铸");
    insert(c, &mut d1).unwrap();
    insert(c, &mut r1).unwrap();
    insert(c, &mut d2).unwrap();
    assert_eq!(d1.code().to_string(), "D1");
    assert_eq!(r1.code().to_string(), "R1");
    assert_eq!(d2.code().to_string(), "D2");
    delete(c, d2.id).unwrap();
    let mut d3 = Record::new(Kind::Demand, "新的");
    insert(c, &mut d3).unwrap();
    assert_eq!(d3.code().to_string(), "D3");
    let got = get_by_code(c, "d1".parse().unwrap()).unwrap();
    assert_eq!(got.title, "铜箔");
}

#[test]
fn upsert_matches_on_ext_id_then_title_and_org() {
    let db = Db::open_in_memory().unwrap();
    let c = db.conn();
    let mut a = Record::new(Kind::Achievement, "鋰電池負極");
    a.org = "鄭州大學".into();
    assert_eq!(upsert(c, &mut a.clone()).unwrap(), RecordWrite::Added);
    assert_eq!(upsert(c, &mut a.clone()).unwrap(), RecordWrite::Unchanged);
    // Same title and org in the other script and other spacing: the same record.
    let mut b = Record::new(Kind::Achievement, "锂电池 负极");
    b.org = "郑州大学".into();
    assert_eq!(upsert(c, &mut b).unwrap(), RecordWrite::Updated);
    assert_eq!(count(c, Kind::Achievement).unwrap(), 1);
    let mut e = Record::new(Kind::Achievement, "another title");
    e.ext_id = "X1".into();
    upsert(c, &mut e.clone()).unwrap();
    e.title = "renamed".into();
    assert_eq!(upsert(c, &mut e).unwrap(), RecordWrite::Updated);
    assert_eq!(count(c, Kind::Achievement).unwrap(), 2);
}
