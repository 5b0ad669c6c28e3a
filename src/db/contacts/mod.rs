//! Contacts: the `contact` table with its phone numbers (`contact_phone`, digits kept for
//! matching) and the link from each record to its contact (`record_contact`, made by
//! [`link_record`]). On either engine ([`Sql`]).

use super::{DbError, DbResult, now, orgs, rev};
use crate::domain::contact::{Contact, email_key, name_key, phone_digits, phone_matches};
use crate::store::{Params, Row, Sql, StoreResult, ToValue};

mod link;
pub use link::link_record;

const COLUMNS: &str = "id, seq, name, email, org_id, role, note, auto";

fn from_row(r: &Row) -> StoreResult<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        seq: r.get(1)?,
        name: r.get(2)?,
        phones: vec![],
        email: r.get(3)?,
        org_id: r.get(4)?,
        role: r.get(5)?,
        note: r.get(6)?,
        auto: r.get(7)?,
    })
}

fn with_phones(conn: &dyn Sql, mut c: Contact) -> DbResult<Contact> {
    let rows = conn.query(
        "SELECT phone FROM contact_phone WHERE contact_id = ?1 ORDER BY pos",
        &[&c.id],
    )?;
    c.phones = rows.iter().map(|r| r.get(0)).collect::<StoreResult<_>>()?;
    Ok(c)
}

fn query(conn: &dyn Sql, filter: &str, p: Params<'_>) -> DbResult<Vec<Contact>> {
    let sql = format!("SELECT {COLUMNS} FROM contact {filter}");
    let found: Vec<Contact> = conn
        .query(&sql, p)?
        .iter()
        .map(from_row)
        .collect::<StoreResult<_>>()?;
    found.into_iter().map(|c| with_phones(conn, c)).collect()
}

/// The contact with row id `id`.
pub fn get(conn: &dyn Sql, id: i64) -> DbResult<Option<Contact>> {
    Ok(query(conn, "WHERE id = ?1", &[&id])?.pop())
}

/// The contact with code number `seq` (C`seq`).
pub fn by_seq(conn: &dyn Sql, seq: i64) -> DbResult<Option<Contact>> {
    Ok(query(conn, "WHERE seq = ?1", &[&seq])?.pop())
}

/// The contacts of organisation `org_id`, by code.
pub fn of_org(conn: &dyn Sql, org_id: i64) -> DbResult<Vec<Contact>> {
    query(conn, "WHERE org_id = ?1 ORDER BY seq", &[&org_id])
}

/// Every contact, by code: two statements, whatever the number of contacts (a round trip
/// each on a server).
pub fn all(conn: &dyn Sql) -> DbResult<Vec<Contact>> {
    let mut out: Vec<Contact> = Vec::new();
    conn.query_each(
        &format!("SELECT {COLUMNS} FROM contact ORDER BY id"),
        &[],
        &mut |r| {
            out.push(from_row(r)?);
            Ok(())
        },
    )?;
    // Both lists are by contact id: walk them side by side.
    let mut at = 0;
    conn.query_each(
        "SELECT contact_id, phone FROM contact_phone ORDER BY contact_id, pos",
        &[],
        &mut |r| {
            let id: i64 = r.get(0)?;
            while out.get(at).is_some_and(|c| c.id < id) {
                at += 1;
            }
            if let Some(c) = out.get_mut(at).filter(|c| c.id == id) {
                c.phones.push(r.get(1)?);
            }
            Ok(())
        },
    )?;
    out.sort_by_key(|c| c.seq);
    Ok(out)
}

/// The contact record `record_id` links to.
pub fn of_record(conn: &dyn Sql, record_id: i64) -> DbResult<Option<Contact>> {
    Ok(query(
        conn,
        "WHERE id = (SELECT contact_id FROM record_contact WHERE record_id = ?1)",
        &[&record_id],
    )?
    .pop())
}

/// Ids of the records linked to contact `id`.
pub fn record_ids(conn: &dyn Sql, id: i64) -> DbResult<Vec<i64>> {
    let rows = conn.query(
        "SELECT record_id FROM record_contact WHERE contact_id = ?1 ORDER BY record_id",
        &[&id],
    )?;
    Ok(rows.iter().map(|r| r.get(0)).collect::<StoreResult<_>>()?)
}

/// Stores a new contact (or, with `c.id` and `c.seq` set, one coming back by undo).
pub fn insert(conn: &dyn Sql, c: &mut Contact) -> DbResult<()> {
    check(c)?;
    if c.seq == 0 {
        c.seq = super::seq::next(conn, "contact")?;
    }
    let ts = now();
    let rev = rev::stamp(conn)?;
    let (name, name_k, email, email_k, role) = (
        c.name.trim(),
        name_key(&c.name),
        c.email.trim(),
        email_key(&c.email),
        c.role.trim(),
    );
    let fields: [&dyn ToValue; 11] = [
        &c.seq, &name, &name_k, &email, &email_k, &c.org_id, &role, &c.note, &c.auto, &ts, &rev,
    ];
    c.id = orgs::insert_keeping_id(
        conn,
        c.id,
        [
            "INSERT INTO contact (seq, name, name_key, email, email_key, org_id, role, note, \
             auto, created_at, updated_at, rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
             ?10, ?10, ?11)",
            "INSERT INTO contact (seq, name, name_key, email, email_key, org_id, role, note, \
             auto, created_at, updated_at, rev, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, \
             ?9, ?10, ?10, ?11, ?12)",
        ],
        &fields,
    )?;
    write_phones(conn, c)
}

/// Rewrites every field of contact `c.id`, its phones included.
pub fn update(conn: &dyn Sql, c: &Contact) -> DbResult<()> {
    check(c)?;
    let n = conn.execute(
        "UPDATE contact SET name = ?2, name_key = ?3, email = ?4, email_key = ?5, \
         org_id = ?6, role = ?7, note = ?8, auto = ?9, updated_at = ?10, rev = ?11 \
         WHERE id = ?1",
        &[
            &c.id,
            &c.name.trim(),
            &name_key(&c.name),
            &c.email.trim(),
            &email_key(&c.email),
            &c.org_id,
            &c.role.trim(),
            &c.note,
            &c.auto,
            &now(),
            &rev::stamp(conn)?,
        ],
    )?;
    if n == 0 {
        return Err(DbError::NotFound(c.code()));
    }
    write_phones(conn, c)
}

/// Deletes contact `id`; records linked to it keep their text and lose the link.
pub fn delete(conn: &dyn Sql, id: i64) -> DbResult<()> {
    conn.execute("DELETE FROM contact WHERE id = ?1", &[&id])?;
    Ok(())
}

/// Moves the contacts `ids` to organisation `to`.
pub fn set_org(conn: &dyn Sql, ids: &[i64], to: Option<i64>) -> DbResult<()> {
    for id in ids {
        conn.execute("UPDATE contact SET org_id = ?2 WHERE id = ?1", &[id, &to])?;
    }
    Ok(())
}

fn check(c: &Contact) -> DbResult<()> {
    if c.name.trim().is_empty() && c.email.trim().is_empty() && c.phones.is_empty() {
        return Err(DbError::Invalid(
            "a contact needs a name, a phone or an email".into(),
        ));
    }
    if let Some(p) = c.phones.iter().find(|p| phone_digits(p).is_empty()) {
        return Err(DbError::Invalid(format!(
            "`{p}` is not a phone number (at least 7 digits)"
        )));
    }
    if !c.email.trim().is_empty() && email_key(&c.email).is_empty() {
        return Err(DbError::Invalid(format!(
            "`{}` is not an email",
            c.email.trim()
        )));
    }
    Ok(())
}

fn write_phones(conn: &dyn Sql, c: &Contact) -> DbResult<()> {
    conn.execute("DELETE FROM contact_phone WHERE contact_id = ?1", &[&c.id])?;
    for (i, p) in c.phones.iter().enumerate() {
        let pos = i64::try_from(i).unwrap_or(i64::MAX);
        conn.execute(
            "INSERT INTO contact_phone (contact_id, pos, phone, digits) VALUES (?1, ?2, ?3, ?4)",
            &[&c.id, &pos, &p.trim(), &phone_digits(p)],
        )?;
    }
    Ok(())
}

/// One contact as a search index needs it: who, the digits of each phone, the email, and
/// the records the contact and its organisation reach.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PhoneBookEntry {
    pub contact_id: i64,
    pub code: String,
    pub name: String,
    pub digits: Vec<String>,
    pub email: String,
    pub org_id: Option<i64>,
    /// Records linked to the contact, then the other records of its organisation.
    pub record_ids: Vec<i64>,
}

/// Every contact with its phone digits, email and the records it reaches: what a search
/// index needs to find records by a person's name, number or email.
pub fn phone_book(conn: &dyn Sql) -> DbResult<Vec<PhoneBookEntry>> {
    let mut out = Vec::new();
    for c in all(conn)? {
        let mut ids = record_ids(conn, c.id)?;
        if let Some(org) = c.org_id {
            for id in orgs::record_ids(conn, org)? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        out.push(PhoneBookEntry {
            contact_id: c.id,
            code: c.code(),
            digits: c.phones.iter().map(|p| phone_digits(p)).collect(),
            email: email_key(&c.email),
            name: c.name,
            org_id: c.org_id,
            record_ids: ids,
        });
    }
    Ok(out)
}

/// Contacts a query names: a code (C3), a phone number or a tail of at least 4 of its
/// digits (any separators), an email, or a name (folded, contained).
pub fn lookup(conn: &dyn Sql, q: &str, limit: usize) -> DbResult<Vec<Contact>> {
    let q = q.trim();
    if let Some(seq) = crate::domain::org::parse_contact_code(q) {
        return Ok(by_seq(conn, seq)?.into_iter().collect());
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let numeric = digits.len() >= 4 && q.chars().all(|c| c.is_ascii_digit() || " -+()".contains(c));
    let mut out = Vec::new();
    for c in all(conn)? {
        let hit = if numeric {
            c.phones.iter().any(|p| phone_matches(&phone_digits(p), q))
        } else if q.contains('@') {
            email_key(&c.email) == email_key(q)
        } else {
            let k = name_key(q);
            !k.is_empty() && name_key(&c.name).contains(&k)
        };
        if hit {
            out.push(c);
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}
