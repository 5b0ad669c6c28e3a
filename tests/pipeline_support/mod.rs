//! Shared set-up for the pipeline tests: an in-memory database with a few CJK records.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the support"
)]

use duijie::db::{Db, records};
use duijie::domain::{Code, Kind, Record};
use duijie::pipeline::Clock;
use jiff::civil::{Date, date};

pub const DAY0: Date = date(2026, 11, 18);

pub fn clock(d: Date) -> Clock {
    Clock::fixed(d)
}

/// The fixed clock `n` days after [`DAY0`].
pub fn day(n: i64) -> Clock {
    Clock::fixed(DAY0).shifted(-n, 0)
}

pub fn record(db: &Db, kind: Kind, title: &str, org: &str, ext_id: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.org = org.into();
    r.ext_id = ext_id.into();
    records::insert(db.conn(), &mut r).unwrap();
    r
}

/// D1–D3 and R1–R3.
pub fn seeded() -> Db {
    let db = Db::open_in_memory().unwrap();
    record(
        &db,
        Kind::Demand,
        "4.5μm 极薄铜箔量产工艺",
        "江西铜博科技有限公司",
        "XQ-1",
    );
    record(
        &db,
        Kind::Demand,
        "铝镁合金压铸件气孔缺陷",
        "宁波压铸厂",
        "XQ-2",
    );
    record(&db, Kind::Demand, "光伏组件回收", "晶科回收", "XQ-3");
    record(
        &db,
        Kind::Achievement,
        "超薄电解铜箔添加剂",
        "鄭州大學",
        "CG-1",
    );
    record(
        &db,
        Kind::Achievement,
        "真空压铸排气技术",
        "重庆大学",
        "CG-2",
    );
    record(
        &db,
        Kind::Achievement,
        "硅片无损拆解",
        "西安交通大学",
        "CG-3",
    );
    db
}

pub fn code(s: &str) -> Code {
    s.parse().unwrap()
}
