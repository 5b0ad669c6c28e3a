//! Migration 004 on a version-3 file as earlier duijie wrote it: REAL 万元 amounts become exact
//! 分 (what no amount can be is kept aside, not lost), odd deadlines are kept beside an empty
//! date and flagged, revisions, tombstone triggers, indexes and foreign keys survive the table
//! rebuilds, and the enum columns refuse words duijie does not know.

use std::path::Path;

use duijie::db::{Db, live, pairs, records};
use duijie::domain::Money;
use rusqlite::Connection;

const V1: &str = include_str!("../src/db/migrations/001_init.sql");
const V2: &str = include_str!("../src/db/migrations/002_drop_key_text.sql");
const V3: &str = include_str!("../src/db/migrations/003_revisions.sql");

/// A version-3 file: demands with REAL budgets and deadlines as typed, a result, two pairs
/// with history and follow-ups, a deleted pair's tombstone and revision 7.
fn version_3_file(path: &Path) {
    let c = Connection::open(path).unwrap();
    for sql in [V1, V2, V3] {
        c.execute_batch(sql).unwrap();
    }
    c.pragma_update(None, "application_id", duijie::db::APPLICATION_ID)
        .unwrap();
    c.pragma_update(None, "user_version", 3).unwrap();
    c.execute_batch(
        "INSERT INTO record (id, kind, seq, title, budget_wan, deadline, extra, created_at, \
             updated_at, rev) VALUES \
         (1, 'demand', 1, '铜箔', 12.345678, '明年', '{}', 't', 't', 3), \
         (2, 'demand', 2, '负极', 0.30000000000000004, '2024-02-30', '{}', 't', 't', 4), \
         (3, 'demand', 3, '压铸', 1e308, '2027/03/31', '{\"来源表\":\"a\"}', 't', 't', 5), \
         (4, 'demand', 4, '传感器', 50, '2026-12-01', '{}', 't', 't', 5), \
         (5, 'demand', 5, '光伏', NULL, '', '{}', 't', 't', 5); \
         INSERT INTO record (id, kind, seq, title, price_wan, created_at, updated_at, rev) \
         VALUES (6, 'result', 1, '添加剂', 80.5, 't', 't', 6); \
         UPDATE code_seq SET next = 6 WHERE kind = 'demand'; \
         UPDATE code_seq SET next = 2 WHERE kind = 'result'; \
         INSERT INTO pair (id, demand_id, result_id, note, stage, stage_since, amount_wan, \
             signed_on, created_at, updated_at, rev) VALUES \
         (1, 1, 6, '', 'signed', 't', 1e308, '2026-11-02', 't', 't', 6), \
         (2, 2, 6, '中试', 'signed', 't', 120.5, '2026-11-03', 't', 't', 7); \
         INSERT INTO stage_change (pair_id, from_stage, to_stage, at) \
         VALUES (2, 'candidate', 'signed', 't'); \
         INSERT INTO followup (pair_id, at, channel, note) VALUES (2, 't', 'phone', '回电'); \
         INSERT INTO pair_gone (id, rev) VALUES (9, 2); \
         UPDATE rev_counter SET rev = 7;",
    )
    .unwrap();
}

fn fen(conn: &Connection, sql: &str) -> Option<i64> {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_version_3_file_upgrades_with_exact_money_and_flagged_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    version_3_file(&path);
    let db = Db::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap(), duijie::db::SCHEMA_VERSION);
    let c = db.sqlite().unwrap();

    // Money: integers of 分, rounded from the REAL 万元 exactly.
    let d1 = records::get(c, 1).unwrap().unwrap();
    assert_eq!(d1.budget.map(Money::fen), Some(12_345_678));
    assert_eq!(d1.budget.unwrap().to_string(), "12.345678");
    let d2 = records::get(c, 2).unwrap().unwrap();
    assert_eq!(
        d2.budget.map(Money::fen),
        Some(300_000),
        "0.1 + 0.2 drift gone"
    );
    assert_eq!(
        fen(
            c,
            "SELECT typeof(budget_fen) = 'integer' FROM record WHERE id = 4"
        ),
        Some(1)
    );
    // 1e308 is no amount: not in the money column, kept in extra beside the other extras.
    let d3 = records::get(c, 3).unwrap().unwrap();
    assert_eq!(d3.budget, None);
    assert_eq!(d3.extra["预算（原值）"], "1.0e+308");
    assert_eq!(d3.extra["来源表"], "a");
    let r1 = records::get(c, 6).unwrap().unwrap();
    assert_eq!(r1.price, Money::parse("80.5").unwrap());

    // Deadlines: dates stay (2027/03/31 becomes ISO), the rest is kept beside them, flagged.
    assert_eq!(
        (d1.deadline.as_str(), d1.deadline_text.as_str()),
        ("", "明年")
    );
    assert_eq!(
        (d2.deadline.as_str(), d2.deadline_text.as_str()),
        ("", "2024-02-30")
    );
    assert_eq!(
        (d3.deadline.as_str(), d3.deadline_text.as_str()),
        ("2027-03-31", "")
    );
    let d4 = records::get(c, 4).unwrap().unwrap();
    assert_eq!(
        (d4.deadline.as_str(), d4.deadline_text.as_str()),
        ("2026-12-01", "")
    );

    // Pairs: the same ids and revisions; an impossible amount is named in the note.
    let p1 = pairs::get(c, 1).unwrap().unwrap();
    assert_eq!(p1.amount, None);
    assert!(p1.note.contains("1.0e+308"), "{}", p1.note);
    let p2 = pairs::get(c, 2).unwrap().unwrap();
    assert_eq!(p2.amount.map(Money::fen), Some(120_500_000));
    assert_eq!((p2.note.as_str(), p2.rev), ("中试", 7));
    assert_eq!((d1.rev, d3.rev), (3, 5));
    let history: i64 = c
        .query_row(
            "SELECT count(*) FROM stage_change WHERE pair_id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let log: i64 = c
        .query_row("SELECT count(*) FROM followup WHERE pair_id = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!((history, log), (1, 1));
    assert_eq!(live::current_rev(c).unwrap(), 7);

    // Every index and trigger of version 3 is there again.
    for name in [
        "record_ext_id",
        "record_dedup",
        "record_kind_rev",
        "pair_result",
        "pair_rev",
        "stage_change_pair",
        "followup_pair",
        "record_tombstone",
        "pair_tombstone",
        "pair_back",
    ] {
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "{name}");
    }
}

#[test]
fn after_the_upgrade_tombstones_cascades_and_foreign_keys_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    version_3_file(&path);
    let mut db = Db::open(&path).unwrap();
    // Deleting demand 2 cascades to pair 2, its history and log, leaving tombstones.
    db.write(|tx| records::delete(tx, 2)).unwrap();
    let c = live::changes_since(db.conn(), 7).unwrap();
    assert_eq!((c.gone_records, c.gone_pairs), (vec![2], vec![2]));
    let left: i64 = db
        .sqlite()
        .unwrap()
        .query_row("SELECT count(*) FROM followup", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    // A pair pointing at no record is refused: foreign keys are on again.
    let err = db
        .sqlite()
        .unwrap()
        .execute(
            "INSERT INTO pair (demand_id, result_id, stage_since, created_at, updated_at) \
             VALUES (99, 6, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn the_checked_columns_refuse_what_duijie_does_not_know() {
    let db = Db::open_in_memory().unwrap();
    let c = db.sqlite().unwrap();
    c.execute_batch(
        "INSERT INTO record (kind, seq, title, created_at, updated_at) \
         VALUES ('demand', 1, 'd', '2026-01-01', '2026-01-01'), ('result', 1, 'r', '2026-01-01', '2026-01-01'); \
         INSERT INTO pair (demand_id, result_id, stage_since, created_at, updated_at) \
         VALUES (1, 2, '2026-01-01', '2026-01-01', '2026-01-01');",
    )
    .unwrap();
    for bad in [
        "INSERT INTO pair (demand_id, result_id, stage, stage_since, created_at, updated_at) \
         VALUES (1, 1, 'won', '2026-01-01', '2026-01-01', '2026-01-01')",
        "UPDATE pair SET stage = 'Signed'",
        "UPDATE pair SET contract_type = 'gift'",
        "UPDATE pair SET shelve_reason = 'bored'",
        "UPDATE pair SET amount_fen = -1",
        "UPDATE pair SET amount_fen = 12.5",
        "UPDATE pair SET amount_fen = 10000000000001",
        "INSERT INTO followup (pair_id, at, channel) VALUES (1, '2026-01-01', 'fax')",
        "INSERT INTO stage_change (pair_id, to_stage, at) VALUES (1, 'done', '2026-01-01')",
        "UPDATE record SET budget_fen = -5 WHERE id = 1",
        "UPDATE record SET deadline = '2024-02-30' WHERE id = 1",
        "UPDATE record SET deadline = '明年' WHERE id = 1",
        "UPDATE record SET deadline = '2201-01-01' WHERE id = 1",
        "UPDATE record SET open_call = 2 WHERE id = 1",
    ] {
        let err = c.execute(bad, []).unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{bad}: {err}");
    }
    for good in [
        "UPDATE pair SET stage = 'signed', amount_fen = 12050000000, contract_type = 'licence'",
        "UPDATE pair SET shelve_reason = 'price_gap'",
        "INSERT INTO followup (pair_id, at, channel) VALUES (1, '2026-01-01', 'wechat')",
        "UPDATE record SET deadline = '2026-12-01', budget_fen = 0 WHERE id = 1",
    ] {
        c.execute(good, []).unwrap();
    }
}
