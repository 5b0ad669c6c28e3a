//! Tagging: creating, reading and deleting pairs, their stage history and follow-up log, and
//! the per-record views the desk needs (a record's pairs, which records are paired).

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::undo::{self, Inverse, PairSnapshot};
use super::{Clock, PipelineError, PipelineResult};
use crate::db::{Db, records};
use crate::domain::{
    Channel, Code, CodeKind, ContractType, FollowUp, Kind, Pair, Record, ShelveReason, Stage,
    StageChange,
};

pub(crate) const PAIR_COLUMNS: &str = "p.id, p.demand_id, p.result_id, p.note, p.stage, \
     p.stage_since, p.amount_wan, p.signed_on, p.contract_type, p.reg_no, p.shelve_reason, \
     p.shelve_note, p.next_action, p.next_due, p.created_at, p.updated_at";

/// One side of a pair as lists and cards show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    #[serde(skip)]
    pub id: i64,
    pub code: String,
    pub title: String,
    pub org: String,
}

impl Side {
    fn of(rec: &Record) -> Side {
        Side {
            id: rec.id,
            code: rec.code().to_string(),
            title: rec.title.clone(),
            org: rec.org.clone(),
        }
    }
}

/// A pair seen from one of its records: the pair and the record on the other side.
#[derive(Debug, Clone, PartialEq)]
pub struct PairOfRecord {
    pub pair: Pair,
    pub other: Side,
}

/// Reads a pair from the 16 columns of [`PAIR_COLUMNS`] starting at `at`.
pub(crate) fn pair_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Pair> {
    let stage: String = r.get(at + 4)?;
    let contract: Option<String> = r.get(at + 8)?;
    let reason: Option<String> = r.get(at + 10)?;
    Ok(Pair {
        id: r.get(at)?,
        demand_id: r.get(at + 1)?,
        result_id: r.get(at + 2)?,
        note: r.get(at + 3)?,
        stage: Stage::parse(&stage).unwrap_or_default(),
        stage_since: r.get(at + 5)?,
        amount_wan: r.get(at + 6)?,
        signed_on: r.get(at + 7)?,
        contract_type: contract.as_deref().and_then(ContractType::parse),
        reg_no: r.get(at + 9)?,
        shelve_reason: reason.as_deref().and_then(ShelveReason::parse),
        shelve_note: r.get(at + 11)?,
        next_action: r.get(at + 12)?,
        next_due: r.get(at + 13)?,
        created_at: r.get(at + 14)?,
        updated_at: r.get(at + 15)?,
    })
}

/// Reads a [`Side`] from (id, kind, seq, title, org) starting at `at`.
pub(crate) fn side_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Side> {
    let kind: String = r.get(at + 1)?;
    let seq: i64 = r.get(at + 2)?;
    let kind = Kind::parse(&kind).unwrap_or_default();
    Ok(Side {
        id: r.get(at)?,
        code: Code {
            kind: kind.code_kind(),
            num: seq,
        }
        .to_string(),
        title: r.get(at + 3)?,
        org: r.get(at + 4)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> PipelineResult<Option<Pair>> {
    let sql = format!("SELECT {PAIR_COLUMNS} FROM pair p WHERE p.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![id], |r| pair_from_row(r, 0))
        .optional()?)
}

/// Looks a pair up by its code; a record code or a missing pair is a clear error.
pub fn pair_by_code(conn: &Connection, code: Code) -> PipelineResult<Pair> {
    if code.kind != CodeKind::Pair {
        return Err(PipelineError::Invalid(format!(
            "{code} is not a pair: pair codes look like P3"
        )));
    }
    get(conn, code.num)?.ok_or_else(|| PipelineError::NotFound(code.to_string()))
}

/// Every pair with its demand and result, in code order.
pub fn list_with_sides(conn: &Connection) -> PipelineResult<Vec<(Pair, Side, Side)>> {
    let sql = format!(
        "SELECT {PAIR_COLUMNS}, d.id, d.kind, d.seq, d.title, d.org, \
         r.id, r.kind, r.seq, r.title, r.org \
         FROM pair p JOIN record d ON d.id = p.demand_id JOIN record r ON r.id = p.result_id \
         ORDER BY p.id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map([], |r| {
        Ok((
            pair_from_row(r, 0)?,
            side_from_row(r, 16)?,
            side_from_row(r, 21)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The demand and result of a pair.
pub fn sides_of(conn: &Connection, pair: &Pair) -> PipelineResult<(Side, Side)> {
    let side = |id: i64| -> PipelineResult<Side> {
        let rec = records::get(conn, id)?
            .ok_or_else(|| PipelineError::NotFound(format!("record {id}")))?;
        Ok(Side::of(&rec))
    };
    Ok((side(pair.demand_id)?, side(pair.result_id)?))
}

/// A pair's stage history, oldest first.
pub fn history_of(conn: &Connection, pair_id: i64) -> PipelineResult<Vec<StageChange>> {
    let mut st = conn.prepare_cached(
        "SELECT id, pair_id, from_stage, to_stage, at FROM stage_change WHERE pair_id = ?1 \
         ORDER BY at, id",
    )?;
    let rows = st.query_map(params![pair_id], |r| {
        let from: Option<String> = r.get(2)?;
        let to: String = r.get(3)?;
        Ok(StageChange {
            id: r.get(0)?,
            pair_id: r.get(1)?,
            from: from.as_deref().and_then(Stage::parse),
            to: Stage::parse(&to).unwrap_or_default(),
            at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A pair's follow-up log, newest first.
pub fn followups_of(conn: &Connection, pair_id: i64) -> PipelineResult<Vec<FollowUp>> {
    let mut st = conn.prepare_cached(
        "SELECT id, pair_id, at, channel, note, next_action, next_due FROM followup \
         WHERE pair_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = st.query_map(params![pair_id], |r| {
        let channel: String = r.get(3)?;
        Ok(FollowUp {
            id: r.get(0)?,
            pair_id: r.get(1)?,
            at: r.get(2)?,
            channel: Channel::parse(&channel).unwrap_or(Channel::Phone),
            note: r.get(4)?,
            next_action: r.get(5)?,
            next_due: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The pairs a record takes part in, each with the record on the other side, in code order.
pub fn pairs_of_record(conn: &Connection, record_id: i64) -> PipelineResult<Vec<PairOfRecord>> {
    let sql = format!(
        "SELECT {PAIR_COLUMNS}, o.id, o.kind, o.seq, o.title, o.org FROM pair p \
         JOIN record o ON o.id = CASE WHEN p.demand_id = ?1 THEN p.result_id ELSE p.demand_id END \
         WHERE p.demand_id = ?1 OR p.result_id = ?1 ORDER BY p.id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![record_id], |r| {
        Ok(PairOfRecord {
            pair: pair_from_row(r, 0)?,
            other: side_from_row(r, 16)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Ids of every record that takes part in at least one pair (for the lists' marker).
pub fn paired_record_ids(conn: &Connection) -> PipelineResult<HashSet<i64>> {
    let mut st =
        conn.prepare_cached("SELECT demand_id FROM pair UNION SELECT result_id FROM pair")?;
    let rows = st.query_map([], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pairs a demand with a result (codes in either order) as a candidate, recording the
/// history entry (none → candidate) and the undo entry in the same transaction.
pub fn create_pair(
    db: &mut Db,
    clock: &Clock,
    a: Code,
    b: Code,
    note: &str,
) -> PipelineResult<Pair> {
    let (demand, result) = match (a.kind, b.kind) {
        (CodeKind::Demand, CodeKind::Achievement) => (a, b),
        (CodeKind::Achievement, CodeKind::Demand) => (b, a),
        _ => return Err(PipelineError::NeedDemandAndResult),
    };
    db.write(|tx| {
        let d = records::get_by_code(tx, demand)?;
        let r = records::get_by_code(tx, result)?;
        let pair = create_in(tx, clock, &d, &r, note)?;
        undo::journal(
            tx,
            clock,
            &format!("pair {} ({demand} ⇄ {result})", pair.code()),
            &Inverse::DeletePair { id: pair.id },
        )?;
        Ok(pair)
    })
}

/// Inserts a pair inside the caller's transaction (no undo entry).
pub(crate) fn create_in(
    conn: &Connection,
    clock: &Clock,
    demand: &Record,
    result: &Record,
    note: &str,
) -> PipelineResult<Pair> {
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM pair WHERE demand_id = ?1 AND result_id = ?2",
            params![demand.id, result.id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
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
    conn.execute(
        "INSERT INTO pair (demand_id, result_id, note, stage, stage_since, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            pair.demand_id,
            pair.result_id,
            pair.note,
            pair.stage.key(),
            at,
            at
        ],
    )?;
    pair.id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO stage_change (pair_id, from_stage, to_stage, at) VALUES (?1, NULL, ?2, ?3)",
        params![pair.id, Stage::Candidate.key(), at],
    )?;
    Ok(pair)
}

/// Deletes a pair with its history and log; undo restores all of it under the same code.
pub fn delete_pair(db: &mut Db, clock: &Clock, code: Code) -> PipelineResult<Pair> {
    db.write(|tx| {
        let pair = pair_by_code(tx, code)?;
        let snapshot = PairSnapshot {
            history: history_of(tx, pair.id)?,
            followups: followups_of(tx, pair.id)?,
            pair: pair.clone(),
        };
        tx.execute("DELETE FROM pair WHERE id = ?1", params![pair.id])?;
        undo::journal(
            tx,
            clock,
            &format!("delete {code}"),
            &Inverse::RestorePair(Box::new(snapshot)),
        )?;
        Ok(pair)
    })
}

/// Writes every mutable field of a pair (by id) as given.
pub(crate) fn write_state(conn: &Connection, p: &Pair) -> PipelineResult<()> {
    conn.execute(
        "UPDATE pair SET note = ?2, stage = ?3, stage_since = ?4, amount_wan = ?5, signed_on = ?6, \
         contract_type = ?7, reg_no = ?8, shelve_reason = ?9, shelve_note = ?10, \
         next_action = ?11, next_due = ?12, updated_at = ?13 WHERE id = ?1",
        params![
            p.id,
            p.note,
            p.stage.key(),
            p.stage_since,
            p.amount_wan,
            p.signed_on,
            p.contract_type.map(ContractType::key),
            p.reg_no,
            p.shelve_reason.map(ShelveReason::key),
            p.shelve_note,
            p.next_action,
            p.next_due,
            p.updated_at,
        ],
    )?;
    Ok(())
}

/// Re-inserts a deleted pair under its old id, with its history and log.
pub(crate) fn restore(conn: &Connection, s: &PairSnapshot) -> PipelineResult<()> {
    let p = &s.pair;
    conn.execute(
        "INSERT INTO pair (id, demand_id, result_id, note, stage, stage_since, created_at, \
         updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            p.id,
            p.demand_id,
            p.result_id,
            p.note,
            p.stage.key(),
            p.stage_since,
            p.created_at,
            p.updated_at
        ],
    )?;
    write_state(conn, p)?;
    for h in &s.history {
        conn.execute(
            "INSERT INTO stage_change (id, pair_id, from_stage, to_stage, at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![h.id, p.id, h.from.map(Stage::key), h.to.key(), h.at],
        )?;
    }
    for f in &s.followups {
        conn.execute(
            "INSERT INTO followup (id, pair_id, at, channel, note, next_action, next_due) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                f.id,
                p.id,
                f.at,
                f.channel.key(),
                f.note,
                f.next_action,
                f.next_due
            ],
        )?;
    }
    Ok(())
}
