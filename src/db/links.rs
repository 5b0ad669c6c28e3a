//! Linking records to their organisation and contact. Every record write calls
//! [`link_record`], so a record belongs to its organisation (made when first met) and to its
//! contact from the moment it is stored, whichever path wrote it (add, edit, import, undo);
//! the migration that made the tables runs [`backfill`] over the records already stored.

use rusqlite::{Connection, params};

use super::{DbResult, contacts, orgs};
use crate::domain::Record;

/// Links stored record `rec` to its organisation and its contact, making either when new.
pub fn link_record(conn: &Connection, rec: &Record) -> DbResult<()> {
    let org = orgs::ensure(conn, &rec.org, &record_region(rec))?;
    match &org {
        Some((_, key)) => {
            conn.prepare_cached(
                "INSERT INTO record_org (record_id, org_key) VALUES (?1, ?2) \
                 ON CONFLICT (record_id) DO UPDATE SET org_key = excluded.org_key \
                 WHERE org_key <> excluded.org_key",
            )?
            .execute(params![rec.id, key])?;
        }
        None => {
            conn.prepare_cached("DELETE FROM record_org WHERE record_id = ?1")?
                .execute(params![rec.id])?;
        }
    }
    contacts::link_record(conn, rec, org.map(|(id, _)| id))
}

/// A record's region, with the city from an unrecognised column ("city", "城市") when the
/// region names only a province.
fn record_region(rec: &Record) -> String {
    let city = ["city", "城市", "所在城市"]
        .iter()
        .find_map(|k| rec.extra.get(*k).and_then(|v| v.as_str()))
        .map(str::trim)
        .filter(|c| !c.is_empty() && !rec.region.contains(*c));
    match city {
        Some(c) => format!("{}{c}", rec.region.trim()),
        None => rec.region.trim().to_string(),
    }
}

/// Derives the organisations and contacts of every stored record: the migration that made
/// the tables runs it (its own SQL, reading only columns that version has).
pub fn backfill(conn: &Connection) -> DbResult<()> {
    let mut st = conn.prepare(
        "SELECT id, kind, org, region, contact, phone, email, lead, extra FROM record ORDER BY id",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let extra: String = r.get(8)?;
        let rec = Record {
            id: r.get(0)?,
            kind: crate::domain::Kind::parse(&kind).unwrap_or_default(),
            org: r.get(2)?,
            region: r.get(3)?,
            contact: r.get(4)?,
            phone: r.get(5)?,
            email: r.get(6)?,
            lead: r.get(7)?,
            extra: serde_json::from_str(&extra).unwrap_or_default(),
            ..Record::default()
        };
        link_record(conn, &rec)?;
    }
    Ok(())
}
