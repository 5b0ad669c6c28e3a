//! The contract forms' update: opening them on the pair detail on top, reading their
//! answers (amounts through the one `Money` parser, dates through the one date parser) and
//! sending the write as an effect. A refusal — a bad amount here, or the pipeline's own
//! check (technology amount over the total, a payment dated in the future…) — keeps the form
//! open with the reason under it.

use jiff::civil::Date;

use super::state::{ContractAction, ContractForm, FormKind, FormOutcome};
use crate::domain::{ContractType, Money, PayMode};
use crate::i18n::Lang;
use crate::i18n::reports::ReportMsg;
use crate::pipeline::contracts::{ContractRequest, PaymentRequest};
use crate::pipeline::{parse_due, parse_past};
use crate::tui::action::Input;
use crate::tui::effect::{ContractEffect, Effect};
use crate::tui::model::Model;
use crate::tui::overlay::Overlay;

pub fn update(m: &mut Model, action: ContractAction) -> Vec<Effect> {
    match action {
        ContractAction::OpenContract => open(m, FormKind::Contract),
        ContractAction::OpenPayment => open(m, FormKind::Payment),
        ContractAction::Saved {
            code,
            payment,
            paid,
            outstanding,
        } => {
            if matches!(m.overlays.last(), Some(Overlay::Contract(_))) {
                m.overlays.pop();
            }
            let msg = if payment {
                ReportMsg::DeskPaymentSaved
            } else {
                ReportMsg::DeskContractSaved
            };
            m.info(msg.fill(m.lang, &[&code, &paid, &outstanding]));
            crate::tui::features::pipeline::update::refresh(m)
        }
        ContractAction::Refused(text) => {
            if let Some(Overlay::Contract(form)) = m.overlays.last_mut() {
                form.set_error(&text);
            } else {
                m.info(text);
            }
            vec![]
        }
    }
}

fn open(m: &mut Model, kind: FormKind) -> Vec<Effect> {
    let Some(Overlay::PairDetail { detail, .. }) = m.overlays.last() else {
        return vec![];
    };
    let form = ContractForm::new(
        kind,
        detail.pair_id,
        &detail.code,
        detail.contract.as_ref(),
        m.lang,
    );
    m.overlays.push(Overlay::Contract(Box::new(form)));
    vec![]
}

/// An intent for the form on top.
pub fn input(m: &mut Model, input: &Input) -> Vec<Effect> {
    let today = m.pipe.today;
    let lang = m.lang;
    let Some(Overlay::Contract(form)) = m.overlays.last_mut() else {
        return vec![];
    };
    match form.handle(input) {
        FormOutcome::Pending => vec![],
        FormOutcome::Cancelled => {
            m.overlays.pop();
            vec![]
        }
        FormOutcome::Submit(values) => {
            let pair_id = form.pair_id;
            let effect =
                match form.kind {
                    FormKind::Contract => contract(&values, today, lang)
                        .map(|req| ContractEffect::Save { pair_id, req }),
                    FormKind::Payment => payment(&values, today, lang)
                        .map(|req| ContractEffect::Pay { pair_id, req }),
                };
            match effect {
                Ok(e) => vec![Effect::Contract(e)],
                Err((field, why)) => {
                    form.set_error(&why);
                    form.focus_on(field);
                    vec![]
                }
            }
        }
    }
}

/// What is wrong, and on which line.
type Bad = (usize, String);

fn amount(at: usize, label: &str, t: &str, lang: Lang) -> Result<Option<Money>, Bad> {
    Money::parse(t).map_err(|e| (at, format!("{label}: {}", e.text(lang))))
}

fn date(at: usize, label: &str, t: &str, today: Date, past: bool) -> Result<Option<Date>, Bad> {
    if t.is_empty() {
        return Ok(None);
    }
    let d = if past {
        parse_past(t, today)
    } else {
        parse_due(t, today)
    };
    d.map(Some).map_err(|e| (at, format!("{label}: {e}")))
}

/// The contract form's lines as a request; empty lines leave a field as it is, an empty plan
/// removes the plan.
pub fn contract(v: &[String], today: Date, lang: Lang) -> Result<ContractRequest, Bad> {
    let label = |i: usize| {
        let (zh, en) = super::state::CONTRACT_FIELDS[i];
        lang.pick(zh, en)
    };
    let modes = "lump, instalments, royalty, down-royalty / 一次总付, 分期, 提成, 入门费+提成";
    let pay_mode = match v[2].as_str() {
        "" => None,
        t => Some(PayMode::parse(t).ok_or_else(|| (2, format!("{}: {modes}", label(2))))?),
    };
    let types = "技术开发, 技术转让, 技术许可, 技术咨询, 技术服务";
    let contract_type = match v[3].as_str() {
        "" => None,
        t => Some(ContractType::parse(t).ok_or_else(|| (3, format!("{}: {types}", label(3))))?),
    };
    let mut plan = Vec::new();
    for part in v[8].split([';', '；', ' ', '，']).filter(|p| !p.is_empty()) {
        let shown = crate::sanitize::one_line(part);
        let bad = || (8, format!("{}: `{shown}` (2026-12-01=50)", label(8)));
        let (d, a) = part.split_once('=').ok_or_else(bad)?;
        let d = date(8, label(8), d, today, false)?.ok_or_else(bad)?;
        let a = amount(8, label(8), a, lang)?.ok_or_else(bad)?;
        plan.push((d, a));
    }
    Ok(ContractRequest {
        total: amount(0, label(0), &v[0], lang)?,
        tech: amount(1, label(1), &v[1], lang)?,
        pay_mode,
        contract_type,
        signed_on: date(4, label(4), &v[4], today, true)?,
        valid_to: date(5, label(5), &v[5], today, false)?,
        reg_no: Some(v[6].clone()).filter(|s| !s.is_empty()),
        reg_date: date(7, label(7), &v[7], today, true)?,
        plan: Some(plan),
    })
}

/// The payment form's lines as a request; no date means today.
pub fn payment(v: &[String], today: Date, lang: Lang) -> Result<PaymentRequest, Bad> {
    let (zh, en) = super::state::PAYMENT_FIELDS[0];
    let needed = lang.pick("请填写金额", "an amount is needed");
    let amount = amount(0, lang.pick(zh, en), &v[0], lang)?
        .ok_or_else(|| (0, format!("{}: {needed}", lang.pick(zh, en))))?;
    let (zh, en) = super::state::PAYMENT_FIELDS[1];
    let paid_on = date(1, lang.pick(zh, en), &v[1], today, true)?.unwrap_or(today);
    Ok(PaymentRequest {
        amount,
        paid_on,
        note: v[2].clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_string()).collect()
    }

    #[test]
    fn the_forms_read_amounts_dates_and_plans_or_say_what_is_wrong() {
        let today = d(2026, 11, 18);
        let v = s(&[
            "1,200",
            "1000万",
            "分期",
            "技术转让",
            "11-02",
            "2027-12-31",
            "2026X1",
            "",
            "2026-12-01=200; 2027-03-01=1,000",
        ]);
        let r = contract(&v, today, Lang::En).unwrap();
        assert_eq!(r.total, Money::from_wan(1200));
        assert_eq!(r.pay_mode, Some(PayMode::Instalments));
        assert_eq!(r.signed_on, Some(d(2026, 11, 2)));
        assert_eq!(
            r.plan.as_ref().unwrap()[1],
            (d(2027, 3, 1), Money::from_wan(1000).unwrap())
        );
        let mut bad = v.clone();
        bad[0] = "abc".into();
        assert_eq!(
            contract(&bad, today, Lang::En).unwrap_err().0,
            0,
            "the line in error"
        );
        assert!(
            contract(&bad, today, Lang::En)
                .unwrap_err()
                .1
                .contains("not an amount")
        );
        let mut bad = v;
        bad[8] = "2026-12-01".into();
        assert!(
            contract(&bad, today, Lang::En)
                .unwrap_err()
                .1
                .contains("2026-12-01=50")
        );
        let p = payment(&s(&["50", "", "首期"]), today, Lang::Zh).unwrap();
        assert_eq!((p.amount, p.paid_on), (Money::from_wan(50).unwrap(), today));
        assert!(payment(&s(&["", "", ""]), today, Lang::En).is_err());
        assert!(
            payment(&s(&["-5", "", ""]), today, Lang::En)
                .unwrap_err()
                .1
                .contains("negative")
        );
    }
}
