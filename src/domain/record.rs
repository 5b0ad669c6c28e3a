//! A demand (需求) or a result (成果). Both lists share most fields and every operation
//! (import, search, list, export), so one struct carries both; the fields that belong to one
//! kind only are documented as such and stay empty on the other.

use serde::{Deserialize, Serialize};

use super::{Code, CodeKind, Money};

/// Which list a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// 需求: an enterprise's technical demand.
    #[default]
    Demand,
    /// 成果: a university's or institute's research result ("result" in the UI and CLI).
    #[serde(rename = "result")]
    Achievement,
}

impl Kind {
    /// The word stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Demand => "demand",
            Kind::Achievement => "result",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "demand" | "demands" | "d" => Some(Kind::Demand),
            "result" | "results" | "r" | "achievement" | "achievements" => Some(Kind::Achievement),
            _ => None,
        }
    }

    pub fn code_kind(self) -> CodeKind {
        match self {
            Kind::Demand => CodeKind::Demand,
            Kind::Achievement => CodeKind::Achievement,
        }
    }

    pub fn other(self) -> Kind {
        match self {
            Kind::Demand => Kind::Achievement,
            Kind::Achievement => Kind::Demand,
        }
    }
}

/// One demand or result. `seq` is the per-kind number behind the code (D`seq`, R`seq`);
/// `id` is the row id pairs refer to.
///
/// Undo steps keep records as JSON: a field missing from an older step takes its default
/// (`#[serde(default)]`), so adding a field never makes the journal unreadable.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Record {
    #[serde(skip)]
    pub id: i64,
    pub kind: Kind,
    #[serde(skip)]
    pub seq: i64,
    /// The source's own number (编号).
    pub ext_id: String,
    pub title: String,
    /// Enterprise (demand) or holder institution (result).
    pub org: String,
    pub field: String,
    pub region: String,
    /// Demand description or result abstract.
    pub description: String,
    pub keywords: String,
    pub contact: String,
    pub phone: String,
    pub email: String,
    pub source: String,
    /// `open` or `closed` once stored (see [`Record::settle_status`]).
    pub status: String,
    /// The status word the source used when it says more than open or closed ("洽谈中"),
    /// kept and shown instead of the bare status.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_text: String,
    /// Demand only: budget (JSON: a number in 万元, as always).
    #[serde(rename = "budget_wan")]
    pub budget: Option<Money>,
    /// Demand only: deadline as YYYY-MM-DD (1900–2200), or empty.
    pub deadline: String,
    /// Demand only: what was given as the deadline when it was not a date ("明年",
    /// "2024-02-30"), kept as written and flagged wherever the record is shown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deadline_text: String,
    /// Demand only: an open call (揭榜挂帅).
    pub open_call: bool,
    /// Result only: team lead (负责人).
    pub lead: String,
    /// Result only: lab / pilot / small batch / industrialised, or TRL 1–9.
    pub maturity: String,
    /// Result only: patent numbers.
    pub ip: String,
    /// Result only: cooperation modes (transfer, licence, equity, joint development, service).
    pub modes: String,
    /// Result only: asking price (JSON: a number in 万元).
    #[serde(rename = "price_wan")]
    pub price: Option<Money>,
    /// Columns the import did not recognise, kept so nothing the user had is lost.
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub created_at: String,
    pub updated_at: String,
    /// The revision of the transaction that last wrote the row (0: not stored yet, or
    /// untouched since before revisions existed).
    #[serde(skip)]
    pub rev: i64,
    /// Who added it (`None`: before names were recorded).
    pub created_by: Option<String>,
    /// Who changed it last (`None`: before names were recorded).
    pub updated_by: Option<String>,
}

impl Record {
    pub fn new(kind: Kind, title: impl Into<String>) -> Record {
        Record {
            kind,
            title: title.into(),
            status: "open".into(),
            ..Record::default()
        }
    }

    pub fn code(&self) -> Code {
        Code {
            kind: self.kind.code_kind(),
            num: self.seq,
        }
    }

    /// The amount that matters for this kind: budget for a demand, price for a result.
    pub fn amount(&self) -> Option<Money> {
        match self.kind {
            Kind::Demand => self.budget,
            Kind::Achievement => self.price,
        }
    }
}
