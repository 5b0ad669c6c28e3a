//! The contract forms' writes: a contract or a payment, each one journalled transaction;
//! the answer is data (the pair, what is paid and outstanding), or the refusal's reason.

use crate::db::Db;
use crate::domain::undo::desk;
use crate::pipeline::Clock;
use crate::pipeline::contracts::{self, record_payment, set_contract};
use crate::tui::action::Action;
use crate::tui::effect::ContractEffect;
use crate::tui::features::contract::ContractAction;
use crate::tui::features::pipeline::pair_code;

pub fn run(db: &mut Db, clock: &Clock, effect: ContractEffect) -> Action {
    let (pair_id, payment, done) = match effect {
        ContractEffect::Save { pair_id, req } => (
            pair_id,
            false,
            set_contract(db, clock, pair_code(pair_id), &req, &desk()).map(|r| r.pair),
        ),
        ContractEffect::Pay { pair_id, req } => (
            pair_id,
            true,
            record_payment(db, clock, pair_code(pair_id), &req, &desk()).map(|(r, _)| r.pair),
        ),
    };
    let view = done.and_then(|pair| contracts::view(db.conn(), clock, &pair));
    Action::Contract(match view {
        Ok(v) => {
            let (paid, outstanding) = v.map_or_else(Default::default, |v| (v.paid, v.outstanding));
            ContractAction::Saved {
                code: pair_code(pair_id).to_string(),
                payment,
                paid,
                outstanding,
            }
        }
        Err(e) => ContractAction::Refused(crate::sanitize::one_line(&e.to_string())),
    })
}
