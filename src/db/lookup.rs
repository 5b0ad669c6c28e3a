//! The SQL of looking a person up: contacts by a phone number or its tail, an email or a
//! name, each over an indexed column (the tail over `contact_phone_tail`, migration 015), so a
//! lookup costs a few index seeks however many contacts there are; and the records a contact
//! reaches: its own, then its organisation's.
//!
//! On either engine ([`Sql`]). Where they differ: SQLite takes a number's tail as
//! `substr(digits, -n)`, PostgreSQL as `right(digits, n)` (each engine's index is on its own
//! spelling); and name and email ranges compare bytes (`COLLATE "C"` on PostgreSQL, whose
//! database collation may order text otherwise).

use super::DbResult;
use crate::domain::Kind;
use crate::store::{Backend, Sql, ToValue};

/// A contact a lookup found: its row id, and whether the query was the whole of what matched
/// (the whole number, email or name) rather than a tail or a beginning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub contact_id: i64,
    pub whole: bool,
}

/// The upper end of a prefix range: every text starting with `prefix` sorts below it.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}{}", char::MAX)
}

fn collect(conn: &dyn Sql, sql: &str, p: &[&dyn ToValue]) -> DbResult<Vec<Found>> {
    let mut out = Vec::new();
    conn.query_each(sql, p, &mut |r| {
        out.push(Found {
            contact_id: r.get(0)?,
            whole: r.get(1)?,
        });
        Ok(())
    })?;
    Ok(out)
}

/// `sqlite` on SQLite, `postgres` on PostgreSQL.
fn either(conn: &dyn Sql, sqlite: &'static str, postgres: &'static str) -> &'static str {
    match conn.backend() {
        Backend::Sqlite => sqlite,
        Backend::Postgres => postgres,
    }
}

/// Contacts with a phone number ending in `digits` (at least 4; the whole number counts),
/// whole numbers first, then by code; at most `limit`.
pub fn by_phone(conn: &dyn Sql, digits: &str, limit: usize) -> DbResult<Vec<Found>> {
    let n = digits.chars().count();
    if n < 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Vec::new());
    }
    let last4 = &digits[digits.len() - 4..];
    let sql = either(
        conn,
        "SELECT p.contact_id, MAX(p.digits = ?2) AS whole FROM contact_phone p \
         JOIN contact c ON c.id = p.contact_id \
         WHERE substr(p.digits, -4) = ?1 AND substr(p.digits, -?3) = ?2 \
         GROUP BY p.contact_id ORDER BY whole DESC, min(c.seq) LIMIT ?4",
        "SELECT p.contact_id, MAX(CASE WHEN p.digits = ?2 THEN 1 ELSE 0 END) AS whole \
         FROM contact_phone p JOIN contact c ON c.id = p.contact_id \
         WHERE right(p.digits, 4) = ?1 AND right(p.digits, ?3) = ?2 \
         GROUP BY p.contact_id ORDER BY whole DESC, min(c.seq) LIMIT ?4",
    );
    collect(conn, sql, &[&last4, &digits, &(n as i64), &(limit as i64)])
}

/// Contacts whose email (folded) is `key` or begins with it, the whole ones first.
pub fn by_email(conn: &dyn Sql, key: &str, limit: usize) -> DbResult<Vec<Found>> {
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let sql = either(
        conn,
        "SELECT id, email_key = ?1 AS whole FROM contact \
         WHERE email_key <> '' AND email_key >= ?1 AND email_key < ?2 \
         ORDER BY whole DESC, seq LIMIT ?3",
        "SELECT id, email_key = ?1 AS whole FROM contact \
         WHERE email_key <> '' AND email_key COLLATE \"C\" >= ?1 \
         AND email_key COLLATE \"C\" < ?2 ORDER BY whole DESC, seq LIMIT ?3",
    );
    collect(conn, sql, &[&key, &prefix_end(key), &(limit as i64)])
}

/// Contacts whose name key is `key`, or with `prefix` also those whose name begins with it,
/// the whole ones first.
pub fn by_name(conn: &dyn Sql, key: &str, prefix: bool, limit: usize) -> DbResult<Vec<Found>> {
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit as i64;
    if !prefix {
        return collect(
            conn,
            "SELECT id, 1 FROM contact WHERE name_key = ?1 ORDER BY seq LIMIT ?2",
            &[&key, &limit],
        );
    }
    let sql = either(
        conn,
        "SELECT id, name_key = ?1 AS whole FROM contact \
         WHERE name_key >= ?1 AND name_key < ?2 ORDER BY whole DESC, seq LIMIT ?3",
        "SELECT id, name_key = ?1 AS whole FROM contact \
         WHERE name_key COLLATE \"C\" >= ?1 AND name_key COLLATE \"C\" < ?2 \
         ORDER BY whole DESC, seq LIMIT ?3",
    );
    collect(conn, sql, &[&key, &prefix_end(key), &limit])
}

/// The contact with code number `seq` (C`seq`).
pub fn by_seq(conn: &dyn Sql, seq: i64) -> DbResult<Vec<Found>> {
    collect(conn, "SELECT id, 1 FROM contact WHERE seq = ?1", &[&seq])
}

/// A record a contact reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    pub id: i64,
    pub kind: Kind,
    /// Linked to the contact itself (else only its organisation's).
    pub own: bool,
}

/// The records contact `contact_id` reaches: those linked to it, then the other records of
/// its organisation `org_id`; each part newest first (as the desk lists them).
pub fn reach(conn: &dyn Sql, contact_id: i64, org_id: Option<i64>) -> DbResult<Vec<Reached>> {
    let mut out = Vec::new();
    conn.query_each(
        "SELECT r.id, r.kind, 1 AS own, r.rev, r.updated_at FROM record_contact c \
         JOIN record r ON r.id = c.record_id WHERE c.contact_id = ?1 \
         UNION ALL \
         SELECT r.id, r.kind, 0, r.rev, r.updated_at FROM org_alias a \
         JOIN record_org l ON l.org_key = a.key JOIN record r ON r.id = l.record_id \
         WHERE a.org_id = ?2 AND NOT EXISTS (SELECT 1 FROM record_contact c \
         WHERE c.record_id = r.id AND c.contact_id = ?1) \
         ORDER BY 3 DESC, 4 DESC, 5 DESC, 1",
        &[&contact_id, &org_id],
        &mut |r| {
            let kind: String = r.get(1)?;
            out.push(Reached {
                id: r.get(0)?,
                kind: Kind::parse(&kind).unwrap_or_default(),
                own: r.get(2)?,
            });
            Ok(())
        },
    )?;
    Ok(out)
}
