//! The engines a store test runs on: an in-memory SQLite database always, and PostgreSQL
//! when `DUIJIE_TEST_PG` names a server (`.ci/run` starts a throwaway one with
//! `scripts/pg-test-cluster`), each test in a fresh schema of its own. Without the variable
//! the PostgreSQL half says it was skipped.

use duijie::db::Db;
use duijie::db::engine::Store;
use duijie::store::Sql;
use duijie::store::pg::{self, PgConn};

/// The engines a test runs on: SQLite always, PostgreSQL when configured.
pub fn engines(test: &str) -> Vec<Store> {
    let mut out = vec![Store::Local(Db::open_in_memory().unwrap())];
    match server() {
        Some(url) => out.push(Store::shared(fresh_schema(&url, test))),
        None => eprintln!("{test}: PostgreSQL part skipped (set DUIJIE_TEST_PG; .ci/run does)"),
    }
    out
}

pub fn server() -> Option<String> {
    std::env::var("DUIJIE_TEST_PG")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A session on the test server whose search path is a new, migrated schema.
pub fn fresh_schema(url: &str, test: &str) -> PgConn {
    let conn = empty_schema(url, test);
    pg::migrate(&conn).unwrap();
    conn
}

pub fn empty_schema(url: &str, test: &str) -> PgConn {
    let conn = PgConn::connect(url).unwrap();
    let schema = format!("t_{test}_{}", std::process::id());
    conn.batch(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; \
         SET search_path TO {schema}"
    ))
    .unwrap();
    conn
}

/// The test server's address with a fresh, empty schema of its own as the search path, for
/// processes that connect by address (the CLI, a desk); `None` (and a line saying the test
/// was skipped) without `DUIJIE_TEST_PG`.
pub fn schema_url(test: &str) -> Option<String> {
    let Some(url) = server() else {
        eprintln!("{test}: PostgreSQL part skipped (set DUIJIE_TEST_PG; .ci/run does)");
        return None;
    };
    let conn = empty_schema(&url, test);
    let schema: String = conn
        .query_one("SELECT current_schema()", &[])
        .unwrap()
        .get(0)
        .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(format!("{url}{sep}options=-c%20search_path%3D{schema}"))
}
