//! An import as one undo step: the entry is opened as the import's transaction begins, each
//! record the import updates leaves its former content beside it as it goes (so memory stays
//! flat however many rows change), and the ids it added are kept as runs. An import that
//! changed nothing leaves no step.

use crate::store::Sql;

use crate::db::{self, DbError};
use crate::domain::undo::{IdRun, Inverse};
use crate::domain::{Kind, Record};

/// The undo step of one import, inside its transaction.
pub(super) struct ImportJournal {
    entry: i64,
    kind: Kind,
    name: String,
    added: Vec<IdRun>,
    updated: u64,
}

impl ImportJournal {
    /// Opens the step of an import of `name` into `kind`, made by `origin`.
    pub(super) fn begin(
        conn: &dyn Sql,
        kind: Kind,
        name: &str,
        origin: &str,
    ) -> Result<ImportJournal, DbError> {
        let inverse = Inverse::UndoImport {
            kind,
            added: Vec::new(),
            updated: 0,
        };
        let entry = db::undo::open(
            conn,
            &crate::domain::undo::Label::Import {
                name: name.to_string(),
                kind,
                added: 0,
                updated: 0,
            }
            .stored(),
            &inverse,
            &db::now(),
            origin,
        )?;
        Ok(ImportJournal {
            entry,
            kind,
            name: name.to_string(),
            added: Vec::new(),
            updated: 0,
        })
    }

    /// Notes a record the import added.
    pub(super) fn added(&mut self, id: i64) {
        match self.added.last_mut() {
            Some((_, last)) if *last + 1 == id => *last = id,
            _ => self.added.push((id, id)),
        }
    }

    /// Keeps `before`, a record the import is about to update, as it was.
    pub(super) fn updating(&mut self, conn: &dyn Sql, before: &Record) -> Result<(), DbError> {
        self.updated += 1;
        db::undo::push_snapshot(conn, self.entry, before)
    }

    /// Writes what the import did into its step, or drops the step when it did nothing.
    pub(super) fn finish(self, conn: &dyn Sql) -> Result<(), DbError> {
        let added: i64 = self.added.iter().map(|(a, b)| b - a + 1).sum();
        if added == 0 && self.updated == 0 {
            return db::undo::remove(conn, self.entry);
        }
        let label = crate::domain::undo::Label::Import {
            name: self.name.clone(),
            kind: self.kind,
            added: added.unsigned_abs(),
            updated: self.updated,
        }
        .stored();
        let inverse = Inverse::UndoImport {
            kind: self.kind,
            added: self.added,
            updated: self.updated,
        };
        db::undo::rewrite(conn, self.entry, &label, &inverse)
    }
}
