//! Tagging: creating, reading and deleting pairs, their stage history and follow-up log, and
//! the per-record views the desk needs (a record's pairs, which records are paired). The SQL
//! lives in [`crate::db::pairs`] and [`crate::db::followups`]; these are the use-cases, each
//! write one transaction with its undo step.

use std::collections::HashSet;

use crate::store::Sql;

use super::{Clock, PipelineError, PipelineResult};
use crate::db::{self, Db, records};
use crate::domain::undo::{Inverse, PairSnapshot, desk};
use crate::domain::{Code, CodeKind, FollowUp, Pair, PairRow, Record, Stage, StageChange};

pub use crate::domain::Side;

/// A pair seen from one of its records: the pair and the record on the other side.
#[derive(Debug, Clone, PartialEq)]
pub struct PairOfRecord {
    /// The pair.
    pub pair: Pair,
    /// The record on the other side.
    pub other: Side,
}

/// The pair with row id `id`.
pub fn get(conn: &dyn Sql, id: i64) -> PipelineResult<Option<Pair>> {
    Ok(db::pairs::get(conn, id)?)
}

/// One pair with its two sides, to patch into a board or agenda; `None` when it is gone.
pub fn row(conn: &dyn Sql, id: i64) -> PipelineResult<Option<PairRow>> {
    Ok(db::pairs::row(conn, id)?)
}

/// Looks a pair up by its code; a record code or a missing pair is a clear error.
pub fn pair_by_code(conn: &dyn Sql, code: Code) -> PipelineResult<Pair> {
    if code.kind != CodeKind::Pair {
        return Err(PipelineError::Invalid(format!(
            "{code} is not a pair: pair codes look like P3"
        )));
    }
    get(conn, code.num)?.ok_or_else(|| PipelineError::NotFound(code.to_string()))
}

/// [`row`] by code, or why there is none.
pub(crate) fn row_by_code(conn: &dyn Sql, code: Code) -> PipelineResult<PairRow> {
    let p = pair_by_code(conn, code)?;
    row(conn, p.id)?.ok_or_else(|| PipelineError::NotFound(code.to_string()))
}

/// Every pair with its demand and result, in code order.
pub fn list_with_sides(conn: &dyn Sql) -> PipelineResult<Vec<(Pair, Side, Side)>> {
    Ok(db::pairs::rows(conn)?
        .into_iter()
        .map(|r| (r.pair, r.demand, r.result))
        .collect())
}

/// The demand and result of a pair.
pub fn sides_of(conn: &dyn Sql, pair: &Pair) -> PipelineResult<(Side, Side)> {
    let side = |id: i64| -> PipelineResult<Side> {
        let rec = records::get(conn, id)?
            .ok_or_else(|| PipelineError::NotFound(format!("record {id}")))?;
        Ok(Side::of(&rec))
    };
    Ok((side(pair.demand_id)?, side(pair.result_id)?))
}

/// A pair's stage history, oldest first.
pub fn history_of(conn: &dyn Sql, pair_id: i64) -> PipelineResult<Vec<StageChange>> {
    Ok(db::followups::history_of(conn, pair_id)?)
}

/// A pair's follow-up log, newest first.
pub fn followups_of(conn: &dyn Sql, pair_id: i64) -> PipelineResult<Vec<FollowUp>> {
    Ok(db::followups::of_pair(conn, pair_id)?)
}

/// The pairs a record takes part in, each with the record on the other side, in code order.
pub fn pairs_of_record(conn: &dyn Sql, record_id: i64) -> PipelineResult<Vec<PairOfRecord>> {
    Ok(db::pairs::of_record(conn, record_id)?
        .into_iter()
        .map(|(pair, other)| PairOfRecord { pair, other })
        .collect())
}

/// Ids of every record that takes part in at least one pair (for the lists' marker).
pub fn paired_record_ids(conn: &dyn Sql) -> PipelineResult<HashSet<i64>> {
    Ok(db::pairs::paired_record_ids(conn)?)
}

/// [`create`] by the desk of this process; returns the pair alone.
pub fn create_pair(
    db: &mut Db,
    clock: &Clock,
    a: Code,
    b: Code,
    note: &str,
) -> PipelineResult<Pair> {
    Ok(create(db, clock, a, b, note, &desk())?.pair)
}

/// Pairs a demand with a result (codes in either order) as a candidate, recording the
/// history entry (none → candidate) and the undo step (made by `origin`) in the same
/// transaction. Returns the new pair with its sides.
pub fn create(
    db: &mut Db,
    clock: &Clock,
    a: Code,
    b: Code,
    note: &str,
    origin: &str,
) -> PipelineResult<PairRow> {
    let (demand, result) = match (a.kind, b.kind) {
        (CodeKind::Demand, CodeKind::Achievement) => (a, b),
        (CodeKind::Achievement, CodeKind::Demand) => (b, a),
        _ => return Err(PipelineError::NeedDemandAndResult),
    };
    db.write(|tx| {
        let d = records::get_by_code(tx, demand)?;
        let r = records::get_by_code(tx, result)?;
        let pair = create_in(tx, clock, &d, &r, note)?;
        db::undo::push(
            tx,
            &crate::domain::undo::Label::Pair {
                code: pair.code().to_string(),
                demand: demand.to_string(),
                result: result.to_string(),
            }
            .stored(),
            &Inverse::DeletePair { id: pair.id },
            &clock.stamp(),
            origin,
        )?;
        Ok(PairRow {
            pair,
            demand: Side::of(&d),
            result: Side::of(&r),
        })
    })
}

/// Inserts a pair inside the caller's transaction (no undo entry).
pub(crate) fn create_in(
    conn: &dyn Sql,
    clock: &Clock,
    demand: &Record,
    result: &Record,
    note: &str,
) -> PipelineResult<Pair> {
    if let Some(id) = db::pairs::id_of(conn, demand.id, result.id)? {
        return Err(PipelineError::AlreadyPaired {
            demand: demand.code(),
            result: result.code(),
            pair: Code {
                kind: CodeKind::Pair,
                num: id,
            },
        });
    }
    let at = clock.stamp();
    let mut pair = Pair {
        demand_id: demand.id,
        result_id: result.id,
        note: note.trim().to_string(),
        stage: Stage::Candidate,
        stage_since: at.clone(),
        created_at: at.clone(),
        updated_at: at.clone(),
        ..Pair::default()
    };
    db::pairs::insert(conn, &mut pair)?;
    db::followups::insert_change(
        conn,
        &StageChange {
            id: 0,
            pair_id: pair.id,
            from: None,
            to: Stage::Candidate,
            at,
            actor: None,
        },
    )?;
    Ok(pair)
}

/// [`delete`] by the desk of this process, whatever the pair's version.
pub fn delete_pair(db: &mut Db, clock: &Clock, code: Code) -> PipelineResult<Pair> {
    delete(db, clock, code, None, &desk())
}

/// Deletes a pair with its history and log; undo restores all of it under the same code.
/// With `expect_rev` (the pair's rev when the user looked), a pair changed since is
/// refused with [`PipelineError::Changed`] and nothing is deleted. Returns the pair as it
/// was.
pub fn delete(
    db: &mut Db,
    clock: &Clock,
    code: Code,
    expect_rev: Option<i64>,
    origin: &str,
) -> PipelineResult<Pair> {
    db.write(|tx| {
        let pair = pair_by_code(tx, code)?;
        if let Some(rev) = expect_rev
            && rev != pair.rev
        {
            return Err(PipelineError::Changed { pair: code });
        }
        let snapshot = PairSnapshot {
            history: history_of(tx, pair.id)?,
            followups: followups_of(tx, pair.id)?,
            contract: db::contracts::get(tx, pair.id)?,
            pair: pair.clone(),
        };
        db::pairs::delete(tx, pair.id)?;
        db::undo::push(
            tx,
            &crate::domain::undo::Label::DeletePair {
                code: code.to_string(),
            }
            .stored(),
            &Inverse::RestorePair(Box::new(snapshot)),
            &clock.stamp(),
            origin,
        )?;
        Ok(pair)
    })
}

/// Re-inserts a deleted pair under its old id, with its history and log.
pub(crate) fn restore(conn: &dyn Sql, s: &PairSnapshot) -> PipelineResult<()> {
    let mut p = s.pair.clone();
    db::pairs::insert(conn, &mut p)?;
    for h in &s.history {
        let mut h = h.clone();
        h.pair_id = p.id;
        db::followups::insert_change(conn, &h)?;
    }
    for f in &s.followups {
        let mut f = f.clone();
        f.pair_id = p.id;
        db::followups::insert(conn, &mut f)?;
    }
    db::contracts::put(conn, p.id, &s.contract)?;
    Ok(())
}
