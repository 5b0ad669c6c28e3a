//! Compact rows for lists and boards: what the desk shows and filters on, and no more, so a
//! million of them fit in memory; the full [`super::Record`] is fetched on demand.

use serde::Serialize;

use super::{Code, Kind, Pair};

/// A demand or result as the desk's lists, filters and detail header need it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordRow {
    /// Row id (what pairs refer to).
    pub id: i64,
    /// Demand or result.
    pub kind: Kind,
    /// The number behind the code (D`seq`, R`seq`).
    pub seq: i64,
    /// Title.
    pub title: String,
    /// Enterprise (demand) or holder institution (result).
    pub org: String,
    /// Industry field.
    pub field: String,
    /// Region.
    pub region: String,
    /// Status (`open`, `closed` or free text from an import).
    pub status: String,
    /// Contact person.
    pub contact: String,
    /// Contact phone.
    pub phone: String,
    /// Revision of the last write of the row.
    pub rev: i64,
    /// When the row was last written (RFC 3339).
    pub updated_at: String,
}

impl RecordRow {
    /// The compact row of a full record.
    pub fn of(rec: &super::Record) -> RecordRow {
        RecordRow {
            id: rec.id,
            kind: rec.kind,
            seq: rec.seq,
            title: rec.title.clone(),
            org: rec.org.clone(),
            field: rec.field.clone(),
            region: rec.region.clone(),
            status: rec.status.clone(),
            contact: rec.contact.clone(),
            phone: rec.phone.clone(),
            rev: rec.rev,
            updated_at: rec.updated_at.clone(),
        }
    }

    /// The record's code (D12, R34).
    pub fn code(&self) -> Code {
        Code {
            kind: self.kind.code_kind(),
            num: self.seq,
        }
    }
}

/// One side of a pair as lists and cards show it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Side {
    /// Row id of the record.
    #[serde(skip)]
    pub id: i64,
    /// The record's code (D12, R34).
    pub code: String,
    /// Title.
    pub title: String,
    /// Enterprise or holder institution.
    pub org: String,
    /// Contact person (left out of the `show --json` contract, which predates it).
    #[serde(skip)]
    pub contact: String,
    /// Contact phone (left out of the `show --json` contract, as the contact is).
    #[serde(skip)]
    pub phone: String,
}

impl Side {
    /// The side a stored record shows.
    pub fn of(rec: &super::Record) -> Side {
        Side {
            id: rec.id,
            code: rec.code().to_string(),
            title: rec.title.clone(),
            org: rec.org.clone(),
            contact: rec.contact.clone(),
            phone: rec.phone.clone(),
        }
    }
}

/// A pair with both its sides: one line of the pair list, one card of the board.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairRow {
    /// The pair (its `rev` is its version).
    pub pair: Pair,
    /// The demand.
    pub demand: Side,
    /// The result.
    pub result: Side,
}
