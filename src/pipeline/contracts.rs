//! The contract on a pair (from 签约 on): setting its terms and plan, recording payments
//! received, and the contract as `show` presents it (plan against payments, outstanding).
//! Each write is one transaction with its undo step, which gives back the pair's contract
//! fields and the whole contract as they were.

use crate::store::Sql;
use jiff::civil::Date;
use serde::Serialize;

use super::pairs::{Side, pair_by_code, row_by_code, sides_of};
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{self, Db};
use crate::domain::contract::{PlanLine, outstanding, plan_lines};
use crate::domain::undo::Inverse;
use crate::domain::{
    Code, ContractSnapshot, ContractType, Instalment, Money, Pair, PairRow, PayMode, Payment, Stage,
};

/// What `duijie contract P3 …` (or the desk's form) changes; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContractRequest {
    pub total: Option<Money>,
    pub tech: Option<Money>,
    pub pay_mode: Option<PayMode>,
    pub contract_type: Option<ContractType>,
    pub signed_on: Option<Date>,
    pub valid_to: Option<Date>,
    pub reg_no: Option<String>,
    pub reg_date: Option<Date>,
    /// The planned instalments, replacing the plan when given (empty: no plan).
    pub plan: Option<Vec<(Date, Money)>>,
}

impl ContractRequest {
    /// Whether the request changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == ContractRequest::default()
    }
}

/// A payment received.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentRequest {
    pub amount: Money,
    pub paid_on: Date,
    pub note: String,
}

/// Refuses a pair that has no contract yet (before 签约, or shelved).
fn check_contract_stage(p: &Pair) -> PipelineResult<()> {
    if matches!(p.stage, Stage::Signed | Stage::Registered | Stage::Landed) {
        return Ok(());
    }
    Err(PipelineError::Invalid(format!(
        "{} is in {} {}: a contract is recorded from 签约 signed on \
         (duijie move {} signed --amount … --date …)",
        p.code(),
        p.stage.zh(),
        p.stage.key(),
        p.code()
    )))
}

/// The pair and contract as they will be after `req`, or why it is refused.
pub fn apply(
    pair: &Pair,
    before: &ContractSnapshot,
    req: &ContractRequest,
) -> PipelineResult<(Pair, ContractSnapshot)> {
    check_contract_stage(pair)?;
    let mut p = pair.clone();
    let mut c = before.clone();
    let mut terms = c.terms.clone().unwrap_or_default();
    if let Some(t) = req.total {
        if t == Money::ZERO {
            return Err(PipelineError::Invalid(
                "the contract total must be more than 0 万元".into(),
            ));
        }
        p.amount = Some(t);
    }
    if req.tech.is_some() {
        terms.tech = req.tech;
    }
    if let (Some(tech), Some(total)) = (terms.tech, p.amount)
        && tech > total
    {
        return Err(PipelineError::Invalid(format!(
            "the technology amount ({tech} 万元) is more than the contract total ({total} 万元)"
        )));
    }
    if req.pay_mode.is_some() {
        terms.pay_mode = req.pay_mode;
    }
    if req.contract_type.is_some() {
        p.contract_type = req.contract_type;
    }
    if let Some(d) = req.signed_on {
        p.signed_on = Some(d.to_string());
    }
    if let Some(d) = req.valid_to {
        terms.valid_to = Some(d.to_string());
    }
    if let (Some(to), Some(on)) = (&terms.valid_to, &p.signed_on)
        && to < on
    {
        return Err(PipelineError::Invalid(format!(
            "the contract is valid to {to}, before it was signed ({on})"
        )));
    }
    if let Some(no) = &req.reg_no {
        let no = no.trim();
        if no.is_empty() {
            return Err(PipelineError::Invalid(
                "the registration number is empty".into(),
            ));
        }
        p.reg_no = Some(no.to_string());
    }
    if let Some(d) = req.reg_date {
        terms.reg_date = Some(d.to_string());
    }
    if let Some(plan) = &req.plan {
        if plan.iter().any(|(_, a)| *a == Money::ZERO) {
            return Err(PipelineError::Invalid(
                "a planned instalment must be more than 0 万元".into(),
            ));
        }
        let sum = Money::total(plan.iter().map(|(_, a)| *a));
        if let Some(total) = p.amount
            && sum > total
        {
            return Err(PipelineError::Invalid(format!(
                "the planned instalments add up to {sum} 万元, more than the contract total \
                 ({total} 万元)"
            )));
        }
        let mut plan: Vec<Instalment> = plan
            .iter()
            .map(|(d, a)| Instalment {
                due: d.to_string(),
                amount: *a,
            })
            .collect();
        plan.sort_by(|a, b| a.due.cmp(&b.due));
        c.plan = plan;
    }
    c.terms = Some(terms);
    Ok((p, c))
}

/// Sets a pair's contract terms and plan, journalled as one undo step made by `origin`.
pub fn set_contract(
    db: &mut Db,
    clock: &Clock,
    code: Code,
    req: &ContractRequest,
    origin: &str,
) -> PipelineResult<PairRow> {
    if req.is_empty() {
        return Err(PipelineError::Invalid(format!(
            "nothing to change on {code}: give --total, --tech, --pay-mode, --type, --signed, \
             --valid-to, --reg-no, --reg-date or --plan"
        )));
    }
    db.write(|tx| {
        let pair = pair_by_code(tx, code)?;
        let before = db::contracts::get(tx, pair.id)?;
        let (mut after, mut contract) = apply(&pair, &before, req)?;
        if let Some(terms) = &mut contract.terms {
            terms.actor = db::actor::current(tx)?;
        }
        journal(
            tx,
            clock,
            &format!("contract {code}"),
            &pair,
            before,
            origin,
        )?;
        after.updated_at = clock.stamp();
        db::pairs::write_state(tx, &mut after)?;
        db::contracts::put(tx, pair.id, &contract)?;
        row_by_code(tx, code)
    })
}

/// Records a payment received on a pair, journalled as one undo step made by `origin`.
/// Returns the pair with its sides and whether payments now exceed the contract total.
pub fn record_payment(
    db: &mut Db,
    clock: &Clock,
    code: Code,
    req: &PaymentRequest,
    origin: &str,
) -> PipelineResult<(PairRow, bool)> {
    if req.amount == Money::ZERO {
        return Err(PipelineError::Invalid(
            "a payment must be more than 0 万元".into(),
        ));
    }
    if req.paid_on > clock.today() {
        return Err(PipelineError::Invalid(format!(
            "a payment received cannot be dated in the future ({})",
            req.paid_on
        )));
    }
    db.write(|tx| {
        let mut pair = pair_by_code(tx, code)?;
        check_contract_stage(&pair)?;
        let before = db::contracts::get(tx, pair.id)?;
        let label = format!("paid {code} {} 万元", req.amount);
        journal(tx, clock, &label, &pair, before.clone(), origin)?;
        db::contracts::insert_payment(
            tx,
            pair.id,
            &Payment {
                id: 0,
                paid_on: req.paid_on.to_string(),
                amount: req.amount,
                note: req.note.trim().to_string(),
                actor: None,
            },
        )?;
        // The pair's rev moves on, so a desk looking at it sees the payment.
        pair.updated_at = clock.stamp();
        db::pairs::write_state(tx, &mut pair)?;
        let received = before.paid().checked_add(req.amount).unwrap_or(Money::MAX);
        let over = pair.amount.is_some_and(|t| received > t);
        Ok((row_by_code(tx, code)?, over))
    })
}

fn journal(
    conn: &dyn Sql,
    clock: &Clock,
    label: &str,
    pair: &Pair,
    contract: ContractSnapshot,
    origin: &str,
) -> PipelineResult<()> {
    db::undo::push(
        conn,
        label,
        &Inverse::RestoreContract {
            before: Box::new(pair.clone()),
            contract: Box::new(contract),
        },
        &clock.stamp(),
        origin,
    )?;
    Ok(())
}

/// Undoes a contract step: the pair's fields and its whole contract as they were; false
/// when the pair is gone.
pub(crate) fn restore(
    conn: &dyn Sql,
    before: &Pair,
    contract: &ContractSnapshot,
) -> PipelineResult<bool> {
    let mut p = before.clone();
    if !db::pairs::write_state(conn, &mut p)? {
        return Ok(false);
    }
    db::contracts::put(conn, p.id, contract)?;
    Ok(true)
}

/// A pair's contract as `show` presents it. JSON amounts are numbers in 万元.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractView {
    pub contract_type: Option<ContractType>,
    #[serde(rename = "total_wan")]
    pub total: Option<Money>,
    #[serde(rename = "tech_wan")]
    pub tech: Option<Money>,
    pub pay_mode: Option<PayMode>,
    pub signed_on: Option<String>,
    pub valid_to: Option<String>,
    pub reg_no: Option<String>,
    /// As recorded, else the day the pair was moved to 登记.
    pub reg_date: Option<String>,
    /// The demand's enterprise (买方).
    pub buyer: String,
    /// The result's holder (卖方).
    pub seller: String,
    pub plan: Vec<PlanLine>,
    pub payments: Vec<Payment>,
    #[serde(rename = "paid_wan")]
    pub paid: Money,
    #[serde(rename = "outstanding_wan")]
    pub outstanding: Money,
    /// Why the pair landed with no payment received.
    pub landed_note: Option<String>,
}

/// The org of a side, or its title when the org is not known.
pub fn party(side: &Side) -> String {
    if side.org.trim().is_empty() {
        side.title.clone()
    } else {
        side.org.clone()
    }
}

/// The contract view of `pair`, or `None` before 签约 with nothing recorded.
pub fn view(conn: &dyn Sql, clock: &Clock, pair: &Pair) -> PipelineResult<Option<ContractView>> {
    let c = db::contracts::get(conn, pair.id)?;
    let signed = matches!(
        pair.stage,
        Stage::Signed | Stage::Registered | Stage::Landed
    );
    if !signed && c.is_empty() && pair.amount.is_none() {
        return Ok(None);
    }
    let (demand, result) = sides_of(conn, pair)?;
    Ok(Some(view_of(conn, clock, pair, &c, &demand, &result)?))
}

/// [`view`] from what is already read.
pub fn view_of(
    conn: &dyn Sql,
    clock: &Clock,
    pair: &Pair,
    c: &ContractSnapshot,
    demand: &Side,
    result: &Side,
) -> PipelineResult<ContractView> {
    let terms = c.terms.clone().unwrap_or_default();
    let received = c.paid();
    let reg_date = match terms.reg_date.clone() {
        Some(d) => Some(d),
        None if pair.reg_no.is_some() => registered_on(conn, clock, pair.id)?,
        None => None,
    };
    Ok(ContractView {
        contract_type: pair.contract_type,
        total: pair.amount,
        tech: terms.tech,
        pay_mode: terms.pay_mode,
        signed_on: pair.signed_on.clone(),
        valid_to: terms.valid_to,
        reg_no: pair.reg_no.clone(),
        reg_date,
        buyer: party(demand),
        seller: party(result),
        plan: plan_lines(&c.plan, received, clock.today()),
        payments: c.payments.clone(),
        paid: received,
        outstanding: outstanding(pair.amount, received),
        landed_note: terms.landed_note.filter(|_| pair.stage == Stage::Landed),
    })
}

/// The day of the pair's latest move to 登记, if any.
fn registered_on(conn: &dyn Sql, clock: &Clock, pair_id: i64) -> PipelineResult<Option<String>> {
    Ok(db::followups::history_of(conn, pair_id)?
        .iter()
        .rev()
        .find(|h| h.to == Stage::Registered)
        .and_then(|h| clock.date_of(&h.at))
        .map(|d| d.to_string()))
}

/// Writes the override note of a move to 落地 with no payment, inside the move's transaction.
pub(crate) fn set_landed_note(conn: &dyn Sql, pair_id: i64, note: &str) -> PipelineResult<()> {
    let mut c = db::contracts::get(conn, pair_id)?;
    let terms = c.terms.get_or_insert_with(Default::default);
    terms.landed_note = Some(note.to_string());
    terms.actor = db::actor::current(conn)?;
    db::contracts::put(conn, pair_id, &c)?;
    Ok(())
}
