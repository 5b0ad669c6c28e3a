//! Export of records, pairs and follow-ups as CSV, JSON or XLSX.
//!
//! Record exports use the Chinese headers import recognises, and each key of `extra` becomes
//! its own column, so exporting and importing into an empty database gives the same records.
//!
//! The sheets are read through the store interface ([`Sql`]): the same from a file or from
//! the shared database.

pub mod book;
pub mod table;

use crate::db::{DbResult, RecordFilter, followups, pairs, records};
use crate::domain::{Code, CodeKind, ContractType, Kind, PairRow, Record, ShelveReason};
use crate::store::Sql;
pub use table::{Cell, Col, Sheet};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Records(Kind),
    Pairs,
    FollowUps,
}

impl Target {
    /// The word used for sheet names and default file names.
    pub fn name(self) -> &'static str {
        match self {
            Target::Records(Kind::Demand) => "demands",
            Target::Records(Kind::Achievement) => "results",
            Target::Pairs => "pairs",
            Target::FollowUps => "followups",
        }
    }
}

/// Builds the sheet for `target` from the database.
pub fn sheet(conn: &dyn Sql, target: Target) -> DbResult<Sheet> {
    match target {
        Target::Records(kind) => {
            let recs = records::list(conn, &RecordFilter { kind: Some(kind) })?;
            Ok(records_sheet(&recs, kind))
        }
        Target::Pairs => pairs_sheet(conn),
        Target::FollowUps => followups_sheet(conn),
    }
}

/// The columns of a record export for `kind`, each with how to read it from a record.
/// A record column: header/key and how to read the cell from a record.
pub type RecordColumn = (Col, fn(&Record) -> Cell);

pub fn record_columns(kind: Kind) -> Vec<RecordColumn> {
    let mut cols: Vec<RecordColumn> = vec![
        (Col::new("代码", "code"), |r| {
            Cell::Text(r.code().to_string())
        }),
        (Col::new("编号", "ext_id"), |r| Cell::text(&r.ext_id)),
    ];
    match kind {
        Kind::Demand => cols.extend([
            (
                Col::new("需求名称", "title"),
                (|r: &Record| Cell::text(&r.title)) as fn(&Record) -> Cell,
            ),
            (Col::new("企业名称", "org"), |r| Cell::text(&r.org)),
            (Col::new("行业领域", "field"), |r| Cell::text(&r.field)),
            (Col::new("地区", "region"), |r| Cell::text(&r.region)),
            (Col::new("需求描述", "description"), |r| {
                Cell::text(&r.description)
            }),
            (Col::new("关键词", "keywords"), |r| {
                Cell::text(&r.keywords)
            }),
            (Col::new("预算（万元）", "budget_wan"), |r| {
                Cell::money(r.budget)
            }),
            // A deadline kept as text (not a date) is exported as written, so an import
            // of the file keeps it, flagged, as before.
            (Col::new("截止日期", "deadline"), |r| {
                Cell::text(if r.deadline.is_empty() {
                    &r.deadline_text
                } else {
                    &r.deadline
                })
            }),
            (Col::new("揭榜挂帅", "open_call"), |r| {
                Cell::Bool(r.open_call)
            }),
        ]),
        Kind::Achievement => cols.extend([
            (
                Col::new("成果名称", "title"),
                (|r: &Record| Cell::text(&r.title)) as fn(&Record) -> Cell,
            ),
            (Col::new("完成单位", "org"), |r| Cell::text(&r.org)),
            (Col::new("技术领域", "field"), |r| Cell::text(&r.field)),
            (Col::new("地区", "region"), |r| Cell::text(&r.region)),
            (Col::new("成果简介", "description"), |r| {
                Cell::text(&r.description)
            }),
            (Col::new("关键词", "keywords"), |r| {
                Cell::text(&r.keywords)
            }),
            (Col::new("负责人", "lead"), |r| Cell::text(&r.lead)),
            (Col::new("成熟度", "maturity"), |r| {
                Cell::text(&r.maturity)
            }),
            (Col::new("知识产权", "ip"), |r| Cell::text(&r.ip)),
            (Col::new("合作方式", "modes"), |r| Cell::text(&r.modes)),
            (Col::new("价格（万元）", "price_wan"), |r| {
                Cell::money(r.price)
            }),
        ]),
    }
    cols.extend([
        (
            Col::new("联系人", "contact"),
            (|r: &Record| Cell::text(&r.contact)) as fn(&Record) -> Cell,
        ),
        (Col::new("电话", "phone"), |r| Cell::text(&r.phone)),
        (Col::new("邮箱", "email"), |r| Cell::text(&r.email)),
        (Col::new("来源", "source"), |r| Cell::text(&r.source)),
        (Col::new("状态", "status"), |r| {
            Cell::text(r.status_shown())
        }),
    ]);
    cols
}

/// Records as a sheet: the fields of their kind, then one column per `extra` key (in the
/// order first seen).
pub fn records_sheet(recs: &[Record], kind: Kind) -> Sheet {
    let fixed = record_columns(kind);
    let mut extra_keys: Vec<&str> = Vec::new();
    for r in recs {
        for k in r.extra.keys() {
            if !extra_keys.contains(&k.as_str()) {
                extra_keys.push(k);
            }
        }
    }
    let mut cols: Vec<Col> = fixed.iter().map(|(c, _)| c.clone()).collect();
    for k in &extra_keys {
        // A JSON key must not overwrite a field of the same English name.
        let en = if cols.iter().any(|c| c.en == *k) {
            format!("{k} (extra)")
        } else {
            (*k).to_string()
        };
        cols.push(Col {
            zh: (*k).to_string(),
            en,
        });
    }
    let rows = recs
        .iter()
        .map(|r| {
            let mut row: Vec<Cell> = fixed.iter().map(|(_, get)| get(r)).collect();
            row.extend(extra_keys.iter().map(|k| match r.extra.get(*k) {
                None | Some(serde_json::Value::Null) => Cell::Empty,
                Some(serde_json::Value::String(s)) => Cell::text(s),
                Some(other) => Cell::Text(other.to_string()),
            }));
            row
        })
        .collect();
    Sheet { cols, rows }
}

fn code(kind: CodeKind, num: i64) -> String {
    Code { kind, num }.to_string()
}

/// One row per pair with both sides, the stage and the deal fields.
pub fn pairs_sheet(conn: &dyn Sql) -> DbResult<Sheet> {
    let cols = [
        ("配对代码", "pair"),
        ("阶段", "stage"),
        ("阶段名称", "stage_zh"),
        ("需求代码", "demand"),
        ("需求名称", "demand_title"),
        ("企业名称", "demand_org"),
        ("成果代码", "result"),
        ("成果名称", "result_title"),
        ("完成单位", "result_org"),
        ("金额（万元）", "amount_wan"),
        ("签约日期", "signed_on"),
        ("合同类型", "contract_type"),
        ("登记号", "reg_no"),
        ("搁置原因", "shelve_reason"),
        ("下一步", "next_action"),
        ("下一步日期", "next_due"),
        ("创建时间", "created_at"),
        ("更新时间", "updated_at"),
    ];
    let rows = pairs::rows(conn)?
        .into_iter()
        .map(
            |PairRow {
                 pair: p,
                 demand: d,
                 result: r,
             }| {
                let t = |s: Option<&str>| Cell::opt_text(s);
                vec![
                    Cell::Text(code(CodeKind::Pair, p.id)),
                    Cell::text(p.stage.key()),
                    Cell::text(p.stage.zh()),
                    Cell::Text(d.code),
                    Cell::text(&d.title),
                    Cell::text(&d.org),
                    Cell::Text(r.code),
                    Cell::text(&r.title),
                    Cell::text(&r.org),
                    Cell::money(p.amount),
                    t(p.signed_on.as_deref()),
                    t(p.contract_type.map(ContractType::key)),
                    t(p.reg_no.as_deref()),
                    t(p.shelve_reason.map(ShelveReason::key)),
                    t(p.next_action.as_deref()),
                    t(p.next_due.as_deref()),
                    Cell::text(&p.created_at),
                    Cell::text(&p.updated_at),
                ]
            },
        )
        .collect();
    Ok(Sheet {
        cols: cols.iter().map(|(zh, en)| Col::new(zh, en)).collect(),
        rows,
    })
}

/// The follow-up log of every pair, oldest first within a pair.
pub fn followups_sheet(conn: &dyn Sql) -> DbResult<Sheet> {
    let cols = [
        ("配对代码", "pair"),
        ("时间", "at"),
        ("方式", "channel"),
        ("记录", "note"),
        ("下一步", "next_action"),
        ("下一步日期", "next_due"),
    ];
    let rows = followups::all(conn)?
        .into_iter()
        .map(|f| {
            vec![
                Cell::Text(code(CodeKind::Pair, f.pair_id)),
                Cell::text(&f.at),
                Cell::text(f.channel.key()),
                Cell::text(&f.note),
                Cell::opt_text(f.next_action.as_deref()),
                Cell::opt_text(f.next_due.as_deref()),
            ]
        })
        .collect();
    Ok(Sheet {
        cols: cols.iter().map(|(zh, en)| Col::new(zh, en)).collect(),
        rows,
    })
}
