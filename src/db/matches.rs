//! New matches (`duijie matches --new`): the mark of the last listing (the records'
//! revision then) and the couples already listed.

use rusqlite::{Connection, params};

use super::{DbResult, now};

/// The revision of the records when new matches were last listed.
pub fn mark(conn: &Connection) -> DbResult<i64> {
    Ok(conn
        .prepare_cached("SELECT rev FROM match_mark WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// Moves the mark to `rev` (the records as they were listed).
pub fn set_mark(conn: &Connection, rev: i64) -> DbResult<()> {
    conn.prepare_cached("UPDATE match_mark SET rev = ?1, at = ?2 WHERE id = 1")?
        .execute(params![rev, now()])?;
    Ok(())
}

/// Ids of the records written after revision `rev`, oldest write first.
pub fn written_after(conn: &Connection, rev: i64) -> DbResult<Vec<i64>> {
    let mut st =
        conn.prepare_cached("SELECT id FROM record WHERE kind = ?1 AND rev > ?2 ORDER BY rev, id")?;
    let mut out = Vec::new();
    for kind in ["demand", "result"] {
        for id in st.query_map(params![kind, rev], |r| r.get(0))? {
            out.push(id?);
        }
    }
    Ok(out)
}

/// Ids of the records added or changed on or after `date` (YYYY-MM-DD).
pub fn written_since(conn: &Connection, date: &str) -> DbResult<Vec<i64>> {
    let mut st = conn.prepare_cached(
        "SELECT id FROM record WHERE updated_at >= ?1 OR created_at >= ?1 ORDER BY id",
    )?;
    let ids = st.query_map(params![date], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Whether the couple was listed before.
pub fn seen(conn: &Connection, demand: i64, result: i64) -> DbResult<bool> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM match_seen WHERE demand_id = ?1 AND result_id = ?2")?
        .query_row(params![demand, result], |r| r.get::<_, i64>(0))?
        > 0)
}

/// Records the couple as listed, with the score it was listed at.
pub fn set_seen(conn: &Connection, demand: i64, result: i64, score: f64) -> DbResult<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO match_seen (demand_id, result_id, score, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![demand, result, score, now()])?;
    Ok(())
}
