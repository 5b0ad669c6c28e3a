//! The stats view (`r`): the funnel, signed/registered/paid by field and region, follow-ups
//! per week, median days in stage, shelve reasons and the busiest organisations, over a
//! period picked with `[` and `]` (this month, quarter, year, all).

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{PeriodChoice, StatsAction, StatsView};
