//! New matches (`duijie matches --new`): the mark of the last listing (the records'
//! revision then) and the couples already listed. On either engine ([`Sql`]).

use super::{DbResult, now};
use crate::store::{Params, Sql};

/// The revision of the records when new matches were last listed, and whether they ever were.
pub fn mark(conn: &dyn Sql) -> DbResult<(i64, bool)> {
    let row = conn.query_one("SELECT rev, at FROM match_mark WHERE id = 1", &[])?;
    let at: String = row.get(1)?;
    Ok((row.get(0)?, !at.is_empty()))
}

/// Moves the mark to `rev` (the records as they were listed).
pub fn set_mark(conn: &dyn Sql, rev: i64) -> DbResult<()> {
    conn.execute(
        "UPDATE match_mark SET rev = ?1, at = ?2 WHERE id = 1",
        &[&rev, &now()],
    )?;
    Ok(())
}

/// The ids in the first column of `sql`'s rows, in its order.
fn ids_into(out: &mut Vec<i64>, conn: &dyn Sql, sql: &str, params: Params<'_>) -> DbResult<()> {
    conn.query_each(sql, params, &mut |r| {
        out.push(r.get(0)?);
        Ok(())
    })?;
    Ok(())
}

/// Ids of the records written after revision `rev`, oldest write first.
pub fn written_after(conn: &dyn Sql, rev: i64) -> DbResult<Vec<i64>> {
    let mut out = Vec::new();
    for kind in ["demand", "result"] {
        ids_into(
            &mut out,
            conn,
            "SELECT id FROM record WHERE kind = ?1 AND rev > ?2 ORDER BY rev, id",
            &[&kind, &rev],
        )?;
    }
    Ok(out)
}

/// Ids of at most `n` records written after revision `rev`, the latest written first, and
/// whether more were.
pub fn written_after_newest(conn: &dyn Sql, rev: i64, n: usize) -> DbResult<(Vec<i64>, bool)> {
    let mut out = Vec::new();
    let limit = i64::try_from(n.saturating_add(1)).unwrap_or(i64::MAX);
    ids_into(
        &mut out,
        conn,
        "SELECT id FROM record WHERE rev > ?1 ORDER BY rev DESC, id DESC LIMIT ?2",
        &[&rev, &limit],
    )?;
    let more = out.len() > n;
    out.truncate(n);
    Ok((out, more))
}

/// Ids of the records added or changed on or after `date` (YYYY-MM-DD).
pub fn written_since(conn: &dyn Sql, date: &str) -> DbResult<Vec<i64>> {
    let mut out = Vec::new();
    ids_into(
        &mut out,
        conn,
        "SELECT id FROM record WHERE updated_at >= ?1 OR created_at >= ?1 ORDER BY id",
        &[&date],
    )?;
    Ok(out)
}

/// Whether the couple was listed before.
pub fn seen(conn: &dyn Sql, demand: i64, result: i64) -> DbResult<bool> {
    Ok(conn
        .query_one(
            "SELECT count(*) FROM match_seen WHERE demand_id = ?1 AND result_id = ?2",
            &[&demand, &result],
        )?
        .get::<i64>(0)?
        > 0)
}

/// Records the couple as listed, with the score it was listed at.
pub fn set_seen(conn: &dyn Sql, demand: i64, result: i64, score: f64) -> DbResult<()> {
    conn.execute(
        "INSERT OR IGNORE INTO match_seen (demand_id, result_id, score, at) VALUES (?1, ?2, ?3, ?4)",
        &[&demand, &result, &score, &now()],
    )?;
    Ok(())
}
