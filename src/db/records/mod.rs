//! Typed queries on demands and results, on either engine ([`Sql`]). Functions take the
//! caller's connection so they run inside its transaction (an import is one transaction);
//! every write stamps the rows it touches with the transaction's revision ([`super::rev`]).

/// The columns [`from_row`] reads, in its order.
macro_rules! record_columns {
    () => {
        "id, kind, seq, ext_id, title, org, field, region, description, keywords, contact, \
         phone, email, source, status, budget_fen, deadline, open_call, lead, maturity, ip, \
         modes, price_fen, extra, created_at, updated_at, rev, deadline_text, status_text, \
         created_by, updated_by"
    };
}

mod patch;
mod rows;
#[cfg(test)]
mod tests;
mod upsert;
mod write;

use super::{DbError, DbResult, now, rev};
use crate::domain::{Code, CodeKind, Kind, Record};
use crate::store::{Row, Sql, StoreResult, ToValue};
use write::{insert_derived, insert_derived_as, next_seq, update_derived};

pub use patch::{Saved, update_fields, update_fields_in};
pub(crate) use rows::rows_since;
pub use rows::{each_row, first_rows, revisions, row};
pub use upsert::{
    RecordWrite, Seqs, adopt, each_key, find_by_key, same_content, upsert, write_found,
};
use write::link;
pub use write::{Derived, insert, update};

/// Which records to list.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    /// Only this kind (both when `None`).
    pub kind: Option<Kind>,
}

/// Reads a record from the columns of `record_columns!`.
pub(crate) fn from_row(r: &Row) -> StoreResult<Record> {
    let kind: String = r.get(1)?;
    let extra: String = r.get(23)?;
    Ok(Record {
        id: r.get(0)?,
        kind: Kind::parse(&kind).unwrap_or_default(),
        seq: r.get(2)?,
        ext_id: r.get(3)?,
        title: r.get(4)?,
        org: r.get(5)?,
        field: r.get(6)?,
        region: r.get(7)?,
        description: r.get(8)?,
        keywords: r.get(9)?,
        contact: r.get(10)?,
        phone: r.get(11)?,
        email: r.get(12)?,
        source: r.get(13)?,
        status: r.get(14)?,
        status_text: r.get(28)?,
        budget: r.get(15)?,
        deadline: r.get(16)?,
        deadline_text: r.get(27)?,
        open_call: r.get(17)?,
        lead: r.get(18)?,
        maturity: r.get(19)?,
        ip: r.get(20)?,
        modes: r.get(21)?,
        price: r.get(22)?,
        extra: serde_json::from_str(&extra).unwrap_or_default(),
        created_at: r.get(24)?,
        updated_at: r.get(25)?,
        rev: r.get(26)?,
        created_by: r.get(29)?,
        updated_by: r.get(30)?,
    })
}

/// Refuses a record without a title (before a code number is taken for it).
fn check_title(rec: &Record) -> DbResult<()> {
    if rec.title.trim().is_empty() {
        return Err(DbError::Invalid("a record needs a title".into()));
    }
    Ok(())
}

/// The one record `sql` (selecting `record_columns!`) finds, if any.
fn one(conn: &dyn Sql, sql: &str, params: &[&dyn ToValue]) -> DbResult<Option<Record>> {
    Ok(conn
        .query_opt(sql, params)?
        .as_ref()
        .map(from_row)
        .transpose()?)
}

/// Deletes a record (its pairs go with it, by foreign key cascade); the tombstones carry the
/// transaction's revision.
pub fn delete(conn: &dyn Sql, id: i64) -> DbResult<()> {
    rev::stamp(conn)?;
    conn.execute("DELETE FROM record WHERE id = ?1", &[&id])?;
    Ok(())
}

/// Deletes record `id` only if it is still at revision `rev` (as the user saw it): a
/// record changed since is refused with [`DbError::Changed`], a deleted one with
/// [`DbError::Gone`]. Its pairs go with it.
pub fn delete_seen(conn: &dyn Sql, id: i64, rev: i64) -> DbResult<()> {
    let Some(now) = rows::row(conn, id)? else {
        return Err(DbError::Gone(format!("record {id}")));
    };
    if now.rev != rev {
        return Err(DbError::Changed(now.code().to_string()));
    }
    delete(conn, id)
}

/// Ids of the records deleted after revision `since`.
pub fn gone_since(conn: &dyn Sql, since: i64) -> DbResult<Vec<i64>> {
    // No ORDER BY in SQL: the rev index serves the range, the few ids are sorted here.
    let mut ids = Vec::new();
    conn.query_each(
        "SELECT id FROM record_gone WHERE rev > ?1",
        &[&since],
        &mut |r| {
            ids.push(r.get(0)?);
            Ok(())
        },
    )?;
    ids.sort_unstable();
    Ok(ids)
}

/// The record with row id `id`.
pub fn get(conn: &dyn Sql, id: i64) -> DbResult<Option<Record>> {
    one(
        conn,
        concat!("SELECT ", record_columns!(), " FROM record WHERE id = ?1"),
        &[&id],
    )
}

/// The first record of `kind` (lowest id) with source number `ext_id`.
pub fn find_by_ext_id(conn: &dyn Sql, kind: Kind, ext_id: &str) -> DbResult<Option<Record>> {
    one(
        conn,
        concat!(
            "SELECT ",
            record_columns!(),
            " FROM record WHERE kind = ?1 AND ext_id = ?2 ORDER BY id LIMIT 1"
        ),
        &[&kind.as_str(), &ext_id],
    )
}

/// Looks a record up by its code (D12 / R34); a pair code is refused.
pub fn get_by_code(conn: &dyn Sql, code: Code) -> DbResult<Record> {
    let kind = match code.kind {
        CodeKind::Demand => Kind::Demand,
        CodeKind::Achievement => Kind::Achievement,
        CodeKind::Pair => {
            return Err(DbError::Invalid(format!(
                "{code} is a pair, not a demand or result"
            )));
        }
    };
    one(
        conn,
        concat!(
            "SELECT ",
            record_columns!(),
            " FROM record WHERE kind = ?1 AND seq = ?2"
        ),
        &[&kind.as_str(), &code.num],
    )?
    .ok_or_else(|| DbError::NotFound(code.to_string()))
}

/// All records of the filter, newest code last.
pub fn list(conn: &dyn Sql, filter: &RecordFilter) -> DbResult<Vec<Record>> {
    let mut out = Vec::new();
    conn.query_each(
        concat!(
            "SELECT ",
            record_columns!(),
            " FROM record WHERE (CAST(?1 AS TEXT) IS NULL OR kind = ?1) ORDER BY kind, seq"
        ),
        &[&filter.kind.map(Kind::as_str)],
        &mut |r| {
            out.push(from_row(r)?);
            Ok(())
        },
    )?;
    Ok(out)
}

/// How many records of `kind` there are.
pub fn count(conn: &dyn Sql, kind: Kind) -> DbResult<i64> {
    Ok(conn
        .query_one(
            "SELECT count(*) FROM record WHERE kind = ?1",
            &[&kind.as_str()],
        )?
        .get(0)?)
}

/// Puts a deleted record back under its old row id and code number (`rec.id`, `rec.seq`),
/// so its pairs can come back and its code means the same record again. False when either
/// is taken meanwhile. The record is no longer gone for a desk watching revisions.
pub fn restore(conn: &dyn Sql, rec: &mut Record) -> DbResult<bool> {
    let taken: i64 = conn
        .query_one(
            "SELECT count(*) FROM record WHERE id = ?1 OR (kind = ?2 AND seq = ?3)",
            &[&rec.id, &rec.kind.as_str(), &rec.seq],
        )?
        .get(0)?;
    if taken > 0 {
        return Ok(false);
    }
    check_title(rec)?;
    let derived = Derived::of(rec)?;
    let rev = rev::stamp(conn)?;
    // Keeps its created_at; updated_at is now, like any write.
    insert_derived_as(conn, rec, derived, (&now(), rec.seq, rev), Some(rec.id))?;
    conn.execute("DELETE FROM record_gone WHERE id = ?1", &[&rec.id])?;
    Ok(true)
}

/// How many pairs record `id` takes part in, and how many follow-ups those pairs hold: what
/// deleting it would take along.
pub fn delete_impact(conn: &dyn Sql, id: i64) -> DbResult<(i64, i64)> {
    let r = conn.query_one(
        "SELECT count(*), (SELECT count(*) FROM followup f JOIN pair q ON f.pair_id = q.id \
         WHERE q.demand_id = ?1 OR q.result_id = ?1) \
         FROM pair p WHERE p.demand_id = ?1 OR p.result_id = ?1",
        &[&id],
    )?;
    Ok((r.get(0)?, r.get(1)?))
}

/// Deletes the records of `kind` with ids `first..=last` that take part in no pair (undoing
/// an import that added them). Returns how many were deleted and how many were kept for
/// their pairs.
pub fn delete_unpaired(conn: &dyn Sql, kind: Kind, first: i64, last: i64) -> DbResult<(u64, u64)> {
    rev::stamp(conn)?;
    let deleted = conn.execute(
        "DELETE FROM record WHERE kind = ?1 AND id BETWEEN ?2 AND ?3 \
         AND NOT EXISTS (SELECT 1 FROM pair WHERE demand_id = record.id OR result_id = record.id)",
        &[&kind.as_str(), &first, &last],
    )?;
    let kept: i64 = conn
        .query_one(
            "SELECT count(*) FROM record WHERE kind = ?1 AND id BETWEEN ?2 AND ?3",
            &[&kind.as_str(), &first, &last],
        )?
        .get(0)?;
    Ok((deleted, kept as u64))
}
