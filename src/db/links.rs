//! Linking records to their organisation and contact. Every record write calls
//! [`link_record`], so a record belongs to its organisation (made when first met) and to its
//! contact from the moment it is stored, whichever path wrote it (add, edit, import, undo);
//! the migration that made the tables runs [`backfill`] over the records already stored.
//! On either engine ([`Sql`]).

use super::{DbResult, contacts, orgs};
use crate::domain::Record;
use crate::store::Sql;

/// Links stored record `rec` to its organisation and its contact, making either when new.
pub fn link_record(conn: &dyn Sql, rec: &Record) -> DbResult<()> {
    let org = orgs::ensure(conn, &rec.org, &record_region(rec))?;
    match &org {
        Some((_, key)) => {
            conn.execute(
                "INSERT INTO record_org (record_id, org_key) VALUES (?1, ?2) \
                 ON CONFLICT (record_id) DO UPDATE SET org_key = excluded.org_key \
                 WHERE record_org.org_key <> excluded.org_key",
                &[&rec.id, key],
            )?;
        }
        None => {
            conn.execute("DELETE FROM record_org WHERE record_id = ?1", &[&rec.id])?;
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

/// Records [`backfill`] reads at a time: memory stays bounded on a large file.
const BACKFILL_PAGE: i64 = 1000;

/// Derives the organisations and contacts of every stored record: the migration that made
/// the tables runs it (its own SQL, reading only columns that version has), a page of
/// records at a time.
pub fn backfill(conn: &dyn Sql) -> DbResult<()> {
    backfill_by(conn, BACKFILL_PAGE)
}

fn backfill_by(conn: &dyn Sql, page: i64) -> DbResult<()> {
    let mut after = 0_i64;
    loop {
        let rows = conn.query(
            "SELECT id, kind, org, region, contact, phone, email, lead, extra FROM record \
             WHERE id > ?1 ORDER BY id LIMIT ?2",
            &[&after, &page],
        )?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.get(0)?;
        for r in &rows {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backfill_reaches_every_record_across_pages() {
        let db = crate::db::Db::open_in_memory().unwrap();
        let conn: &dyn Sql = db.conn();
        for (i, org) in ["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"]
            .iter()
            .enumerate()
        {
            let seq = i64::try_from(i).unwrap() + 1;
            conn.execute(
                "INSERT INTO record (kind, seq, title, org, created_at, updated_at) \
                 VALUES ('demand', ?1, 't', ?2, 't', 't')",
                &[&seq, org],
            )
            .unwrap();
        }
        backfill_by(conn, 2).unwrap();
        let linked: i64 = conn
            .query_one("SELECT count(*) FROM record_org", &[])
            .unwrap()
            .get(0)
            .unwrap();
        assert_eq!(linked, 5, "pages of 2 reach all five records");
        assert_eq!(orgs::list(conn, None).unwrap().len(), 5);
    }
}
