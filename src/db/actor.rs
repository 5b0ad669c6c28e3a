//! Who is writing: the broker's name for this connection, stamped on every row a change
//! makes (records, pairs and their owner, stage moves, follow-ups, contracts, payments, record
//! notes, undo steps).
//!
//! The name lives in a temporary table of the connection, so the typed queries that write
//! rows read it where they write, and no call in between has to carry it. A connection with
//! no name set writes NULL, as rows from before names hold.

use rusqlite::{Connection, OptionalExtension, params};

use super::DbResult;

/// Sets (or, with `None`, clears) the name of whoever writes through `conn`.
pub fn set(conn: &Connection, name: Option<&str>) -> DbResult<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS session_actor (\
         id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT)",
    )?;
    conn.execute(
        "INSERT INTO temp.session_actor (id, name) VALUES (1, ?1) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        params![name],
    )?;
    Ok(())
}

/// The name of whoever writes through `conn`, if one was set.
pub fn current(conn: &Connection) -> DbResult<Option<String>> {
    let exists: bool = conn
        .prepare_cached("SELECT count(*) > 0 FROM temp.sqlite_schema WHERE name = 'session_actor'")?
        .query_row([], |r| r.get(0))?;
    if !exists {
        return Ok(None);
    }
    Ok(conn
        .prepare_cached("SELECT name FROM temp.session_actor WHERE id = 1")?
        .query_row([], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

/// The names that own pairs, sorted.
pub fn owners(conn: &Connection) -> DbResult<Vec<String>> {
    let mut st = conn
        .prepare_cached("SELECT DISTINCT owner FROM pair WHERE owner IS NOT NULL ORDER BY owner")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The names that did anything recorded (own a pair, or made a step of any kind), sorted:
/// whom a pair can be handed to without a typo making up a new broker.
pub fn known(conn: &Connection) -> DbResult<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT owner FROM pair WHERE owner IS NOT NULL \
         UNION SELECT created_by FROM pair WHERE created_by IS NOT NULL \
         UNION SELECT created_by FROM record WHERE created_by IS NOT NULL \
         UNION SELECT updated_by FROM record WHERE updated_by IS NOT NULL \
         UNION SELECT actor FROM stage_change WHERE actor IS NOT NULL \
         UNION SELECT actor FROM followup WHERE actor IS NOT NULL \
         UNION SELECT actor FROM record_note WHERE actor IS NOT NULL \
         ORDER BY 1",
    )?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_has_no_name_until_one_is_set() {
        let db = crate::db::Db::open_in_memory().unwrap();
        assert_eq!(current(db.conn()).unwrap(), None);
        set(db.conn(), Some("王芳")).unwrap();
        assert_eq!(current(db.conn()).unwrap().as_deref(), Some("王芳"));
        set(db.conn(), None).unwrap();
        assert_eq!(current(db.conn()).unwrap(), None);
    }
}
