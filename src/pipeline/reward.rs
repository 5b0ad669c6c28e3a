//! `duijie reward`: per registered contract, what was paid in a year and the reward due under
//! the configured rule, with totals and the cap; and the claim package's tables (政策兑现
//! 材料). Only payments dated in the year count, so a contract paid across the year boundary
//! counts in each year what arrived in it.

use crate::store::Sql;
use serde::Serialize;

use super::contracts::party;
use super::{Clock, PipelineResult};
use crate::db;
use crate::domain::reward::{RewardLine, RewardRule, RewardTotals, line, rate_text, totals};
use crate::domain::{ContractType, Money, PayMode, Payment};
use crate::export::book::{Table, Val};

/// One registered contract's year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RewardRow {
    pub code: String,
    pub reg_no: String,
    pub reg_date: Option<String>,
    pub contract_type: Option<ContractType>,
    pub pay_mode: Option<PayMode>,
    pub buyer: String,
    pub seller: String,
    pub signed_on: Option<String>,
    #[serde(rename = "total_wan")]
    pub total: Option<Money>,
    #[serde(rename = "tech_wan")]
    pub tech: Option<Money>,
    /// The payments received in the year.
    pub payments: Vec<Payment>,
    #[serde(flatten)]
    pub line: RewardLine,
}

/// The year under the rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RewardReport {
    pub year: i16,
    pub rate: String,
    #[serde(rename = "cap_wan")]
    pub cap: Option<Money>,
    #[serde(rename = "min_contract_wan")]
    pub min_contract: Option<Money>,
    pub contracts: Vec<RewardRow>,
    pub totals: RewardTotals,
    /// Pairs paid in the year whose contract is not registered yet (they earn nothing until
    /// it is).
    pub unregistered: Vec<String>,
}

/// The reward for `year` under `rule`.
pub fn reward(
    conn: &dyn Sql,
    clock: &Clock,
    rule: &RewardRule,
    year: i16,
) -> PipelineResult<RewardReport> {
    let payments = db::contracts::payments_between(
        conn,
        &format!("{year:04}-01-01"),
        &format!("{year:04}-12-31"),
    )?;
    let mut contracts = Vec::new();
    let mut unregistered = Vec::new();
    let mut i = 0;
    while i < payments.len() {
        let pair_id = payments[i].pair_id;
        let mut j = i;
        while j < payments.len() && payments[j].pair_id == pair_id {
            j += 1;
        }
        let paid: Vec<Payment> = payments[i..j]
            .iter()
            .map(|p| Payment {
                id: 0,
                paid_on: p.paid_on.clone(),
                amount: p.amount,
                note: p.note.clone(),
                actor: None,
            })
            .collect();
        i = j;
        let Some(row) = db::pairs::row(conn, pair_id)? else {
            continue;
        };
        let Some(reg_no) = row.pair.reg_no.clone() else {
            unregistered.push(row.pair.code().to_string());
            continue;
        };
        let c = db::contracts::get(conn, pair_id)?;
        let view = super::contracts::view_of(conn, clock, &row.pair, &c, &row.demand, &row.result)?;
        let sum = Money::total(paid.iter().map(|p| p.amount));
        contracts.push(RewardRow {
            code: row.pair.code().to_string(),
            reg_no,
            reg_date: view.reg_date,
            contract_type: row.pair.contract_type,
            pay_mode: view.pay_mode,
            buyer: party(&row.demand),
            seller: party(&row.result),
            signed_on: row.pair.signed_on.clone(),
            total: row.pair.amount,
            tech: view.tech,
            payments: paid,
            line: line(rule, row.pair.amount, view.tech, sum),
        });
    }
    let lines: Vec<RewardLine> = contracts.iter().map(|c| c.line.clone()).collect();
    Ok(RewardReport {
        year,
        rate: rate_text(rule.rate_bp),
        cap: rule.cap,
        min_contract: rule.min_contract,
        totals: totals(rule, &lines),
        contracts,
        unregistered,
    })
}

/// The claim package: a summary, the contracts, and every payment, as sheets named in
/// Chinese with Chinese headers, amounts as numbers in 万元.
pub fn claim_tables(r: &RewardReport) -> Vec<Table> {
    let mut summary = Table::new("汇总", "summary", &[("项目", "item"), ("数值", "value")]);
    let count = i64::try_from(r.contracts.len()).unwrap_or(i64::MAX);
    summary.rows = vec![
        vec![Val::text("年度"), Val::Int(i64::from(r.year))],
        vec![Val::text("奖励比例"), Val::text(&r.rate)],
        vec![Val::text("年度上限（万元）"), Val::money(r.cap)],
        vec![
            Val::text("最低技术交易额（万元）"),
            Val::money(r.min_contract),
        ],
        vec![Val::text("登记合同数"), Val::Int(count)],
        vec![Val::text("到账金额（万元）"), Val::Money(r.totals.paid)],
        vec![
            Val::text("到账技术交易额（万元）"),
            Val::Money(r.totals.tech_paid),
        ],
        vec![
            Val::text("奖励（封顶前，万元）"),
            Val::Money(r.totals.reward),
        ],
        vec![Val::text("应得奖励（万元）"), Val::Money(r.totals.due)],
    ];
    let mut contracts = Table::new(
        "合同",
        "contracts",
        &[
            ("对接编号", "pair"),
            ("登记编号", "reg_no"),
            ("登记日期", "reg_date"),
            ("合同类型", "contract_type"),
            ("付款方式", "pay_mode"),
            ("买方", "buyer"),
            ("卖方", "seller"),
            ("签订日期", "signed_on"),
            ("合同总额（万元）", "total_wan"),
            ("技术交易额（万元）", "tech_wan"),
            ("年度到账（万元）", "paid_wan"),
            ("到账技术交易额（万元）", "tech_paid_wan"),
            ("奖励（万元）", "reward_wan"),
        ],
    );
    contracts.rows = r
        .contracts
        .iter()
        .map(|c| {
            vec![
                Val::text(&c.code),
                Val::text(&c.reg_no),
                Val::opt(c.reg_date.as_deref()),
                Val::opt(c.contract_type.map(ContractType::zh)),
                Val::opt(c.pay_mode.map(PayMode::zh)),
                Val::text(&c.buyer),
                Val::text(&c.seller),
                Val::opt(c.signed_on.as_deref()),
                Val::money(c.total),
                Val::money(c.tech),
                Val::Money(c.line.paid),
                Val::Money(c.line.tech_paid),
                Val::Money(c.line.reward),
            ]
        })
        .collect();
    let mut payments = Table::new(
        "付款",
        "payments",
        &[
            ("登记编号", "reg_no"),
            ("对接编号", "pair"),
            ("到账日期", "paid_on"),
            ("金额（万元）", "amount_wan"),
            ("备注", "note"),
        ],
    );
    payments.rows = r
        .contracts
        .iter()
        .flat_map(|c| {
            c.payments.iter().map(|p| {
                vec![
                    Val::text(&c.reg_no),
                    Val::text(&c.code),
                    Val::text(&p.paid_on),
                    Val::Money(p.amount),
                    Val::text(&p.note),
                ]
            })
        })
        .collect();
    vec![summary, contracts, payments]
}
