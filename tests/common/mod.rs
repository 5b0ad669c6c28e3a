//! Helpers shared by integration tests.

#![allow(dead_code, reason = "each test binary uses a different subset")]

pub mod engines;
pub mod pty;

use std::path::Path;

use duijie::db::{Db, records};
use duijie::domain::{Kind, Record};

/// Records with Chinese, Traditional and ASCII text, for screens and searches.
pub fn sample_records() -> Vec<Record> {
    let r = |kind, title: &str, org: &str, field: &str, region: &str| {
        let mut r = Record::new(kind, title);
        r.org = org.into();
        r.field = field.into();
        r.region = region.into();
        r
    };
    let mut v = vec![
        r(
            Kind::Demand,
            "4.5μm 极薄铜箔量产工艺",
            "河南华锂新能源有限公司",
            "锂电",
            "河南",
        ),
        r(
            Kind::Demand,
            "高原特色中药材提取与质量标准研究项目攻关",
            "云南白草生物科技股份有限公司",
            "高原特色生物",
            "云南",
        ),
        r(
            Kind::Demand,
            "AI vision QC for die casting",
            "重庆长安精密压铸厂",
            "人工智能",
            "重庆",
        ),
        r(
            Kind::Demand,
            "光伏组件背板耐候性提升",
            "隆基绿能（西安）",
            "光伏",
            "陕西",
        ),
        r(
            Kind::Achievement,
            "钛合金增材制造与热处理",
            "西安交通大学",
            "新材料",
            "陕西",
        ),
        r(
            Kind::Achievement,
            "鋰電池矽碳負極材料",
            "鄭州大學",
            "锂电",
            "河南",
        ),
        r(
            Kind::Achievement,
            "机器视觉缺陷检测平台",
            "中国科学院自动化研究所",
            "人工智能",
            "北京",
        ),
    ];
    v[0].budget = duijie::domain::Money::parse("300.0").unwrap();
    v[0].contact = "王经理".into();
    v[0].description =
        "需要稳定量产 4.5 微米双面光铜箔，抗拉强度不低于 300 MPa，良率 95% 以上。".into();
    v[4].lead = "张教授".into();
    v[4].maturity = "中试".into();
    v[4].modes = "许可, 合作开发".into();
    v
}

/// Writes `recs` into a new database file at `path`; returns them with ids and codes.
pub fn write_db(path: &Path, recs: &[Record]) -> Vec<Record> {
    let mut db = Db::open(path).expect("open db");
    db.write(|tx| {
        recs.iter()
            .map(|r| {
                let mut r = r.clone();
                records::insert(tx, &mut r)?;
                Ok(r)
            })
            .collect::<Result<Vec<_>, duijie::db::DbError>>()
    })
    .expect("insert records")
}

/// The built-in demo data (assets/demo) seeded on `clock`'s day, in memory, so figures and
/// screens drawn from it are the same on every run.
pub fn demo_at(clock: &duijie::pipeline::Clock) -> Db {
    use duijie::import::{ImportOptions, import_bytes};
    let mut db = Db::open_in_memory().unwrap();
    let opts = ImportOptions {
        no_undo: true,
        ..ImportOptions::default()
    };
    let d = include_bytes!("../../assets/demo/demands.csv");
    let r = include_bytes!("../../assets/demo/results.csv");
    import_bytes(&mut db, Kind::Demand, "demands.csv", d, &opts).unwrap();
    import_bytes(&mut db, Kind::Achievement, "results.csv", r, &opts).unwrap();
    let pairs = include_str!("../../assets/demo/pairs.json");
    duijie::pipeline::demo::seed_at(&mut db, clock, pairs).unwrap();
    db
}
