//! Demo pairs from assets/demo/pairs.json, dated relative to the day the demo DB is built:
//! each pair walks from Candidate to its stage with realistic timestamps, carries its
//! follow-ups, and ends with its next action (some overdue), so the board and agenda are
//! alive on first start. Seeding writes no undo entries: the demo starts with a clean slate.

use crate::store::Sql;
use jiff::ToSpan;
use serde::Deserialize;

use super::followups::{LogRequest, log_in};
use super::pairs::create_in;
use super::stages::{MoveRequest, move_in};
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{Db, records};
use crate::domain::{Channel, ContractType, Kind, Pair, Record, ShelveReason, Stage};

/// One entry of pairs.json; demand and result name records by their ext_id (编号).
#[derive(Debug, Clone, Deserialize)]
struct DemoPair {
    demand: String,
    result: String,
    stage: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    days_in_stage: i64,
    #[serde(default)]
    created_days_ago: i64,
    amount_wan: Option<crate::domain::Money>,
    signed_days_ago: Option<i64>,
    contract_type: Option<String>,
    reg_no: Option<String>,
    shelve_reason: Option<String>,
    shelve_note: Option<String>,
    next_action: Option<String>,
    next_due_in_days: Option<i64>,
    #[serde(default)]
    followups: Vec<DemoFollowUp>,
    /// The contract, written once the pair is signed.
    contract: Option<super::demo_contracts::DemoContract>,
}

#[derive(Debug, Clone, Deserialize)]
struct DemoFollowUp {
    days_ago: i64,
    channel: String,
    #[serde(default)]
    note: String,
}

/// Creates the demo pairs dated relative to today; returns how many.
pub fn seed(db: &mut Db, pairs_json: &str) -> anyhow::Result<usize> {
    seed_at(db, &Clock::system(), pairs_json)
}

/// [`seed`] with an explicit "now", so tests can pin the day.
pub fn seed_at(db: &mut Db, clock: &Clock, pairs_json: &str) -> anyhow::Result<usize> {
    let entries: Vec<DemoPair> =
        serde_json::from_str(pairs_json).map_err(|e| anyhow::anyhow!("pairs.json: {e}"))?;
    let n = db.write(|tx| {
        for (i, e) in entries.iter().enumerate() {
            seed_one(tx, clock, e).map_err(|err| {
                PipelineError::Invalid(format!(
                    "pairs.json entry {} ({} ⇄ {}): {err}",
                    i + 1,
                    e.demand,
                    e.result
                ))
            })?;
        }
        Ok::<_, PipelineError>(entries.len())
    })?;
    Ok(n)
}

fn by_ext_id(conn: &dyn Sql, kind: Kind, ext_id: &str) -> PipelineResult<Record> {
    let word = if kind == Kind::Demand {
        "demand"
    } else {
        "result"
    };
    records::find_by_ext_id(conn, kind, ext_id)?
        .ok_or_else(|| PipelineError::NotFound(format!("{word} {ext_id}")))
}

/// The stages a pair walks through to reach `target`.
fn path_to(target: Stage, reason: Option<ShelveReason>) -> Vec<Stage> {
    if target == Stage::Shelved {
        // A pair that never answered is shelved straight after first contact.
        let mut p = vec![Stage::Contacted];
        if reason != Some(ShelveReason::NoReply) {
            p.push(Stage::Negotiating);
        }
        p.push(Stage::Shelved);
        return p;
    }
    Stage::ALL[1..]
        .iter()
        .copied()
        .take_while(|s| *s <= target)
        .collect()
}

fn seed_one(conn: &dyn Sql, now: &Clock, e: &DemoPair) -> PipelineResult<()> {
    let stage = Stage::parse(&e.stage)
        .ok_or_else(|| PipelineError::Invalid(format!("unknown stage `{}`", e.stage)))?;
    let reason = match &e.shelve_reason {
        Some(r) => Some(
            ShelveReason::parse(r)
                .ok_or_else(|| PipelineError::Invalid(format!("unknown shelve_reason `{r}`")))?,
        ),
        None => None,
    };
    let contract = match &e.contract_type {
        Some(c) => Some(
            ContractType::parse(c)
                .ok_or_else(|| PipelineError::Invalid(format!("unknown contract_type `{c}`")))?,
        ),
        None => None,
    };
    let demand = by_ext_id(conn, Kind::Demand, &e.demand)?;
    let result = by_ext_id(conn, Kind::Achievement, &e.result)?;
    let entered = e.days_in_stage.max(0);
    let created = e.created_days_ago.max(entered);
    let mut pair = create_in(conn, &now.shifted(created, 0), &demand, &result, &e.note)?;
    let path = if stage == Stage::Candidate {
        Vec::new()
    } else {
        path_to(stage, reason)
    };
    let steps = path.len() as i64;
    for (k, to) in path.iter().enumerate() {
        let k = k as i64 + 1;
        let mut day = created - (created - entered) * k / steps;
        if *to == Stage::Signed
            && let Some(s) = e.signed_days_ago
        {
            day = s.clamp(entered, created);
        }
        // Minutes keep same-day moves in order.
        let at = now.shifted(day, 10 * k);
        let mut req = MoveRequest::new(pair.code(), *to);
        match to {
            Stage::Signed => {
                req.amount = e.amount_wan;
                req.signed_on = Some(at.today());
            }
            Stage::Registered => {
                req.contract_type = contract;
                req.reg_no.clone_from(&e.reg_no);
            }
            Stage::Shelved => {
                req.reason = reason;
                req.note.clone_from(&e.shelve_note);
            }
            _ => {}
        }
        pair = move_in(conn, &at, &pair, &req)?.0;
        if *to == Stage::Signed
            && let Some(c) = &e.contract
        {
            super::demo_contracts::seed(conn, now, &pair, c)?;
        }
    }
    log_all(conn, now, pair, e)
}

/// Logs the follow-ups oldest first; the newest one carries the next action.
fn log_all(conn: &dyn Sql, now: &Clock, mut pair: Pair, e: &DemoPair) -> PipelineResult<()> {
    let mut logs = e.followups.clone();
    logs.sort_by_key(|f| std::cmp::Reverse(f.days_ago));
    let due = e
        .next_due_in_days
        .map(|d| now.today().checked_add(d.days()))
        .transpose()
        .map_err(|err| PipelineError::Invalid(err.to_string()))?;
    let count = logs.len();
    for (i, f) in logs.iter().enumerate() {
        let channel = Channel::parse(&f.channel)
            .ok_or_else(|| PipelineError::Invalid(format!("unknown channel `{}`", f.channel)))?;
        let last = i + 1 == count;
        let req = LogRequest {
            pair: pair.code(),
            channel,
            note: f.note.clone(),
            next_action: if last { e.next_action.clone() } else { None },
            next_due: if last && e.next_action.is_some() {
                due
            } else {
                None
            },
            done: false,
        };
        let at = now.shifted(f.days_ago.max(0), 120 + i as i64);
        pair = log_in(conn, &at, &pair, &req)?.1;
    }
    if count == 0 && e.next_action.is_some() {
        pair.next_action.clone_from(&e.next_action);
        pair.next_due = due.map(|d| d.to_string());
        crate::db::pairs::write_state(conn, &mut pair)?;
    }
    Ok(())
}
