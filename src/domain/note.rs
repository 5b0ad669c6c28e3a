//! A note in a record's own log: a call (or visit, message…) about a record that has no open
//! pair to log it on. Undo steps keep it as JSON: every field but the channel may be missing
//! from an older step and takes its default.

use serde::{Deserialize, Serialize};

use super::Channel;

/// One entry of a record's log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordNote {
    #[serde(default)]
    pub id: i64,
    /// The record it is about.
    #[serde(default)]
    pub record_id: i64,
    /// When it happened (RFC 3339).
    #[serde(default)]
    pub at: String,
    pub channel: Channel,
    /// What was said or done.
    #[serde(default)]
    pub note: String,
    /// What to do next, if the caller said.
    #[serde(default)]
    pub next_action: Option<String>,
    /// Its due date (YYYY-MM-DD).
    #[serde(default)]
    pub next_due: Option<String>,
    /// Who noted it (`None`: before names were recorded).
    #[serde(default)]
    pub actor: Option<String>,
}
