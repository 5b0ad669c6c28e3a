//! Copying a whole store into another, table by table, keeping every id, code, revision and
//! history row: `duijie push` (a local file into an empty shared database) and `duijie pull`
//! (a shared database into a new local file). Both ends must be at the same schema version;
//! each table's columns are compared by name before a row moves.

use super::{DbError, DbResult};
use crate::store::{Backend, Sql, ToValue, Value};

/// The tables, parents before the rows that point at them.
pub const TABLES: &[&str] = &[
    "code_seq",
    "saved_view",
    "rev_counter",
    "undo_entry",
    "undo_snapshot",
    "record",
    "record_gone",
    "pair",
    "pair_gone",
    "stage_change",
    "followup",
    "dismissal",
    "org",
    "org_alias",
    "record_org",
    "contact",
    "contact_phone",
    "record_contact",
    "contract",
    "instalment",
    "payment",
    "record_note",
    "match_mark",
    "match_seen",
];

/// Tables each engine keeps for itself, never copied.
const OWN: &[&str] = &["sqlite_sequence", "schema_migration"];

/// Rows per INSERT: well under both engines' limits on parameters per statement.
const BATCH_PARAMS: usize = 16_000;

/// How many rows of each table moved.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(&'static str, u64)>,
}

impl Copied {
    pub fn rows(&self, table: &str) -> u64 {
        self.tables
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// The tables of the connection's schema.
fn tables_of(s: &dyn Sql) -> DbResult<Vec<String>> {
    let sql = match s.backend() {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        Backend::Postgres => {
            "SELECT table_name FROM information_schema.tables \
             WHERE table_schema = current_schema() ORDER BY table_name"
        }
    };
    let rows = s.query(sql, &[])?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let name: String = r.get(0)?;
        if !OWN.contains(&name.as_str()) {
            out.push(name);
        }
    }
    Ok(out)
}

/// A table's columns, in the order declared.
fn columns_of(s: &dyn Sql, table: &str) -> DbResult<Vec<String>> {
    let sql = match s.backend() {
        Backend::Sqlite => "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
        Backend::Postgres => {
            "SELECT column_name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position"
        }
    };
    s.query(sql, &[&table])?
        .iter()
        .map(|r| Ok(r.get(0)?))
        .collect()
}

/// How many records, pairs, organisations, contacts and undo steps the store holds: a
/// target must hold none.
pub fn content_count(s: &dyn Sql) -> DbResult<i64> {
    let mut n = 0;
    for t in ["record", "pair", "org", "contact", "undo_entry"] {
        n += s
            .query_one(&format!("SELECT count(*) FROM {t}"), &[])?
            .get::<i64>(0)?;
    }
    Ok(n)
}

/// Copies every table of `from` into `to`, which must hold no content (its seeded counters
/// are replaced). Runs inside the caller's write transaction on `to`; `progress` hears each
/// table's name and the rows moved so far.
pub fn copy_all(
    from: &dyn Sql,
    to: &dyn Sql,
    progress: &mut dyn FnMut(&str, u64),
) -> DbResult<Copied> {
    let (have, want) = (tables_of(from)?, tables_of(to)?);
    for t in have.iter().chain(&want) {
        if !TABLES.contains(&t.as_str()) {
            return Err(DbError::Invalid(format!(
                "table {t} is not one this build copies: both ends must run the same duijie \
                 version; nothing copied"
            )));
        }
    }
    let held = content_count(to)?;
    if held > 0 {
        return Err(DbError::Invalid(format!(
            "the target already holds {held} records, pairs, organisations, contacts or undo \
             steps; nothing copied — give an empty database"
        )));
    }
    for &t in TABLES.iter().rev() {
        to.execute(&format!("DELETE FROM {t}"), &[])?;
    }
    let mut copied = Copied::default();
    for &table in TABLES {
        let cols = columns_of(from, table)?;
        let mut theirs = columns_of(to, table)?;
        let mut ours = cols.clone();
        ours.sort();
        theirs.sort();
        if ours != theirs {
            return Err(DbError::Invalid(format!(
                "table {table} has other columns at the two ends ({} / {}): both ends must \
                 be at the same schema version; nothing copied",
                ours.join(","),
                theirs.join(",")
            )));
        }
        let n = copy_table(from, to, table, &cols, progress)?;
        copied.tables.push((table, n));
    }
    if to.backend() == Backend::Postgres {
        // Identity columns count on from the largest id copied.
        for &table in TABLES {
            if columns_of(to, table)?.iter().any(|c| c == "id") {
                to.query(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                         (SELECT coalesce(max(id), 0) + 1 FROM {table}), false) \
                         WHERE pg_get_serial_sequence('{table}', 'id') IS NOT NULL"
                    ),
                    &[],
                )?;
            }
        }
    }
    Ok(copied)
}

fn copy_table(
    from: &dyn Sql,
    to: &dyn Sql,
    table: &str,
    cols: &[String],
    progress: &mut dyn FnMut(&str, u64),
) -> DbResult<u64> {
    let list = cols.join(", ");
    let per_batch = (BATCH_PARAMS / cols.len().max(1)).max(1);
    let keyed = cols.iter().any(|c| c == "id");
    let mut moved = 0u64;
    let mut after = i64::MIN;
    loop {
        // Tables with an id move in id order, a batch at a time; the others (small: links
        // and marks) in one go.
        let rows = if keyed {
            from.query(
                &format!("SELECT {list} FROM {table} WHERE id > ?1 ORDER BY id LIMIT {per_batch}"),
                &[&after],
            )?
        } else {
            from.query(&format!("SELECT {list} FROM {table}"), &[])?
        };
        if rows.is_empty() {
            break;
        }
        let id_at = cols.iter().position(|c| c == "id");
        for chunk in rows.chunks(per_batch) {
            let values: Vec<&Value> = chunk.iter().flat_map(|r| r.0.iter()).collect();
            let params: Vec<&dyn ToValue> = values.iter().map(|v| *v as &dyn ToValue).collect();
            to.execute(&insert_sql(table, cols, chunk.len()), &params)?;
        }
        moved += rows.len() as u64;
        progress(table, moved);
        match id_at {
            Some(i) if rows.len() == per_batch => {
                after = rows.last().expect("not empty").get(i)?;
            }
            _ => break,
        }
    }
    Ok(moved)
}

/// `INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4)…` for `rows` rows.
fn insert_sql(table: &str, cols: &[String], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols.len() {
            if c > 0 {
                sql.push_str(", ");
            }
            n += 1;
            sql.push('?');
            sql.push_str(&n.to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn a_local_store_copies_into_an_empty_one_with_every_row_and_not_into_a_full_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        crate::demo::build(&path).unwrap();
        let from = Db::open(&path).unwrap();
        let mut to = Db::open_in_memory().unwrap();
        let copied = to
            .write(|tx| copy_all(from.conn(), tx, &mut |_, _| {}))
            .unwrap();
        for &t in TABLES {
            let count = |s: &dyn Sql| -> i64 {
                s.query_one(&format!("SELECT count(*) FROM {t}"), &[])
                    .unwrap()
                    .get(0)
                    .unwrap()
            };
            assert_eq!(count(from.conn()), count(to.conn()), "{t}");
            assert_eq!(copied.rows(t), count(to.conn()) as u64, "{t}");
        }
        assert!(copied.rows("record") > 0 && copied.rows("followup") > 0);
        let again = to.write(|tx| copy_all(from.conn(), tx, &mut |_, _| {}));
        assert!(
            again.unwrap_err().to_string().contains("already holds"),
            "a second copy is refused"
        );
    }
}
