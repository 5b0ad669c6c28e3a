//! A row of `duijie find`: a demand or result that matched (or was reached through a
//! contact the query names), or that contact, as printed and as `--json` gives it.

use crate::domain::{Kind, Record};

/// What a row of `find` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    Demand,
    Result,
    /// A person the query names ([`crate::pipeline::lookup`]).
    Contact,
}

/// One match, as printed.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Found {
    pub code: String,
    pub kind: RowKind,
    pub title: String,
    pub org: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub score: i64,
    /// The contact a record was reached through, when it did not match itself.
    pub via: Option<String>,
}

impl Found {
    pub fn of(rec: &Record, score: i64) -> Found {
        Found {
            code: rec.code().to_string(),
            kind: match rec.kind {
                Kind::Demand => RowKind::Demand,
                Kind::Achievement => RowKind::Result,
            },
            title: rec.title.clone(),
            org: rec.org.clone(),
            contact: rec.contact.clone(),
            phone: rec.phone.clone(),
            email: rec.email.clone(),
            score,
            via: None,
        }
    }
}
