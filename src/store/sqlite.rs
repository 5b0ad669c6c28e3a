//! [`Sql`] over rusqlite: statements are prepared once per connection (its statement cache).

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql, Transaction};

use super::{Backend, Params, Row, Sql, StoreResult, Value, values};

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// Whether a SQLite error is SQLITE_BUSY or SQLITE_LOCKED: another writer holds the lock.
pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn value_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// Stores `v` in `slot`, into the text or blob buffer the slot already holds when it can: a
/// large read (every record's search keys at start) then allocates nothing per row.
fn set_value(slot: &mut Value, v: ValueRef<'_>) {
    match (&mut *slot, v) {
        (Value::Text(s), ValueRef::Text(t)) => {
            s.clear();
            s.push_str(&String::from_utf8_lossy(t));
        }
        (Value::Blob(b), ValueRef::Blob(t)) => {
            b.clear();
            b.extend_from_slice(t);
        }
        (_, v) => *slot = value_of(v),
    }
}

impl Sql for Connection {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn execute(&self, sql: &str, params: Params<'_>) -> StoreResult<u64> {
        let n = self
            .prepare_cached(sql)?
            .execute(rusqlite::params_from_iter(values(params)))?;
        Ok(n as u64)
    }

    fn query(&self, sql: &str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        let mut out = Vec::new();
        self.query_each(sql, params, &mut |r| {
            out.push(r.clone());
            Ok(())
        })?;
        Ok(out)
    }

    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        f: &mut dyn FnMut(&Row) -> StoreResult<()>,
    ) -> StoreResult<()> {
        let mut st = self.prepare_cached(sql)?;
        let width = st.column_count();
        let mut rows = st.query(rusqlite::params_from_iter(values(params)))?;
        let mut row = Row(vec![Value::Null; width]);
        while let Some(r) = rows.next()? {
            for (i, slot) in row.0.iter_mut().enumerate() {
                set_value(slot, r.get_ref(i)?);
            }
            f(&row)?;
        }
        Ok(())
    }

    fn batch(&self, sql: &str) -> StoreResult<()> {
        Ok(self.execute_batch(sql)?)
    }

    fn in_transaction(&self) -> bool {
        !self.is_autocommit()
    }

    fn as_sqlite(&self) -> Option<&Connection> {
        Some(self)
    }
}

/// A transaction is its connection (rusqlite's `Transaction` derefs to it).
impl Sql for Transaction<'_> {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }
    fn execute(&self, sql: &str, params: Params<'_>) -> StoreResult<u64> {
        Sql::execute(&**self, sql, params)
    }
    fn query(&self, sql: &str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        Sql::query(&**self, sql, params)
    }
    fn query_each(
        &self,
        sql: &str,
        params: Params<'_>,
        f: &mut dyn FnMut(&Row) -> StoreResult<()>,
    ) -> StoreResult<()> {
        Sql::query_each(&**self, sql, params, f)
    }
    fn batch(&self, sql: &str) -> StoreResult<()> {
        Sql::batch(&**self, sql)
    }
    fn in_transaction(&self) -> bool {
        true
    }
    fn as_sqlite(&self) -> Option<&Connection> {
        Some(self)
    }
}
