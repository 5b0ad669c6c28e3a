//! One pair in full: both sides, stage, contract data, next action, stage history and log.
//! Backs `duijie show P3 [--json]` and the TUI's pair detail.

use crate::store::Sql;
use serde::Serialize;

use super::board::is_overdue;
use super::pairs::{Side, followups_of, history_of, pair_by_code, sides_of};
use super::{Clock, PipelineResult};
use crate::domain::{Channel, Code, ContractType, Money, ShelveReason, Stage};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub from: Option<Stage>,
    pub to: Stage,
    pub at: String,
    /// Who moved it (`null`: before names were recorded).
    pub actor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub at: String,
    pub channel: Channel,
    pub note: String,
    pub next_action: Option<String>,
    pub next_due: Option<String>,
    /// Who logged it (`null`: before names were recorded).
    pub actor: Option<String>,
}

/// Everything about one pair; its JSON form is the `show P3 --json` contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairDetail {
    #[serde(skip)]
    pub pair_id: i64,
    pub code: String,
    pub demand: Side,
    pub result: Side,
    pub stage: Stage,
    pub stage_zh: &'static str,
    pub note: String,
    /// Contract amount (JSON: a number in 万元).
    #[serde(rename = "amount_wan")]
    pub amount: Option<Money>,
    pub signed_on: Option<String>,
    pub contract_type: Option<ContractType>,
    pub reg_no: Option<String>,
    pub shelve_reason: Option<ShelveReason>,
    pub shelve_note: Option<String>,
    pub next_action: Option<String>,
    pub next_due: Option<String>,
    pub overdue: bool,
    pub days_in_stage: i64,
    pub created_at: String,
    /// Who made the pair (`null`: before names were recorded).
    pub created_by: Option<String>,
    /// Whose pair it is (`null`: nobody's in particular).
    pub owner: Option<String>,
    /// Oldest first.
    pub history: Vec<HistoryEntry>,
    /// Newest first.
    pub followups: Vec<LogEntry>,
    /// The contract from 签约 on: terms, plan against payments, what is outstanding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<super::contracts::ContractView>,
}

pub fn show_pair(conn: &dyn Sql, clock: &Clock, code: Code) -> PipelineResult<PairDetail> {
    let pair = pair_by_code(conn, code)?;
    let (demand, result) = sides_of(conn, &pair)?;
    let history = history_of(conn, pair.id)?
        .into_iter()
        .map(|h| HistoryEntry {
            from: h.from,
            to: h.to,
            at: h.at,
            actor: h.actor,
        })
        .collect();
    let followups = followups_of(conn, pair.id)?
        .into_iter()
        .map(|f| LogEntry {
            at: f.at,
            channel: f.channel,
            note: f.note,
            next_action: f.next_action,
            next_due: f.next_due,
            actor: f.actor,
        })
        .collect();
    let contract = super::contracts::view(conn, clock, &pair)?;
    Ok(PairDetail {
        contract,
        pair_id: pair.id,
        code: pair.code().to_string(),
        demand,
        result,
        stage: pair.stage,
        stage_zh: pair.stage.zh(),
        overdue: is_overdue(&pair, clock.today()),
        days_in_stage: clock.days_since(&pair.stage_since),
        note: pair.note,
        amount: pair.amount,
        signed_on: pair.signed_on,
        contract_type: pair.contract_type,
        reg_no: pair.reg_no,
        shelve_reason: pair.shelve_reason,
        shelve_note: pair.shelve_note,
        next_action: pair.next_action,
        next_due: pair.next_due,
        created_at: pair.created_at,
        created_by: pair.created_by,
        owner: pair.owner,
        history,
        followups,
    })
}
