//! The desk's contract forms on an open pair detail: `C` records or changes the contract
//! (total, technology amount, payment mode, type, dates, registration number, plan), `$`
//! records a payment received. Both do what `duijie contract` and `duijie paid` do, with
//! the same checks and one undo step each.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{ContractAction, ContractForm, FormKind};
