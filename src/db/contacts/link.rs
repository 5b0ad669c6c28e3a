//! Which person a record names. A record's contact, phone and email (for a result without a
//! contact, its lead) name one person: the contact already holding that phone or email (with
//! a name that agrees), else the one of that name at that organisation when no number is
//! given, else a new one.

use super::{get, insert, update};
use crate::db::DbResult;
use crate::domain::contact::{
    Contact, email_key, name_key, names_agree, phone_digits, split_phones,
};
use crate::domain::{Kind, Record};
use crate::store::{Row, Sql};

/// The contact holding phone `digits` or email `email` (an exact key) whose name agrees with
/// `name`.
fn by_number(conn: &dyn Sql, digits: &[String], email: &str, name: &str) -> DbResult<Option<i64>> {
    let agreeing = |rows: Vec<Row>| -> DbResult<Option<i64>> {
        for r in rows {
            let (id, n): (i64, String) = (r.get(0)?, r.get(1)?);
            if names_agree(&n, name) {
                return Ok(Some(id));
            }
        }
        Ok(None)
    };
    for d in digits {
        let rows = conn.query(
            "SELECT c.id, c.name FROM contact_phone p JOIN contact c ON c.id = p.contact_id \
             WHERE p.digits = ?1 ORDER BY c.id",
            &[d],
        )?;
        if let Some(id) = agreeing(rows)? {
            return Ok(Some(id));
        }
    }
    if email.is_empty() {
        return Ok(None);
    }
    agreeing(conn.query(
        "SELECT id, name FROM contact WHERE email_key = ?1 ORDER BY id",
        &[&email],
    )?)
}

/// Links stored record `rec` (of organisation `org_id`) to the person its contact, phone and
/// email name, making a contact for a new one; a record naming nobody links to none.
pub fn link_record(conn: &dyn Sql, rec: &Record, org_id: Option<i64>) -> DbResult<()> {
    let (name, role) = if !rec.contact.trim().is_empty() {
        (rec.contact.trim(), "")
    } else if rec.kind == Kind::Achievement && !rec.lead.trim().is_empty() {
        (rec.lead.trim(), "负责人")
    } else {
        ("", "")
    };
    let phones = split_phones(&rec.phone);
    let digits: Vec<String> = phones.iter().map(|p| phone_digits(p)).collect();
    let email = email_key(&rec.email);
    if name.is_empty() && digits.is_empty() && email.is_empty() {
        conn.execute(
            "DELETE FROM record_contact WHERE record_id = ?1",
            &[&rec.id],
        )?;
        return Ok(());
    }
    let by_num = by_number(conn, &digits, &email, name)?;
    let mut found = by_num;
    if found.is_none() && digits.is_empty() && email.is_empty() {
        // Same name at the same organisation, nothing else known: nothing to fill in.
        // `org_id IS ?2` is SQLite's alone: a missing organisation is its own statement.
        let key = name_key(name);
        let row = match org_id {
            Some(org) => conn.query_opt(
                "SELECT id FROM contact WHERE name_key = ?1 AND org_id = ?2 ORDER BY id LIMIT 1",
                &[&key, &org],
            )?,
            None => conn.query_opt(
                "SELECT id FROM contact WHERE name_key = ?1 AND org_id IS NULL ORDER BY id LIMIT 1",
                &[&key],
            )?,
        };
        found = row.map(|r| r.get(0)).transpose()?;
    }
    let id = if let Some(id) = found {
        if by_num.is_some() {
            fill_in(conn, id, (name, &phones, rec.email.trim()), org_id)?;
        }
        id
    } else {
        let mut c = Contact {
            name: name.to_string(),
            phones,
            email: if email.is_empty() {
                String::new()
            } else {
                rec.email.trim().to_string()
            },
            org_id,
            role: role.to_string(),
            auto: true,
            ..Contact::default()
        };
        insert(conn, &mut c)?;
        c.id
    };
    conn.execute(
        "INSERT INTO record_contact (record_id, contact_id) VALUES (?1, ?2) \
         ON CONFLICT (record_id) DO UPDATE SET contact_id = excluded.contact_id \
         WHERE record_contact.contact_id <> excluded.contact_id",
        &[&rec.id, &id],
    )?;
    Ok(())
}

/// Adds what a record knows and derived contact `id` lacks: its name, phones, email and
/// organisation. A contact the broker edited is left as they left it.
fn fill_in(
    conn: &dyn Sql,
    id: i64,
    (name, phones, email): (&str, &[String], &str),
    org_id: Option<i64>,
) -> DbResult<()> {
    let Some(mut c) = get(conn, id)? else {
        return Ok(());
    };
    if !c.auto {
        return Ok(());
    }
    let before = c.clone();
    if c.name.is_empty() {
        c.name = name.to_string();
    }
    for p in phones {
        let d = phone_digits(p);
        if !c.phones.iter().any(|q| phone_digits(q) == d) {
            c.phones.push(p.clone());
        }
    }
    if c.email.is_empty() && !email_key(email).is_empty() {
        c.email = email.to_string();
    }
    if c.org_id.is_none() {
        c.org_id = org_id;
    }
    if c != before {
        update(conn, &c)?;
    }
    Ok(())
}
