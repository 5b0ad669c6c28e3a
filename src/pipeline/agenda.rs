//! The agenda: next actions by due date (overdue, today, this week, later) and stale pairs.
//!
//! "This week" means the next seven days after today (so it is never empty just because it
//! is Sunday); "later" holds actions due after that and actions without a date. Shelved
//! pairs are left out. A pair is stale when nothing happened to it (no stage change, no
//! follow-up) for [`STALE_WORKING_DAYS`] days in Contacted or Negotiating, or
//! [`STALE_SIGNED_DAYS`] days in Signed.

use crate::store::Sql;
use jiff::civil::Date;
use serde::Serialize;

use super::clock::days_between;
use super::pairs::{Side, list_with_sides};
use super::{Clock, PipelineResult};
use crate::domain::Stage;

pub const STALE_WORKING_DAYS: i64 = 14;
pub const STALE_SIGNED_DAYS: i64 = 30;
/// Actions due within this many days after today are "this week".
pub const WEEK_DAYS: i64 = 7;

/// A next action on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    #[serde(skip)]
    pub pair_id: i64,
    pub code: String,
    pub demand: Side,
    pub result: Side,
    pub stage: Stage,
    pub stage_zh: &'static str,
    pub next_action: String,
    pub due: Option<String>,
    /// Days past the due date (0 when not overdue).
    pub days_overdue: i64,
    /// Whose pair it is (`null`: nobody's in particular, from before names).
    pub owner: Option<String>,
}

/// A pair that has gone quiet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaleItem {
    #[serde(skip)]
    pub pair_id: i64,
    pub code: String,
    pub demand: Side,
    pub result: Side,
    pub stage: Stage,
    pub stage_zh: &'static str,
    pub days_since_activity: i64,
    /// Day of the last stage change or follow-up, YYYY-MM-DD.
    pub last_activity: String,
    pub next_action: Option<String>,
    pub next_due: Option<String>,
    /// Whose pair it is (`null`: nobody's in particular, from before names).
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Agenda {
    pub overdue: Vec<AgendaItem>,
    pub today: Vec<AgendaItem>,
    pub this_week: Vec<AgendaItem>,
    pub later: Vec<AgendaItem>,
    pub stale: Vec<StaleItem>,
}

fn stale_after(stage: Stage) -> Option<i64> {
    match stage {
        Stage::Contacted | Stage::Negotiating => Some(STALE_WORKING_DAYS),
        Stage::Signed => Some(STALE_SIGNED_DAYS),
        _ => None,
    }
}

impl Agenda {
    /// The agenda with only the pairs `keep` accepts by their owner.
    pub fn only(mut self, keep: impl Fn(Option<&str>) -> bool) -> Agenda {
        for bucket in [
            &mut self.overdue,
            &mut self.today,
            &mut self.this_week,
            &mut self.later,
        ] {
            bucket.retain(|i| keep(i.owner.as_deref()));
        }
        self.stale.retain(|i| keep(i.owner.as_deref()));
        self
    }
}

pub fn agenda(conn: &dyn Sql, clock: &Clock) -> PipelineResult<Agenda> {
    let today = clock.today();
    let activity = crate::db::followups::last_activity(conn)?;
    let mut out = Agenda::default();
    for (pair, demand, result) in list_with_sides(conn)? {
        if pair.stage == Stage::Shelved {
            continue;
        }
        if let Some(limit) = stale_after(pair.stage) {
            let last = activity
                .get(&pair.id)
                .map_or(pair.created_at.as_str(), String::as_str);
            let days = clock.days_since(last);
            if days >= limit {
                out.stale.push(StaleItem {
                    pair_id: pair.id,
                    code: pair.code().to_string(),
                    demand: demand.clone(),
                    result: result.clone(),
                    stage: pair.stage,
                    stage_zh: pair.stage.zh(),
                    days_since_activity: days,
                    last_activity: clock
                        .date_of(last)
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    next_action: pair.next_action.clone(),
                    next_due: pair.next_due.clone(),
                    owner: pair.owner.clone(),
                });
            }
        }
        let Some(action) = pair.next_action.clone() else {
            continue;
        };
        let due: Option<Date> = pair.next_due.as_deref().and_then(|d| d.parse().ok());
        let ahead = due.map(|d| days_between(today, d));
        let item = AgendaItem {
            pair_id: pair.id,
            code: pair.code().to_string(),
            demand,
            result,
            stage: pair.stage,
            stage_zh: pair.stage.zh(),
            next_action: action,
            due: pair.next_due.clone(),
            days_overdue: ahead.map_or(0, |a| (-a).max(0)),
            owner: pair.owner.clone(),
        };
        match ahead {
            Some(a) if a < 0 => out.overdue.push(item),
            Some(0) => out.today.push(item),
            Some(a) if a <= WEEK_DAYS => out.this_week.push(item),
            _ => out.later.push(item),
        }
    }
    for bucket in [
        &mut out.overdue,
        &mut out.today,
        &mut out.this_week,
        &mut out.later,
    ] {
        bucket.sort_by(|a, b| {
            (a.due.is_none(), &a.due, a.pair_id).cmp(&(b.due.is_none(), &b.due, b.pair_id))
        });
    }
    out.stale.sort_by(|a, b| {
        b.days_since_activity
            .cmp(&a.days_since_activity)
            .then(a.pair_id.cmp(&b.pair_id))
    });
    Ok(out)
}
