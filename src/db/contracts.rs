//! Typed queries on a pair's contract, its planned instalments and its payments (migration
//! 009). A contract is read and written whole ([`ContractSnapshot`]), so undo restores
//! exactly what was there; payments are also added one by one and read across pairs for the
//! reward, the report and the reminders.

use rusqlite::{Connection, OptionalExtension, params};

use super::DbResult;
use crate::domain::{ContractSnapshot, ContractTerms, Instalment, Money, PayMode, Payment};

/// The contract stored beside pair `pair_id` (empty when there is none).
pub fn get(conn: &Connection, pair_id: i64) -> DbResult<ContractSnapshot> {
    let terms = conn
        .prepare_cached(
            "SELECT tech_fen, pay_mode, valid_to, reg_date, landed_note, actor FROM contract \
             WHERE pair_id = ?1",
        )?
        .query_row(params![pair_id], |r| {
            let mode: Option<String> = r.get(1)?;
            Ok(ContractTerms {
                tech: r.get(0)?,
                pay_mode: mode.as_deref().and_then(PayMode::parse),
                valid_to: r.get(2)?,
                reg_date: r.get(3)?,
                landed_note: r.get(4)?,
                actor: r.get(5)?,
            })
        })
        .optional()?;
    Ok(ContractSnapshot {
        terms,
        plan: plan_of(conn, pair_id)?,
        payments: payments_of(conn, pair_id)?,
    })
}

/// Pair `pair_id`'s planned instalments, by due date.
pub fn plan_of(conn: &Connection, pair_id: i64) -> DbResult<Vec<Instalment>> {
    let mut st = conn.prepare_cached(
        "SELECT due, amount_fen FROM instalment WHERE pair_id = ?1 ORDER BY due, id",
    )?;
    let rows = st.query_map(params![pair_id], |r| {
        Ok(Instalment {
            due: r.get(0)?,
            amount: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Pair `pair_id`'s payments, oldest first.
pub fn payments_of(conn: &Connection, pair_id: i64) -> DbResult<Vec<Payment>> {
    let mut st = conn.prepare_cached(
        "SELECT id, paid_on, amount_fen, note, actor FROM payment WHERE pair_id = ?1 \
         ORDER BY paid_on, id",
    )?;
    let rows = st.query_map(params![pair_id], |r| {
        Ok(Payment {
            id: r.get(0)?,
            paid_on: r.get(1)?,
            amount: r.get(2)?,
            note: r.get(3)?,
            actor: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many payments pair `pair_id` has received.
pub fn payment_count(conn: &Connection, pair_id: i64) -> DbResult<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM payment WHERE pair_id = ?1")?
        .query_row(params![pair_id], |r| r.get(0))?)
}

/// Replaces everything stored for pair `pair_id`'s contract with `c` (payments keep their
/// ids, so an undone change gives back the very rows).
pub fn put(conn: &Connection, pair_id: i64, c: &ContractSnapshot) -> DbResult<()> {
    conn.prepare_cached("DELETE FROM contract WHERE pair_id = ?1")?
        .execute(params![pair_id])?;
    conn.prepare_cached("DELETE FROM instalment WHERE pair_id = ?1")?
        .execute(params![pair_id])?;
    conn.prepare_cached("DELETE FROM payment WHERE pair_id = ?1")?
        .execute(params![pair_id])?;
    if let Some(t) = &c.terms {
        conn.prepare_cached(
            "INSERT INTO contract (pair_id, tech_fen, pay_mode, valid_to, reg_date, landed_note, \
             actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            pair_id,
            t.tech,
            t.pay_mode.map(PayMode::key),
            t.valid_to,
            t.reg_date,
            t.landed_note,
            t.actor
        ])?;
    }
    let mut plan = conn
        .prepare_cached("INSERT INTO instalment (pair_id, due, amount_fen) VALUES (?1, ?2, ?3)")?;
    for i in &c.plan {
        plan.execute(params![pair_id, i.due, i.amount])?;
    }
    for p in &c.payments {
        insert_payment(conn, pair_id, p)?;
    }
    Ok(())
}

/// Adds a payment (its id 0: a new one, recorded by whoever writes; else put back under that
/// id, by whoever recorded it); returns its id.
pub fn insert_payment(conn: &Connection, pair_id: i64, p: &Payment) -> DbResult<i64> {
    let id = (p.id != 0).then_some(p.id);
    let actor = match id {
        None => super::actor::current(conn)?,
        Some(_) => p.actor.clone(),
    };
    conn.prepare_cached(
        "INSERT INTO payment (id, pair_id, paid_on, amount_fen, note, actor) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![id, pair_id, p.paid_on, p.amount, p.note, actor])?;
    Ok(conn.last_insert_rowid())
}

/// One payment with its pair, for sums across pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOf {
    pub pair_id: i64,
    pub paid_on: String,
    pub amount: Money,
    pub note: String,
}

/// Every payment received from `from` to `to` (inclusive, YYYY-MM-DD), by pair then date.
pub fn payments_between(conn: &Connection, from: &str, to: &str) -> DbResult<Vec<PaymentOf>> {
    let mut st = conn.prepare_cached(
        "SELECT pair_id, paid_on, amount_fen, note FROM payment \
         WHERE paid_on BETWEEN ?1 AND ?2 ORDER BY pair_id, paid_on, id",
    )?;
    let rows = st.query_map(params![from, to], |r| {
        Ok(PaymentOf {
            pair_id: r.get(0)?,
            paid_on: r.get(1)?,
            amount: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every stored contract with its pair id: (pair id, whole contract), by pair.
pub fn all(conn: &Connection) -> DbResult<Vec<(i64, ContractSnapshot)>> {
    let mut st = conn.prepare_cached(
        "SELECT pair_id FROM contract UNION SELECT pair_id FROM instalment \
         UNION SELECT pair_id FROM payment ORDER BY 1",
    )?;
    let ids: Vec<i64> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| Ok((id, get(conn, id)?))).collect()
}
