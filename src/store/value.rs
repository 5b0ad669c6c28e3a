//! Values crossing the store interface, the same whichever engine holds them: SQLite's five
//! storage classes, which PostgreSQL's columns of this schema map onto (BIGINT, DOUBLE
//! PRECISION, TEXT, BYTEA; booleans are stored as 0/1 integers on both).

use super::{StoreError, StoreResult};

/// One value of a parameter or a result column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    /// The name of its kind, for a message about a column of the wrong kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Int(_) => "integer",
            Value::Real(_) => "real",
            Value::Text(_) => "text",
            Value::Blob(_) => "blob",
        }
    }
}

/// A Rust value that can be a statement's parameter.
pub trait ToValue {
    fn to_value(&self) -> Value;
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_value!(i64, i32, u32, i16, u16, u8);

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

/// A Rust value that a result column can be read as.
pub trait FromValue: Sized {
    fn from_value(v: &Value) -> Option<Self>;
    /// What the column must hold, for the message when it does not.
    const WANT: &'static str;
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
    const WANT: &'static str = "integer";
}

impl FromValue for bool {
    fn from_value(v: &Value) -> Option<Self> {
        i64::from_value(v).map(|i| i != 0)
    }
    const WANT: &'static str = "integer 0/1";
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Real(f) => Some(*f),
            // An integral REAL read back by SQLite may come as an integer.
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
    const WANT: &'static str = "real";
}

impl FromValue for String {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
    const WANT: &'static str = "text";
}

impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Blob(b) => Some(b.clone()),
            _ => None,
        }
    }
    const WANT: &'static str = "blob";
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Null => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
    const WANT: &'static str = T::WANT;
}

/// One result row: its values in the statement's column order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Value>);

impl Row {
    /// Column `i` as a `T`; a missing column or one of another kind is an error naming both.
    pub fn get<T: FromValue>(&self, i: usize) -> StoreResult<T> {
        let v = self.0.get(i).ok_or(StoreError::Column {
            index: i,
            want: T::WANT,
            found: "no such column",
        })?;
        T::from_value(v).ok_or(StoreError::Column {
            index: i,
            want: T::WANT,
            found: v.kind(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_of_another_kind_is_an_error_that_names_both() {
        let row = Row(vec![Value::Text("x".into()), Value::Null]);
        assert_eq!(row.get::<String>(0).unwrap(), "x");
        assert_eq!(row.get::<Option<i64>>(1).unwrap(), None);
        let err = row.get::<i64>(0).unwrap_err().to_string();
        assert!(err.contains("integer") && err.contains("text"), "{err}");
        assert!(row.get::<i64>(1).is_err(), "NULL is not an integer");
        assert!(row.get::<i64>(5).is_err());
    }

    #[test]
    fn parameters_keep_null_and_booleans_as_the_schema_stores_them() {
        assert_eq!(None::<i64>.to_value(), Value::Null);
        assert_eq!(Some("a").to_value(), Value::Text("a".into()));
        assert_eq!(true.to_value(), Value::Int(1));
    }
}
