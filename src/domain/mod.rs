//! Plain domain types: records (demands and results), codes, pairs and stages.
//! No I/O here; the database and the views both speak these types.

mod amount;
mod code;
mod pair;
mod record;

pub use amount::parse_wan;
pub use code::{Code, CodeError, CodeKind};
pub use pair::{Channel, ContractType, FollowUp, Pair, ShelveReason, Stage, StageChange};
pub use record::{Kind, Record};
