//! Organisations: the `org` table, the keys each is known by (`org_alias`) and the key of
//! each record's org text (`record_org`, written by [`super::links`]). On either engine
//! ([`Sql`]).

use super::{DbError, DbResult, now, rev};
use crate::domain::org::{Org, OrgKind, guess_kind, org_key};
use crate::store::{Backend, Row, Sql, StoreResult, ToValue};

const COLUMNS: &str = "id, seq, name, kind, region, note, auto";

fn from_row(r: &Row) -> StoreResult<Org> {
    let kind: String = r.get(3)?;
    Ok(Org {
        id: r.get(0)?,
        seq: r.get(1)?,
        name: r.get(2)?,
        kind: OrgKind::parse(&kind).unwrap_or_default(),
        region: r.get(4)?,
        note: r.get(5)?,
        auto: r.get(6)?,
    })
}

/// The organisation `sql` (selecting [`COLUMNS`]) gives, if any.
fn one(conn: &dyn Sql, sql: &str, params: crate::store::Params<'_>) -> DbResult<Option<Org>> {
    Ok(conn
        .query_opt(sql, params)?
        .as_ref()
        .map(from_row)
        .transpose()?)
}

/// The organisation with row id `id`.
pub fn get(conn: &dyn Sql, id: i64) -> DbResult<Option<Org>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM org WHERE id = ?1"),
        &[&id],
    )
}

/// The organisation with code number `seq` (O`seq`).
pub fn by_seq(conn: &dyn Sql, seq: i64) -> DbResult<Option<Org>> {
    one(
        conn,
        &format!("SELECT {COLUMNS} FROM org WHERE seq = ?1"),
        &[&seq],
    )
}

/// The organisation holding normalised key `key`.
pub fn by_key(conn: &dyn Sql, key: &str) -> DbResult<Option<Org>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM org WHERE id = (SELECT org_id FROM org_alias WHERE key = ?1)"
    );
    one(conn, &sql, &[&key])
}

/// Organisations whose name matches `text`: the one holding its key, else those with a key
/// containing it (at most `limit`), by code.
pub fn find(conn: &dyn Sql, text: &str, limit: usize) -> DbResult<Vec<Org>> {
    let key = org_key(text);
    if key.is_empty() {
        return Ok(vec![]);
    }
    if let Some(org) = by_key(conn, &key)? {
        return Ok(vec![org]);
    }
    // SQLite's instr() is PostgreSQL's strpos(): a plain substring, no pattern characters.
    let contains = match conn.backend() {
        Backend::Sqlite => "instr(key, ?1) > 0",
        Backend::Postgres => "strpos(key, ?1) > 0",
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM org WHERE id IN (SELECT org_id FROM org_alias \
         WHERE {contains}) ORDER BY seq LIMIT ?2"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = conn.query(&sql, &[&key, &limit])?;
    Ok(rows.iter().map(from_row).collect::<StoreResult<_>>()?)
}

/// The keys organisation `id` is known by, in code-point order on both engines.
pub fn keys_of(conn: &dyn Sql, id: i64) -> DbResult<Vec<String>> {
    let sql = match conn.backend() {
        Backend::Sqlite => "SELECT key FROM org_alias WHERE org_id = ?1 ORDER BY key",
        Backend::Postgres => {
            "SELECT key FROM org_alias WHERE org_id = ?1 ORDER BY key COLLATE \"C\""
        }
    };
    let rows = conn.query(sql, &[&id])?;
    Ok(rows.iter().map(|r| r.get(0)).collect::<StoreResult<_>>()?)
}

/// Gives keys `keys` to organisation `to`.
pub fn move_keys(conn: &dyn Sql, keys: &[String], to: i64) -> DbResult<()> {
    for k in keys {
        conn.execute(
            "INSERT INTO org_alias (key, org_id) VALUES (?1, ?2) \
             ON CONFLICT (key) DO UPDATE SET org_id = excluded.org_id",
            &[k, &to],
        )?;
    }
    Ok(())
}

/// Forgets key `key` (a name a rename added, taken back).
pub fn drop_key(conn: &dyn Sql, key: &str) -> DbResult<()> {
    conn.execute("DELETE FROM org_alias WHERE key = ?1", &[&key])?;
    Ok(())
}

/// Stores a new organisation known by `key`; `org.id` and `org.seq` are set. With
/// `org.id`/`org.seq` already set (an undone merge), it comes back under them.
pub fn insert(conn: &dyn Sql, org: &mut Org, keys: &[String]) -> DbResult<()> {
    if org.name.trim().is_empty() {
        return Err(DbError::Invalid("an organisation needs a name".into()));
    }
    if org.seq == 0 {
        org.seq = super::seq::next(conn, "org")?;
    }
    let ts = now();
    let rev = rev::stamp(conn)?;
    let (name, kind) = (org.name.trim(), org.kind.as_str());
    let fields: [&dyn ToValue; 8] = [
        &org.seq,
        &name,
        &kind,
        &org.region,
        &org.note,
        &org.auto,
        &ts,
        &rev,
    ];
    org.id = insert_keeping_id(
        conn,
        org.id,
        [
            "INSERT INTO org (seq, name, kind, region, note, auto, created_at, updated_at, \
             rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            "INSERT INTO org (seq, name, kind, region, note, auto, created_at, updated_at, \
             rev, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9)",
        ],
        &fields,
    )?;
    move_keys(conn, keys, org.id)
}

/// Inserts a row (of organisations or contacts) and gives its id: with `id` 0 by `sql[0]`, so
/// it takes the next id; else by `sql[1]`, the same with `id` as its last column and
/// parameter, so a row coming back by undo keeps its own. PostgreSQL refuses an explicit NULL
/// id, so the two are two statements.
pub(super) fn insert_keeping_id(
    conn: &dyn Sql,
    id: i64,
    sql: [&str; 2],
    fields: &[&dyn ToValue],
) -> StoreResult<i64> {
    if id == 0 {
        return conn.insert(sql[0], fields);
    }
    let mut with_id = fields.to_vec();
    with_id.push(&id);
    conn.insert(sql[1], &with_id)
}

/// Rewrites name, kind, region, note and the `auto` flag of organisation `org.id`.
pub fn update(conn: &dyn Sql, org: &Org) -> DbResult<()> {
    if org.name.trim().is_empty() {
        return Err(DbError::Invalid("an organisation needs a name".into()));
    }
    let n = conn.execute(
        "UPDATE org SET name = ?2, kind = ?3, region = ?4, note = ?5, auto = ?6, \
         updated_at = ?7, rev = ?8 WHERE id = ?1",
        &[
            &org.id,
            &org.name.trim(),
            &org.kind.as_str(),
            &org.region,
            &org.note,
            &org.auto,
            &now(),
            &rev::stamp(conn)?,
        ],
    )?;
    if n == 0 {
        return Err(DbError::NotFound(org.code()));
    }
    Ok(())
}

/// Deletes organisation `id` (its keys go with it; its contacts keep no organisation).
pub fn delete(conn: &dyn Sql, id: i64) -> DbResult<()> {
    conn.execute("DELETE FROM org WHERE id = ?1", &[&id])?;
    Ok(())
}

/// The organisation a record's org text belongs to, made (kind guessed, region taken from
/// the record) when no organisation holds its key yet. `None` for an empty org text.
pub fn ensure(conn: &dyn Sql, name: &str, region: &str) -> DbResult<Option<(i64, String)>> {
    let key = org_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    let found = conn.query_opt(
        "SELECT o.id, o.region FROM org_alias a JOIN org o ON o.id = a.org_id WHERE a.key = ?1",
        &[&key],
    )?;
    if let Some(row) = found {
        let (id, had): (i64, String) = (row.get(0)?, row.get(1)?);
        if had.is_empty() && !region.trim().is_empty() {
            conn.execute(
                "UPDATE org SET region = ?2 WHERE id = ?1",
                &[&id, &region.trim()],
            )?;
        }
        return Ok(Some((id, key)));
    }
    let mut org = Org {
        name: name.trim().to_string(),
        kind: guess_kind(name),
        region: region.trim().to_string(),
        auto: true,
        ..Org::default()
    };
    insert(conn, &mut org, std::slice::from_ref(&key))?;
    Ok(Some((org.id, key)))
}

/// The organisation record `record_id` belongs to.
pub fn of_record(conn: &dyn Sql, record_id: i64) -> DbResult<Option<Org>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM org WHERE id = (SELECT a.org_id FROM record_org r \
         JOIN org_alias a ON a.key = r.org_key WHERE r.record_id = ?1)"
    );
    one(conn, &sql, &[&record_id])
}

/// Ids of the records of organisation `id`, by kind and code.
pub fn record_ids(conn: &dyn Sql, id: i64) -> DbResult<Vec<i64>> {
    let rows = conn.query(
        "SELECT r.id FROM org_alias a JOIN record_org l ON l.org_key = a.key \
         JOIN record r ON r.id = l.record_id WHERE a.org_id = ?1 ORDER BY r.kind, r.seq",
        &[&id],
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect::<StoreResult<_>>()?)
}

/// One organisation of a list, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OrgCount {
    /// Its code, "O3".
    pub code: String,
    #[serde(flatten)]
    pub org: Org,
    pub demands: i64,
    pub results: i64,
    pub pairs: i64,
    pub contacts: i64,
}

/// Every organisation (of `kind`, when given) that holds a record or a contact or was made
/// by the broker, by code.
pub fn list(conn: &dyn Sql, kind: Option<OrgKind>) -> DbResult<Vec<OrgCount>> {
    let sql = format!(
        "WITH recs AS (SELECT a.org_id, r.id, r.kind FROM org_alias a \
           JOIN record_org l ON l.org_key = a.key JOIN record r ON r.id = l.record_id), \
         counts AS (SELECT org_id, count(CASE WHEN kind = 'demand' THEN 1 END) AS d, \
           count(CASE WHEN kind = 'result' THEN 1 END) AS r FROM recs GROUP BY org_id), \
         pairs AS (SELECT x.org_id, count(DISTINCT p.id) AS n FROM recs x \
           JOIN pair p ON p.demand_id = x.id OR p.result_id = x.id GROUP BY x.org_id), \
         people AS (SELECT org_id, count(*) AS n FROM contact WHERE org_id IS NOT NULL \
           GROUP BY org_id) \
         SELECT {COLUMNS}, coalesce(c.d, 0), coalesce(c.r, 0), coalesce(p.n, 0), \
           coalesce(h.n, 0) FROM org o LEFT JOIN counts c ON c.org_id = o.id \
           LEFT JOIN pairs p ON p.org_id = o.id LEFT JOIN people h ON h.org_id = o.id \
         WHERE (CAST(?1 AS TEXT) IS NULL OR o.kind = CAST(?1 AS TEXT)) \
           AND (o.auto = 0 OR c.org_id IS NOT NULL OR h.org_id IS NOT NULL) ORDER BY o.seq"
    );
    let mut out = Vec::new();
    conn.query_each(&sql, &[&kind.map(OrgKind::as_str)], &mut |r| {
        let org = from_row(r)?;
        out.push(OrgCount {
            code: org.code(),
            org,
            demands: r.get(7)?,
            results: r.get(8)?,
            pairs: r.get(9)?,
            contacts: r.get(10)?,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Deletes derived organisations and contacts nothing refers to any more (after an undone
/// import or a deleted record): they were made for those records only.
pub fn prune(conn: &dyn Sql) -> DbResult<()> {
    conn.execute(
        "DELETE FROM contact WHERE auto = 1 AND NOT EXISTS \
         (SELECT 1 FROM record_contact l WHERE l.contact_id = contact.id)",
        &[],
    )?;
    conn.execute(
        "DELETE FROM org WHERE auto = 1 \
         AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.org_id = org.id) \
         AND NOT EXISTS (SELECT 1 FROM org_alias a JOIN record_org l ON l.org_key = a.key \
                         WHERE a.org_id = org.id)",
        &[],
    )?;
    Ok(())
}

#[cfg(test)]
#[path = "orgs_tests.rs"]
mod tests;
