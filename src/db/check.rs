//! `duijie check`: SQLite's integrity check on a file opened read-only, and salvage — every
//! row that can still be read, table by table, when the check fails.
//!
//! Salvage reads each table in rowid order; where a damaged page stops the scan, it probes
//! the rowids after the last good one one at a time (a point lookup only walks the path to
//! its row) until one reads again, then scans on from there. So a damaged leaf page loses
//! the rows on it and no others.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde_json::{Map, Value};

use super::backup::open_damaged;
use super::{DbError, DbResult};

/// At most this many problems are listed by the check.
const MAX_PROBLEMS: i64 = 100;

/// How many rowids past the last readable one salvage probes when it cannot tell the
/// largest rowid of a table.
const PROBE_WINDOW: i64 = 100_000;

/// What the integrity check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    /// The file checked.
    pub path: PathBuf,
    /// The integrity check passed.
    pub ok: bool,
    /// What SQLite reported (at most [`MAX_PROBLEMS`] lines); empty when ok.
    pub problems: Vec<String>,
    /// Rows per table that could be counted ("record" → 120); a table that cannot be counted
    /// is missing.
    pub rows: Vec<(String, i64)>,
}

/// Runs `PRAGMA integrity_check` on the file at `path`, opened read-only.
pub fn check(path: &Path) -> DbResult<CheckReport> {
    if !path.exists() {
        return Err(DbError::Missing {
            path: path.to_path_buf(),
        });
    }
    let conn = open_damaged(path)?;
    let mut report = CheckReport {
        path: path.to_path_buf(),
        ..CheckReport::default()
    };
    match integrity(&conn) {
        Ok(lines) => {
            report.ok = lines.len() == 1 && lines[0] == "ok";
            if !report.ok {
                report.problems = lines;
            }
        }
        Err(e) => report.problems.push(e.to_string()),
    }
    for table in tables(&conn).unwrap_or_default() {
        if let Ok(n) = conn.query_row(
            &format!("SELECT count(*) FROM {}", quote(&table)),
            [],
            |r| r.get(0),
        ) {
            report.rows.push((table, n));
        }
    }
    Ok(report)
}

fn integrity(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    // The pragma's argument cannot be bound: it is this constant.
    let mut stmt = conn.prepare(&format!("PRAGMA integrity_check({MAX_PROBLEMS})"))?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines)
}

/// The quick check (`PRAGMA quick_check(1)`): true when it says "ok".
pub fn quick_ok(conn: &Connection) -> bool {
    conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0))
        .is_ok_and(|v| v == "ok")
}

/// The user tables of the file, in schema order.
fn tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY rowid",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(names)
}

/// An identifier quoted for SQL. Table names come from the file's own schema and cannot be
/// bound as parameters.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What salvage read from one table.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SalvagedTable {
    /// Every row that could be read, as column → value (blobs as `{"hex": …}`).
    pub rows: Vec<Map<String, Value>>,
    /// Where reading failed ("rowid after 41: database disk image is malformed").
    pub errors: Vec<String>,
}

/// Everything salvage could read.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Salvage {
    /// The file read.
    pub source: PathBuf,
    /// Table name → its rows, in schema order.
    pub tables: Vec<(String, SalvagedTable)>,
    /// Problems that concern the whole file (the schema cannot be read…).
    pub errors: Vec<String>,
}

impl Salvage {
    /// Rows read in all.
    pub fn rows(&self) -> usize {
        self.tables.iter().map(|(_, t)| t.rows.len()).sum()
    }

    /// Places where reading failed, in all.
    pub fn failures(&self) -> usize {
        self.errors.len()
            + self
                .tables
                .iter()
                .map(|(_, t)| t.errors.len())
                .sum::<usize>()
    }

    /// As JSON: `{"source", "errors", "tables": {name: {"rows", "errors"}}}`.
    pub fn to_json(&self) -> Value {
        let tables: Map<String, Value> = self
            .tables
            .iter()
            .map(|(name, t)| {
                (
                    name.clone(),
                    serde_json::json!({ "rows": t.rows, "errors": t.errors }),
                )
            })
            .collect();
        serde_json::json!({
            "source": self.source.display().to_string(),
            "errors": self.errors,
            "tables": tables,
        })
    }
}

/// Reads every readable row of every table of the file at `path`, opened read-only.
pub fn salvage(path: &Path) -> DbResult<Salvage> {
    if !path.exists() {
        return Err(DbError::Missing {
            path: path.to_path_buf(),
        });
    }
    let conn = open_damaged(path)?;
    let mut out = Salvage {
        source: path.to_path_buf(),
        ..Salvage::default()
    };
    match tables(&conn) {
        Ok(names) => {
            for name in names {
                let t = salvage_table(&conn, &name);
                out.tables.push((name, t));
            }
        }
        Err(e) => out.errors.push(format!("schema: {e}")),
    }
    Ok(out)
}

fn salvage_table(conn: &Connection, table: &str) -> SalvagedTable {
    let mut out = SalvagedTable::default();
    let cols: Vec<String> = match conn
        .prepare(&format!("SELECT * FROM {} LIMIT 0", quote(table)))
        .map(|s| s.column_names().map(String::from).collect())
    {
        Ok(c) => c,
        Err(e) => {
            out.errors.push(e.to_string());
            return out;
        }
    };
    if conn
        .prepare(&format!("SELECT rowid FROM {} LIMIT 0", quote(table)))
        .is_err()
    {
        // A table WITHOUT ROWID (keyed by its primary key) has no rowids to probe past the
        // damage: one scan in key order keeps what it reads before any damage.
        let scan = format!("SELECT 0, * FROM {} WHERE ?1 IS NOT NULL", quote(table));
        if let Err((_, e)) = scan_from(conn, &scan, 0, &cols, &mut out.rows) {
            out.errors.push(e.to_string());
        }
        return out;
    }
    let max: Option<i64> = conn
        .query_row(
            &format!("SELECT max(rowid) FROM {}", quote(table)),
            [],
            |r| r.get(0),
        )
        .ok()
        .flatten();
    let scan = format!(
        "SELECT rowid, * FROM {} WHERE rowid > ?1 ORDER BY rowid",
        quote(table)
    );
    let point = format!("SELECT rowid, * FROM {} WHERE rowid = ?1", quote(table));
    let mut after = i64::MIN;
    loop {
        match scan_from(conn, &scan, after, &cols, &mut out.rows) {
            Ok(()) => return out,
            Err((last, e)) => {
                after = last;
                out.errors.push(format!("rowid after {after}: {e}"));
            }
        }
        // Probe rowid by rowid past the damage until one reads again.
        let limit = max.unwrap_or(after.saturating_add(PROBE_WINDOW));
        let mut found = false;
        let mut r = after.saturating_add(1).max(1);
        while r <= limit {
            if let Ok(Some(row)) = read_one(conn, &point, r, &cols) {
                out.rows.push(row);
                after = r;
                found = true;
                break;
            }
            r += 1;
        }
        if !found {
            return out;
        }
    }
}

/// Scans rows after `after` into `rows`; on an error, the last rowid read and the error.
fn scan_from(
    conn: &Connection,
    sql: &str,
    after: i64,
    cols: &[String],
    rows: &mut Vec<Map<String, Value>>,
) -> Result<(), (i64, rusqlite::Error)> {
    let mut last = after;
    let fail = |last: i64| move |e| (last, e);
    let mut stmt = conn.prepare(sql).map_err(fail(last))?;
    let mut q = stmt.query([after]).map_err(fail(last))?;
    loop {
        match q.next() {
            Ok(Some(row)) => {
                let (id, map) = row_json(row, cols).map_err(fail(last))?;
                rows.push(map);
                last = id;
            }
            Ok(None) => return Ok(()),
            Err(e) => return Err((last, e)),
        }
    }
}

fn read_one(
    conn: &Connection,
    sql: &str,
    rowid: i64,
    cols: &[String],
) -> rusqlite::Result<Option<Map<String, Value>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut q = stmt.query([rowid])?;
    match q.next()? {
        Some(row) => Ok(Some(row_json(row, cols)?.1)),
        None => Ok(None),
    }
}

/// One row (`rowid, *`) as its rowid and a JSON object.
fn row_json(
    row: &rusqlite::Row<'_>,
    cols: &[String],
) -> rusqlite::Result<(i64, Map<String, Value>)> {
    let id: i64 = row.get(0)?;
    let mut map = Map::new();
    for (i, name) in cols.iter().enumerate() {
        let v = match row.get_ref(i + 1)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::from(n),
            ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
            ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => {
                let hex = b.iter().fold(String::new(), |mut acc, x| {
                    let _ = write!(acc, "{x:02x}");
                    acc
                });
                serde_json::json!({ "hex": hex })
            }
        };
        map.insert(name.clone(), v);
    }
    Ok((id, map))
}

#[cfg(test)]
mod tests;
