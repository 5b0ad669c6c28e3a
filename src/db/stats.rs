//! The raw rows the stats view and `duijie report` add up: one compact row per pair with
//! what its demand and result say about field, region and organisation, the stage history,
//! the follow-up dates and the payments. The sums themselves are made in
//! [`crate::pipeline::stats`], so tests can check them against SQL of their own.

use super::DbResult;
use crate::domain::{Money, ShelveReason, Stage};
use crate::store::{Row, Sql, StoreResult};

/// A pair as the figures see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatPair {
    pub id: i64,
    pub stage: Stage,
    pub stage_since: String,
    pub amount: Option<Money>,
    pub signed_on: Option<String>,
    pub registered: bool,
    pub shelve_reason: Option<ShelveReason>,
    pub created_at: String,
    /// The demand's field and region (the enterprise's side).
    pub field: String,
    pub region: String,
    pub demand_org: String,
    pub result_org: String,
}

/// Every pair, by id.
pub fn pairs(conn: &dyn Sql) -> DbResult<Vec<StatPair>> {
    let rows = conn.query(
        "SELECT p.id, p.stage, p.stage_since, p.amount_fen, p.signed_on, p.reg_no IS NOT NULL, \
         p.shelve_reason, p.created_at, d.field, d.region, d.org, r.org \
         FROM pair p JOIN record d ON d.id = p.demand_id JOIN record r ON r.id = p.result_id \
         ORDER BY p.id",
        &[],
    )?;
    Ok(rows.iter().map(stat_pair).collect::<StoreResult<_>>()?)
}

fn stat_pair(r: &Row) -> StoreResult<StatPair> {
    let stage: String = r.get(1)?;
    let reason: Option<String> = r.get(6)?;
    Ok(StatPair {
        id: r.get(0)?,
        stage: Stage::parse(&stage).unwrap_or_default(),
        stage_since: r.get(2)?,
        amount: r.get(3)?,
        signed_on: r.get(4)?,
        registered: r.get(5)?,
        shelve_reason: reason.as_deref().and_then(ShelveReason::parse),
        created_at: r.get(7)?,
        field: r.get(8)?,
        region: r.get(9)?,
        demand_org: r.get(10)?,
        result_org: r.get(11)?,
    })
}

/// Every stage move as (pair id, to stage, at), by pair then time.
pub fn moves(conn: &dyn Sql) -> DbResult<Vec<(i64, Stage, String)>> {
    let rows = conn.query(
        "SELECT pair_id, to_stage, at FROM stage_change ORDER BY pair_id, at, id",
        &[],
    )?;
    let mv = |r: &Row| -> StoreResult<_> {
        let to: String = r.get(1)?;
        Ok((r.get(0)?, Stage::parse(&to).unwrap_or_default(), r.get(2)?))
    };
    Ok(rows.iter().map(mv).collect::<StoreResult<_>>()?)
}

/// When each follow-up happened (RFC 3339), at or after `since`.
pub fn followup_times(conn: &dyn Sql, since: &str) -> DbResult<Vec<String>> {
    let rows = conn.query("SELECT at FROM followup WHERE at >= ?1", &[&since])?;
    Ok(rows.iter().map(|r| r.get(0)).collect::<StoreResult<_>>()?)
}

/// Every payment as (pair id, day, amount).
pub fn payments(conn: &dyn Sql) -> DbResult<Vec<(i64, String, Money)>> {
    let rows = conn.query(
        "SELECT pair_id, paid_on, amount_fen FROM payment ORDER BY pair_id, paid_on, id",
        &[],
    )?;
    let pay = |r: &Row| -> StoreResult<_> { Ok((r.get(0)?, r.get(1)?, r.get(2)?)) };
    Ok(rows.iter().map(pay).collect::<StoreResult<_>>()?)
}
