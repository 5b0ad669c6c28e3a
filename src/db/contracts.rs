//! Typed queries on a pair's contract, its planned instalments and its payments (migration
//! 009), on either engine ([`Sql`]). A contract is read and written whole
//! ([`ContractSnapshot`]), so undo restores exactly what was there; payments are also added
//! one by one and read across pairs for the reward, the report and the reminders. Amounts
//! are [`Money`] (integer 分) both ways: nothing here sums in SQL, so no engine's NUMERIC or
//! floating point comes near them.

use super::DbResult;
use super::followups::insert_keeping_id;
use crate::domain::{ContractSnapshot, ContractTerms, Instalment, Money, PayMode, Payment};
use crate::store::Sql;

/// The contract stored beside pair `pair_id` (empty when there is none).
pub fn get(conn: &dyn Sql, pair_id: i64) -> DbResult<ContractSnapshot> {
    let terms = match conn.query_opt(
        "SELECT tech_fen, pay_mode, valid_to, reg_date, landed_note, actor FROM contract \
         WHERE pair_id = ?1",
        &[&pair_id],
    )? {
        Some(r) => {
            let mode: Option<String> = r.get(1)?;
            Some(ContractTerms {
                tech: r.get(0)?,
                pay_mode: mode.as_deref().and_then(PayMode::parse),
                valid_to: r.get(2)?,
                reg_date: r.get(3)?,
                landed_note: r.get(4)?,
                actor: r.get(5)?,
            })
        }
        None => None,
    };
    Ok(ContractSnapshot {
        terms,
        plan: plan_of(conn, pair_id)?,
        payments: payments_of(conn, pair_id)?,
    })
}

/// Pair `pair_id`'s planned instalments, by due date.
pub fn plan_of(conn: &dyn Sql, pair_id: i64) -> DbResult<Vec<Instalment>> {
    conn.query(
        "SELECT due, amount_fen FROM instalment WHERE pair_id = ?1 ORDER BY due, id",
        &[&pair_id],
    )?
    .iter()
    .map(|r| {
        Ok(Instalment {
            due: r.get(0)?,
            amount: r.get(1)?,
        })
    })
    .collect()
}

/// Pair `pair_id`'s payments, oldest first.
pub fn payments_of(conn: &dyn Sql, pair_id: i64) -> DbResult<Vec<Payment>> {
    conn.query(
        "SELECT id, paid_on, amount_fen, note, actor FROM payment WHERE pair_id = ?1 \
         ORDER BY paid_on, id",
        &[&pair_id],
    )?
    .iter()
    .map(|r| {
        Ok(Payment {
            id: r.get(0)?,
            paid_on: r.get(1)?,
            amount: r.get(2)?,
            note: r.get(3)?,
            actor: r.get(4)?,
        })
    })
    .collect()
}

/// How many payments pair `pair_id` has received.
pub fn payment_count(conn: &dyn Sql, pair_id: i64) -> DbResult<i64> {
    Ok(conn
        .query_one(
            "SELECT count(*) FROM payment WHERE pair_id = ?1",
            &[&pair_id],
        )?
        .get(0)?)
}

/// Replaces everything stored for pair `pair_id`'s contract with `c` (payments keep their
/// ids, so an undone change gives back the very rows).
pub fn put(conn: &dyn Sql, pair_id: i64, c: &ContractSnapshot) -> DbResult<()> {
    for sql in [
        "DELETE FROM contract WHERE pair_id = ?1",
        "DELETE FROM instalment WHERE pair_id = ?1",
        "DELETE FROM payment WHERE pair_id = ?1",
    ] {
        conn.execute(sql, &[&pair_id])?;
    }
    if let Some(t) = &c.terms {
        let mode = t.pay_mode.map(PayMode::key);
        conn.execute(
            "INSERT INTO contract (pair_id, tech_fen, pay_mode, valid_to, reg_date, landed_note, \
             actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &[
                &pair_id,
                &t.tech,
                &mode,
                &t.valid_to,
                &t.reg_date,
                &t.landed_note,
                &t.actor,
            ],
        )?;
    }
    for i in &c.plan {
        conn.execute(
            "INSERT INTO instalment (pair_id, due, amount_fen) VALUES (?1, ?2, ?3)",
            &[&pair_id, &i.due, &i.amount],
        )?;
    }
    for p in &c.payments {
        insert_payment(conn, pair_id, p)?;
    }
    Ok(())
}

/// Adds a payment (its id 0: a new one, recorded by whoever writes; else put back under that
/// id, by whoever recorded it); returns its id.
pub fn insert_payment(conn: &dyn Sql, pair_id: i64, p: &Payment) -> DbResult<i64> {
    let actor = match p.id {
        0 => super::actor::current(conn)?,
        _ => p.actor.clone(),
    };
    insert_keeping_id(
        conn,
        "INSERT INTO payment (pair_id, paid_on, amount_fen, note, actor) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        "INSERT INTO payment (id, pair_id, paid_on, amount_fen, note, actor) \
         VALUES (?6, ?1, ?2, ?3, ?4, ?5)",
        &[&pair_id, &p.paid_on, &p.amount, &p.note, &actor],
        p.id,
    )
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
pub fn payments_between(conn: &dyn Sql, from: &str, to: &str) -> DbResult<Vec<PaymentOf>> {
    let mut out = Vec::new();
    conn.query_each(
        "SELECT pair_id, paid_on, amount_fen, note FROM payment \
         WHERE paid_on BETWEEN ?1 AND ?2 ORDER BY pair_id, paid_on, id",
        &[&from, &to],
        &mut |r| {
            out.push(PaymentOf {
                pair_id: r.get(0)?,
                paid_on: r.get(1)?,
                amount: r.get(2)?,
                note: r.get(3)?,
            });
            Ok(())
        },
    )?;
    Ok(out)
}

/// Every stored contract with its pair id: (pair id, whole contract), by pair.
pub fn all(conn: &dyn Sql) -> DbResult<Vec<(i64, ContractSnapshot)>> {
    let ids: Vec<i64> = conn
        .query(
            "SELECT pair_id FROM contract UNION SELECT pair_id FROM instalment \
             UNION SELECT pair_id FROM payment ORDER BY 1",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| Ok((id, get(conn, id)?))).collect()
}
