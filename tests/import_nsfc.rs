//! The real corpus: 17,926 NSFC projects as results. Every row must be taken, with the
//! grant number as ext_id and the principal investigator as lead, and a second import must
//! add nothing.

use duijie::db::{Db, RecordFilter, records};
use duijie::domain::Kind;
use duijie::import::{ImportOptions, import_file};

#[test]
fn the_nsfc_file_imports_every_row_and_reimports_as_unchanged() {
    // ../shared beside the repository; a worktree one level deeper finds it at ../../shared.
    let candidates = [
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/nsfc_projects.csv"
        ),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/data/nsfc_projects.csv"
        ),
    ];
    let Some(path) = candidates
        .iter()
        .map(std::path::Path::new)
        .find(|p| p.exists())
    else {
        eprintln!("skipped: {} is absent", candidates[0]);
        return;
    };
    let rows = csv::Reader::from_path(path).unwrap().records().count();
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("n.db")).unwrap();
    let opts = ImportOptions {
        rejects_dir: Some(dir.path().to_path_buf()),
        ..ImportOptions::default()
    };
    let first = import_file(&mut db, Kind::Achievement, path, &opts).unwrap();
    assert!(
        first.rejected.is_empty(),
        "{:?}",
        &first.rejected[..first.rejected.len().min(5)]
    );
    assert_eq!(first.added, rows);
    let second = import_file(&mut db, Kind::Achievement, path, &opts).unwrap();
    assert_eq!(
        (second.added, second.updated, second.unchanged),
        (0, 0, rows)
    );

    let recs = records::list(
        db.conn(),
        &RecordFilter {
            kind: Some(Kind::Achievement),
        },
    )
    .unwrap();
    let r = &recs[0];
    assert_eq!(r.title, "基于Z-数信息的多属性群决策方法及其应用研究");
    assert_eq!((r.org.as_str(), r.region.as_str()), ("安徽大学", "安徽省"));
    assert_eq!((r.ext_id.as_str(), r.lead.as_str()), ("71701001", "陶志富"));
    // A grant is not an asking price: it stays in extra, with the other source columns.
    assert_eq!(r.price, None);
    assert_eq!(r.extra["amount_wan_cny"], "18");
    assert_eq!(r.extra["city"], "合肥市");
    assert_eq!(r.extra["grant_type"], "青年科学基金项目");
}
