//! Typed queries on a record's own log (`record_note`, migration 010). Writing or removing a
//! note stamps its record's rev, so a desk watching revisions reads the record (and its log)
//! again; deleting the record takes its notes along. On either engine ([`Sql`]).

use super::{DbResult, rev};
use crate::domain::{Channel, RecordNote};
use crate::store::{Row, Sql, StoreResult};

fn from_row(r: &Row) -> StoreResult<RecordNote> {
    let channel: String = r.get(3)?;
    Ok(RecordNote {
        id: r.get(0)?,
        record_id: r.get(1)?,
        at: r.get(2)?,
        channel: Channel::parse(&channel).unwrap_or(Channel::Phone),
        note: r.get(4)?,
        next_action: r.get(5)?,
        next_due: r.get(6)?,
        actor: r.get(7)?,
    })
}

/// Stamps record `record_id` with the transaction's revision.
fn touch_record(conn: &dyn Sql, record_id: i64) -> DbResult<()> {
    let rev = rev::stamp(conn)?;
    conn.execute(
        "UPDATE record SET rev = ?2 WHERE id = ?1",
        &[&record_id, &rev],
    )?;
    Ok(())
}

/// The statement adding a note, with the id column and its value added when given
/// (PostgreSQL takes no NULL for an id it is to choose).
macro_rules! insert_sql {
    ($id_col:literal, $id_val:literal) => {
        concat!(
            "INSERT INTO record_note (record_id, at, channel, note, next_action, next_due, actor",
            $id_col,
            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7",
            $id_val,
            ")"
        )
    };
}

/// Adds a note (its id 0: a new one, given the next id; else restored under that id).
pub fn insert(conn: &dyn Sql, n: &mut RecordNote) -> DbResult<()> {
    let id = (n.id != 0).then_some(n.id);
    if id.is_none() {
        n.actor = super::actor::current(conn)?;
    }
    let channel = n.channel.key();
    let mut params: Vec<&dyn crate::store::ToValue> = vec![
        &n.record_id,
        &n.at,
        &channel,
        &n.note,
        &n.next_action,
        &n.next_due,
        &n.actor,
    ];
    let sql = match &id {
        Some(id) => {
            params.push(id);
            insert_sql!(", id", ", ?8")
        }
        None => insert_sql!("", ""),
    };
    let new_id = conn.insert(sql, &params)?;
    n.id = new_id;
    touch_record(conn, n.record_id)
}

/// Deletes a note; false when it was already gone.
pub fn delete(conn: &dyn Sql, id: i64) -> DbResult<bool> {
    let Some(row) = conn.query_opt("SELECT record_id FROM record_note WHERE id = ?1", &[&id])?
    else {
        return Ok(false);
    };
    let record: i64 = row.get(0)?;
    conn.execute("DELETE FROM record_note WHERE id = ?1", &[&id])?;
    touch_record(conn, record)?;
    Ok(true)
}

/// A record's log, newest first.
pub fn of_record(conn: &dyn Sql, record_id: i64) -> DbResult<Vec<RecordNote>> {
    let rows = conn.query(
        "SELECT id, record_id, at, channel, note, next_action, next_due, actor \
         FROM record_note WHERE record_id = ?1 ORDER BY at DESC, id DESC",
        &[&record_id],
    )?;
    Ok(rows.iter().map(from_row).collect::<StoreResult<_>>()?)
}

/// How many notes record `record_id` holds (what deleting it would take along).
pub fn count_of(conn: &dyn Sql, record_id: i64) -> DbResult<i64> {
    Ok(conn
        .query_one(
            "SELECT count(*) FROM record_note WHERE record_id = ?1",
            &[&record_id],
        )?
        .get(0)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, records};
    use crate::domain::{Kind, Record};

    #[test]
    fn a_note_stamps_its_record_and_goes_with_it() {
        let mut db = Db::open_in_memory().unwrap();
        let mut rec = Record::new(Kind::Demand, "铜箔");
        db.write(|tx| records::insert(tx, &mut rec)).unwrap();
        let before = records::get(db.conn(), rec.id).unwrap().unwrap().rev;
        let mut n = RecordNote {
            id: 0,
            record_id: rec.id,
            at: "2026-12-01T09:00:00Z".into(),
            channel: Channel::Phone,
            note: "问中试线".into(),
            next_action: None,
            next_due: None,
            actor: None,
        };
        db.write(|tx| insert(tx, &mut n)).unwrap();
        let after = records::get(db.conn(), rec.id).unwrap().unwrap().rev;
        assert!(
            after > before,
            "the record's rev moved on: {before} → {after}"
        );
        assert_eq!(of_record(db.conn(), rec.id).unwrap(), vec![n.clone()]);
        assert!(db.write(|tx| delete(tx, n.id)).unwrap());
        assert!(!db.write(|tx| delete(tx, n.id)).unwrap());
        db.write(|tx| insert(tx, &mut n)).unwrap();
        db.write(|tx| records::delete(tx, rec.id)).unwrap();
        assert_eq!(count_of(db.conn(), rec.id).unwrap(), 0);
    }
}
