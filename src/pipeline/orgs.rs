//! Organisations and contacts as use-cases: finding one by code or name, merging, renaming
//! and editing an organisation, adding and editing a contact — each one transaction with
//! its undo step — and taking such a step back.

use crate::store::Sql;

use super::PipelineError;
use crate::db::{self, Db, DbError, contacts, orgs};
use crate::domain::contact::Contact;
use crate::domain::org::{Org, OrgKind, OrgUndo, org_key, parse_contact_code, parse_org_code};
use crate::domain::undo::{Inverse, Label};
use crate::i18n::Lang;
use crate::i18n::orgs::OrgMsg;

/// Why an organisation or contact change was refused.
#[derive(Debug, thiserror::Error)]
pub enum OrgError {
    /// No organisation or contact under that code or name.
    #[error("{0} not found")]
    NotFound(String),
    /// A name that fits several organisations ("O3 汉威科技, O9 汉威电子").
    #[error("`{0}` fits several organisations: {1}; give a code")]
    Ambiguous(String, String),
    /// Merging an organisation into itself.
    #[error("{0} cannot be merged into itself")]
    SelfMerge(String),
    /// A rename to the name of another organisation.
    #[error("`{name}` is {other} {other_name}: merge them with `duijie org merge {this} {other}`")]
    NameTaken {
        name: String,
        this: String,
        other: String,
        other_name: String,
    },
    /// An empty name.
    #[error("an organisation needs a name")]
    NoName,
    /// Not a contact code.
    #[error("`{0}` is not a contact code (e.g. C3)")]
    NotContactCode(String),
    /// Nothing behind a record, pair or contact.
    #[error("no organisation: the org field is empty")]
    NoOrg,
    /// A store error (a contact's bad phone, a lock…).
    #[error(transparent)]
    Db(#[from] DbError),
    /// A pipeline error (a pair that is gone…).
    #[error(transparent)]
    Pipe(#[from] PipelineError),
    /// A SQLite error.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

impl OrgError {
    /// The message in `lang`; `None` for store and pipeline errors, which speak for
    /// themselves.
    pub fn text(&self, lang: Lang) -> Option<String> {
        Some(match self {
            OrgError::NotFound(what) => OrgMsg::NotFound.fill(lang, &[what]),
            OrgError::Ambiguous(text, which) => OrgMsg::Ambiguous.fill(lang, &[text, which]),
            OrgError::SelfMerge(code) => OrgMsg::SelfMerge.fill(lang, &[code]),
            OrgError::NameTaken {
                name,
                this,
                other,
                other_name,
            } => OrgMsg::NameTaken.fill(
                lang,
                &[
                    name,
                    other,
                    other_name,
                    &format!("duijie org merge {this} {other}"),
                ],
            ),
            OrgError::NoName => OrgMsg::NoName.text(lang).to_string(),
            OrgError::NotContactCode(t) => OrgMsg::NotContactCode.fill(lang, &[t]),
            OrgError::NoOrg => OrgMsg::NoOrg.text(lang).to_string(),
            OrgError::Db(_) | OrgError::Pipe(_) | OrgError::Sqlite(_) => return None,
        })
    }
}

/// A result whose error is an [`OrgError`].
pub type OrgResult<T> = Result<T, OrgError>;

/// The organisation `text` names: a code (O3) or a name (any script, with or without its
/// legal suffix). A name that fits several is refused, naming them.
pub fn resolve(conn: &dyn Sql, text: &str) -> OrgResult<Org> {
    if let Some(seq) = parse_org_code(text) {
        return orgs::by_seq(conn, seq)?.ok_or_else(|| OrgError::NotFound(format!("O{seq}")));
    }
    let mut found = orgs::find(conn, text, 6)?;
    match found.len() {
        0 => Err(OrgError::NotFound(text.trim().to_string())),
        1 => Ok(found.remove(0)),
        _ => Err(OrgError::Ambiguous(
            text.trim().to_string(),
            found
                .iter()
                .map(|o| format!("{} {}", o.code(), o.name))
                .collect::<Vec<_>>()
                .join(", "),
        )),
    }
}

/// The contact `text` names by code (C3).
pub fn resolve_contact(conn: &dyn Sql, text: &str) -> OrgResult<Contact> {
    let Some(seq) = parse_contact_code(text) else {
        return Err(OrgError::NotContactCode(text.trim().to_string()));
    };
    contacts::by_seq(conn, seq)?.ok_or_else(|| OrgError::NotFound(format!("C{seq}")))
}

fn journal(conn: &dyn Sql, label: &str, undo: OrgUndo, origin: &str) -> OrgResult<()> {
    db::undo::push(
        conn,
        label,
        &Inverse::Org(Box::new(undo)),
        &db::now(),
        origin,
    )?;
    Ok(())
}

/// Merges organisation `from` into `into`: its names, records and contacts become
/// `into`'s, and `from` goes. Records keep their text. Undoable.
pub fn merge(db: &mut Db, into: &str, from: &str, origin: &str) -> OrgResult<Org> {
    db.write(|tx| {
        let mut target = resolve(tx, into)?;
        let gone = resolve(tx, from)?;
        if target.id == gone.id {
            return Err(OrgError::SelfMerge(target.code()));
        }
        let keys = orgs::keys_of(tx, gone.id)?;
        let people: Vec<i64> = contacts::of_org(tx, gone.id)?
            .iter()
            .map(|c| c.id)
            .collect();
        let before = target.clone();
        orgs::move_keys(tx, &keys, target.id)?;
        contacts::set_org(tx, &people, Some(target.id))?;
        orgs::delete(tx, gone.id)?;
        if target.region.is_empty() {
            target.region.clone_from(&gone.region);
        }
        target.auto = false;
        orgs::update(tx, &target)?;
        journal(
            tx,
            &Label::MergeOrg {
                from: gone.code(),
                into: target.code(),
            }
            .stored(),
            OrgUndo::Unmerge {
                from: gone,
                keys,
                contacts: people,
                into: before,
            },
            origin,
        )?;
        Ok(target)
    })
}

/// Renames organisation `which` to `name`; records naming it the new way belong to it too.
/// A name another organisation holds is refused (merge them instead). Undoable.
pub fn rename(db: &mut Db, which: &str, name: &str, origin: &str) -> OrgResult<Org> {
    let name = name.trim().to_string();
    db.write(|tx| {
        let org = resolve(tx, which)?;
        let key = org_key(&name);
        if key.is_empty() {
            return Err(OrgError::NoName);
        }
        let added_key = match orgs::by_key(tx, &key)? {
            Some(other) if other.id != org.id => {
                return Err(OrgError::NameTaken {
                    name,
                    this: org.code(),
                    other: other.code(),
                    other_name: other.name,
                });
            }
            Some(_) => None,
            None => {
                orgs::move_keys(tx, std::slice::from_ref(&key), org.id)?;
                Some(key)
            }
        };
        let mut after = org.clone();
        after.name = name;
        after.auto = false;
        orgs::update(tx, &after)?;
        journal(
            tx,
            &Label::RenameOrg {
                code: org.code(),
                name: after.name.clone(),
            }
            .stored(),
            OrgUndo::RestoreOrg {
                before: org,
                added_key,
            },
            origin,
        )?;
        Ok(after)
    })
}

/// What `org edit` changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct OrgEdit {
    pub kind: Option<OrgKind>,
    pub region: Option<String>,
    pub note: Option<String>,
}

/// Changes kind, region or note of organisation `which`. Undoable.
pub fn edit(db: &mut Db, which: &str, e: &OrgEdit, origin: &str) -> OrgResult<Org> {
    db.write(|tx| {
        let org = resolve(tx, which)?;
        let mut after = org.clone();
        if let Some(k) = e.kind {
            after.kind = k;
        }
        if let Some(r) = &e.region {
            after.region = r.trim().to_string();
        }
        if let Some(n) = &e.note {
            after.note.clone_from(n);
        }
        after.auto = false;
        orgs::update(tx, &after)?;
        journal(
            tx,
            &Label::Edit { code: org.code() }.stored(),
            OrgUndo::RestoreOrg {
                before: org,
                added_key: None,
            },
            origin,
        )?;
        Ok(after)
    })
}

/// Adds contact `c` (its organisation given by code or name in `org`). Undoable.
pub fn add_contact(
    db: &mut Db,
    mut c: Contact,
    org: Option<&str>,
    origin: &str,
) -> OrgResult<Contact> {
    db.write(|tx| {
        if let Some(o) = org {
            c.org_id = Some(org_for_contact(tx, o)?);
        }
        c.auto = false;
        contacts::insert(tx, &mut c)?;
        journal(
            tx,
            &Label::Add { code: c.code() }.stored(),
            OrgUndo::DeleteContact { id: c.id },
            origin,
        )?;
        Ok(c)
    })
}

/// An organisation for a contact: an existing one by code or name, else a new one.
fn org_for_contact(conn: &dyn Sql, text: &str) -> OrgResult<i64> {
    match resolve(conn, text) {
        Ok(o) => Ok(o.id),
        Err(OrgError::NotFound(_)) if parse_org_code(text).is_none() => {
            let (id, _) = orgs::ensure(conn, text, "")?.ok_or(OrgError::NoName)?;
            Ok(id)
        }
        Err(e) => Err(e),
    }
}

/// Rewrites contact `which` with what `change` does to it. Undoable.
pub fn edit_contact(
    db: &mut Db,
    which: &str,
    org: Option<&str>,
    change: impl FnOnce(&mut Contact),
    origin: &str,
) -> OrgResult<Contact> {
    db.write(|tx| {
        let before = resolve_contact(tx, which)?;
        let mut c = before.clone();
        change(&mut c);
        if let Some(o) = org {
            c.org_id = if o.trim().is_empty() {
                None
            } else {
                Some(org_for_contact(tx, o)?)
            };
        }
        c.auto = false;
        contacts::update(tx, &c)?;
        journal(
            tx,
            &Label::Edit { code: c.code() }.stored(),
            OrgUndo::RestoreContact { before },
            origin,
        )?;
        Ok(c)
    })
}

/// Takes back an organisation or contact step; false when its target is gone.
pub fn undo(conn: &dyn Sql, step: &OrgUndo) -> db::DbResult<bool> {
    match step {
        OrgUndo::Unmerge {
            from,
            keys,
            contacts: people,
            into,
        } => {
            if orgs::get(conn, into.id)?.is_none() || orgs::get(conn, from.id)?.is_some() {
                return Ok(false);
            }
            let mut back = from.clone();
            orgs::insert(conn, &mut back, keys)?;
            contacts::set_org(conn, people, Some(from.id))?;
            orgs::update(conn, into)?;
            Ok(true)
        }
        OrgUndo::RestoreOrg { before, added_key } => {
            if orgs::get(conn, before.id)?.is_none() {
                return Ok(false);
            }
            if let Some(k) = added_key {
                orgs::drop_key(conn, k)?;
            }
            orgs::update(conn, before)?;
            Ok(true)
        }
        OrgUndo::DeleteContact { id } => {
            let there = contacts::get(conn, *id)?.is_some();
            // Records that came to name this person since go to whom they name without it.
            let linked = contacts::record_ids(conn, *id)?;
            contacts::delete(conn, *id)?;
            for rid in linked {
                if let Some(rec) = db::records::get(conn, rid)? {
                    db::links::link_record(conn, &rec)?;
                }
            }
            Ok(there)
        }
        OrgUndo::RestoreContact { before } => {
            if contacts::get(conn, before.id)?.is_none() {
                return Ok(false);
            }
            contacts::update(conn, before)?;
            Ok(true)
        }
    }
}

#[cfg(test)]
#[path = "orgs_tests.rs"]
mod tests;
