use std::os::unix::fs::PermissionsExt as _;

use super::*;
use crate::db::{Db, records};
use crate::domain::{Kind, Record};

fn add(db: &mut Db, title: &str) {
    let mut r = Record::new(Kind::Demand, title);
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
}

fn titles(path: &Path) -> Vec<String> {
    let db = Db::open_existing(path, 0).unwrap();
    let mut t: Vec<String> = records::list(db.conn(), &crate::db::RecordFilter::default())
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect();
    t.sort();
    t
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_backup_is_a_private_copy_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut db = Db::open(&path).unwrap();
    add(&mut db, "铜箔");
    let dest = dir.path().join("new/dir/copy.db");
    db.backup_to(&dest).unwrap();
    assert_eq!(mode(&dest), 0o600);
    assert_eq!(mode(dest.parent().unwrap()), 0o700);
    assert_eq!(titles(&dest), ["铜箔"]);
    // Nothing is left beside it but the copy (and what opening it made).
    let err = db.backup_to(&dest).unwrap_err();
    assert!(err.to_string().contains("copy.db"), "{err}");
}

#[test]
fn automatic_backups_keep_the_newest_n_and_leave_manual_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut db = Db::open(&path).unwrap();
    let manual = manual_path(&path);
    db.backup_to(&manual).unwrap();
    let mut made = Vec::new();
    for i in 0..5 {
        add(&mut db, &format!("r{i}"));
        made.push(db.auto_backup(Reason::Import, 3).unwrap().unwrap());
    }
    let dir = paths::backups_dir(&path);
    let mut left: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    left.sort();
    let mut want = vec![manual.clone()];
    want.extend(made[2..].iter().cloned());
    want.sort();
    assert_eq!(left, want);
    // The newest keeps all five records; list() puts it first.
    assert_eq!(titles(&made[4]).len(), 5);
    assert_eq!(list(&path).first(), Some(&made[4]));
    // keep = 0 turns them off.
    assert_eq!(db.auto_backup(Reason::Import, 0).unwrap(), None);
}

#[test]
fn restore_replaces_the_database_and_its_own_backup_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let saved = dir.path().join("saved.db");
    {
        let mut db = Db::open(&path).unwrap();
        add(&mut db, "before");
        db.backup_to(&saved).unwrap();
        add(&mut db, "after");
    }
    // A desk with the database open sees the restore.
    let desk = Db::open(&path).unwrap();
    let done = restore(&path, &saved, 10).unwrap();
    assert_eq!(titles(&path), ["before"]);
    assert_eq!(
        records::list(desk.conn(), &crate::db::RecordFilter::default())
            .unwrap()
            .len(),
        1
    );
    let previous = done.previous.unwrap();
    assert_eq!(titles(&previous), ["after", "before"]);
    // Undo: restore the backup the restore made.
    restore(&path, &previous, 10).unwrap();
    assert_eq!(titles(&path), ["after", "before"]);
}

#[test]
fn restore_refuses_a_file_that_is_not_a_sound_duijie_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut db = Db::open(&path).unwrap();
    add(&mut db, "kept");
    drop(db);
    let csv = dir.path().join("demands.csv");
    std::fs::write(&csv, "需求名称\n铜箔\n".repeat(100)).unwrap();
    assert!(restore(&path, &csv, 10).is_err());
    let foreign = dir.path().join("other.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let err = restore(&path, &foreign, 10).unwrap_err();
    assert!(err.to_string().contains("not a duijie database"), "{err}");
    assert!(restore(&path, &path, 10).is_err());
    assert_eq!(titles(&path), ["kept"]);
    assert!(
        list(&path).is_empty(),
        "nothing was replaced, so nothing backed up"
    );
}

#[test]
fn an_upgrade_is_preceded_by_a_backup_of_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(crate::db::MIGRATIONS[0].sql).unwrap();
        c.execute_batch(crate::db::MIGRATIONS[1].sql).unwrap();
        c.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        c.pragma_update(None, "user_version", 2).unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), SCHEMA_VERSION);
    let backups = list(&path);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].to_string_lossy().ends_with("-pre-migrate.db"));
    let old = open_read_only(&backups[0]).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 2);
    drop(db);
    // Opening again migrates nothing and backs up nothing.
    drop(Db::open(&path).unwrap());
    assert_eq!(list(&path).len(), 1);
}

#[test]
fn restoring_from_the_oldest_automatic_backup_keeps_the_way_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut db = Db::open(&path).unwrap();
    add(&mut db, "one");
    let oldest = db.auto_backup(Reason::Import, 2).unwrap().unwrap();
    add(&mut db, "two");
    db.auto_backup(Reason::Import, 2).unwrap().unwrap();
    drop(db);
    // With room for two, the restore's own backup would push out the file it reads.
    let done = restore(&path, &oldest, 2).unwrap();
    assert_eq!(titles(&path), ["one"]);
    let back = done.previous.unwrap();
    assert!(back.exists());
    assert_eq!(titles(&back), ["one", "two"]);
    assert_eq!(list(&path).len(), 2);
}
