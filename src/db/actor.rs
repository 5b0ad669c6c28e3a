//! Who is writing: the broker's name for this connection, stamped on every row a change
//! makes (records, pairs and their owner, stage moves, follow-ups, contracts, payments, record
//! notes, undo steps).
//!
//! The name lives in a temporary table of the connection, so the typed queries that write
//! rows read it where they write, and no call in between has to carry it. A connection with
//! no name set writes NULL, as rows from before names hold.

use super::DbResult;
use crate::store::{Backend, Sql};

/// The session's table, as each engine names its temporary schema.
fn table(conn: &dyn Sql) -> &'static str {
    match conn.backend() {
        Backend::Sqlite => "temp.session_actor",
        Backend::Postgres => "pg_temp.session_actor",
    }
}

/// Sets (or, with `None`, clears) the name of whoever writes through `conn`.
pub fn set(conn: &dyn Sql, name: Option<&str>) -> DbResult<()> {
    conn.batch(
        "CREATE TEMP TABLE IF NOT EXISTS session_actor (\
         id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT)",
    )?;
    conn.execute(
        &format!(
            "INSERT INTO {} (id, name) VALUES (1, ?1) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            table(conn)
        ),
        &[&name],
    )?;
    Ok(())
}

/// The name of whoever writes through `conn`, if one was set.
pub fn current(conn: &dyn Sql) -> DbResult<Option<String>> {
    let exists = match conn.backend() {
        Backend::Sqlite => "SELECT count(*) FROM temp.sqlite_schema WHERE name = 'session_actor'",
        Backend::Postgres => {
            "SELECT count(*) FROM pg_class \
             WHERE relname = 'session_actor' AND relnamespace = pg_my_temp_schema()"
        }
    };
    if conn.query_one(exists, &[])?.get::<i64>(0)? == 0 {
        return Ok(None);
    }
    let sql = format!("SELECT name FROM {} WHERE id = 1", table(conn));
    Ok(match conn.query_opt(&sql, &[])? {
        Some(row) => row.get(0)?,
        None => None,
    })
}

/// The names in the first column of `sql`'s rows.
fn names(conn: &dyn Sql, sql: &str) -> DbResult<Vec<String>> {
    conn.query(sql, &[])?
        .iter()
        .map(|r| Ok(r.get(0)?))
        .collect()
}

/// The names that own pairs, sorted.
pub fn owners(conn: &dyn Sql) -> DbResult<Vec<String>> {
    names(
        conn,
        "SELECT DISTINCT owner FROM pair WHERE owner IS NOT NULL ORDER BY owner",
    )
}

/// The names that did anything recorded (own a pair, or made a step of any kind), sorted:
/// whom a pair can be handed to without a typo making up a new broker.
pub fn known(conn: &dyn Sql) -> DbResult<Vec<String>> {
    names(
        conn,
        "SELECT owner FROM pair WHERE owner IS NOT NULL \
         UNION SELECT created_by FROM pair WHERE created_by IS NOT NULL \
         UNION SELECT created_by FROM record WHERE created_by IS NOT NULL \
         UNION SELECT updated_by FROM record WHERE updated_by IS NOT NULL \
         UNION SELECT actor FROM stage_change WHERE actor IS NOT NULL \
         UNION SELECT actor FROM followup WHERE actor IS NOT NULL \
         UNION SELECT actor FROM record_note WHERE actor IS NOT NULL \
         ORDER BY 1",
    )
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
