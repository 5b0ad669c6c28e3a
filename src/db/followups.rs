//! Typed queries on a pair's follow-up log (`followup`) and stage history (`stage_change`).
//! Writing either also stamps the pair's rev, so a desk watching revisions sees the pair
//! change.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::{DbResult, rev};
use crate::domain::{Channel, FollowUp, Stage, StageChange};

/// Stamps pair `pair_id` with the transaction's revision.
fn touch_pair(conn: &Connection, pair_id: i64) -> DbResult<()> {
    let rev = rev::stamp(conn)?;
    conn.prepare_cached("UPDATE pair SET rev = ?2 WHERE id = ?1")?
        .execute(params![pair_id, rev])?;
    Ok(())
}

/// Adds a follow-up (its id 0: a new one, given the next id; else restored under that id).
pub fn insert(conn: &Connection, f: &mut FollowUp) -> DbResult<()> {
    let id = (f.id != 0).then_some(f.id);
    if id.is_none() {
        f.actor = super::actor::current(conn)?;
    }
    conn.prepare_cached(
        "INSERT INTO followup (id, pair_id, at, channel, note, next_action, next_due, actor) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        f.pair_id,
        f.at,
        f.channel.key(),
        f.note,
        f.next_action,
        f.next_due,
        f.actor
    ])?;
    f.id = conn.last_insert_rowid();
    touch_pair(conn, f.pair_id)
}

/// Deletes a follow-up; false when it was already gone.
pub fn delete(conn: &Connection, id: i64) -> DbResult<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM followup WHERE id = ?1")?
        .execute(params![id])?
        > 0)
}

/// A pair's follow-up log, newest first.
pub fn of_pair(conn: &Connection, pair_id: i64) -> DbResult<Vec<FollowUp>> {
    let mut st = conn.prepare_cached(
        "SELECT id, pair_id, at, channel, note, next_action, next_due, actor FROM followup \
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
            actor: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a stage history entry (its id 0: a new one, moved by whoever writes; else restored
/// under that id, by whoever moved it); returns its id.
pub fn insert_change(conn: &Connection, c: &StageChange) -> DbResult<i64> {
    let id = (c.id != 0).then_some(c.id);
    let actor = match id {
        None => super::actor::current(conn)?,
        Some(_) => c.actor.clone(),
    };
    conn.prepare_cached(
        "INSERT INTO stage_change (id, pair_id, from_stage, to_stage, at, actor) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        c.pair_id,
        c.from.map(Stage::key),
        c.to.key(),
        c.at,
        actor
    ])?;
    let id = conn.last_insert_rowid();
    touch_pair(conn, c.pair_id)?;
    Ok(id)
}

/// Deletes a stage history entry.
pub fn delete_change(conn: &Connection, id: i64) -> DbResult<()> {
    conn.prepare_cached("DELETE FROM stage_change WHERE id = ?1")?
        .execute(params![id])?;
    Ok(())
}

/// A pair's stage history, oldest first.
pub fn history_of(conn: &Connection, pair_id: i64) -> DbResult<Vec<StageChange>> {
    let mut st = conn.prepare_cached(
        "SELECT id, pair_id, from_stage, to_stage, at, actor FROM stage_change \
         WHERE pair_id = ?1 ORDER BY at, id",
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
            actor: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest stage change or follow-up per pair (RFC 3339 UTC strings order as instants).
pub fn last_activity(conn: &Connection) -> DbResult<HashMap<i64, String>> {
    let mut st = conn.prepare_cached(
        "SELECT pair_id, max(at) FROM (SELECT pair_id, at FROM stage_change \
         UNION ALL SELECT pair_id, at FROM followup) GROUP BY pair_id",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every pair's follow-up log, by pair, oldest first within a pair (for exports).
pub fn all(conn: &Connection) -> DbResult<Vec<FollowUp>> {
    let mut st = conn.prepare_cached(
        "SELECT id, pair_id, at, channel, note, next_action, next_due, actor FROM followup \
         ORDER BY pair_id, at, id",
    )?;
    let rows = st.query_map([], |r| {
        let channel: String = r.get(3)?;
        Ok(FollowUp {
            id: r.get(0)?,
            pair_id: r.get(1)?,
            at: r.get(2)?,
            channel: Channel::parse(&channel).unwrap_or(Channel::Phone),
            note: r.get(4)?,
            next_action: r.get(5)?,
            next_due: r.get(6)?,
            actor: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
