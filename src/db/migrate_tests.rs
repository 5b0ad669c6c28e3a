use std::path::Path;

use rusqlite::Connection;

use super::*;
use crate::db::{Db, SCHEMA_VERSION, pairs, records};
use crate::domain::{Kind, Record};

/// A file as a build whose last migration was `upto` left it: the migrations in `ran` run
/// in order, `user_version` set to `upto`, no table of applied migrations.
fn old_file(path: &Path, ran: &[i64], upto: i64) {
    let c = Connection::open(path).unwrap();
    c.pragma_update(None, "foreign_keys", "OFF").unwrap();
    for m in MIGRATIONS.iter().filter(|m| ran.contains(&m.number)) {
        c.execute_batch(m.sql).unwrap();
    }
    c.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    c.pragma_update(None, "user_version", upto).unwrap();
}

fn numbers(db: &Db) -> Vec<i64> {
    ledger(db.sqlite().unwrap())
        .unwrap()
        .iter()
        .map(|a| a.number)
        .collect()
}

fn all_numbers() -> Vec<i64> {
    MIGRATIONS.iter().map(|m| m.number).collect()
}

fn has_table(db: &Db, name: &str) -> bool {
    db.sqlite()
        .unwrap()
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_file_of_every_earlier_version_upgrades_and_records_what_it_had() {
    for (i, last) in MIGRATIONS[..MIGRATIONS.len() - 1].iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let ran: Vec<i64> = MIGRATIONS[..=i].iter().map(|m| m.number).collect();
        old_file(&path, &ran, last.number);
        let mut db = Db::open(&path).unwrap();
        assert_eq!(
            db.schema_version().unwrap(),
            SCHEMA_VERSION,
            "from {}",
            last.number
        );
        assert_eq!(numbers(&db), all_numbers(), "from {}", last.number);
        for a in ledger(db.sqlite().unwrap()).unwrap() {
            // What the file had is recorded without a time; what ran now, with one.
            assert_eq!(
                a.applied_at.is_none(),
                a.number <= last.number,
                "from {}: {a:?}",
                last.number
            );
            assert_eq!(
                a.name,
                MIGRATIONS
                    .iter()
                    .find(|m| m.number == a.number)
                    .unwrap()
                    .name
            );
        }
        // The upgraded file takes the writes of this build.
        let mut d = Record::new(Kind::Demand, "铜箔");
        let mut r = Record::new(Kind::Achievement, "电解添加剂");
        db.write(|tx| {
            records::insert(tx, &mut d)?;
            records::insert(tx, &mut r)
        })
        .unwrap();
        let mut p = crate::domain::Pair {
            demand_id: d.id,
            result_id: r.id,
            stage_since: "2026-01-01T00:00:00Z".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            updated_at: "2026-01-01T00:00:00Z".into(),
            ..Default::default()
        };
        db.write(|tx| pairs::insert(tx, &mut p)).unwrap();
        drop(db);
        // Opening again runs nothing.
        let db = Db::open(&path).unwrap();
        assert!(
            pending(db.sqlite().unwrap(), SCHEMA_VERSION)
                .unwrap()
                .is_empty()
        );
    }
}

#[test]
fn a_file_that_reached_a_version_past_a_gap_gets_the_missing_migrations() {
    // A development file that ran 010 before 008 and 009 were merged: version 10, no
    // organisations and no contracts.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gap.db");
    old_file(&path, &[1, 2, 3, 4, 5, 6, 7, 10], 10);
    let db = Db::open(&path).unwrap();
    assert!(has_table(&db, "org") && has_table(&db, "contract"));
    let got = ledger(db.sqlite().unwrap()).unwrap();
    let at = |n: i64| {
        got.iter()
            .find(|a| a.number == n)
            .unwrap()
            .applied_at
            .clone()
    };
    assert!(at(8).is_some() && at(9).is_some(), "{got:?}");
    assert!(at(7).is_none() && at(10).is_none(), "{got:?}");
    // Applying 008 after 010 did not lower the version older builds read.
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_migration_missing_from_the_table_is_applied_though_the_version_is_past_it() {
    // A file at the newest version that never ran 012 (it was merged after a higher one).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    drop(Db::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE match_seen; DROP TABLE match_mark; \
             DELETE FROM schema_migration WHERE number = 12;",
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert!(has_table(&db, "match_mark"));
    assert_eq!(numbers(&db), all_numbers());
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_file_that_ran_a_migration_this_build_lacks_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    drop(Db::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO schema_migration (number, name, applied_at) VALUES (11, 'x', 't')",
            [],
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Db::open(&path).err().unwrap();
    assert!(err.to_string().contains("newer duijie"), "{err}");
    assert!(err.to_string().contains("schema 11"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_new_file_records_every_migration_with_its_time() {
    let db = Db::open_in_memory().unwrap();
    let got = ledger(db.sqlite().unwrap()).unwrap();
    assert_eq!(got.len(), MIGRATIONS.len());
    assert!(got.iter().all(|a| a.applied_at.is_some()), "{got:?}");
}

#[test]
fn a_read_only_file_missing_a_migration_is_refused_as_too_old_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gap.db");
    old_file(&path, &[1, 2, 3, 4, 5, 6, 7, 10], 10);
    let err = Db::open_read_only(&path).err().unwrap();
    assert!(matches!(err, DbError::ReadOnly { .. }), "{err}");
}
