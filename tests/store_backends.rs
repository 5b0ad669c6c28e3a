//! The store suite: the query modules that run on either engine (`store::Sql`), and the two
//! schemas' rules, on an in-memory SQLite database and — when `DUIJIE_TEST_PG` names a server
//! (`.ci/run` starts a throwaway one with `scripts/pg-test-cluster`) — on PostgreSQL, each
//! test in a schema of its own. Without the variable the PostgreSQL half says it was skipped.

use duijie::db::engine::Store;

mod common;

use common::engines::{empty_schema, engines, fresh_schema, server};
use duijie::db::{Db, rev, stats, views};
use duijie::domain::{Money, ShelveReason, Stage};
use duijie::store::pg::{self, PgConn};
use duijie::store::{Backend, Sql};

const NOW: &str = "2026-12-02T09:00:00Z";

/// A record written with portable SQL (the records module is not on `Sql` yet).
fn add_record(s: &dyn Sql, kind: &str, seq: i64, title: &str) -> i64 {
    let rev = rev::stamp(s).unwrap();
    s.insert(
        "INSERT INTO record (kind, seq, title, created_at, updated_at, rev) \
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        &[&kind, &seq, &title, &NOW, &rev],
    )
    .unwrap()
}

#[test]
fn a_saved_view_round_trips_and_its_slot_is_replaced() {
    for mut store in engines("views") {
        let filters = vec!["光伏".to_string(), "河南 · 郑州".to_string()];
        store
            .write(|s| views::save(s, 3, "铜箔", &filters))
            .unwrap();
        store
            .write(|s| views::save(s, 3, "锂电 回收", &filters))
            .unwrap();
        let got: Option<(String, Vec<String>)> = views::load(store.sql(), 3).unwrap();
        assert_eq!(
            got,
            Some(("锂电 回收".into(), filters.clone())),
            "{:?}",
            store.backend()
        );
        assert_eq!(views::load::<Vec<String>>(store.sql(), 4).unwrap(), None);
    }
}

#[test]
fn each_write_takes_one_fresh_revision_that_its_rows_carry() {
    for mut store in engines("revs") {
        let before = rev::current(store.sql()).unwrap();
        let (a, b, stamped) = store
            .write(|s| {
                let a = add_record(s, "demand", 1, "铜箔");
                let b = add_record(s, "result", 1, "电解铜箔");
                Ok((a, b, rev::current(s)?))
            })
            .unwrap();
        assert_eq!(stamped, before + 1, "{:?}", store.backend());
        let revs: Vec<i64> = store
            .sql()
            .query(
                "SELECT rev FROM record WHERE id IN (?1, ?2) ORDER BY id",
                &[&a, &b],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0).unwrap())
            .collect();
        assert_eq!(
            revs,
            vec![stamped, stamped],
            "both rows carry the write's revision"
        );
        store
            .write(|s| Ok(add_record(s, "demand", 2, "光伏")))
            .unwrap();
        assert_eq!(rev::current(store.sql()).unwrap(), stamped + 1);
    }
}

#[test]
fn a_deleted_record_leaves_a_tombstone_with_the_deleting_revision() {
    for mut store in engines("gone") {
        let id = store
            .write(|s| Ok(add_record(s, "result", 7, "钠电池")))
            .unwrap();
        let rev = store
            .write(|s| {
                s.execute("DELETE FROM record WHERE id = ?1", &[&id])?;
                Ok(rev::current(s)?)
            })
            .unwrap();
        let row = store
            .sql()
            .query_one("SELECT kind, rev FROM record_gone WHERE id = ?1", &[&id])
            .unwrap();
        assert_eq!(
            row.get::<String>(0).unwrap(),
            "result",
            "{:?}",
            store.backend()
        );
        assert_eq!(row.get::<i64>(1).unwrap(), rev);
    }
}

#[test]
fn both_schemas_refuse_the_same_impossible_rows() {
    for mut store in engines("rules") {
        let engine = store.backend();
        let (d, r) = store
            .write(|s| {
                Ok((
                    add_record(s, "demand", 1, "需求"),
                    add_record(s, "result", 1, "成果"),
                ))
            })
            .unwrap();
        let refused = |store: &mut Store, what: &str, sql: &str| {
            let out = store.write(|s| Ok(s.execute(sql, &[&d, &r])?));
            assert!(out.is_err(), "{engine:?} took {what}");
        };
        let pair = |stage: &str, since: &str| {
            format!(
                "INSERT INTO pair (demand_id, result_id, stage, stage_since, created_at, updated_at) \
                 VALUES (?1, ?2, '{stage}', '{since}', '{NOW}', '{NOW}')"
            )
        };
        refused(&mut store, "a stage of no list", &pair("won", "2026-12-01"));
        refused(&mut store, "30 February", &pair("candidate", "2024-02-30"));
        refused(&mut store, "year 2300", &pair("candidate", "2300-01-01"));
        refused(
            &mut store,
            "a status other than open/closed",
            "UPDATE record SET status = '洽谈中' WHERE id IN (?1, ?2)",
        );
        refused(
            &mut store,
            "a negative budget",
            "UPDATE record SET budget_fen = -1 WHERE id IN (?1, ?2)",
        );
        store
            .write(|s| Ok(s.execute(&pair("contacted", "2024-02-29"), &[&d, &r])?))
            .unwrap();
        let stages = store
            .sql()
            .query_one("SELECT count(*), max(stage) FROM pair", &[])
            .unwrap();
        assert_eq!(stages.get::<i64>(0).unwrap(), 1, "{engine:?}");
        assert_eq!(stages.get::<String>(1).unwrap(), "contacted");
    }
}

#[test]
fn a_server_schema_is_migrated_once_and_foreign_or_newer_schemas_are_left_alone() {
    let Some(url) = server() else {
        eprintln!("PostgreSQL migrations: skipped (set DUIJIE_TEST_PG; .ci/run does)");
        return;
    };
    let conn = empty_schema(&url, "migrate");
    let every: Vec<i64> = pg::MIGRATIONS.iter().map(|m| m.0).collect();
    assert_eq!(pg::migrate(&conn).unwrap(), every);
    assert_eq!(every.last(), Some(&pg::SCHEMA_VERSION));
    assert_eq!(
        pg::migrate(&conn).unwrap(),
        Vec::<i64>::new(),
        "nothing twice"
    );
    assert_eq!(conn.backend(), Backend::Postgres);

    conn.execute(
        "INSERT INTO schema_migration (number, name, applied_at) VALUES (999, 'future', '')",
        &[],
    )
    .unwrap();
    let err = pg::migrate(&conn).unwrap_err().to_string();
    assert!(err.contains("newer duijie"), "{err}");

    let foreign = empty_schema(&url, "foreign");
    foreign.batch("CREATE TABLE invoices (id BIGINT)").unwrap();
    let err = pg::migrate(&foreign).unwrap_err().to_string();
    assert!(err.contains("not duijie's"), "{err}");
    let left: i64 = foreign
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )
        .unwrap()
        .get(0)
        .unwrap();
    assert_eq!(left, 1, "the foreign schema is untouched");
}

#[test]
fn a_refused_login_never_shows_the_password() {
    let Some(url) = server() else {
        eprintln!("PostgreSQL login: skipped (set DUIJIE_TEST_PG; .ci/run does)");
        return;
    };
    let Some(at) = url.rfind('@') else { return };
    let scheme_end = url.find("://").unwrap() + 3;
    let user = url[scheme_end..at].split(':').next().unwrap();
    let wrong = format!("{}{user}:hunter2-wrong{}", &url[..scheme_end], &url[at..]);
    let err = match Store::open(&wrong) {
        Ok(_) => panic!("a wrong password was taken"),
        Err(e) => e.to_string(),
    };
    assert!(!err.contains("hunter2"), "{err}");
    assert!(err.contains("password"), "says why: {err}");
}

/// The same pipeline written on each engine with portable SQL.
fn fill_pipeline(s: &dyn Sql) -> duijie::db::DbResult<()> {
    let rev = rev::stamp(s)?;
    let mut ids = Vec::new();
    for (kind, seq, title, org, field, region) in [
        (
            "demand",
            1,
            "电解铜箔",
            "汉威科技集团",
            "新材料",
            "河南 · 郑州",
        ),
        ("demand", 2, "锂电池回收", "格林美", "新能源", "湖北 · 武汉"),
        ("result", 1, "极薄铜箔", "中南大学", "", ""),
        ("result", 2, "湿法提锂", "郑州大学", "", ""),
    ] {
        ids.push(s.insert(
            "INSERT INTO record (kind, seq, title, org, field, region, created_at, updated_at, rev) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            &[&kind, &seq, &title, &org, &field, &region, &NOW, &rev],
        )?);
    }
    let signed = s.insert(
        "INSERT INTO pair (demand_id, result_id, stage, stage_since, amount_fen, signed_on, \
         contract_type, reg_no, created_at, updated_at, rev) \
         VALUES (?1, ?2, 'registered', '2026-11-20', ?3, '2026-11-01', 'transfer', 'HN-2026-7', \
         '2026-09-01T08:00:00Z', ?4, ?5)",
        &[&ids[0], &ids[2], &Money::from_fen(50_000_000), &NOW, &rev],
    )?;
    let shelved = s.insert(
        "INSERT INTO pair (demand_id, result_id, stage, stage_since, shelve_reason, created_at, \
         updated_at, rev) VALUES (?1, ?2, 'shelved', '2026-10-02', 'price_gap', ?3, ?3, ?4)",
        &[&ids[1], &ids[3], &NOW, &rev],
    )?;
    for (pair, from, to, at) in [
        (signed, None, "candidate", "2026-09-01T08:00:00Z"),
        (signed, Some("candidate"), "signed", "2026-11-01T10:00:00Z"),
        (signed, Some("signed"), "registered", "2026-11-20T10:00:00Z"),
        (shelved, None, "candidate", "2026-09-03T08:00:00Z"),
        (
            shelved,
            Some("candidate"),
            "shelved",
            "2026-10-02T08:00:00Z",
        ),
    ] {
        s.execute(
            "INSERT INTO stage_change (pair_id, from_stage, to_stage, at) VALUES (?1, ?2, ?3, ?4)",
            &[&pair, &from, &to, &at],
        )?;
    }
    for at in ["2026-10-01T09:00:00Z", "2026-11-05T09:30:00Z"] {
        s.execute(
            "INSERT INTO followup (pair_id, at, channel, note) VALUES (?1, ?2, 'phone', '问进度')",
            &[&signed, &at],
        )?;
    }
    for (day, fen) in [("2026-11-25", 20_000_000_i64), ("2026-11-28", 5_000_000)] {
        s.execute(
            "INSERT INTO payment (pair_id, paid_on, amount_fen) VALUES (?1, ?2, ?3)",
            &[&signed, &day, &fen],
        )?;
    }
    Ok(())
}

#[test]
fn the_figures_rows_are_the_same_on_both_engines() {
    let mut seen = Vec::new();
    for mut store in engines("stats") {
        store.write(|s| fill_pipeline(s)).unwrap();
        let s = store.sql();
        let pairs = stats::pairs(s).unwrap();
        assert_eq!(pairs.len(), 2, "{:?}", store.backend());
        assert_eq!(pairs[0].stage, Stage::Registered);
        assert!(pairs[0].registered && !pairs[1].registered);
        assert_eq!(pairs[0].amount, Money::from_fen(50_000_000));
        assert_eq!(pairs[0].field, "新材料");
        assert_eq!(pairs[1].shelve_reason, Some(ShelveReason::PriceGap));
        let moves = stats::moves(s).unwrap();
        assert_eq!(moves.len(), 5);
        let calls = stats::followup_times(s, "2026-11-01").unwrap();
        assert_eq!(calls, vec!["2026-11-05T09:30:00Z".to_string()]);
        let paid = stats::payments(s).unwrap();
        let total: i64 = paid.iter().map(|(_, _, m)| m.fen()).sum();
        assert_eq!(total, 25_000_000);
        seen.push((pairs, moves, calls, paid));
    }
    if let [sqlite, pg] = seen.as_slice() {
        assert_eq!(sqlite, pg, "SQLite and PostgreSQL give the same rows");
    }
}

/// Every row of every copied table, in a stable order.
fn all_rows(db: &Db) -> Vec<(String, Vec<String>)> {
    duijie::db::copy::TABLES
        .iter()
        .map(|t| {
            let mut rows: Vec<String> = db
                .conn()
                .query(&format!("SELECT * FROM {t}"), &[])
                .unwrap()
                .iter()
                .map(|r| format!("{:?}", r.0))
                .collect();
            rows.sort();
            (t.to_string(), rows)
        })
        .collect()
}

#[test]
fn push_then_pull_gives_back_every_row_and_a_second_push_is_refused() {
    let Some(url) = server() else {
        eprintln!("push/pull: skipped (set DUIJIE_TEST_PG; .ci/run does)");
        return;
    };
    drop(empty_schema(&url, "push"));
    let schema = format!("t_push_{}", std::process::id());
    let sep = if url.contains('?') { '&' } else { '?' };
    let target = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    let dir = tempfile::tempdir().unwrap();
    let (demo, back) = (dir.path().join("demo.db"), dir.path().join("back.db"));
    let duijie = |args: &[std::ffi::OsString]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_duijie"))
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .unwrap()
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    assert!(
        duijie(&[os("demo-db"), demo.clone().into_os_string()])
            .status
            .success()
    );
    let push = [
        os("--db"),
        demo.clone().into_os_string(),
        os("push"),
        os("--to"),
        os(&target),
    ];
    let out = duijie(&push);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("pairs") && !said.contains("duijie-ci"),
        "no password shown: {said}"
    );

    let again = duijie(&push);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing copied"));

    let pull = [
        os("--db"),
        os(&target),
        os("pull"),
        os("--to"),
        back.clone().into_os_string(),
    ];
    let out = duijie(&pull);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let (a, b) = (Db::open(&demo).unwrap(), Db::open(&back).unwrap());
    let (a, b) = (all_rows(&a), all_rows(&b));
    assert!(
        a.iter()
            .any(|(t, rows)| t == "followup" && !rows.is_empty())
    );
    for ((table, ours), (_, theirs)) in a.iter().zip(&b) {
        assert_eq!(ours, theirs, "table {table} came back changed");
    }

    // The commands work on the server as on the file; one that works on a file refuses.
    let list = |db: &std::ffi::OsStr| {
        let out = duijie(&[
            os("--db"),
            db.to_owned(),
            os("list"),
            os("demands"),
            os("--json"),
        ]);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(list(demo.as_os_str()), list(std::ffi::OsStr::new(&target)));
    let out = duijie(&[os("--db"), os(&target), os("check")]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("pull --to") && !said.contains("duijie-ci"),
        "{said}"
    );
}

#[test]
fn sslmode_require_connects_over_verified_tls_and_refuses_an_unknown_server() {
    let (Some(url), Some(ca)) = (server(), std::env::var("DUIJIE_TEST_PG_CA").ok()) else {
        eprintln!("TLS: skipped (set DUIJIE_TEST_PG and DUIJIE_TEST_PG_CA; .ci/run does)");
        return;
    };
    let sep = if url.contains('?') { '&' } else { '?' };
    let conn = PgConn::connect(&format!("{url}{sep}sslmode=require&sslrootcert={ca}")).unwrap();
    let ssl: bool = conn
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
        .unwrap();
    assert!(ssl, "the session is encrypted");

    let err = match PgConn::connect(&format!("{url}{sep}sslmode=require")) {
        Ok(_) => panic!("a server signed by an unknown CA was trusted"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("sslrootcert"), "says what to do: {err}");
    assert!(!err.contains("duijie-ci"), "no password: {err}");

    let plain = PgConn::connect(&url).unwrap();
    let ssl: bool = plain
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
        .unwrap();
    assert!(!ssl, "without sslmode=require the session is plain");
}

#[test]
fn a_session_has_no_broker_name_until_one_is_set_on_either_engine() {
    use duijie::db::actor;
    for store in engines("actor") {
        let s = store.sql();
        assert_eq!(actor::current(s).unwrap(), None, "{:?}", store.backend());
        actor::set(s, Some("王芳")).unwrap();
        assert_eq!(actor::current(s).unwrap().as_deref(), Some("王芳"));
        actor::set(s, None).unwrap();
        assert_eq!(actor::current(s).unwrap(), None);
    }
}

#[test]
fn a_listening_desk_hears_another_sessions_commit_within_a_second_and_not_a_rollback() {
    let Some(url) = server() else {
        eprintln!("change feed: PostgreSQL part skipped (set DUIJIE_TEST_PG; .ci/run does)");
        return;
    };
    let writer = fresh_schema(&url, "feed");
    let schema: String = writer
        .query_one("SELECT current_schema()", &[])
        .unwrap()
        .get(0)
        .unwrap();
    let listener = pg::Listener::start(&url, &schema).unwrap();
    let wait_for = |n: u64| {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(1);
        while listener.heard() < n && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        listener.heard()
    };
    let mut store = Store::shared(writer);
    store
        .write(|s| Ok(add_record(s, "demand", 1, "锂电池回收")))
        .unwrap();
    assert_eq!(wait_for(1), 1, "a commit is heard within 1 s");
    let refused: duijie::db::DbResult<()> = store.write(|s| {
        add_record(s, "demand", 2, "不会提交");
        Err(duijie::db::DbError::Store(duijie::store::StoreError::NoRow))
    });
    assert!(refused.is_err());
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(listener.heard(), 1, "a rolled-back write is not announced");
    assert!(listener.alive());
}

#[test]
fn a_login_with_read_rights_only_browses_and_its_writes_are_refused_clearly() {
    let Some(url) = server() else {
        eprintln!("read-only login: PostgreSQL part skipped (set DUIJIE_TEST_PG; .ci/run does)");
        return;
    };
    let owner = fresh_schema(&url, "reader");
    let schema: String = owner
        .query_one("SELECT current_schema()", &[])
        .unwrap()
        .get(0)
        .unwrap();
    let mut store = Store::shared(owner);
    store
        .write(|s| Ok(add_record(s, "demand", 1, "锂电池回收")))
        .unwrap();
    store
        .sql()
        .batch(&format!(
            "GRANT USAGE ON SCHEMA {schema} TO duijie_reader; \
             GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO duijie_reader"
        ))
        .unwrap();
    let reader_url = url.replacen("://duijie:", "://duijie_reader:", 1);
    let reader = PgConn::connect(&reader_url).unwrap();
    reader
        .batch(&format!("SET search_path TO {schema}"))
        .unwrap();
    let mut reading = Store::shared(reader);
    let titles = reading
        .sql()
        .query("SELECT title FROM record", &[])
        .unwrap();
    assert_eq!(titles.len(), 1, "the reader browses");
    let err = reading
        .write(|s| Ok(add_record(s, "demand", 2, "写不进")))
        .unwrap_err();
    assert!(
        matches!(err, duijie::db::DbError::ReadOnlyRole(_)),
        "{err:?}"
    );
    assert!(err.to_string().contains("may only read"), "{err}");
    assert_eq!(
        store
            .sql()
            .query("SELECT id FROM record", &[])
            .unwrap()
            .len(),
        1,
        "nothing was written"
    );
}

#[test]
fn a_write_on_a_dropped_connection_fails_with_one_clear_line_and_a_reconnect_goes_on() {
    let Some(url) = server() else {
        eprintln!("dropped connection: PostgreSQL part skipped (set DUIJIE_TEST_PG; .ci/run does)");
        return;
    };
    let at = common::engines::schema_url("dropped").unwrap();
    let conn = PgConn::connect(&at).unwrap();
    pg::migrate(&conn).unwrap();
    let mut store = Store::shared(conn);
    store
        .write(|s| Ok(add_record(s, "demand", 1, "断线前")))
        .unwrap();
    let pid: i64 = store
        .sql()
        .query_one("SELECT CAST(pg_backend_pid() AS BIGINT)", &[])
        .unwrap()
        .get(0)
        .unwrap();
    let admin = PgConn::connect(&url).unwrap();
    admin
        .query("SELECT pg_terminate_backend(CAST(?1 AS INTEGER))", &[&pid])
        .unwrap();
    let err = store
        .write(|s| Ok(add_record(s, "demand", 2, "断线")))
        .unwrap_err();
    assert!(matches!(err, duijie::db::DbError::Lost(_)), "{err:?}");
    let line = err.to_string();
    assert!(
        line.contains("connection to the shared database was lost"),
        "{line}"
    );
    assert!(
        !line.contains('\n') && !line.contains("duijie-ci"),
        "{line}"
    );
    // Reconnected, the same session (schema and all) takes the write.
    let Store::Shared(conn) = &store else {
        unreachable!()
    };
    conn.reconnect().unwrap();
    store
        .write(|s| Ok(add_record(s, "demand", 2, "重连后")))
        .unwrap();
    let n: i64 = store
        .sql()
        .query_one("SELECT count(*) FROM record", &[])
        .unwrap()
        .get(0)
        .unwrap();
    assert_eq!(n, 2);
}
