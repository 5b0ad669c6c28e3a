//! Typed queries on demands and results. Functions take a `&Connection` so they run inside
//! the caller's transaction (an import is one transaction); every write stamps the rows it
//! touches with the transaction's revision ([`super::rev`]).

mod patch;
mod rows;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{DbError, DbResult, now, rev};
use crate::domain::{Code, CodeKind, Kind, Record};
use crate::search::keys::{SearchKeys, dedup_key_of};

const COLUMNS: &str = "id, kind, seq, ext_id, title, org, field, region, description, keywords, \
     contact, phone, email, source, status, budget_wan, deadline, open_call, lead, maturity, ip, \
     modes, price_wan, extra, created_at, updated_at, rev";

pub use patch::{Saved, update_fields, update_fields_in};
pub(crate) use rows::rows_since;
pub use rows::{each_row, first_rows, row};

/// What writing an imported row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordWrite {
    /// A new record.
    Added,
    /// A stored record whose content changed.
    Updated,
    /// A stored record found identical.
    Unchanged,
}

/// Which records to list.
#[derive(Debug, Clone, Default)]
pub struct RecordFilter {
    /// Only this kind (both when `None`).
    pub kind: Option<Kind>,
}

/// Reads a record from the columns of `COLUMNS`.
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Record> {
    let kind: String = r.get(1)?;
    let extra: String = r.get(23)?;
    Ok(Record {
        id: r.get(0)?,
        kind: Kind::parse(&kind).unwrap_or_default(),
        seq: r.get(2)?,
        ext_id: r.get(3)?,
        title: r.get(4)?,
        org: r.get(5)?,
        field: r.get(6)?,
        region: r.get(7)?,
        description: r.get(8)?,
        keywords: r.get(9)?,
        contact: r.get(10)?,
        phone: r.get(11)?,
        email: r.get(12)?,
        source: r.get(13)?,
        status: r.get(14)?,
        budget_wan: r.get(15)?,
        deadline: r.get(16)?,
        open_call: r.get(17)?,
        lead: r.get(18)?,
        maturity: r.get(19)?,
        ip: r.get(20)?,
        modes: r.get(21)?,
        price_wan: r.get(22)?,
        extra: serde_json::from_str(&extra).unwrap_or_default(),
        created_at: r.get(24)?,
        updated_at: r.get(25)?,
        rev: r.get(26)?,
    })
}

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

/// Hands out the code numbers of one kind in a transaction that adds many records: reads
/// the counter once and writes it back once, in [`Seqs::finish`].
#[derive(Debug)]
pub struct Seqs {
    kind: Kind,
    next: i64,
}

impl Seqs {
    /// Reads the counter of `kind`.
    pub fn begin(conn: &Connection, kind: Kind) -> DbResult<Seqs> {
        let next = conn.query_row(
            "SELECT next FROM code_seq WHERE kind = ?1",
            params![kind.as_str()],
            |r| r.get(0),
        )?;
        Ok(Seqs { kind, next })
    }

    /// The next code number.
    pub fn take(&mut self) -> i64 {
        self.next += 1;
        self.next - 1
    }

    /// Stores the counter; without it the numbers handed out would be handed out again.
    pub fn finish(self, conn: &Connection) -> DbResult<()> {
        conn.execute(
            "UPDATE code_seq SET next = ?2 WHERE kind = ?1",
            params![self.kind.as_str(), self.next],
        )?;
        Ok(())
    }
}

/// The next code number of `kind`, counted at once.
fn next_seq(conn: &Connection, kind: Kind) -> DbResult<i64> {
    Ok(conn
        .prepare_cached("UPDATE code_seq SET next = next + 1 WHERE kind = ?1 RETURNING next - 1")?
        .query_row(params![kind.as_str()], |r| r.get(0))?)
}

/// Inserts a new record, assigning its id, code number and timestamps.
pub fn insert(conn: &Connection, rec: &mut Record) -> DbResult<()> {
    let derived = Derived::of(rec)?;
    check_title(rec)?;
    let seq = next_seq(conn, rec.kind)?;
    let rev = rev::stamp(conn)?;
    insert_derived(conn, rec, derived, &now(), seq, rev)
}

fn check_title(rec: &Record) -> DbResult<()> {
    if rec.title.trim().is_empty() {
        return Err(DbError::Invalid("a record needs a title".into()));
    }
    Ok(())
}

/// [`insert`] with the derived values and code number `seq` given, `ts` as the time of
/// writing and `rev` as the revision.
fn insert_derived(
    conn: &Connection,
    rec: &mut Record,
    derived: Derived,
    ts: &str,
    seq: i64,
    rev: i64,
) -> DbResult<()> {
    // Callers checked the title before taking `seq`.
    rec.seq = seq;
    rec.rev = rev;
    if rec.created_at.is_empty() {
        rec.created_at = ts.to_string();
    }
    rec.updated_at = ts.to_string();
    let keys = derived.keys.with_code(&rec.code().to_string());
    let mut st = conn.prepare_cached(
        "INSERT INTO record (kind, seq, ext_id, title, org, field, region, description, keywords, \
         contact, phone, email, source, status, budget_wan, deadline, open_call, lead, maturity, \
         ip, modes, price_wan, extra, dedup_key, key_fold, key_pinyin, key_initials, \
         created_at, updated_at, rev) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
         ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    )?;
    st.execute(params![
        rec.kind.as_str(),
        rec.seq,
        rec.ext_id,
        rec.title,
        rec.org,
        rec.field,
        rec.region,
        rec.description,
        rec.keywords,
        rec.contact,
        rec.phone,
        rec.email,
        rec.source,
        rec.status,
        rec.budget_wan,
        rec.deadline,
        rec.open_call,
        rec.lead,
        rec.maturity,
        rec.ip,
        rec.modes,
        rec.price_wan,
        derived.extra,
        derived.dedup_key,
        keys.fold,
        keys.pinyin,
        keys.initials,
        rec.created_at,
        rec.updated_at,
        rec.rev,
    ])?;
    rec.id = conn.last_insert_rowid();
    Ok(())
}

/// Rewrites every field of an existing record (by id), refreshing `updated_at` and keys.
pub fn update(conn: &Connection, rec: &mut Record) -> DbResult<()> {
    let derived = Derived::of(rec)?;
    let rev = rev::stamp(conn)?;
    update_derived(conn, rec, derived, &now(), rev)
}

/// [`update`] with the derived values given, `ts` as the time of writing and `rev` as the
/// revision.
fn update_derived(
    conn: &Connection,
    rec: &mut Record,
    derived: Derived,
    ts: &str,
    rev: i64,
) -> DbResult<()> {
    if rec.title.trim().is_empty() {
        return Err(DbError::Invalid("a record needs a title".into()));
    }
    rec.updated_at = ts.to_string();
    rec.rev = rev;
    let keys = derived.keys.with_code(&rec.code().to_string());
    let mut st = conn.prepare_cached(
        "UPDATE record SET ext_id = ?2, title = ?3, org = ?4, field = ?5, region = ?6, \
         description = ?7, keywords = ?8, contact = ?9, phone = ?10, email = ?11, source = ?12, \
         status = ?13, budget_wan = ?14, deadline = ?15, open_call = ?16, lead = ?17, \
         maturity = ?18, ip = ?19, modes = ?20, price_wan = ?21, extra = ?22, dedup_key = ?23, \
         key_fold = ?24, key_pinyin = ?25, key_initials = ?26, updated_at = ?27, rev = ?28 \
         WHERE id = ?1",
    )?;
    let n = st.execute(params![
        rec.id,
        rec.ext_id,
        rec.title,
        rec.org,
        rec.field,
        rec.region,
        rec.description,
        rec.keywords,
        rec.contact,
        rec.phone,
        rec.email,
        rec.source,
        rec.status,
        rec.budget_wan,
        rec.deadline,
        rec.open_call,
        rec.lead,
        rec.maturity,
        rec.ip,
        rec.modes,
        rec.price_wan,
        derived.extra,
        derived.dedup_key,
        keys.fold,
        keys.pinyin,
        keys.initials,
        rec.updated_at,
        rec.rev,
    ])?;
    if n == 0 {
        return Err(DbError::NotFound(rec.code().to_string()));
    }
    Ok(())
}

/// Deletes a record (its pairs go with it, by foreign key cascade); the tombstones carry the
/// transaction's revision.
pub fn delete(conn: &Connection, id: i64) -> DbResult<()> {
    rev::stamp(conn)?;
    conn.execute("DELETE FROM record WHERE id = ?1", params![id])?;
    Ok(())
}

/// Ids of the records deleted after revision `since`.
pub fn gone_since(conn: &Connection, since: i64) -> DbResult<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT id FROM record_gone WHERE rev > ?1 ORDER BY id")?;
    let rows = st.query_map(params![since], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The record with row id `id`.
pub fn get(conn: &Connection, id: i64) -> DbResult<Option<Record>> {
    let sql = format!("SELECT {COLUMNS} FROM record WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![id], from_row)
        .optional()?)
}

/// The first record of `kind` (lowest id) with source number `ext_id`.
pub fn find_by_ext_id(conn: &Connection, kind: Kind, ext_id: &str) -> DbResult<Option<Record>> {
    let sql =
        format!("SELECT {COLUMNS} FROM record WHERE kind = ?1 AND ext_id = ?2 ORDER BY id LIMIT 1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![kind.as_str(), ext_id], from_row)
        .optional()?)
}

/// Looks a record up by its code (D12 / R34); a pair code is refused.
pub fn get_by_code(conn: &Connection, code: Code) -> DbResult<Record> {
    let kind = match code.kind {
        CodeKind::Demand => Kind::Demand,
        CodeKind::Achievement => Kind::Achievement,
        CodeKind::Pair => {
            return Err(DbError::Invalid(format!(
                "{code} is a pair, not a demand or result"
            )));
        }
    };
    let sql = format!("SELECT {COLUMNS} FROM record WHERE kind = ?1 AND seq = ?2");
    conn.prepare_cached(&sql)?
        .query_row(params![kind.as_str(), code.num], from_row)
        .optional()?
        .ok_or_else(|| DbError::NotFound(code.to_string()))
}

/// All records of the filter, newest code last.
pub fn list(conn: &Connection, filter: &RecordFilter) -> DbResult<Vec<Record>> {
    let sql =
        format!("SELECT {COLUMNS} FROM record WHERE (?1 IS NULL OR kind = ?1) ORDER BY kind, seq");
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(params![filter.kind.map(Kind::as_str)], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many records of `kind` there are.
pub fn count(conn: &Connection, kind: Kind) -> DbResult<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM record WHERE kind = ?1")?
        .query_row(params![kind.as_str()], |r| r.get(0))?)
}

/// Hands every (ext_id, dedup_key) of `kind` to `each`: an import's list of what is stored.
pub fn each_key(
    conn: &Connection,
    kind: Kind,
    mut each: impl FnMut(String, String),
) -> DbResult<()> {
    let mut st = conn.prepare("SELECT ext_id, dedup_key FROM record WHERE kind = ?1")?;
    let mut q = st.query([kind.as_str()])?;
    while let Some(r) = q.next()? {
        each(r.get(0)?, r.get(1)?);
    }
    Ok(())
}

/// The record an imported row corresponds to: same ext_id, else same normalised (title, org),
/// `dedup` being the row's [`crate::search::keys::dedup_key`].
pub fn find_by_key(conn: &Connection, rec: &Record, dedup: &str) -> DbResult<Option<Record>> {
    // Two plain statements rather than one CASE: SQLite cannot use an index through a CASE,
    // and a full scan per imported row made a 100k-row import quadratic.
    let (sql, key) = if rec.ext_id.is_empty() {
        (
            format!("SELECT {COLUMNS} FROM record WHERE kind = ?1 AND dedup_key = ?2 LIMIT 1"),
            dedup.to_string(),
        )
    } else {
        (
            format!(
                "SELECT {COLUMNS} FROM record WHERE kind = ?1 AND ext_id = ?2 AND ext_id <> '' \
                 LIMIT 1"
            ),
            rec.ext_id.clone(),
        )
    };
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![rec.kind.as_str(), key], from_row)
        .optional()?)
}

/// Writes an imported row: updates the matching record when its content differs, adds it
/// when there is none.
pub fn upsert(conn: &Connection, rec: &mut Record) -> DbResult<RecordWrite> {
    let derived = Derived::of(rec)?;
    let found = find_by_key(conn, rec, &derived.dedup_key)?;
    let kind = rec.kind;
    let rev = rev::stamp(conn)?;
    write_found(conn, rec, found, derived, (&now(), rev), || {
        next_seq(conn, kind)
    })
}

/// The write half of [`upsert`], given what [`find_by_key`] found for `rec`: adds it with the
/// code number `seq` gives when nothing was found, else updates the found record when its
/// content differs. `(ts, rev)`: the time of writing and the transaction's revision.
pub fn write_found(
    conn: &Connection,
    rec: &mut Record,
    found: Option<Record>,
    derived: Derived,
    (ts, rev): (&str, i64),
    seq: impl FnOnce() -> DbResult<i64>,
) -> DbResult<RecordWrite> {
    match found {
        None => {
            // Before a code number is taken for it.
            check_title(rec)?;
            insert_derived(conn, rec, derived, ts, seq()?, rev)?;
            Ok(RecordWrite::Added)
        }
        Some(old) => {
            if adopt(&old, rec) {
                return Ok(RecordWrite::Unchanged);
            }
            update_derived(conn, rec, derived, ts, rev)?;
            Ok(RecordWrite::Updated)
        }
    }
}

/// Gives `rec` the identity (id, code, timestamps) of the stored record `old` it matched,
/// and says whether it then holds exactly what `old` does.
pub fn adopt(old: &Record, rec: &mut Record) -> bool {
    rec.id = old.id;
    rec.seq = old.seq;
    rec.created_at.clone_from(&old.created_at);
    rec.updated_at.clone_from(&old.updated_at);
    rec.rev = old.rev;
    *old == *rec
}

/// Whether `a` and `b` hold the same fields (codes and timestamps aside).
pub fn same_content(a: &Record, b: &Record) -> bool {
    let mut b = b.clone();
    b.id = a.id;
    b.seq = a.seq;
    b.created_at.clone_from(&a.created_at);
    b.updated_at.clone_from(&a.updated_at);
    b.rev = a.rev;
    *a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    #[test]
    fn codes_count_per_kind_and_are_never_reused() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let mut d1 = Record::new(Kind::Demand, "铜箔");
        let mut r1 = Record::new(Kind::Achievement, "硅碳负极");
        let mut d2 = Record::new(Kind::Demand, "压铸");
        insert(c, &mut d1).unwrap();
        insert(c, &mut r1).unwrap();
        insert(c, &mut d2).unwrap();
        assert_eq!(d1.code().to_string(), "D1");
        assert_eq!(r1.code().to_string(), "R1");
        assert_eq!(d2.code().to_string(), "D2");
        delete(c, d2.id).unwrap();
        let mut d3 = Record::new(Kind::Demand, "新的");
        insert(c, &mut d3).unwrap();
        assert_eq!(d3.code().to_string(), "D3");
        let got = get_by_code(c, "d1".parse().unwrap()).unwrap();
        assert_eq!(got.title, "铜箔");
    }

    #[test]
    fn upsert_matches_on_ext_id_then_title_and_org() {
        let db = Db::open_in_memory().unwrap();
        let c = db.conn();
        let mut a = Record::new(Kind::Achievement, "鋰電池負極");
        a.org = "鄭州大學".into();
        assert_eq!(upsert(c, &mut a.clone()).unwrap(), RecordWrite::Added);
        assert_eq!(upsert(c, &mut a.clone()).unwrap(), RecordWrite::Unchanged);
        // Same title and org in the other script and other spacing: the same record.
        let mut b = Record::new(Kind::Achievement, "锂电池 负极");
        b.org = "郑州大学".into();
        assert_eq!(upsert(c, &mut b).unwrap(), RecordWrite::Updated);
        assert_eq!(count(c, Kind::Achievement).unwrap(), 1);
        let mut e = Record::new(Kind::Achievement, "another title");
        e.ext_id = "X1".into();
        upsert(c, &mut e.clone()).unwrap();
        e.title = "renamed".into();
        assert_eq!(upsert(c, &mut e).unwrap(), RecordWrite::Updated);
        assert_eq!(count(c, Kind::Achievement).unwrap(), 2);
    }
}
