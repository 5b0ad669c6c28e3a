//! `find`'s part of the lookup by person and number ([`crate::pipeline::lookup`]): when the
//! query names a person (a phone number or its tail, an email, a name, C3), the contacts come
//! first as rows of their own (kind `contact`), and after the direct hits the records they
//! reach that did not match themselves (their own, then their organisation's), each with the
//! contact it came through (`via`).

use crate::store::Sql;

use super::find_row::{Found, RowKind};
use crate::db::records;
use crate::domain::Kind;
use crate::pipeline::lookup::{self, ContactHit};

/// The score of a contact the query names whole (its number, email, name or code): above
/// any record's, so the person comes first.
pub const CONTACT_WHOLE: i64 = 5000;
/// The score of a contact named by a tail of its number or the beginning of its name or
/// email.
pub const CONTACT_PART: i64 = 4500;

/// A contact as a row: its role in the title column, its phones joined.
fn contact_row(hit: &ContactHit) -> Found {
    let c = &hit.contact;
    Found {
        code: c.code(),
        kind: RowKind::Contact,
        title: c.role.clone(),
        org: hit.org.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
        contact: c.name.clone(),
        phone: c.phones.join(" / "),
        email: c.email.clone(),
        score: if hit.whole {
            CONTACT_WHOLE
        } else {
            CONTACT_PART
        },
        via: None,
    }
}

/// Puts the contacts `query` names before the direct hits `found` (with `people`) and the
/// records of `kinds` they reach after them, then keeps the first `limit`.
pub fn add(
    conn: &dyn Sql,
    query: &str,
    (people, kinds): (bool, &[Kind]),
    limit: usize,
    found: &mut Vec<Found>,
) -> anyhow::Result<()> {
    let Some(l) = lookup::lookup(conn, query)? else {
        return Ok(());
    };
    let takes = |k: Kind| kinds.contains(&k);
    let mut rows: Vec<Found> = if people {
        l.contacts.iter().map(contact_row).collect()
    } else {
        Vec::new()
    };
    rows.append(found);
    for r in l.records.iter().filter(|r| takes(r.kind)) {
        if rows.len() >= limit {
            break;
        }
        let Some(rec) = records::get(conn, r.id)? else {
            continue;
        };
        let code = rec.code().to_string();
        if rows.iter().any(|f| f.code == code) {
            continue;
        }
        let mut f = Found::of(&rec, 0);
        f.via = Some(l.contacts[r.via].contact.code());
        rows.push(f);
    }
    rows.truncate(limit);
    *found = rows;
    Ok(())
}
