//! Writing a record's fields: adding one (a new code number, or a restored record under its
//! old id), rewriting one, and what both store beside the fields (dedup key, search keys,
//! the links to its organisation and contact).

use super::check_title;
use crate::db::{DbError, DbResult, now, rev};
use crate::domain::{Kind, Record};
use crate::search::keys::{SearchKeys, dedup_key_of};
use crate::store::{Sql, ToValue};

/// What writing a record stores besides its fields: the dedup key, the search keys (code
/// field still empty, as codes are handed out in the transaction) and the extra columns as
/// JSON. All of it depends on the record's text alone, so an import derives it for many rows
/// in parallel before its transaction.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Normalised (title, org).
    pub dedup_key: String,
    /// Search keys, code field still empty.
    pub keys: SearchKeys,
    /// The extra columns as JSON.
    pub extra: String,
}

impl Derived {
    /// What `rec` derives.
    pub fn of(rec: &Record) -> DbResult<Derived> {
        let keys = SearchKeys::for_record_uncoded(rec);
        Ok(Derived {
            dedup_key: dedup_key_of(&keys),
            keys,
            extra: serde_json::to_string(&rec.extra)?,
        })
    }
}

/// The next code number of `kind`, counted at once.
pub(super) fn next_seq(conn: &dyn Sql, kind: Kind) -> DbResult<i64> {
    Ok(conn
        .query_one(
            "UPDATE code_seq SET next = next + 1 WHERE kind = ?1 RETURNING next - 1",
            &[&kind.as_str()],
        )?
        .get(0)?)
}

/// Links a stored record to its organisation and contact ([`super::links`]).
pub(super) fn link(conn: &dyn Sql, rec: &Record) -> DbResult<()> {
    crate::db::links::link_record(conn, rec)
}

/// Inserts a new record, assigning its id, code number and timestamps.
pub fn insert(conn: &dyn Sql, rec: &mut Record) -> DbResult<()> {
    let derived = Derived::of(rec)?;
    check_title(rec)?;
    let seq = next_seq(conn, rec.kind)?;
    let rev = rev::stamp(conn)?;
    insert_derived(conn, rec, derived, &now(), seq, rev)
}

/// [`insert`] with the derived values and code number `seq` given, `ts` as the time of
/// writing and `rev` as the revision.
pub(super) fn insert_derived(
    conn: &dyn Sql,
    rec: &mut Record,
    derived: Derived,
    ts: &str,
    seq: i64,
    rev: i64,
) -> DbResult<()> {
    insert_derived_as(conn, rec, derived, (ts, seq, rev), None)
}

/// The statement inserting a record, with the id column and its value added when given
/// (PostgreSQL takes no NULL for an id it is to choose).
macro_rules! insert_sql {
    ($id_col:literal, $id_val:literal) => {
        concat!(
            "INSERT INTO record (kind, seq, ext_id, title, org, field, region, description, \
             keywords, contact, phone, email, source, status, budget_fen, deadline, open_call, \
             lead, maturity, ip, modes, price_fen, extra, dedup_key, key_fold, key_pinyin, \
             key_initials, created_at, updated_at, rev, deadline_text, status_text, created_by, \
             updated_by",
            $id_col,
            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
             ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, \
             ?33, ?34",
            $id_val,
            ")"
        )
    };
}

/// [`insert_derived`] under row id `id` (a restored record), or a new one when `None`.
pub(super) fn insert_derived_as(
    conn: &dyn Sql,
    rec: &mut Record,
    derived: Derived,
    (ts, seq, rev): (&str, i64, i64),
    id: Option<i64>,
) -> DbResult<()> {
    // Callers checked the title before taking `seq`.
    rec.settle_deadline();
    rec.settle_status();
    rec.seq = seq;
    rec.rev = rev;
    if rec.created_at.is_empty() {
        rec.created_at = ts.to_string();
    }
    rec.updated_at = ts.to_string();
    if id.is_none() {
        // A new record is its maker's; a restored one keeps who made and changed it.
        let by = crate::db::actor::current(conn)?;
        rec.created_by.clone_from(&by);
        rec.updated_by = by;
    }
    let keys = derived.keys.with_code(&rec.code().to_string());
    let kind = rec.kind.as_str();
    let mut params: Vec<&dyn ToValue> = vec![
        &kind,
        &rec.seq,
        &rec.ext_id,
        &rec.title,
        &rec.org,
        &rec.field,
        &rec.region,
        &rec.description,
        &rec.keywords,
        &rec.contact,
        &rec.phone,
        &rec.email,
        &rec.source,
        &rec.status,
        &rec.budget,
        &rec.deadline,
        &rec.open_call,
        &rec.lead,
        &rec.maturity,
        &rec.ip,
        &rec.modes,
        &rec.price,
        &derived.extra,
        &derived.dedup_key,
        &keys.fold,
        &keys.pinyin,
        &keys.initials,
        &rec.created_at,
        &rec.updated_at,
        &rec.rev,
        &rec.deadline_text,
        &rec.status_text,
        &rec.created_by,
        &rec.updated_by,
    ];
    let sql = match &id {
        Some(id) => {
            params.push(id);
            insert_sql!(", id", ", ?35")
        }
        None => insert_sql!("", ""),
    };
    let new_id = conn.insert(sql, &params)?;
    rec.id = new_id;
    link(conn, rec)
}

/// Rewrites every field of an existing record (by id), refreshing `updated_at` and keys.
pub fn update(conn: &dyn Sql, rec: &mut Record) -> DbResult<()> {
    let derived = Derived::of(rec)?;
    let rev = rev::stamp(conn)?;
    update_derived(conn, rec, derived, &now(), rev)
}

/// [`update`] with the derived values given, `ts` as the time of writing and `rev` as the
/// revision.
pub(super) fn update_derived(
    conn: &dyn Sql,
    rec: &mut Record,
    derived: Derived,
    ts: &str,
    rev: i64,
) -> DbResult<()> {
    check_title(rec)?;
    rec.settle_deadline();
    rec.settle_status();
    rec.updated_at = ts.to_string();
    rec.rev = rev;
    rec.updated_by = crate::db::actor::current(conn)?;
    let keys = derived.keys.with_code(&rec.code().to_string());
    let n = conn.execute(
        "UPDATE record SET ext_id = ?2, title = ?3, org = ?4, field = ?5, region = ?6, \
         description = ?7, keywords = ?8, contact = ?9, phone = ?10, email = ?11, source = ?12, \
         status = ?13, budget_fen = ?14, deadline = ?15, open_call = ?16, lead = ?17, \
         maturity = ?18, ip = ?19, modes = ?20, price_fen = ?21, extra = ?22, dedup_key = ?23, \
         key_fold = ?24, key_pinyin = ?25, key_initials = ?26, updated_at = ?27, rev = ?28, \
         deadline_text = ?29, status_text = ?30, updated_by = ?31 WHERE id = ?1",
        &[
            &rec.id,
            &rec.ext_id,
            &rec.title,
            &rec.org,
            &rec.field,
            &rec.region,
            &rec.description,
            &rec.keywords,
            &rec.contact,
            &rec.phone,
            &rec.email,
            &rec.source,
            &rec.status,
            &rec.budget,
            &rec.deadline,
            &rec.open_call,
            &rec.lead,
            &rec.maturity,
            &rec.ip,
            &rec.modes,
            &rec.price,
            &derived.extra,
            &derived.dedup_key,
            &keys.fold,
            &keys.pinyin,
            &keys.initials,
            &rec.updated_at,
            &rec.rev,
            &rec.deadline_text,
            &rec.status_text,
            &rec.updated_by,
        ],
    )?;
    if n == 0 {
        return Err(DbError::NotFound(rec.code().to_string()));
    }
    link(conn, rec)
}
