//! Migrations: the embedded list, the table of those a file has applied, and the runner
//! that applies every missing one in number order.
//!
//! A file records each migration it ran in `schema_migration` (number, name, applied_at).
//! Migrations are applied by what the table lacks, not by "every number above
//! `user_version`": a number merged after a higher one (011 after 012) still reaches files
//! that already ran the higher one. `PRAGMA user_version` stays in step (the highest number
//! applied), so a build from before the table still refuses a file it is too old for.
//!
//! A file from before the table has only its `user_version`. Each migration shipped before
//! the table says what it leaves in a file (its `probe`); a migration at or below the file's
//! version whose work is not there (a development file that reached 010 before 008 and 009
//! were merged) is applied like a new one. A migration added after the table needs no probe:
//! the table answers for every file it can reach.

use rusqlite::{Connection, TransactionBehavior, params};

use super::{APPLICATION_ID, Db, DbError, DbResult, links};

/// One embedded migration.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Its number: the `user_version` it brings a file to, and its file's prefix.
    pub number: i64,
    /// Its name (the file's name without the number and `.sql`).
    pub name: &'static str,
    /// What it runs.
    pub sql: &'static str,
    /// For migrations shipped before the table of applied migrations: a query giving 1 when
    /// the migration's work is in the file. `None` for later ones, which the table tracks.
    pub probe: Option<&'static str>,
}

/// `SELECT 1 WHERE` a table of this name exists.
macro_rules! has_table {
    ($name:literal) => {
        concat!(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = '",
            $name,
            "'"
        )
    };
}

/// `SELECT 1 WHERE` table `$table` has column `$column`.
macro_rules! has_column {
    ($table:literal, $column:literal) => {
        concat!(
            "SELECT count(*) > 0 FROM pragma_table_info('",
            $table,
            "') WHERE name = '",
            $column,
            "'"
        )
    };
}

/// Embedded migrations in number order. Numbers only grow; they may leave gaps, as each
/// change that needs one is given its number when the change is planned.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        number: 1,
        name: "init",
        sql: include_str!("migrations/001_init.sql"),
        probe: Some(has_table!("record")),
    },
    Migration {
        number: 2,
        name: "drop_key_text",
        sql: include_str!("migrations/002_drop_key_text.sql"),
        probe: Some("SELECT count(*) = 0 FROM pragma_table_info('record') WHERE name = 'key_text'"),
    },
    Migration {
        number: 3,
        name: "revisions",
        sql: include_str!("migrations/003_revisions.sql"),
        probe: Some(has_table!("rev_counter")),
    },
    Migration {
        number: 4,
        name: "exact_money_checks",
        sql: include_str!("migrations/004_exact_money_checks.sql"),
        probe: Some(has_column!("pair", "amount_fen")),
    },
    Migration {
        number: 5,
        name: "undo_snapshots",
        sql: include_str!("migrations/005_undo_snapshots.sql"),
        probe: Some(has_table!("undo_snapshot")),
    },
    Migration {
        number: 6,
        name: "dismissals",
        sql: include_str!("migrations/006_dismissals.sql"),
        probe: Some(has_table!("dismissal")),
    },
    Migration {
        number: 7,
        name: "status_and_dates",
        sql: include_str!("migrations/007_status_and_dates.sql"),
        probe: Some(has_column!("record", "status_text")),
    },
    Migration {
        number: 8,
        name: "orgs_contacts",
        sql: MIGRATION_ORGS,
        probe: Some(has_table!("org")),
    },
    Migration {
        number: 9,
        name: "contracts",
        sql: include_str!("migrations/009_contracts.sql"),
        probe: Some(has_table!("contract")),
    },
    Migration {
        number: 10,
        name: "record_log",
        sql: include_str!("migrations/010_record_log.sql"),
        probe: Some(has_table!("record_note")),
    },
    Migration {
        number: 12,
        name: "new_matches",
        sql: include_str!("migrations/012_new_matches.sql"),
        probe: Some(has_table!("match_mark")),
    },
    Migration {
        number: 13,
        name: "actors",
        sql: include_str!("migrations/013_actors.sql"),
        probe: Some(has_column!("pair", "owner")),
    },
    Migration {
        number: 15,
        name: "contact_lookup",
        sql: include_str!("migrations/015_contact_lookup.sql"),
        probe: Some(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'index' AND name = 'contact_phone_tail'",
        ),
    },
];

/// Organisations and contacts: its tables are filled for the stored records by
/// [`links::backfill`], which needs the name key and so runs in Rust, in the same transaction.
const MIGRATION_ORGS: &str = include_str!("migrations/008_orgs_contacts.sql");

/// The schema version this build writes: the last migration's.
pub const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].number;

/// The table of applied migrations. Made by the runner, not by a migration: it must exist
/// before the first migration it records.
const TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migration (\
     number     INTEGER PRIMARY KEY, \
     name       TEXT    NOT NULL, \
     applied_at TEXT)";

/// Whether the file has the table of applied migrations.
fn has_ledger(conn: &Connection) -> DbResult<bool> {
    Ok(conn
        .prepare_cached(has_table!("schema_migration"))?
        .query_row([], |r| r.get(0))?)
}

/// The numbers of the migrations the file at `version` has applied: from the table when it
/// has one; else every migration up to `version` whose work is in the file.
pub fn applied(conn: &Connection, version: i64) -> DbResult<Vec<i64>> {
    if has_ledger(conn)? {
        let mut st = conn.prepare_cached("SELECT number FROM schema_migration ORDER BY number")?;
        let rows = st.query_map([], |r| r.get(0))?;
        return Ok(rows.collect::<rusqlite::Result<_>>()?);
    }
    let mut done = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| m.number <= version) {
        let present = match m.probe {
            Some(probe) => conn.query_row(probe, [], |r| r.get(0))?,
            None => false,
        };
        if present {
            done.push(m.number);
        }
    }
    Ok(done)
}

/// The migrations the file at `version` still needs, in number order.
pub fn pending(conn: &Connection, version: i64) -> DbResult<Vec<&'static Migration>> {
    let done = applied(conn, version)?;
    Ok(MIGRATIONS
        .iter()
        .filter(|m| !done.contains(&m.number))
        .collect())
}

/// A migration the file records that this build does not know: it was written by a newer
/// duijie (or one built from another branch), whatever its `user_version` says.
pub fn unknown_applied(conn: &Connection) -> DbResult<Option<i64>> {
    if !has_ledger(conn)? {
        return Ok(None);
    }
    let mut st = conn.prepare_cached("SELECT number FROM schema_migration ORDER BY number")?;
    let rows = st.query_map([], |r| r.get::<_, i64>(0))?;
    for n in rows {
        let n = n?;
        if !MIGRATIONS.iter().any(|m| m.number == n) {
            return Ok(Some(n));
        }
    }
    Ok(None)
}

/// One applied migration, as the table holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub number: i64,
    pub name: String,
    /// When it ran (RFC 3339); `None` for those recorded from a file's version when the
    /// table was first made (their time is not known).
    pub applied_at: Option<String>,
}

/// The table of applied migrations, in number order (empty before the file has one).
pub fn ledger(conn: &Connection) -> DbResult<Vec<Applied>> {
    if !has_ledger(conn)? {
        return Ok(Vec::new());
    }
    let mut st = conn
        .prepare_cached("SELECT number, name, applied_at FROM schema_migration ORDER BY number")?;
    let rows = st.query_map([], |r| {
        Ok(Applied {
            number: r.get(0)?,
            name: r.get(1)?,
            applied_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Db {
    /// Applies every migration the file at `version` lacks.
    /// (A file's: the shared database's schema is migrated as it is connected to.)
    pub(super) fn migrate(&mut self, version: i64) -> DbResult<()> {
        let super::Engine::Sqlite(conn) = &mut self.engine else {
            return Ok(());
        };
        let todo = pending(conn, version)?;
        if todo.is_empty() && has_ledger(conn)? {
            return Ok(());
        }
        // A migration that rebuilds a table (004) drops the old one: with foreign keys on,
        // that would cascade into the pairs and follow-ups. Off for the migrations (the pragma
        // is a no-op inside a transaction), checked before each commit, on again after.
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        let out = run_migrations(conn, version, &todo);
        conn.pragma_update(None, "foreign_keys", "ON")?;
        out
    }
}

fn run_migrations(conn: &mut Connection, version: i64, todo: &[&Migration]) -> DbResult<()> {
    {
        // The table first, holding what the file already has (from its version and probes),
        // in the same transaction: a file is never left with a table that misstates it.
        if !has_ledger(conn)? {
            let done = applied(conn, version)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(TABLE)?;
            // Marked duijie's in the same commit: a file killed before its first migration
            // commits is recognised (and migrated) when opened again, not refused as foreign.
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            for m in MIGRATIONS.iter().filter(|m| done.contains(&m.number)) {
                tx.execute(
                    "INSERT INTO schema_migration (number, name, applied_at) \
                     VALUES (?1, ?2, NULL)",
                    params![m.number, m.name],
                )?;
            }
            tx.commit()?;
        }
        for m in todo {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(m.sql)?;
            if m.sql == MIGRATION_ORGS {
                links::backfill(&tx)?;
            }
            let broken: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if broken > 0 {
                return Err(DbError::Invalid(format!(
                    "migration {} left {broken} rows pointing at rows that do not exist",
                    m.number
                )));
            }
            tx.execute(
                "INSERT INTO schema_migration (number, name, applied_at) VALUES (?1, ?2, ?3)",
                params![m.number, m.name, super::now()],
            )?;
            let top: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", top.max(m.number))?;
            tx.commit()?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "migrate_tests.rs"]
mod tests;
