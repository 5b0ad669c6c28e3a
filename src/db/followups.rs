//! Typed queries on a pair's follow-up log (`followup`) and stage history (`stage_change`),
//! on either engine ([`Sql`]). Writing either also stamps the pair's rev, so a desk watching
//! revisions sees the pair change.

use std::collections::HashMap;

use super::{DbResult, rev};
use crate::domain::{Channel, FollowUp, Stage, StageChange};
use crate::store::{Row, Sql, StoreResult, ToValue};

/// Stamps pair `pair_id` with the transaction's revision.
fn touch_pair(conn: &dyn Sql, pair_id: i64) -> DbResult<()> {
    let rev = rev::stamp(conn)?;
    conn.execute("UPDATE pair SET rev = ?2 WHERE id = ?1", &[&pair_id, &rev])?;
    Ok(())
}

/// Runs `new` (a row the store numbers) when `id` is 0, else `at`, which takes `id` as its
/// last parameter (a row put back under its old id); the row's id.
pub(crate) fn insert_keeping_id(
    conn: &dyn Sql,
    new: &str,
    at: &str,
    params: &[&dyn ToValue],
    id: i64,
) -> DbResult<i64> {
    Ok(if id == 0 {
        conn.insert(new, params)?
    } else {
        let mut with_id = params.to_vec();
        with_id.push(&id);
        conn.insert(at, &with_id)?
    })
}

/// Adds a follow-up (its id 0: a new one, given the next id; else restored under that id).
pub fn insert(conn: &dyn Sql, f: &mut FollowUp) -> DbResult<()> {
    if f.id == 0 {
        f.actor = super::actor::current(conn)?;
    }
    let channel = f.channel.key();
    f.id = insert_keeping_id(
        conn,
        "INSERT INTO followup (pair_id, at, channel, note, next_action, next_due, actor) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        "INSERT INTO followup (id, pair_id, at, channel, note, next_action, next_due, actor) \
         VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &[
            &f.pair_id,
            &f.at,
            &channel,
            &f.note,
            &f.next_action,
            &f.next_due,
            &f.actor,
        ],
        f.id,
    )?;
    touch_pair(conn, f.pair_id)
}

/// Deletes a follow-up; false when it was already gone.
pub fn delete(conn: &dyn Sql, id: i64) -> DbResult<bool> {
    Ok(conn.execute("DELETE FROM followup WHERE id = ?1", &[&id])? > 0)
}

/// A follow-up from (id, pair_id, at, channel, note, next_action, next_due, actor).
fn followup_from(r: &Row) -> StoreResult<FollowUp> {
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
}

/// The follow-ups `sql` selects, in its order.
fn followups(conn: &dyn Sql, sql: &str, params: &[&dyn ToValue]) -> DbResult<Vec<FollowUp>> {
    let mut out = Vec::new();
    conn.query_each(sql, params, &mut |r| {
        out.push(followup_from(r)?);
        Ok(())
    })?;
    Ok(out)
}

/// A pair's follow-up log, newest first.
pub fn of_pair(conn: &dyn Sql, pair_id: i64) -> DbResult<Vec<FollowUp>> {
    followups(
        conn,
        "SELECT id, pair_id, at, channel, note, next_action, next_due, actor FROM followup \
         WHERE pair_id = ?1 ORDER BY at DESC, id DESC",
        &[&pair_id],
    )
}

/// Adds a stage history entry (its id 0: a new one, moved by whoever writes; else restored
/// under that id, by whoever moved it); returns its id.
pub fn insert_change(conn: &dyn Sql, c: &StageChange) -> DbResult<i64> {
    let actor = match c.id {
        0 => super::actor::current(conn)?,
        _ => c.actor.clone(),
    };
    let (from, to) = (c.from.map(Stage::key), c.to.key());
    let id = insert_keeping_id(
        conn,
        "INSERT INTO stage_change (pair_id, from_stage, to_stage, at, actor) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
        "INSERT INTO stage_change (id, pair_id, from_stage, to_stage, at, actor) \
         VALUES (?6, ?1, ?2, ?3, ?4, ?5)",
        &[&c.pair_id, &from, &to, &c.at, &actor],
        c.id,
    )?;
    touch_pair(conn, c.pair_id)?;
    Ok(id)
}

/// Deletes a stage history entry.
pub fn delete_change(conn: &dyn Sql, id: i64) -> DbResult<()> {
    conn.execute("DELETE FROM stage_change WHERE id = ?1", &[&id])?;
    Ok(())
}

/// A pair's stage history, oldest first.
pub fn history_of(conn: &dyn Sql, pair_id: i64) -> DbResult<Vec<StageChange>> {
    let rows = conn.query(
        "SELECT id, pair_id, from_stage, to_stage, at, actor FROM stage_change \
         WHERE pair_id = ?1 ORDER BY at, id",
        &[&pair_id],
    )?;
    rows.iter()
        .map(|r| {
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
        })
        .collect()
}

/// The newest stage change or follow-up per pair (RFC 3339 UTC strings order as instants).
pub fn last_activity(conn: &dyn Sql) -> DbResult<HashMap<i64, String>> {
    let mut out = HashMap::new();
    conn.query_each(
        "SELECT pair_id, max(at) FROM (SELECT pair_id, at FROM stage_change \
         UNION ALL SELECT pair_id, at FROM followup) AS activity GROUP BY pair_id",
        &[],
        &mut |r| {
            out.insert(r.get(0)?, r.get(1)?);
            Ok(())
        },
    )?;
    Ok(out)
}

/// Every pair's follow-up log, by pair, oldest first within a pair (for exports).
pub fn all(conn: &dyn Sql) -> DbResult<Vec<FollowUp>> {
    followups(
        conn,
        "SELECT id, pair_id, at, channel, note, next_action, next_due, actor FROM followup \
         ORDER BY pair_id, at, id",
        &[],
    )
}
