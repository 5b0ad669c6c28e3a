//! `ContractForm`: labelled text lines for a contract or a payment, the answers returned
//! raw (the update parses amounts and dates and can put an error back beside a line). It
//! reads intents ([`Input`]); the key table decides which keys mean them.

use crate::i18n::Lang;
use crate::pipeline::contracts::ContractView;
use crate::tui::action::Input;
use crate::tui::ui::input::{InputOutcome, TextInput};

/// Which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Contract,
    Payment,
}

/// The lines of each form: (Chinese, English) labels, in order.
pub const CONTRACT_FIELDS: [(&str, &str); 9] = [
    ("合同总额 万元", "Total 万元"),
    ("技术交易额 万元", "Tech amount 万元"),
    ("付款方式", "Pay mode"),
    ("合同类型", "Type"),
    ("签订日期", "Signed on"),
    ("有效期至", "Valid to"),
    ("登记编号", "Reg no"),
    ("登记日期", "Reg date"),
    ("付款计划 日期=万元; …", "Plan DATE=万元; …"),
];
pub const PAYMENT_FIELDS: [(&str, &str); 3] = [
    ("金额 万元", "Amount 万元"),
    ("到账日期", "Paid on"),
    ("备注", "Note"),
];

/// Intents of the contract forms and their answers.
#[derive(Debug, Clone, PartialEq)]
pub enum ContractAction {
    /// Open the contract form on the pair detail on top.
    OpenContract,
    /// Open the payment form on the pair detail on top.
    OpenPayment,
    /// The write went through: close the form, say so.
    Saved {
        code: String,
        /// A payment (else the contract).
        payment: bool,
        paid: crate::domain::Money,
        outstanding: crate::domain::Money,
    },
    /// The write was refused: the reason beside the form.
    Refused(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    Pending,
    Cancelled,
    /// Each line's text, trimmed, in order.
    Submit(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct ContractForm {
    pub kind: FormKind,
    pub pair_id: i64,
    pub(super) pair_code: String,
    pub(super) inputs: Vec<TextInput>,
    pub(super) focus: usize,
    pub(super) error: Option<String>,
}

impl ContractForm {
    /// A payment form, or a contract form filled with what `current` holds.
    pub fn new(
        kind: FormKind,
        pair_id: i64,
        code: &str,
        current: Option<&ContractView>,
        lang: Lang,
    ) -> ContractForm {
        let inputs = match (kind, current) {
            (FormKind::Payment, _) => vec![TextInput::new(); PAYMENT_FIELDS.len()],
            (FormKind::Contract, c) => {
                let money =
                    |m: Option<crate::domain::Money>| m.map(|m| m.to_string()).unwrap_or_default();
                let text = |s: Option<&String>| s.cloned().unwrap_or_default();
                let c = c.cloned();
                let plan = c.as_ref().map_or_else(String::new, |c| {
                    c.plan
                        .iter()
                        .map(|l| format!("{}={}", l.due, l.amount))
                        .collect::<Vec<_>>()
                        .join("; ")
                });
                let values = c.map_or_else(
                    || vec![String::new(); CONTRACT_FIELDS.len()],
                    |c| {
                        vec![
                            money(c.total),
                            money(c.tech),
                            c.pay_mode
                                .map(|m| lang.pick(m.zh(), m.key()).to_string())
                                .unwrap_or_default(),
                            c.contract_type
                                .map(|t| lang.pick(t.zh(), t.key()).to_string())
                                .unwrap_or_default(),
                            text(c.signed_on.as_ref()),
                            text(c.valid_to.as_ref()),
                            text(c.reg_no.as_ref()),
                            text(c.reg_date.as_ref()),
                            plan,
                        ]
                    },
                );
                values
                    .iter()
                    .map(|v| TextInput::with_value(&crate::sanitize::one_line(v)))
                    .collect()
            }
        };
        ContractForm {
            kind,
            pair_id,
            pair_code: crate::sanitize::one_line(code),
            inputs,
            focus: 0,
            error: None,
        }
    }

    pub fn labels(&self) -> &'static [(&'static str, &'static str)] {
        match self.kind {
            FormKind::Contract => &CONTRACT_FIELDS,
            FormKind::Payment => &PAYMENT_FIELDS,
        }
    }

    /// Shows `msg` under the form in the warning style; typing clears it.
    pub fn set_error(&mut self, msg: &str) {
        self.error = Some(crate::sanitize::one_line(msg));
    }

    /// Moves the focus to line `i`.
    pub fn focus_on(&mut self, i: usize) {
        self.focus = i.min(self.inputs.len().saturating_sub(1));
    }

    /// One intent: Cancel leaves; Submit goes to the next line and submits on the last;
    /// Tab/↑/↓ switch lines; the editing intents edit the line in focus.
    pub fn handle(&mut self, input: &Input) -> FormOutcome {
        let n = self.inputs.len();
        match input {
            Input::Cancel => return FormOutcome::Cancelled,
            Input::Submit if self.focus + 1 == n => {
                return FormOutcome::Submit(
                    self.inputs
                        .iter()
                        .map(|i| i.value().trim().to_string())
                        .collect(),
                );
            }
            Input::Submit | Input::NextField | Input::Down => self.focus = (self.focus + 1) % n,
            Input::PrevField | Input::Up => self.focus = (self.focus + n - 1) % n,
            edit => {
                if self.inputs[self.focus].handle(edit) == InputOutcome::Edited {
                    self.error = None;
                }
            }
        }
        FormOutcome::Pending
    }
}
