//! `s` on a database file: the index is built (or brought up to date after an edit) on a
//! thread with its own connection, and the answer comes back through `answers`.

use std::time::{Duration, Instant};

use super::*;
use crate::domain::{Kind, Record};

fn add(db: &mut Db, kind: Kind, title: &str) -> Record {
    let mut r = Record::new(kind, title);
    r.field = "新材料".into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    r
}

/// The rows' codes of the first `Suggested` among `actions`, and whether it was a refresh.
fn suggested(actions: &[Action]) -> Option<(Vec<String>, bool)> {
    actions.iter().find_map(|a| match a {
        Action::Pipe(PipeAction::Suggested { rows, refresh, .. }) => {
            Some((rows.iter().map(|r| r.code.clone()).collect(), *refresh))
        }
        _ => None,
    })
}

/// Polls `answers` until a `Suggested` comes (the build runs on a thread).
fn wait(runner: &mut PipeRunner, db: &Db) -> (Vec<String>, bool) {
    let start = Instant::now();
    loop {
        if let Some(found) = suggested(&runner.answers(db)) {
            return found;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no answer from the build"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn after_an_edit_s_answers_at_once_and_the_list_follows_the_edited_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("t.db")).unwrap();
    let demand = add(&mut db, Kind::Demand, "锂电池回收湿法冶金");
    let other = add(&mut db, Kind::Achievement, "锂电池隔膜涂覆");
    let mut late = add(&mut db, Kind::Achievement, "光伏支架镀锌");
    let mut runner = PipeRunner::default();

    // First `s`: no index yet; it is built on a thread and answers the request.
    let first = runner
        .run(&mut db, PipeEffect::Suggest { id: demand.id })
        .unwrap();
    assert!(suggested(&first).is_none(), "nothing to answer from yet");
    let (rows, _) = wait(&mut runner, &db);
    assert_eq!(rows.first(), Some(&other.code().to_string()), "{rows:?}");

    // The broker edits a result into a better fit: the next `s` answers at once from the
    // index as it was, and the brought-up-to-date one refreshes the list.
    late.title = "废旧锂电池回收湿法冶金工艺".into();
    db.write(|tx| records::update(tx, &mut late)).unwrap();
    runner.records_changed();
    let at_once = runner
        .run(&mut db, PipeEffect::Suggest { id: demand.id })
        .unwrap();
    let (rows, refresh) = suggested(&at_once).expect("answered from the index as it was");
    assert!(!refresh);
    assert_eq!(rows.first(), Some(&other.code().to_string()), "{rows:?}");
    let (rows, refresh) = wait(&mut runner, &db);
    assert!(refresh, "the new index refreshes the open list");
    assert_eq!(rows.first(), Some(&late.code().to_string()), "{rows:?}");
}
