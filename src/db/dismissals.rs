//! Dismissed suggestions: a demand–result couple the broker said no to, with why. Read by
//! the suggestion ranking (a dismissed partner is left out) and written by `duijie dismiss`
//! and the desk's `x`. On either engine ([`Sql`]).

use std::collections::HashMap;

use super::{DbResult, now};
use crate::domain::{Kind, Record};
use crate::store::Sql;

/// Why a suggestion was dismissed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DismissReason {
    /// Not relevant to the problem.
    NotRelevant,
    /// Already known to the broker (or to the enterprise).
    Known,
    /// A different field.
    WrongField,
    Other,
}

impl DismissReason {
    pub const ALL: [DismissReason; 4] = [
        DismissReason::NotRelevant,
        DismissReason::Known,
        DismissReason::WrongField,
        DismissReason::Other,
    ];

    /// The word stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            DismissReason::NotRelevant => "not_relevant",
            DismissReason::Known => "known",
            DismissReason::WrongField => "wrong_field",
            DismissReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<DismissReason> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        DismissReason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// The (demand id, result id) of a query record and a partner id, whichever kind the query is.
fn couple(query: &Record, partner: i64) -> (i64, i64) {
    match query.kind {
        Kind::Demand => (query.id, partner),
        Kind::Achievement => (partner, query.id),
    }
}

/// Dismisses `partner` for `query` (replacing an earlier dismissal's reason). Returns
/// whether it was not dismissed before.
pub fn dismiss(
    conn: &dyn Sql,
    query: &Record,
    partner: i64,
    reason: DismissReason,
) -> DbResult<bool> {
    let (d, r) = couple(query, partner);
    let before = is_dismissed(conn, d, r)?;
    conn.execute(
        "INSERT INTO dismissal (demand_id, result_id, reason, at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (demand_id, result_id) DO UPDATE SET reason = excluded.reason, at = excluded.at",
        &[&d, &r, &reason.as_str(), &now()],
    )?;
    Ok(!before)
}

/// Takes a dismissal back. Returns whether there was one.
pub fn restore(conn: &dyn Sql, query: &Record, partner: i64) -> DbResult<bool> {
    let (d, r) = couple(query, partner);
    let n = conn.execute(
        "DELETE FROM dismissal WHERE demand_id = ?1 AND result_id = ?2",
        &[&d, &r],
    )?;
    Ok(n > 0)
}

fn is_dismissed(conn: &dyn Sql, demand: i64, result: i64) -> DbResult<bool> {
    Ok(conn
        .query_one(
            "SELECT count(*) FROM dismissal WHERE demand_id = ?1 AND result_id = ?2",
            &[&demand, &result],
        )?
        .get::<i64>(0)?
        > 0)
}

/// The partners dismissed for `query`: partner id → reason.
pub fn of_record(conn: &dyn Sql, query: &Record) -> DbResult<HashMap<i64, DismissReason>> {
    let sql = match query.kind {
        Kind::Demand => "SELECT result_id, reason FROM dismissal WHERE demand_id = ?1",
        Kind::Achievement => "SELECT demand_id, reason FROM dismissal WHERE result_id = ?1",
    };
    let mut out = HashMap::new();
    conn.query_each(sql, &[&query.id], &mut |r| {
        let reason: String = r.get(1)?;
        out.insert(
            r.get(0)?,
            DismissReason::parse(&reason).unwrap_or(DismissReason::Other),
        );
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, records};

    #[test]
    fn dismiss_restore_and_read_from_either_side() {
        let mut db = Db::open_in_memory().unwrap();
        let mut d = Record::new(Kind::Demand, "铜箔");
        let mut r = Record::new(Kind::Achievement, "铜箔表面处理");
        db.write(|tx| {
            records::insert(tx, &mut d)?;
            records::insert(tx, &mut r)
        })
        .unwrap();
        let c = db.conn();
        assert!(dismiss(c, &d, r.id, DismissReason::Known).unwrap());
        // Again, with another reason: replaced, not doubled.
        assert!(!dismiss(c, &d, r.id, DismissReason::WrongField).unwrap());
        assert_eq!(of_record(c, &d).unwrap()[&r.id], DismissReason::WrongField);
        assert_eq!(of_record(c, &r).unwrap()[&d.id], DismissReason::WrongField);
        assert!(restore(c, &r, d.id).unwrap());
        assert!(of_record(c, &d).unwrap().is_empty());
        assert!(!restore(c, &d, r.id).unwrap());
        assert_eq!(
            DismissReason::parse("wrong-field"),
            Some(DismissReason::WrongField)
        );
        assert_eq!(DismissReason::parse("nope"), None);
    }
}
