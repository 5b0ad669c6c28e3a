//! The contract forms' rows of the key table: opening them from the pair detail. Inside,
//! the stage prompt's keys apply (Tab, Enter, Esc, editing).

use super::state::ContractAction as C;
use crate::tui::action::Action;
use crate::tui::keys::{Context, Def, Section};

const ON_DETAIL: &[Context] = &[Context::PairDetail];

pub fn defaults() -> Vec<Def> {
    vec![
        Def::new(
            "contract_form",
            Action::Contract(C::OpenContract),
            Section::Pipeline,
            ON_DETAIL,
            &["C"],
            "合同（总额、技术交易额、付款方式、登记、计划）",
            "contract (total, tech amount, pay mode, registration, plan)",
        ),
        Def::new(
            "payment_form",
            Action::Contract(C::OpenPayment),
            Section::Pipeline,
            ON_DETAIL,
            &["$"],
            "记录到账款项",
            "record a payment received",
        ),
    ]
}
