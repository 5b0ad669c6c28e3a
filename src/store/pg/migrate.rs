//! Versioned migrations on PostgreSQL. Each applied one is a row of `schema_migration`
//! (number, name, when), so a missing one is applied whatever came after it. Numbers follow
//! SQLite's (`db::MIGRATIONS`): the baseline is SQLite's schema at 012 in one step, and a
//! change after it takes the same number on both engines.

use jiff::Timestamp;

use super::PgConn;
use crate::store::{Sql, StoreError, StoreResult};

/// Embedded migrations: number, name, SQL.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (12, "baseline", include_str!("migrations/012_baseline.sql")),
    (13, "actors", include_str!("migrations/013_actors.sql")),
    (
        15,
        "contact_lookup",
        include_str!("migrations/015_contact_lookup.sql"),
    ),
    // PostgreSQL only: SQLite's desks read `PRAGMA data_version` for the same purpose.
    (
        16,
        "change_feed",
        include_str!("migrations/016_change_feed.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Brings the connection's schema (its `search_path`'s first) up to [`SCHEMA_VERSION`],
/// applying every missing migration in order, each in its own transaction, under an advisory
/// lock so two desks starting together do not both apply one. A schema holding tables that
/// are not duijie's, or written by a newer duijie, is refused untouched. Gives the numbers
/// it applied.
pub fn migrate(conn: &PgConn) -> StoreResult<Vec<i64>> {
    let mut applied_now = Vec::new();
    for &(number, name, sql) in MIGRATIONS {
        let done = conn.write(|c| {
            c.batch("SELECT pg_advisory_xact_lock(4444403031)")?;
            let applied = applied(c)?;
            if let Some(newest) = applied.iter().max().filter(|n| **n > SCHEMA_VERSION) {
                return Err(StoreError::Setup(format!(
                    "the shared database was written by a newer duijie (schema {newest}, this \
                     build knows {SCHEMA_VERSION}); left untouched — upgrade duijie"
                )));
            }
            if applied.contains(&number) {
                return Ok(false);
            }
            c.batch(sql)?;
            c.execute(
                "INSERT INTO schema_migration (number, name, applied_at) VALUES (?1, ?2, ?3)",
                &[&number, &name, &Timestamp::now().to_string()],
            )?;
            Ok(true)
        })?;
        if done {
            applied_now.push(number);
        }
    }
    Ok(applied_now)
}

/// The migrations applied so far, creating their table on a schema with no table at all.
fn applied(c: &PgConn) -> StoreResult<Vec<i64>> {
    let has_table = |name: &str| -> StoreResult<bool> {
        Ok(c.query_one(
            "SELECT count(*) FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = ?1",
            &[&name],
        )?
        .get::<i64>(0)?
            > 0)
    };
    if !has_table("schema_migration")? {
        let tables: i64 = c
            .query_one(
                "SELECT count(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema()",
                &[],
            )?
            .get(0)?;
        if tables > 0 {
            return Err(StoreError::Setup(format!(
                "the shared database's schema holds {tables} tables that are not duijie's; \
                 left untouched — give duijie an empty database or schema"
            )));
        }
        c.batch(
            "CREATE TABLE schema_migration (
                 number     BIGINT PRIMARY KEY,
                 name       TEXT NOT NULL,
                 applied_at TEXT NOT NULL
             )",
        )?;
    }
    c.query("SELECT number FROM schema_migration ORDER BY number", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect()
}
