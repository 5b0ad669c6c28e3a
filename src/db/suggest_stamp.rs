//! What the persisted suggestion index checks before it is used: a stamp of the records as
//! they are. A record written after the index was built has a higher revision, a deleted one
//! leaves a tombstone with one, and a restored older file differs in its count or newest id.
//! On either engine ([`Sql`]).

use super::DbResult;
use crate::store::Sql;

/// The records' state, as far as the suggestion index cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    /// Highest revision of any record row (each kind's newest, by index).
    pub rev: i64,
    /// Highest revision of any deleted record's tombstone.
    pub gone: i64,
    pub count: i64,
    pub max_id: i64,
}

/// The stamp of the records now.
pub fn records(conn: &dyn Sql) -> DbResult<Stamp> {
    let one = |sql: &str| -> DbResult<i64> {
        Ok(conn
            .query_one(sql, &[])?
            .get::<Option<i64>>(0)?
            .unwrap_or(0))
    };
    Ok(Stamp {
        rev: one("SELECT max(rev) FROM record WHERE kind = 'demand'")?
            .max(one("SELECT max(rev) FROM record WHERE kind = 'result'")?),
        gone: one("SELECT max(rev) FROM record_gone")?,
        count: one("SELECT count(*) FROM record")?,
        max_id: one("SELECT max(id) FROM record")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, records as recs};
    use crate::domain::{Kind, Record};

    #[test]
    fn any_record_write_or_delete_changes_the_stamp_and_other_writes_do_not() {
        let mut db = Db::open_in_memory().unwrap();
        let empty = records(db.conn()).unwrap();
        let mut d = Record::new(Kind::Demand, "铜箔");
        let mut r = Record::new(Kind::Achievement, "铜箔表面处理");
        db.write(|tx| {
            recs::insert(tx, &mut d)?;
            recs::insert(tx, &mut r)
        })
        .unwrap();
        let two = records(db.conn()).unwrap();
        assert_ne!(two, empty);
        assert_eq!(two.count, 2);
        // A write that touches no record (a dismissal) leaves it alone.
        db.write(|tx| {
            crate::db::dismissals::dismiss(
                tx,
                &d,
                r.id,
                crate::db::dismissals::DismissReason::Known,
            )
        })
        .unwrap();
        assert_eq!(records(db.conn()).unwrap(), two);
        d.title = "电解铜箔".into();
        db.write(|tx| recs::update(tx, &mut d)).unwrap();
        let edited = records(db.conn()).unwrap();
        assert!(edited.rev > two.rev);
        db.write(|tx| recs::delete(tx, r.id)).unwrap();
        let deleted = records(db.conn()).unwrap();
        assert!(deleted.gone > edited.rev);
        assert_eq!(deleted.count, 1);
    }
}
