//! Compact rows ([`RecordRow`]) for the desk's lists: the first screenful at once, then the
//! rest streamed in chunks a loader thread can send, newest first (rev DESC, id ASC) along
//! the `record_kind_rev` index.

use crate::db::DbResult;
use crate::domain::{Kind, RecordRow};
use crate::store::{Row, Sql, StoreError, StoreResult};

/// The statement reading compact rows (the columns [`row_from`] reads), with its tail.
macro_rules! rows_sql {
    ($tail:literal) => {
        concat!(
            "SELECT r.id, r.kind, r.seq, r.title, r.org, r.field, r.region, \
             CASE WHEN r.status_text <> '' THEN r.status_text ELSE r.status END, \
             r.contact, r.phone, r.rev, r.updated_at FROM record r ",
            $tail
        )
    };
}

/// The record kind in column `i`.
fn kind_at(r: &Row, i: usize) -> Kind {
    match r.0.get(i) {
        Some(crate::store::Value::Text(k)) => Kind::parse(k).unwrap_or_default(),
        _ => Kind::default(),
    }
}

/// Reads a [`RecordRow`] from 12 columns: id, kind, seq, title, org, field, region, status,
/// contact, phone, rev, updated_at.
fn row_from(r: &Row) -> StoreResult<RecordRow> {
    Ok(RecordRow {
        id: r.get(0)?,
        kind: kind_at(r, 1),
        seq: r.get(2)?,
        title: r.get(3)?,
        org: r.get(4)?,
        field: r.get(5)?,
        region: r.get(6)?,
        status: r.get(7)?,
        contact: r.get(8)?,
        phone: r.get(9)?,
        rev: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

/// The compact rows `sql` selects.
fn rows(
    conn: &dyn Sql,
    sql: &str,
    params: &[&dyn crate::store::ToValue],
) -> DbResult<Vec<RecordRow>> {
    let mut out = Vec::new();
    conn.query_each(sql, params, &mut |r| {
        out.push(row_from(r)?);
        Ok(())
    })?;
    Ok(out)
}

/// The compact row of record `id`, if it exists.
pub fn row(conn: &dyn Sql, id: i64) -> DbResult<Option<RecordRow>> {
    Ok(rows(conn, rows_sql!("WHERE r.id = ?1"), &[&id])?.pop())
}

/// The `n` newest rows of `kind` (rev DESC, id ASC): what the desk paints first.
pub fn first_rows(conn: &dyn Sql, kind: Kind, n: usize) -> DbResult<Vec<RecordRow>> {
    rows(
        conn,
        rows_sql!("WHERE r.kind = ?1 ORDER BY r.rev DESC, r.id LIMIT ?2"),
        &[&kind.as_str(), &(n as i64)],
    )
}

/// Every row of `kind`, newest first, handed to `each` in chunks of `chunk` rows (the last
/// may be shorter); `each` returns `false` to stop early. Returns how many rows were handed
/// over. One read statement: the rows are one consistent snapshot.
pub fn each_row(
    conn: &dyn Sql,
    kind: Kind,
    chunk: usize,
    mut each: impl FnMut(Vec<RecordRow>) -> bool,
) -> DbResult<usize> {
    let chunk = chunk.max(1);
    let mut buf = Vec::with_capacity(chunk);
    let mut sent = 0;
    let read = conn.query_each(
        rows_sql!("WHERE r.kind = ?1 ORDER BY r.rev DESC, r.id"),
        &[&kind.as_str()],
        &mut |r| {
            buf.push(row_from(r)?);
            if buf.len() == chunk {
                sent += buf.len();
                if !each(std::mem::replace(&mut buf, Vec::with_capacity(chunk))) {
                    return Err(StoreError::Stopped);
                }
            }
            Ok(())
        },
    );
    match read {
        Err(StoreError::Stopped) => return Ok(sent),
        other => other?,
    }
    if !buf.is_empty() {
        sent += buf.len();
        each(buf);
    }
    Ok(sent)
}

/// Rows of `kind` written after revision `since`, newest first.
pub(crate) fn rows_since(conn: &dyn Sql, kind: Kind, since: i64) -> DbResult<Vec<RecordRow>> {
    rows(
        conn,
        rows_sql!("WHERE r.kind = ?1 AND r.rev > ?2 ORDER BY r.rev DESC, r.id"),
        &[&kind.as_str(), &since],
    )
}

/// Every record's (row id, kind, revision), in row id order: what the suggestion index
/// compares with what it holds to find the records it must read again.
pub fn revisions(conn: &dyn Sql) -> DbResult<Vec<(i64, Kind, i64)>> {
    let mut out = Vec::new();
    // No ORDER BY: the `record_kind_rev` index covers the three columns, so the scan reads
    // it instead of every row (at 100k, a tenth of the pages); sorted here.
    conn.query_each("SELECT id, kind, rev FROM record", &[], &mut |r| {
        out.push((r.get(0)?, kind_at(r, 1), r.get(2)?));
        Ok(())
    })?;
    out.sort_unstable_by_key(|t| t.0);
    Ok(out)
}
