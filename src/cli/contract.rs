//! `duijie contract P3 …` (the contract on a pair) and `duijie paid P3 …` (a payment
//! received).

use std::process::ExitCode;

use anyhow::Context as _;

use super::{Ctx, print_json};
use crate::domain::undo::CLI;
use crate::domain::{Code, ContractType, Money, PayMode};
use crate::i18n::errors::ErrMsg;
use crate::i18n::reports::ReportMsg;
use crate::pipeline::contracts::{self, ContractRequest, PaymentRequest};
use crate::pipeline::{self, Clock, parse_due, parse_past};
use crate::sanitize::one_line;

#[derive(Debug, clap::Args)]
pub struct ContractArgs {
    /// The pair (P3), from 签约 on. With no options, shows its contract.
    pub pair: String,
    /// 合同总额: the contract total in 万元 (50, 50万, 1,200, 300000元).
    #[arg(long, value_name = "万元", allow_hyphen_values = true)]
    pub total: Option<String>,
    /// 技术交易额: the technology amount in 万元 (the total less equipment, materials…).
    #[arg(long, value_name = "万元", allow_hyphen_values = true)]
    pub tech: Option<String>,
    /// lump, instalments, royalty or down-royalty (or 一次总付, 分期, 提成, 入门费+提成).
    #[arg(long)]
    pub pay_mode: Option<String>,
    /// development, transfer, licence, consulting or service (or 技术开发…).
    #[arg(long = "type", value_name = "TYPE")]
    pub contract_type: Option<String>,
    /// The signing date (2026-11-02, 11-02, 昨天…).
    #[arg(long, allow_hyphen_values = true)]
    pub signed: Option<String>,
    /// End of validity (2027-12-31).
    #[arg(long, allow_hyphen_values = true)]
    pub valid_to: Option<String>,
    /// The registration number of 技术合同认定登记.
    #[arg(long)]
    pub reg_no: Option<String>,
    /// The registration date.
    #[arg(long, allow_hyphen_values = true)]
    pub reg_date: Option<String>,
    /// A planned instalment, DATE=万元 (repeat for each); replaces the plan.
    #[arg(long, value_name = "DATE=万元")]
    pub plan: Vec<String>,
    /// Remove the planned instalments.
    #[arg(long, conflicts_with = "plan")]
    pub clear_plan: bool,
    /// Print the pair's contract as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct PaidArgs {
    /// The pair (P3).
    pub pair: String,
    /// The amount received, in 万元.
    #[arg(long, value_name = "万元", allow_hyphen_values = true)]
    pub amount: String,
    /// When it arrived (2026-11-10, 11-10, 今天, yesterday…); default today.
    #[arg(long, allow_hyphen_values = true)]
    pub date: Option<String>,
    /// A note (invoice number, instalment…).
    #[arg(long, default_value = "")]
    pub note: String,
}

/// An amount option: `None` when not given, an error naming the option when it is no amount.
pub(crate) fn amount(flag: &str, v: Option<&str>, ctx: &Ctx) -> anyhow::Result<Option<Money>> {
    match v {
        None => Ok(None),
        Some(t) => match Money::parse(t) {
            Ok(Some(m)) => Ok(Some(m)),
            Ok(None) => anyhow::bail!("{flag}: {}", ErrMsg::NotAnAmount.fill(ctx.lang, &[&""])),
            Err(e) => anyhow::bail!("{flag}: {}", e.text(ctx.lang)),
        },
    }
}

fn plan_entry(s: &str, ctx: &Ctx, clock: &Clock) -> anyhow::Result<(jiff::civil::Date, Money)> {
    let bad = || ReportMsg::ErrBadPlan.fill(ctx.lang, &[&one_line(s)]);
    let (d, a) = s.split_once('=').with_context(bad)?;
    let day = parse_due(d, clock.today()).with_context(bad)?;
    let money = amount("--plan", Some(a), ctx)?.with_context(bad)?;
    Ok((day, money))
}

fn request(a: &ContractArgs, ctx: &Ctx, clock: &Clock) -> anyhow::Result<ContractRequest> {
    let lang = ctx.lang;
    let keys = |all: Vec<&str>| all.join(", ");
    let past = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(|d| parse_past(d, clock.today()))
            .transpose()
            .with_context(|| flag.to_string())
    };
    let plan = if a.clear_plan {
        Some(Vec::new())
    } else if a.plan.is_empty() {
        None
    } else {
        Some(
            a.plan
                .iter()
                .map(|p| plan_entry(p, ctx, clock))
                .collect::<anyhow::Result<_>>()?,
        )
    };
    Ok(ContractRequest {
        total: amount("--total", a.total.as_deref(), ctx)?,
        tech: amount("--tech", a.tech.as_deref(), ctx)?,
        pay_mode: match &a.pay_mode {
            None => None,
            Some(m) => Some(PayMode::parse(m).with_context(|| {
                ReportMsg::ErrUnknownPayMode.fill(
                    lang,
                    &[
                        &one_line(m),
                        &keys(vec!["lump", "instalments", "royalty", "down-royalty"]),
                    ],
                )
            })?),
        },
        contract_type: match &a.contract_type {
            None => None,
            Some(t) => Some(ContractType::parse(t).with_context(|| {
                ErrMsg::UnknownContractType.fill(
                    lang,
                    &[
                        &one_line(t),
                        &keys(ContractType::ALL.iter().map(|c| c.key()).collect()),
                    ],
                )
            })?),
        },
        signed_on: past("--signed", &a.signed)?,
        valid_to: a
            .valid_to
            .as_deref()
            .map(|d| parse_due(d, clock.today()))
            .transpose()
            .context("--valid-to")?,
        reg_no: a.reg_no.clone(),
        reg_date: past("--reg-date", &a.reg_date)?,
        plan,
    })
}

fn summary(
    ctx: &Ctx,
    code: Code,
    clock: &Clock,
) -> anyhow::Result<Option<contracts::ContractView>> {
    let db = ctx.open_db()?;
    let pair = pipeline::pair_by_code(db.conn(), code)?;
    Ok(contracts::view(db.conn(), clock, &pair)?)
}

pub fn run_contract(a: &ContractArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let code = a.pair.parse::<Code>()?;
    let req = request(a, ctx, &clock)?;
    if !req.is_empty() {
        let mut db = ctx.open_db()?;
        contracts::set_contract(&mut db, &clock, code, &req, CLI)?;
    }
    let view = summary(ctx, code, &clock)?;
    if a.json {
        print_json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    match view {
        None => outln!("{}", ReportMsg::NoContract.fill(ctx.lang, &[&code, &code]))?,
        Some(v) if req.is_empty() => out!("{}", pipeline::contract_text::contract_block(&v))?,
        Some(v) => outln!(
            "{}",
            ReportMsg::ContractSaved.fill(
                ctx.lang,
                &[
                    &code,
                    &v.total.unwrap_or(Money::ZERO),
                    &v.paid,
                    &v.outstanding
                ]
            )
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_paid(a: &PaidArgs, ctx: &Ctx) -> anyhow::Result<ExitCode> {
    let clock = Clock::system();
    let code = a.pair.parse::<Code>()?;
    let amount = amount("--amount", Some(&a.amount), ctx)?.context("--amount")?;
    let paid_on = match &a.date {
        Some(d) => parse_past(d, clock.today()).context("--date")?,
        None => clock.today(),
    };
    let req = PaymentRequest {
        amount,
        paid_on,
        note: a.note.clone(),
    };
    let mut db = ctx.open_db()?;
    let (_, over) = contracts::record_payment(&mut db, &clock, code, &req, CLI)?;
    let v = summary(ctx, code, &clock)?;
    let (paid, left) = v.map_or((amount, Money::ZERO), |v| (v.paid, v.outstanding));
    outln!(
        "{}",
        ReportMsg::PaymentRecorded.fill(ctx.lang, &[&code, &amount, &paid_on, &paid, &left])
    )?;
    if over {
        eprintln!("{}", ReportMsg::PaymentOverTotal.text(ctx.lang));
    }
    Ok(ExitCode::SUCCESS)
}
