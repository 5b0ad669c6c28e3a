//! The demo's contracts: terms, planned instalments and payments dated relative to the day
//! the demo is built, written when a demo pair is signed (before it moves on to 登记 and
//! 落地, which needs a payment). Some instalments are paid, some overdue, so the stats view,
//! `reward` and `remind` are alive on the first start.

use crate::store::Sql;
use jiff::ToSpan;
use serde::Deserialize;

use super::{Clock, PipelineError, PipelineResult};
use crate::db;
use crate::domain::{ContractSnapshot, ContractTerms, Instalment, Money, Pair, PayMode, Payment};

/// The `contract` of an entry of pairs.json.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct DemoContract {
    tech_wan: Option<Money>,
    pay_mode: Option<String>,
    /// Validity in days after signing.
    valid_days: Option<i64>,
    #[serde(default)]
    plan: Vec<DemoInstalment>,
    #[serde(default)]
    payments: Vec<DemoPayment>,
}

#[derive(Debug, Clone, Deserialize)]
struct DemoInstalment {
    due_in_days: i64,
    amount_wan: Money,
}

#[derive(Debug, Clone, Deserialize)]
struct DemoPayment {
    days_ago: i64,
    amount_wan: Money,
    #[serde(default)]
    note: String,
}

fn day(now: &Clock, offset: i64) -> PipelineResult<String> {
    now.today()
        .checked_add(offset.days())
        .map(|d| d.to_string())
        .map_err(|e| PipelineError::Invalid(e.to_string()))
}

/// Writes `c` as the contract of the just-signed `pair` (no undo step: the demo starts
/// clean).
pub(crate) fn seed(
    conn: &dyn Sql,
    now: &Clock,
    pair: &Pair,
    c: &DemoContract,
) -> PipelineResult<()> {
    let pay_mode = match &c.pay_mode {
        Some(m) => Some(
            PayMode::parse(m)
                .ok_or_else(|| PipelineError::Invalid(format!("unknown pay_mode `{m}`")))?,
        ),
        None => None,
    };
    let signed = pair
        .signed_on
        .as_deref()
        .and_then(crate::domain::date::iso_date);
    let valid_to = match (signed, c.valid_days) {
        (Some(s), Some(n)) => Some(
            s.checked_add(n.days())
                .map_err(|e| PipelineError::Invalid(e.to_string()))?
                .to_string(),
        ),
        _ => None,
    };
    let snapshot = ContractSnapshot {
        terms: Some(ContractTerms {
            tech: c.tech_wan,
            pay_mode,
            valid_to,
            reg_date: None,
            landed_note: None,
            actor: None,
        }),
        plan: c
            .plan
            .iter()
            .map(|i| {
                Ok(Instalment {
                    due: day(now, i.due_in_days)?,
                    amount: i.amount_wan,
                })
            })
            .collect::<PipelineResult<_>>()?,
        payments: c
            .payments
            .iter()
            .map(|p| {
                Ok(Payment {
                    id: 0,
                    paid_on: day(now, -p.days_ago)?,
                    amount: p.amount_wan,
                    note: p.note.clone(),
                    actor: None,
                })
            })
            .collect::<PipelineResult<_>>()?,
    };
    db::contracts::put(conn, pair.id, &snapshot)?;
    Ok(())
}
