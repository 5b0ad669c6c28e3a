//! [`Money`] in SQLite: an INTEGER of 分. The column's CHECK (migration 004) keeps it in
//! bounds; a value outside them read from an older or hand-edited file is an error, not a
//! silently changed amount.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::domain::Money;

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.fen()))
    }
}

impl FromSql for Money {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let fen = i64::column_result(value)?;
        Money::from_fen(fen).ok_or(FromSqlError::OutOfRange(fen))
    }
}

/// The same on either engine ([`crate::store`]).
impl crate::store::ToValue for Money {
    fn to_value(&self) -> crate::store::Value {
        crate::store::Value::Int(self.fen())
    }
}

impl crate::store::FromValue for Money {
    fn from_value(v: &crate::store::Value) -> Option<Self> {
        i64::from_value(v).and_then(Money::from_fen)
    }
    const WANT: &'static str = "an amount in 分 within 0–1,000 亿元";
}
