//! Typed queries on the pair table: reading pairs with their two sides, writing their state,
//! deleting and restoring them. Every write stamps the pair with the transaction's revision
//! ([`super::rev`]); a deleted pair leaves a tombstone (by trigger). On either engine
//! ([`Sql`]); a guarded write ([`write_state_seen`]) lets the store itself refuse a pair
//! changed since the user saw it.

use std::collections::HashSet;

use super::{DbError, DbResult, rev};
use crate::domain::{ContractType, Kind, Pair, PairRow, Record, ShelveReason, Side, Stage};
use crate::store::{Row, Sql, StoreResult, ToValue};

/// The pair columns [`pair_from_row`] reads, prefixed `p.`.
const PAIR_COLUMNS: &str = "p.id, p.demand_id, p.result_id, p.note, p.stage, \
     p.stage_since, p.amount_fen, p.signed_on, p.contract_type, p.reg_no, p.shelve_reason, \
     p.shelve_note, p.next_action, p.next_due, p.created_at, p.updated_at, p.rev, p.created_by, \
     p.owner";

/// How many columns [`pair_from_row`] reads.
const PAIR_WIDTH: usize = 19;

/// A pair with its demand `d` and result `r` joined, before the WHERE clause.
const WITH_SIDES: &str = "d.id, d.kind, d.seq, d.title, d.org, d.contact, d.phone, \
     r.id, r.kind, r.seq, r.title, r.org, r.contact, r.phone \
     FROM pair p JOIN record d ON d.id = p.demand_id JOIN record r ON r.id = p.result_id";

/// Reads a pair from the columns of [`PAIR_COLUMNS`] starting at `at`.
fn pair_from_row(r: &Row, at: usize) -> StoreResult<Pair> {
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
        amount: r.get(at + 6)?,
        signed_on: r.get(at + 7)?,
        contract_type: contract.as_deref().and_then(ContractType::parse),
        reg_no: r.get(at + 9)?,
        shelve_reason: reason.as_deref().and_then(ShelveReason::parse),
        shelve_note: r.get(at + 11)?,
        next_action: r.get(at + 12)?,
        next_due: r.get(at + 13)?,
        created_at: r.get(at + 14)?,
        updated_at: r.get(at + 15)?,
        rev: r.get(at + 16)?,
        created_by: r.get(at + 17)?,
        owner: r.get(at + 18)?,
    })
}

/// How many columns [`side_from_row`] reads.
const SIDE_WIDTH: usize = 7;

/// Reads a [`Side`] from (id, kind, seq, title, org, contact, phone) starting at `at`.
fn side_from_row(r: &Row, at: usize) -> StoreResult<Side> {
    let kind: String = r.get(at + 1)?;
    let seq: i64 = r.get(at + 2)?;
    let kind = Kind::parse(&kind).unwrap_or_default();
    Ok(Side {
        id: r.get(at)?,
        code: crate::domain::Code {
            kind: kind.code_kind(),
            num: seq,
        }
        .to_string(),
        title: r.get(at + 3)?,
        org: r.get(at + 4)?,
        contact: r.get(at + 5)?,
        phone: r.get(at + 6)?,
    })
}

/// Reads a [`PairRow`]: the pair, then its demand and result sides.
fn pair_row_from(r: &Row) -> StoreResult<PairRow> {
    Ok(PairRow {
        pair: pair_from_row(r, 0)?,
        demand: side_from_row(r, PAIR_WIDTH)?,
        result: side_from_row(r, PAIR_WIDTH + SIDE_WIDTH)?,
    })
}

/// Every row of `sql` read as a [`PairRow`], one at a time.
fn pair_rows(conn: &dyn Sql, sql: &str, params: &[&dyn ToValue]) -> DbResult<Vec<PairRow>> {
    let mut out = Vec::new();
    conn.query_each(sql, params, &mut |r| {
        out.push(pair_row_from(r)?);
        Ok(())
    })?;
    Ok(out)
}

/// The ids in the first column of `sql`'s rows.
fn ids<C: FromIterator<i64>>(conn: &dyn Sql, sql: &str, params: &[&dyn ToValue]) -> DbResult<C> {
    let mut out = Vec::new();
    conn.query_each(sql, params, &mut |r| {
        out.push(r.get(0)?);
        Ok(())
    })?;
    Ok(out.into_iter().collect())
}

/// The pair with row id `id` (its code is P`id`).
pub fn get(conn: &dyn Sql, id: i64) -> DbResult<Option<Pair>> {
    let sql = format!("SELECT {PAIR_COLUMNS} FROM pair p WHERE p.id = ?1");
    Ok(match conn.query_opt(&sql, &[&id])? {
        Some(r) => Some(pair_from_row(&r, 0)?),
        None => None,
    })
}

/// The id of the pair of `demand_id` with `result_id`, if they are paired.
pub fn id_of(conn: &dyn Sql, demand_id: i64, result_id: i64) -> DbResult<Option<i64>> {
    Ok(
        match conn.query_opt(
            "SELECT id FROM pair WHERE demand_id = ?1 AND result_id = ?2",
            &[&demand_id, &result_id],
        )? {
            Some(r) => Some(r.get(0)?),
            None => None,
        },
    )
}

/// One pair with its two sides, to patch into a board or agenda.
pub fn row(conn: &dyn Sql, id: i64) -> DbResult<Option<PairRow>> {
    let sql = format!("SELECT {PAIR_COLUMNS}, {WITH_SIDES} WHERE p.id = ?1");
    Ok(pair_rows(conn, &sql, &[&id])?.pop())
}

/// Every pair with its two sides, in code order.
pub fn rows(conn: &dyn Sql) -> DbResult<Vec<PairRow>> {
    let sql = format!("SELECT {PAIR_COLUMNS}, {WITH_SIDES} ORDER BY p.id");
    pair_rows(conn, &sql, &[])
}

/// Pairs written after revision `since`, or whose demand or result was, in code order: a
/// renamed record changes the sides its pairs show.
pub fn rows_since(conn: &dyn Sql, since: i64) -> DbResult<Vec<PairRow>> {
    let sql = format!(
        "SELECT {PAIR_COLUMNS}, {WITH_SIDES} WHERE p.id IN (\
         SELECT id FROM pair WHERE rev > ?1 \
         UNION SELECT x.id FROM record c JOIN pair x ON x.demand_id = c.id \
         WHERE c.kind = 'demand' AND c.rev > ?1 \
         UNION SELECT x.id FROM record c JOIN pair x ON x.result_id = c.id \
         WHERE c.kind = 'result' AND c.rev > ?1) ORDER BY p.id"
    );
    pair_rows(conn, &sql, &[&since])
}

/// The pairs record `record_id` takes part in, each with the record on the other side, in
/// code order.
pub fn of_record(conn: &dyn Sql, record_id: i64) -> DbResult<Vec<(Pair, Side)>> {
    let sql = format!(
        "SELECT {PAIR_COLUMNS}, o.id, o.kind, o.seq, o.title, o.org, o.contact, o.phone FROM pair p \
         JOIN record o ON o.id = CASE WHEN p.demand_id = ?1 THEN p.result_id ELSE p.demand_id END \
         WHERE p.demand_id = ?1 OR p.result_id = ?1 ORDER BY p.id"
    );
    conn.query(&sql, &[&record_id])?
        .iter()
        .map(|r| Ok((pair_from_row(r, 0)?, side_from_row(r, PAIR_WIDTH)?)))
        .collect()
}

/// Ids of every record that takes part in at least one pair.
pub fn paired_record_ids(conn: &dyn Sql) -> DbResult<HashSet<i64>> {
    ids(
        conn,
        "SELECT demand_id FROM pair UNION SELECT result_id FROM pair",
        &[],
    )
}

/// Ids of the records already paired with `rec` (any stage).
pub fn partner_ids(conn: &dyn Sql, rec: &Record) -> DbResult<HashSet<i64>> {
    let sql = match rec.kind {
        Kind::Demand => "SELECT result_id FROM pair WHERE demand_id = ?1",
        Kind::Achievement => "SELECT demand_id FROM pair WHERE result_id = ?1",
    };
    ids(conn, sql, &[&rec.id])
}

/// The pair columns a write gives, `?1`…`?18` in this order.
macro_rules! pair_insert_columns {
    () => {
        "demand_id, result_id, note, stage, stage_since, amount_fen, signed_on, contract_type, \
         reg_no, shelve_reason, shelve_note, next_action, next_due, created_at, updated_at, \
         rev, created_by, owner"
    };
}

/// A new pair: the store gives its id.
const INSERT_NEW: &str = concat!(
    "INSERT INTO pair (",
    pair_insert_columns!(),
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
);

/// A pair put back under its old id (`?19`).
const INSERT_AT: &str = concat!(
    "INSERT INTO pair (id, ",
    pair_insert_columns!(),
    ") VALUES (?19, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
     ?18)"
);

/// Inserts `pair` (its id 0: a new one; else restored under that id), stamping its rev. A
/// new pair is made by, and belongs to, whoever writes (unless it names its owner); a
/// restored one keeps its maker and owner.
pub fn insert(conn: &dyn Sql, pair: &mut Pair) -> DbResult<()> {
    pair.rev = rev::stamp(conn)?;
    if pair.id == 0 {
        pair.created_by = super::actor::current(conn)?;
        if pair.owner.is_none() {
            pair.owner.clone_from(&pair.created_by);
        }
    }
    let p = &*pair;
    let (stage, contract, reason) = (
        p.stage.key(),
        p.contract_type.map(ContractType::key),
        p.shelve_reason.map(ShelveReason::key),
    );
    let params: [&dyn ToValue; 18] = [
        &p.demand_id,
        &p.result_id,
        &p.note,
        &stage,
        &p.stage_since,
        &p.amount,
        &p.signed_on,
        &contract,
        &p.reg_no,
        &reason,
        &p.shelve_note,
        &p.next_action,
        &p.next_due,
        &p.created_at,
        &p.updated_at,
        &p.rev,
        &p.created_by,
        &p.owner,
    ];
    pair.id = super::followups::insert_keeping_id(conn, INSERT_NEW, INSERT_AT, &params, p.id)?;
    Ok(())
}

/// Every mutable field of a pair, by id (`?1`).
macro_rules! update_state {
    () => {
        "UPDATE pair SET note = ?2, stage = ?3, stage_since = ?4, amount_fen = ?5, \
         signed_on = ?6, contract_type = ?7, reg_no = ?8, shelve_reason = ?9, \
         shelve_note = ?10, next_action = ?11, next_due = ?12, updated_at = ?13, rev = ?14, \
         owner = ?15 WHERE id = ?1"
    };
}

/// Writes `p`'s mutable fields with revision `stamp`, where the pair is still at revision
/// `seen` when one is given; how many rows changed (0 or 1).
fn update(conn: &dyn Sql, p: &Pair, stamp: i64, seen: Option<i64>) -> DbResult<u64> {
    let (stage, contract, reason) = (
        p.stage.key(),
        p.contract_type.map(ContractType::key),
        p.shelve_reason.map(ShelveReason::key),
    );
    let params: [&dyn ToValue; 16] = [
        &p.id,
        &p.note,
        &stage,
        &p.stage_since,
        &p.amount,
        &p.signed_on,
        &contract,
        &p.reg_no,
        &reason,
        &p.shelve_note,
        &p.next_action,
        &p.next_due,
        &p.updated_at,
        &stamp,
        &p.owner,
        &seen,
    ];
    Ok(match seen {
        None => conn.execute(update_state!(), &params[..15])?,
        Some(_) => conn.execute(concat!(update_state!(), " AND rev = ?16"), &params)?,
    })
}

/// Writes every mutable field of `p` (by id) as given, its owner included, stamping its
/// rev; false when the pair is gone.
pub fn write_state(conn: &dyn Sql, p: &mut Pair) -> DbResult<bool> {
    p.rev = rev::stamp(conn)?;
    Ok(update(conn, p, p.rev, None)? > 0)
}

/// [`write_state`] only if the pair is still at revision `seen` (its rev when the user
/// looked), checked by the store in the same statement, so two brokers never overwrite each
/// other silently: a pair changed since is refused with [`DbError::Changed`], a deleted one
/// with [`DbError::Gone`], and nothing is written.
pub fn write_state_seen(conn: &dyn Sql, p: &mut Pair, seen: i64) -> DbResult<()> {
    let stamp = rev::stamp(conn)?;
    if update(conn, p, stamp, Some(seen))? > 0 {
        p.rev = stamp;
        return Ok(());
    }
    let code = p.code().to_string();
    Err(match get(conn, p.id)? {
        Some(_) => DbError::Changed(code),
        None => DbError::Gone(code),
    })
}

/// Sets a pair's owner (`None`: nobody's in particular), stamping its rev; false when the
/// pair is gone.
pub fn set_owner(conn: &dyn Sql, id: i64, owner: Option<&str>) -> DbResult<bool> {
    let rev = rev::stamp(conn)?;
    let n = conn.execute(
        "UPDATE pair SET owner = ?2, rev = ?3 WHERE id = ?1",
        &[&id, &owner, &rev],
    )?;
    Ok(n > 0)
}

/// Sets a pair's next action and due date, stamping its rev; false when the pair is gone.
pub fn set_next(
    conn: &dyn Sql,
    id: i64,
    next_action: Option<&str>,
    next_due: Option<&str>,
) -> DbResult<bool> {
    let rev = rev::stamp(conn)?;
    let n = conn.execute(
        "UPDATE pair SET next_action = ?2, next_due = ?3, rev = ?4 WHERE id = ?1",
        &[&id, &next_action, &next_due, &rev],
    )?;
    Ok(n > 0)
}

/// Deletes a pair with its history and log (by cascade); false when it was already gone.
pub fn delete(conn: &dyn Sql, id: i64) -> DbResult<bool> {
    rev::stamp(conn)?;
    Ok(conn.execute("DELETE FROM pair WHERE id = ?1", &[&id])? > 0)
}

/// Whether `p` can come back under its id: both its records exist, and neither its id nor
/// its (demand, result) couple is taken.
pub fn can_restore(conn: &dyn Sql, p: &Pair) -> DbResult<bool> {
    let both_sides: i64 = conn
        .query_one(
            "SELECT count(*) FROM record WHERE id IN (?1, ?2)",
            &[&p.demand_id, &p.result_id],
        )?
        .get(0)?;
    let taken: i64 = conn
        .query_one(
            "SELECT count(*) FROM pair WHERE id = ?1 OR (demand_id = ?2 AND result_id = ?3)",
            &[&p.id, &p.demand_id, &p.result_id],
        )?
        .get(0)?;
    Ok(both_sides == 2 && taken == 0)
}

/// Ids of the pairs deleted after revision `since`.
pub fn gone_since(conn: &dyn Sql, since: i64) -> DbResult<Vec<i64>> {
    // No ORDER BY in SQL: the rev index serves the range, the few ids are sorted here.
    let mut gone: Vec<i64> = ids(conn, "SELECT id FROM pair_gone WHERE rev > ?1", &[&since])?;
    gone.sort_unstable();
    Ok(gone)
}
