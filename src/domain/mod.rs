//! Plain domain types: records (demands and results), codes, pairs and stages, compact rows
//! and patches, and undo steps. No I/O here; the database and the views both speak these
//! types.

mod amount;
mod code;
pub mod contact;
pub mod contract;
pub mod date;
mod note;
pub mod org;
mod pair;
mod patch;
mod record;
pub mod reward;
mod row;
pub mod status;
pub mod undo;

pub use amount::{AmountError, Money};
pub use code::{Code, CodeError, CodeKind};
pub use contract::{ContractSnapshot, ContractTerms, Instalment, PayMode, Payment};
pub use note::RecordNote;
pub use pair::{Channel, ContractType, FollowUp, Pair, ShelveReason, Stage, StageChange};
pub use patch::RecordPatch;
pub use record::{Kind, Record};
pub use row::{PairRow, RecordRow, Side};
