use super::*;
use crate::db::{Db, RecordFilter, records};
use crate::domain::{Kind, Record};

/// A closed database of `n` demands (titles "t0"…), checkpointed into the main file.
fn database(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("d.db");
    let mut db = Db::open(&path).unwrap();
    db.write(|tx| -> DbResult<()> {
        for i in 0..n {
            let mut r = Record::new(Kind::Demand, format!("t{i}"));
            r.description = "需要稳定量产 4.5 微米双面光铜箔，良率 95% 以上。".repeat(4);
            records::insert(tx, &mut r)?;
        }
        Ok(())
    })
    .unwrap();
    path
}

/// Overwrites page `pageno` of the file with garbage.
fn smash_page(path: &Path, pageno: i64) {
    let mut bytes = std::fs::read(path).unwrap();
    let size = 4096;
    let at = (pageno as usize - 1) * size;
    for (i, b) in bytes[at..at + size].iter_mut().enumerate() {
        *b = (i * 7 + 13) as u8;
    }
    std::fs::write(path, bytes).unwrap();
}

/// The leaf pages of the record table, in order.
fn record_leaves(path: &Path) -> Vec<i64> {
    let c = Connection::open(path).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT pageno FROM dbstat WHERE name = 'record' AND pagetype = 'leaf' \
             ORDER BY path",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_sound_file_passes_and_counts_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 30);
    let report = check(&path).unwrap();
    assert!(report.ok, "{report:?}");
    assert!(report.problems.is_empty());
    assert!(report.rows.contains(&("record".to_string(), 30)));
    let all = salvage(&path).unwrap();
    assert_eq!(all.failures(), 0);
    let rec = &all.tables.iter().find(|(n, _)| n == "record").unwrap().1;
    assert_eq!(rec.rows.len(), 30);
    assert_eq!(rec.rows[7]["title"], "t7");
}

#[test]
fn a_damaged_page_fails_the_check_refuses_writes_and_salvage_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let n = 400;
    let path = database(dir.path(), n);
    let leaves = record_leaves(&path);
    assert!(leaves.len() > 4, "{leaves:?}");
    smash_page(&path, leaves[leaves.len() / 2]);

    let report = check(&path).unwrap();
    assert!(!report.ok);
    assert!(!report.problems.is_empty());

    // Opening works; reads go on; a write is refused with a message naming `duijie check`.
    let mut db = Db::open_existing(&path, 10).unwrap();
    assert_eq!(db.refusal(), Some(super::super::Refusal::Damaged));
    let err = db
        .write(|tx| records::insert(tx, &mut Record::new(Kind::Demand, "x")))
        .unwrap_err();
    assert!(matches!(err, DbError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("duijie check"), "{err}");
    assert!(records::list(db.conn(), &RecordFilter::default()).is_err());
    drop(db);

    let found = salvage(&path).unwrap();
    let rec = &found.tables.iter().find(|(n, _)| n == "record").unwrap().1;
    assert!(!rec.errors.is_empty());
    let got: Vec<&str> = rec
        .rows
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    // One leaf's rows are lost; those before and after it are all there.
    assert!(
        got.len() < n && got.len() > n - n / leaves.len() * 2,
        "{}",
        got.len()
    );
    assert_eq!(got[0], "t0");
    assert_eq!(*got.last().unwrap(), format!("t{}", n - 1));
    // The other tables are whole.
    let seq = &found
        .tables
        .iter()
        .find(|(n, _)| n == "code_seq")
        .unwrap()
        .1;
    assert!(seq.errors.is_empty() && !seq.rows.is_empty());
}

#[test]
fn a_truncated_file_is_reported_and_salvaged_as_far_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let path = database(dir.path(), 400);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let report = check(&path).unwrap();
    assert!(!report.ok);
    let found = salvage(&path).unwrap();
    assert!(found.rows() > 0);
    assert!(found.failures() > 0);
    // Salvage is JSON with every table it could read.
    let json = found.to_json();
    assert!(json["tables"]["record"]["rows"].as_array().is_some());
}

#[test]
fn a_missing_file_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such.db");
    assert!(matches!(check(&path), Err(DbError::Missing { .. })));
    assert!(matches!(salvage(&path), Err(DbError::Missing { .. })));
    assert!(!dir.path().join("no").exists());
}
