//! Tests of opening, migrating and refusing database files (`Db`).

use super::*;

#[test]
fn migrates_an_empty_file_and_stamps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    let id: i32 = db
        .sqlite()
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    drop(db);
    // Reopening is a no-op.
    assert!(Db::open(&path).is_ok());
}

#[test]
fn migration_numbers_only_grow() {
    assert!(MIGRATIONS.windows(2).all(|w| w[0].number < w[1].number));
}

#[test]
fn refuses_a_newer_file_without_touching_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    drop(Db::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Db::open(&path).err().unwrap();
    assert!(matches!(err, DbError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains("newer duijie"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn refuses_a_foreign_sqlite_file_and_a_non_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.db");
    {
        let c = Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    let err = Db::open(&foreign).err().unwrap();
    assert!(err.to_string().contains("not a duijie database"), "{err}");
    assert_eq!(std::fs::read(&foreign).unwrap(), before);

    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "这不是数据库 — just some text that is long enough to have a header",
    )
    .unwrap();
    let before = std::fs::read(&text).unwrap();
    let err = Db::open(&text).err().unwrap();
    assert!(err.to_string().contains("notes.txt"), "{err}");
    assert_eq!(std::fs::read(&text).unwrap(), before);
}

#[test]
fn a_version_1_file_is_upgraded_keeping_its_records_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        // A database as the first release wrote it.
        let c = Connection::open(&path).unwrap();
        c.execute_batch(MIGRATIONS[0].sql).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute(
            "INSERT INTO record (kind, seq, title, org, key_text, key_fold, key_pinyin, \
             key_initials, created_at, updated_at) VALUES ('result', 1, '鋰電池負極', \
             '鄭州大學', 'R1', 'r1\u{1f}锂电池负极', 'r1', 'r1', '2026-01-01T00:00:00Z', \
             '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        c.execute("UPDATE code_seq SET next = 2 WHERE kind = 'result'", [])
            .unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    let rec = records::get_by_code(db.conn(), "R1".parse().unwrap()).unwrap();
    assert_eq!(rec.title, "鋰電池負極");
    let idx = crate::search::Index::load(db.conn(), crate::domain::Kind::Achievement).unwrap();
    assert_eq!(idx.search("锂电池").len(), 1);
    // Writing works against the new shape; the code counter was kept.
    let mut r = crate::domain::Record::new(crate::domain::Kind::Achievement, "硅碳负极");
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    assert_eq!(r.code().to_string(), "R2");
}

#[test]
fn a_version_2_file_is_upgraded_with_revisions_tombstones_and_origins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(MIGRATIONS[0].sql).unwrap();
        c.execute_batch(MIGRATIONS[1].sql).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
        c.execute_batch(
            "INSERT INTO record (kind, seq, title, created_at, updated_at) \
             VALUES ('demand', 1, '铜箔', 't', 't'), ('result', 1, '添加剂', 't', 't'); \
             UPDATE code_seq SET next = 2; \
             INSERT INTO pair (demand_id, result_id, stage_since, created_at, updated_at) \
             VALUES (1, 2, 't', 't', 't'); \
             INSERT INTO undo_entry (label, payload, at) \
             VALUES ('pair P1', '{\"op\":\"delete_pair\",\"id\":1}', 't');",
        )
        .unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    let d1 = records::get(db.conn(), 1).unwrap().unwrap();
    assert_eq!(d1.rev, 0);
    assert_eq!(live::current_rev(db.conn()).unwrap(), 0);
    let step = undo::peek(db.conn()).unwrap().unwrap();
    assert_eq!((step.label.as_str(), step.origin.as_str()), ("pair P1", ""));
    // The first write after the upgrade is revision 1, and its deletions leave tombstones.
    db.write(|tx| records::delete(tx, 1)).unwrap();
    let c = live::changes_since(db.conn(), 0).unwrap();
    assert_eq!(c.max_rev, 1);
    assert_eq!((c.gone_records, c.gone_pairs), (vec![1], vec![1]));
}

#[test]
fn a_lock_held_by_another_connection_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut a = Db::open(&path).unwrap();
    let mut b = Db::open(&path).unwrap();
    b.set_busy_timeout(Duration::from_millis(10)).unwrap();
    a.sqlite()
        .unwrap()
        .execute_batch("BEGIN IMMEDIATE")
        .unwrap();
    let err = b
        .write(|tx| {
            records::insert(
                tx,
                &mut crate::domain::Record::new(crate::domain::Kind::Demand, "x"),
            )
        })
        .unwrap_err();
    assert!(err.is_busy(), "{err}");
    assert!(is_busy(&err));
    assert!(matches!(err, DbError::Busy(_)));
    a.sqlite().unwrap().execute_batch("ROLLBACK").unwrap();
    let _ = &mut a;
}
