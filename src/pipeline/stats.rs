//! The figures of the stats view and `duijie report`, over a period (inclusive dates; open
//! ends mean "from the beginning" / "up to today"):
//!
//! - the funnel: per stage, the pairs in it now (count, 万元), the pairs that reached it in
//!   the period (a pair created in it is a candidate reached), and the share of those that
//!   reached the next stage;
//! - signed (signing date in the period), registered (moved to 登记 in the period) and paid
//!   (payments dated in the period) by the demand's field and region;
//! - follow-ups per week (Monday to Sunday) over the 12 weeks up to the period's end;
//! - the median days a stay in each stage lasted (stays that began in the period; a stay
//!   still running counts up to today);
//! - shelve reasons of the pairs shelved in the period;
//! - the enterprises and institutions with the most pairs created in the period.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::store::Sql;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::clock::days_between;
use super::{Clock, PipelineResult};
use crate::db::stats::{self as raw, StatPair};
use crate::domain::{Money, ShelveReason, Stage};

/// Inclusive dates; `None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Period {
    #[serde(serialize_with = "opt_date")]
    pub from: Option<Date>,
    #[serde(serialize_with = "opt_date")]
    pub to: Option<Date>,
}

#[allow(
    clippy::ref_option,
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes the field by reference"
)]
fn opt_date<S: serde::Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

impl Period {
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelRow {
    pub stage: Stage,
    pub now: i64,
    #[serde(rename = "now_wan")]
    pub now_sum: Money,
    pub reached: i64,
    /// reached(next) / reached(this) in percent; none for the last stage or when none reached.
    pub conversion_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GroupRow {
    pub name: String,
    pub signed: i64,
    #[serde(rename = "signed_wan")]
    pub signed_sum: Money,
    pub registered: i64,
    #[serde(rename = "registered_wan")]
    pub registered_sum: Money,
    #[serde(rename = "paid_wan")]
    pub paid: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub period: Period,
    pub funnel: Vec<FunnelRow>,
    pub totals: GroupRow,
    pub by_field: Vec<GroupRow>,
    pub by_region: Vec<GroupRow>,
    /// (Monday of the week, follow-ups), oldest first.
    pub weekly: Vec<(String, u64)>,
    /// (stage, median days, stays counted).
    pub median_days: Vec<(Stage, Option<f64>, usize)>,
    pub shelve_reasons: Vec<(ShelveReason, i64)>,
    pub top_enterprises: Vec<(String, i64)>,
    pub top_institutions: Vec<(String, i64)>,
}

/// The main line: every stage but Shelved, in order.
const MAIN: &[Stage] = Stage::ALL.split_at(6).0;

fn add(a: Money, b: Money) -> Money {
    a.checked_add(b).unwrap_or(Money::MAX)
}

/// The figures for `period` as of `clock`.
pub fn stats(conn: &dyn Sql, clock: &Clock, period: Period) -> PipelineResult<Stats> {
    let pairs = raw::pairs(conn)?;
    let moves = raw::moves(conn)?;
    let day = |s: &str| clock.date_of(s);
    let in_period = |s: &str| day(s).is_some_and(|d| period.contains(d));

    // Funnel.
    let mut reached: HashMap<Stage, HashSet<i64>> = HashMap::new();
    for p in &pairs {
        if in_period(&p.created_at) {
            reached.entry(Stage::Candidate).or_default().insert(p.id);
        }
    }
    for (id, to, at) in &moves {
        if *to != Stage::Candidate && in_period(at) {
            reached.entry(*to).or_default().insert(*id);
        }
    }
    let count = |s: Stage| reached.get(&s).map_or(0, HashSet::len) as i64;
    let mut funnel = Vec::new();
    for (i, &s) in Stage::ALL.iter().enumerate() {
        let here: Vec<&StatPair> = pairs.iter().filter(|p| p.stage == s).collect();
        let next = MAIN
            .get(i + 1)
            .filter(|_| s != Stage::Landed && s != Stage::Shelved);
        // Of the pairs that reached this stage in the period, the share that went on to the
        // next or a later one in the period (a pair may skip a stage). Counting the next
        // stage's arrivals instead would mix in pairs that reached this stage before the
        // period, and a quarter could show 400 %.
        let conversion_pct = next.filter(|_| count(s) > 0).map(|n| {
            let later = MAIN.iter().skip_while(|t| *t != n);
            let went_on = reached.get(&s).map_or(0, |ids| {
                ids.iter()
                    .filter(|id| {
                        later
                            .clone()
                            .any(|t| reached.get(t).is_some_and(|r| r.contains(id)))
                    })
                    .count()
            });
            went_on as f64 * 100.0 / count(s) as f64
        });
        funnel.push(FunnelRow {
            stage: s,
            now: here.len() as i64,
            now_sum: Money::total(here.iter().filter_map(|p| p.amount)),
            reached: count(s),
            conversion_pct,
        });
    }

    // Signed, registered, paid by field and region.
    let registered_in: HashSet<i64> = moves
        .iter()
        .filter(|(_, to, at)| *to == Stage::Registered && in_period(at))
        .map(|(id, ..)| *id)
        .collect();
    let mut paid: HashMap<i64, Money> = HashMap::new();
    for (id, d, amount) in raw::payments(conn)? {
        if crate::domain::date::iso_date(&d).is_some_and(|d| period.contains(d)) {
            let e = paid.entry(id).or_insert(Money::ZERO);
            *e = add(*e, amount);
        }
    }
    let mut by_field: BTreeMap<String, GroupRow> = BTreeMap::new();
    let mut by_region: BTreeMap<String, GroupRow> = BTreeMap::new();
    let mut totals = GroupRow::default();
    for p in &pairs {
        let signed = p
            .signed_on
            .as_deref()
            .and_then(crate::domain::date::iso_date)
            .is_some_and(|d| period.contains(d))
            && p.amount.is_some();
        let registered = p.registered && registered_in.contains(&p.id);
        let money = paid.get(&p.id).copied().unwrap_or(Money::ZERO);
        if !signed && !registered && money == Money::ZERO {
            continue;
        }
        let amount = p.amount.unwrap_or(Money::ZERO);
        let name = |s: &str| {
            if s.trim().is_empty() {
                "—".to_string()
            } else {
                s.to_string()
            }
        };
        for g in [
            by_field.entry(name(&p.field)).or_default(),
            by_region.entry(name(&p.region)).or_default(),
            &mut totals,
        ] {
            if signed {
                g.signed += 1;
                g.signed_sum = add(g.signed_sum, amount);
            }
            if registered {
                g.registered += 1;
                g.registered_sum = add(g.registered_sum, amount);
            }
            g.paid = add(g.paid, money);
        }
    }
    let ranked = |m: BTreeMap<String, GroupRow>| {
        let mut v: Vec<GroupRow> = m
            .into_iter()
            .map(|(name, mut g)| {
                g.name = name;
                g
            })
            .collect();
        v.sort_by(|a, b| {
            b.signed_sum
                .cmp(&a.signed_sum)
                .then_with(|| a.name.cmp(&b.name))
        });
        v
    };
    totals.name = "合计".into();

    Ok(Stats {
        period,
        funnel,
        totals,
        by_field: ranked(by_field),
        by_region: ranked(by_region),
        weekly: weekly(conn, clock, period)?,
        median_days: medians(clock, &moves, period),
        shelve_reasons: shelve_reasons(&pairs, &in_period),
        top_enterprises: top(pairs
            .iter()
            .filter(|p| in_period(&p.created_at))
            .map(|p| &p.demand_org)),
        top_institutions: top(pairs
            .iter()
            .filter(|p| in_period(&p.created_at))
            .map(|p| &p.result_org)),
    })
}

fn weekly(conn: &dyn Sql, clock: &Clock, period: Period) -> PipelineResult<Vec<(String, u64)>> {
    let end = period.to.unwrap_or_else(|| clock.today());
    let back = i64::from(end.weekday().to_monday_zero_offset());
    let last_monday = end.checked_sub(back.days()).unwrap_or(end);
    let first = last_monday.checked_sub(77.days()).unwrap_or(last_monday);
    let mut weeks: Vec<(String, u64)> = (0..12)
        .map(|w| {
            let d = first.checked_add((7 * w).days()).unwrap_or(first);
            (d.to_string(), 0)
        })
        .collect();
    // A day's margin either side: follow-ups are stored in UTC, weeks are local days.
    let since = first.checked_sub(1.day()).unwrap_or(first).to_string();
    for at in raw::followup_times(conn, &since)? {
        let Some(d) = clock.date_of(&at) else {
            continue;
        };
        let offset = days_between(first, d);
        if (0..84).contains(&offset) && d <= end {
            weeks[(offset / 7) as usize].1 += 1;
        }
    }
    debug_assert_eq!(first.weekday(), Weekday::Monday);
    Ok(weeks)
}

fn medians(
    clock: &Clock,
    moves: &[(i64, Stage, String)],
    period: Period,
) -> Vec<(Stage, Option<f64>, usize)> {
    let mut stays: HashMap<Stage, Vec<i64>> = HashMap::new();
    for (i, (id, stage, at)) in moves.iter().enumerate() {
        let Some(start) = clock.date_of(at) else {
            continue;
        };
        if !period.contains(start) {
            continue;
        }
        let end = match moves.get(i + 1) {
            Some((next_id, _, next_at)) if next_id == id => clock.date_of(next_at),
            _ => Some(clock.today()),
        };
        if let Some(end) = end {
            stays
                .entry(*stage)
                .or_default()
                .push(days_between(start, end).max(0));
        }
    }
    Stage::ALL
        .iter()
        .map(|s| {
            let mut v = stays.remove(s).unwrap_or_default();
            v.sort_unstable();
            let n = v.len();
            let median = match n {
                0 => None,
                _ if n % 2 == 1 => Some(v[n / 2] as f64),
                _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
            };
            (*s, median, n)
        })
        .collect()
}

fn shelve_reasons(
    pairs: &[StatPair],
    in_period: &dyn Fn(&str) -> bool,
) -> Vec<(ShelveReason, i64)> {
    let mut counts: HashMap<ShelveReason, i64> = HashMap::new();
    for p in pairs {
        if p.stage == Stage::Shelved
            && in_period(&p.stage_since)
            && let Some(r) = p.shelve_reason
        {
            *counts.entry(r).or_default() += 1;
        }
    }
    let mut v: Vec<_> = ShelveReason::ALL
        .iter()
        .filter_map(|r| counts.get(r).map(|n| (*r, *n)))
        .collect();
    v.sort_by_key(|r| std::cmp::Reverse(r.1));
    v
}

/// The ten names with the most pairs, most first, then by name.
fn top<'a>(names: impl Iterator<Item = &'a String>) -> Vec<(String, i64)> {
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for n in names {
        if !n.trim().is_empty() {
            *counts.entry(n.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(String, i64)> = counts
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(10);
    v
}
