//! Compact rows ([`RecordRow`]) for the desk's lists: the first screenful at once, then the
//! rest streamed in chunks a loader thread can send, newest first (rev DESC, id ASC) along
//! the `record_kind_rev` index.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::db::DbResult;
use crate::domain::{Kind, RecordRow};

/// Reads a [`RecordRow`] from 12 columns starting at `at`: id, kind, seq, title, org, field,
/// region, status, contact, phone, rev, updated_at.
pub(crate) fn row_from(r: &Row<'_>, at: usize) -> rusqlite::Result<RecordRow> {
    let kind: String = r.get(at + 1)?;
    Ok(RecordRow {
        id: r.get(at)?,
        kind: Kind::parse(&kind).unwrap_or_default(),
        seq: r.get(at + 2)?,
        title: r.get(at + 3)?,
        org: r.get(at + 4)?,
        field: r.get(at + 5)?,
        region: r.get(at + 6)?,
        status: r.get(at + 7)?,
        contact: r.get(at + 8)?,
        phone: r.get(at + 9)?,
        rev: r.get(at + 10)?,
        updated_at: r.get(at + 11)?,
    })
}

/// The compact row of record `id`, if it exists.
pub fn row(conn: &Connection, id: i64) -> DbResult<Option<RecordRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.id, r.kind, r.seq, r.title, r.org, r.field, r.region, iif(r.status_text <> '', r.status_text, r.status), \
             r.contact, r.phone, r.rev, r.updated_at FROM record r WHERE r.id = ?1",
        )?
        .query_row(params![id], |r| row_from(r, 0))
        .optional()?)
}

/// The `n` newest rows of `kind` (rev DESC, id ASC): what the desk paints first.
pub fn first_rows(conn: &Connection, kind: Kind, n: usize) -> DbResult<Vec<RecordRow>> {
    let mut st = conn.prepare_cached(
        "SELECT r.id, r.kind, r.seq, r.title, r.org, r.field, r.region, iif(r.status_text <> '', r.status_text, r.status), r.contact, \
         r.phone, r.rev, r.updated_at FROM record r WHERE r.kind = ?1 \
         ORDER BY r.rev DESC, r.id LIMIT ?2",
    )?;
    let rows = st.query_map(params![kind.as_str(), n as i64], |r| row_from(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every row of `kind`, newest first, handed to `each` in chunks of `chunk` rows (the last
/// may be shorter); `each` returns `false` to stop early. Returns how many rows were handed
/// over. One read statement: the rows are one consistent snapshot.
pub fn each_row(
    conn: &Connection,
    kind: Kind,
    chunk: usize,
    mut each: impl FnMut(Vec<RecordRow>) -> bool,
) -> DbResult<usize> {
    let chunk = chunk.max(1);
    let mut st = conn.prepare_cached(
        "SELECT r.id, r.kind, r.seq, r.title, r.org, r.field, r.region, iif(r.status_text <> '', r.status_text, r.status), r.contact, \
         r.phone, r.rev, r.updated_at FROM record r WHERE r.kind = ?1 \
         ORDER BY r.rev DESC, r.id",
    )?;
    let mut q = st.query(params![kind.as_str()])?;
    let mut buf = Vec::with_capacity(chunk);
    let mut sent = 0;
    while let Some(r) = q.next()? {
        buf.push(row_from(r, 0)?);
        if buf.len() == chunk {
            sent += buf.len();
            if !each(std::mem::replace(&mut buf, Vec::with_capacity(chunk))) {
                return Ok(sent);
            }
        }
    }
    if !buf.is_empty() {
        sent += buf.len();
        each(buf);
    }
    Ok(sent)
}

/// Rows of `kind` written after revision `since`, newest first.
pub(crate) fn rows_since(conn: &Connection, kind: Kind, since: i64) -> DbResult<Vec<RecordRow>> {
    let mut st = conn.prepare_cached(
        "SELECT r.id, r.kind, r.seq, r.title, r.org, r.field, r.region, iif(r.status_text <> '', r.status_text, r.status), r.contact, \
         r.phone, r.rev, r.updated_at FROM record r WHERE r.kind = ?1 AND r.rev > ?2 \
         ORDER BY r.rev DESC, r.id",
    )?;
    let rows = st.query_map(params![kind.as_str(), since], |r| row_from(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
