//! Migration 007 on a version-6 file: every status word becomes open or closed by the same
//! rules the app uses for new input (domain::status::parse), the word is kept beside it, and
//! afterwards the store refuses other statuses and days that do not exist in the pipeline.

use std::path::Path;

use duijie::db::{Db, records};
use duijie::domain::status::{CLOSED_WORDS, CLOSING_PARTS, OPEN_WORDS, parse};
use rusqlite::Connection;

const UP_TO_6: [&str; 6] = [
    include_str!("../src/db/migrations/001_init.sql"),
    include_str!("../src/db/migrations/002_drop_key_text.sql"),
    include_str!("../src/db/migrations/003_revisions.sql"),
    include_str!("../src/db/migrations/004_exact_money_checks.sql"),
    include_str!("../src/db/migrations/005_undo_snapshots.sql"),
    include_str!("../src/db/migrations/006_dismissals.sql"),
];

/// Every listed word, in other cases and with spaces, a closing word inside a longer one,
/// and words the lists do not know.
fn words() -> Vec<String> {
    let mut out: Vec<String> = OPEN_WORDS
        .iter()
        .chain(CLOSED_WORDS)
        .map(|w| (*w).to_string())
        .collect();
    out.extend(CLOSING_PARTS.iter().map(|p| format!("合同{p}")));
    out.extend(
        [
            "Open",
            " CLOSED ",
            "",
            "洽谈中",
            "可转化",
            "已转化",
            "暂停",
            "Pending",
        ]
        .iter()
        .map(|w| (*w).to_string()),
    );
    out
}

fn version_6_file(path: &Path, words: &[String]) {
    let c = Connection::open(path).unwrap();
    for sql in UP_TO_6 {
        c.execute_batch(sql).unwrap();
    }
    c.pragma_update(None, "application_id", duijie::db::APPLICATION_ID)
        .unwrap();
    c.pragma_update(None, "user_version", 6).unwrap();
    for (i, w) in words.iter().enumerate() {
        c.execute(
            "INSERT INTO record (id, kind, seq, title, status, created_at, updated_at) \
             VALUES (?1, 'result', ?1, '成果', ?2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            rusqlite::params![i as i64 + 1, w],
        )
        .unwrap();
    }
    c.execute(
        "INSERT INTO record (id, kind, seq, title, created_at, updated_at) \
         VALUES (1000, 'demand', 1, '需求', 't', 't')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO pair (id, demand_id, result_id, stage, stage_since, created_at, updated_at) \
         VALUES (1, 1000, 1, 'candidate', '2026-11-29T13:44:45Z', 't', 't')",
        [],
    )
    .unwrap();
}

#[test]
fn statuses_migrate_as_the_app_parses_them_and_the_store_refuses_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v6.db");
    let words = words();
    version_6_file(&path, &words);
    let db = Db::open(&path).unwrap();
    let c = db.sqlite().unwrap();
    for (i, w) in words.iter().enumerate() {
        let (status, text): (String, String) = c
            .query_row(
                "SELECT status, status_text FROM record WHERE id = ?1",
                [i as i64 + 1],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let (want, want_text) = parse(w);
        assert_eq!(
            (status.as_str(), text.as_str()),
            (want, want_text.as_str()),
            "{w:?}"
        );
    }
    let shown = records::get(
        c,
        1 + words.iter().position(|w| w == "洽谈中").unwrap() as i64,
    )
    .unwrap()
    .unwrap();
    assert_eq!(shown.status_shown(), "洽谈中");

    let refused = |sql: &str| {
        let e = c.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("CHECK constraint failed"), "{sql}: {e}");
    };
    refused("UPDATE record SET status = '洽谈中' WHERE id = 1");
    refused("UPDATE pair SET next_due = '2026-02-30' WHERE id = 1");
    refused("UPDATE pair SET signed_on = '2201-01-01' WHERE id = 1");
    refused(
        "INSERT INTO followup (pair_id, at, channel) VALUES (1, '1899-12-31T00:00:00Z', 'phone')",
    );
    // An update leaves dates it does not change alone (created_at 't' from an old test file).
    c.execute("UPDATE pair SET next_due = '2028-02-29' WHERE id = 1", [])
        .unwrap();
}

#[test]
fn a_status_word_written_through_the_store_is_kept_beside_the_status() {
    let mut db = Db::open_in_memory().unwrap();
    let mut r = duijie::domain::Record::new(duijie::domain::Kind::Demand, "铜箔");
    r.status = "合同已终止".into();
    db.write(|tx| records::insert(tx, &mut r)).unwrap();
    let back = records::get(db.conn(), r.id).unwrap().unwrap();
    assert_eq!(back.status, "closed");
    assert_eq!(back.status_shown(), "合同已终止");
}
