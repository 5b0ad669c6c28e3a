//! Versioned record edits: a save writes only the fields the user changed, and only when
//! nobody changed those same fields since the user's form was filled; a colleague's change
//! to other fields is kept, never silently overwritten.

use super::{Derived, get, link};
use crate::db::{Db, DbError, DbResult, now, rev, undo};
use crate::domain::undo::Inverse;
use crate::domain::{Record, RecordPatch};
use crate::store::Sql;

/// A saved edit: the record as stored now, and the fields others had changed meanwhile
/// that the save kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The record after the save.
    pub record: Record,
    /// Fields someone else changed since `base` that the save left as they set them.
    pub merged: Vec<&'static str>,
}

/// Saves `patch` over the record the user started from (`base`), in one IMMEDIATE
/// transaction journalled for undo under `origin`. Refused with [`DbError::Conflict`] when
/// someone changed a patched field meanwhile, and with [`DbError::Gone`] when the record was
/// deleted; nothing is written then.
pub fn update_fields(
    db: &mut Db,
    base: &Record,
    patch: &RecordPatch,
    origin: &str,
) -> DbResult<Saved> {
    db.write(|tx| update_fields_in(tx, base, patch, origin))
}

/// [`update_fields`] inside the caller's write transaction.
pub fn update_fields_in(
    conn: &dyn Sql,
    base: &Record,
    patch: &RecordPatch,
    origin: &str,
) -> DbResult<Saved> {
    let code = base.code().to_string();
    let Some(theirs) = get(conn, base.id)? else {
        return Err(DbError::Gone(code));
    };
    let fields = patch.conflicts(base, &theirs);
    if !fields.is_empty() {
        return Err(DbError::Conflict {
            code,
            theirs: Box::new(theirs),
            fields,
        });
    }
    let merged = patch.kept(base, &theirs);
    let mut rec = theirs.clone();
    patch.apply(&mut rec);
    rec.settle_deadline();
    rec.settle_status();
    super::check_title(&rec)?;
    if super::same_content(&theirs, &rec) {
        return Ok(Saved {
            record: theirs,
            merged,
        });
    }
    rec.updated_at = now();
    rec.rev = rev::stamp(conn)?;
    rec.updated_by = crate::db::actor::current(conn)?;
    write_patch(conn, &rec, patch)?;
    undo::push(
        conn,
        &crate::domain::undo::Label::Edit { code: code.clone() }.stored(),
        &Inverse::RestoreRecord {
            id: theirs.id,
            seq: theirs.seq,
            record: Box::new(theirs),
        },
        &rec.updated_at,
        origin,
    )?;
    Ok(Saved {
        record: rec,
        merged,
    })
}

/// `v` when the patch names its column, else NULL (the stored value stays).
fn text(on: bool, v: &str) -> Option<&str> {
    on.then_some(v)
}

/// Writes the patched columns of `rec` and what derives from the whole record (search keys,
/// dedup key), its time and revision. A column the patch does not name is bound as NULL and
/// keeps its stored value; the two nullable amounts say with a flag whether they are set.
fn write_patch(conn: &dyn Sql, rec: &Record, patch: &RecordPatch) -> DbResult<()> {
    let derived = Derived::of(rec)?;
    let keys = derived.keys.with_code(&rec.code().to_string());
    let p = patch;
    // The deadline and the text kept beside it move together (settle_deadline).
    let deadline = p.deadline.is_some() || p.deadline_text.is_some();
    // So do the status and the word kept beside it (settle_status).
    let status = p.status.is_some() || p.status_text.is_some();
    let open_call = p.open_call.map(|_| rec.open_call);
    let extra = text(p.extra.is_some(), &derived.extra);
    conn.execute(
        "UPDATE record SET ext_id = coalesce(?2, ext_id), title = coalesce(?3, title), \
         org = coalesce(?4, org), field = coalesce(?5, field), region = coalesce(?6, region), \
         description = coalesce(?7, description), keywords = coalesce(?8, keywords), \
         contact = coalesce(?9, contact), phone = coalesce(?10, phone), \
         email = coalesce(?11, email), source = coalesce(?12, source), \
         status = coalesce(?13, status), \
         budget_fen = CASE WHEN ?14 THEN ?15 ELSE budget_fen END, \
         deadline = coalesce(?16, deadline), open_call = coalesce(?17, open_call), \
         lead = coalesce(?18, lead), maturity = coalesce(?19, maturity), ip = coalesce(?20, ip), \
         modes = coalesce(?21, modes), price_fen = CASE WHEN ?22 THEN ?23 ELSE price_fen END, \
         extra = coalesce(?24, extra), dedup_key = ?25, key_fold = ?26, key_pinyin = ?27, \
         key_initials = ?28, updated_at = ?29, rev = ?30, \
         deadline_text = coalesce(?31, deadline_text), \
         status_text = coalesce(?32, status_text), updated_by = ?33 WHERE id = ?1",
        &[
            &rec.id,
            &text(p.ext_id.is_some(), &rec.ext_id),
            &text(p.title.is_some(), &rec.title),
            &text(p.org.is_some(), &rec.org),
            &text(p.field.is_some(), &rec.field),
            &text(p.region.is_some(), &rec.region),
            &text(p.description.is_some(), &rec.description),
            &text(p.keywords.is_some(), &rec.keywords),
            &text(p.contact.is_some(), &rec.contact),
            &text(p.phone.is_some(), &rec.phone),
            &text(p.email.is_some(), &rec.email),
            &text(p.source.is_some(), &rec.source),
            &text(status, &rec.status),
            &p.budget.is_some(),
            &rec.budget,
            &text(deadline, &rec.deadline),
            &open_call,
            &text(p.lead.is_some(), &rec.lead),
            &text(p.maturity.is_some(), &rec.maturity),
            &text(p.ip.is_some(), &rec.ip),
            &text(p.modes.is_some(), &rec.modes),
            &p.price.is_some(),
            &rec.price,
            &extra,
            &derived.dedup_key,
            &keys.fold,
            &keys.pinyin,
            &keys.initials,
            &rec.updated_at,
            &rec.rev,
            &text(deadline, &rec.deadline_text),
            &text(status, &rec.status_text),
            &rec.updated_by,
        ],
    )?;
    link(conn, rec)
}
