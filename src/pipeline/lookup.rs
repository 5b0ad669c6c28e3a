//! Lookup by person and number: a query that can name a person — a contact code (C3), a phone
//! number written any way or a tail of at least 4 of its digits, an email, or a name — finds
//! the contacts it names and, through each, the records it reaches: its own, then the other
//! records of its organisation. The desk's search and `duijie find` show these beside their
//! own hits (the contact first, the records it reaches after the direct hits).
//!
//! Only a query that can be one of these is looked up ([`Ask::of`]), and every lookup is a few
//! seeks on indexed columns ([`crate::db::lookup`]), so a search pays next to nothing for it.

use crate::store::Sql;
use serde::Serialize;

use crate::db::lookup::{self as sql, Found};
use crate::db::{DbResult, contacts, orgs};
use crate::domain::Kind;
use crate::domain::contact::{Contact, email_key, name_key};
use crate::domain::org::{Org, parse_contact_code};

/// Contacts shown for one query; more are counted ([`Lookup::more`]).
pub const MAX_CONTACTS: usize = 5;
/// Contacts read to count those beyond [`MAX_CONTACTS`].
const COUNTED: usize = 100;
/// Digits that groups typed apart need to be read as one phone number.
const GROUPED_DIGITS: usize = 9;
/// The longest name looked up (a longer query is a phrase, not a name).
const NAME_CHARS: usize = 20;

/// What a query asks for, when it can name a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// A contact code, C`n`.
    Code(i64),
    /// The digits of a phone number, or of its tail (at least 4).
    Phone(String),
    /// An email, or its beginning (folded).
    Email(String),
    /// A name (its key: folded, no spaces).
    Name(String),
}

impl Ask {
    /// What `query` asks for, or None when it cannot name a person (several words, search
    /// syntax, fewer than 4 digits, a long phrase…).
    pub fn of(query: &str) -> Option<Ask> {
        let q = query.trim();
        if q.is_empty() {
            return None;
        }
        if let Some(seq) = parse_contact_code(q) {
            return Some(Ask::Code(seq));
        }
        let folded = crate::search::keys::fold(q);
        let phone_chars = |c: char| c.is_ascii_digit() || " -.()+".contains(c);
        if folded.chars().all(phone_chars) {
            let digits = crate::search::keys::phone_digits(&folded);
            // Groups apart are one number only when long enough for one (two years stay
            // two words, as in the search).
            let one = !digits.contains(' ')
                && (!q.contains(char::is_whitespace) || digits.len() >= GROUPED_DIGITS);
            return (one && digits.len() >= 4).then_some(Ask::Phone(digits));
        }
        if q.contains(char::is_whitespace) || q.starts_with(['\'', '^', '!']) {
            return None;
        }
        if q.contains('@') {
            let key = email_key(q);
            return (!key.is_empty()).then_some(Ask::Email(key));
        }
        let key = name_key(q);
        let plain = !key.is_empty()
            && key.chars().count() <= NAME_CHARS
            && !key
                .chars()
                .any(|c| c.is_ascii_digit() || c.is_ascii_punctuation());
        plain.then_some(Ask::Name(key))
    }
}

/// A contact a lookup found, with what a broker on the phone needs of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactHit {
    pub contact: Contact,
    /// Its organisation, if it has one.
    pub org: Option<Org>,
    /// The query was the whole number, email or name (not a tail or a beginning).
    pub whole: bool,
    /// Demands and results it reaches (its own and its organisation's).
    pub demands: usize,
    pub results: usize,
}

impl ContactHit {
    /// Its organisation's code ("O3"), if it has one.
    pub fn org_code(&self) -> Option<String> {
        self.org.as_ref().map(|o| format!("O{}", o.seq))
    }
}

/// A record reached through a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    pub id: i64,
    pub kind: Kind,
    /// The contact it was reached through: an index into [`Lookup::contacts`].
    pub via: usize,
    /// Linked to that contact itself (else only to its organisation).
    pub own: bool,
}

/// What a query found among the contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub ask: Ask,
    /// At most [`MAX_CONTACTS`], whole matches first, then by code.
    pub contacts: Vec<ContactHit>,
    /// Contacts beyond those (at least this many more).
    pub more: usize,
    /// The records they reach, each once: the first contact's own, then its organisation's,
    /// then the next contact's…; newest first within each part.
    pub records: Vec<Reach>,
}

impl Lookup {
    /// The ids of the records of `kind` reached, in order.
    pub fn ids_of(&self, kind: Kind) -> Vec<i64> {
        self.records
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.id)
            .collect()
    }
}

/// The contacts `query` names and the records they reach, or None when it names none (or
/// cannot name one).
pub fn lookup(conn: &dyn Sql, query: &str) -> DbResult<Option<Lookup>> {
    let Some(ask) = Ask::of(query) else {
        return Ok(None);
    };
    let found: Vec<Found> = match &ask {
        Ask::Code(seq) => sql::by_seq(conn, *seq)?,
        Ask::Phone(d) => sql::by_phone(conn, d, COUNTED)?,
        Ask::Email(k) => sql::by_email(conn, k, COUNTED)?,
        // One character is a surname, not a person: only a contact of that exact name.
        Ask::Name(k) => sql::by_name(conn, k, k.chars().nth(1).is_some(), COUNTED)?,
    };
    if found.is_empty() {
        return Ok(None);
    }
    let more = found.len().saturating_sub(MAX_CONTACTS);
    let mut contacts = Vec::new();
    let mut records: Vec<Reach> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in found.into_iter().take(MAX_CONTACTS) {
        let Some(contact) = contacts::get(conn, f.contact_id)? else {
            continue;
        };
        let org = match contact.org_id {
            Some(id) => orgs::get(conn, id)?,
            None => None,
        };
        let reached = sql::reach(conn, contact.id, contact.org_id)?;
        let count = |k: Kind| reached.iter().filter(|r| r.kind == k).count();
        let via = contacts.len();
        contacts.push(ContactHit {
            demands: count(Kind::Demand),
            results: count(Kind::Achievement),
            contact,
            org,
            whole: f.whole,
        });
        for r in reached {
            if seen.insert(r.id) {
                records.push(Reach {
                    id: r.id,
                    kind: r.kind,
                    via,
                    own: r.own,
                });
            }
        }
    }
    Ok((!contacts.is_empty()).then_some(Lookup {
        ask,
        contacts,
        more,
        records,
    }))
}

#[cfg(test)]
#[path = "lookup_tests.rs"]
mod tests;
