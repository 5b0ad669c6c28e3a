//! The stats view's rows of the key table: opening it, and the period picker.

use super::state::StatsAction as S;
use crate::tui::action::Action;
use crate::tui::keys::{Context, Def, Section};

/// `r` on the desk; on the board and the agenda `r` opens the pair's result (phone keys), so
/// there it is `R`, which works everywhere.
const OPENS: &[Context] = &[Context::Desk];
const OPENS_TOO: &[Context] = &[Context::Desk, Context::Board, Context::Agenda];
const IN_VIEW: &[Context] = &[Context::Stats];

pub fn defaults() -> Vec<Def> {
    vec![
        Def::new(
            "stats",
            Action::Stats(S::Open),
            Section::Pipeline,
            OPENS,
            &["r"],
            "统计与报表",
            "stats and figures",
        ),
        Def::new(
            "stats_anywhere",
            Action::Stats(S::Open),
            Section::Pipeline,
            OPENS_TOO,
            &["R"],
            "统计与报表（看板、待办中也可用）",
            "stats and figures (on the board and agenda too)",
        ),
        Def::new(
            "stats_next_period",
            Action::Stats(S::NextPeriod),
            Section::Pipeline,
            IN_VIEW,
            &["]", "right", "l"],
            "统计：下一个期间（本月、本季度、本年、全部）",
            "stats: next period (month, quarter, year, all)",
        ),
        Def::new(
            "stats_prev_period",
            Action::Stats(S::PrevPeriod),
            Section::Pipeline,
            IN_VIEW,
            &["[", "left", "h"],
            "统计：上一个期间",
            "stats: previous period",
        ),
    ]
}
