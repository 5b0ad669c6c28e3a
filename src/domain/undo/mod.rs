//! Undo steps as data: the inverse operation each journalled change stores, and how it is
//! written to the journal (a versioned envelope). What a step did, and what the desk shows
//! about the step it would undo, is in `label`.
//!
//! The journal outlives the build that wrote it, so an entry is read leniently: the domain
//! structs it holds take their default for a field the entry lacks (`#[serde(default)]` on
//! [`Record`], [`Pair`], [`FollowUp`], [`StageChange`]), unknown fields are ignored, and an
//! entry that still cannot be read is reported as [`Unreadable`] instead of failing.

use serde::{Deserialize, Serialize};

use super::{ContractSnapshot, FollowUp, Kind, Pair, Record, RecordNote, StageChange};

mod label;
pub use label::{Label, UndoStep};

/// The journal format this build writes: the `v` of each entry's envelope. Entries without
/// one were written before versions (format 1: the same operations, without `v`).
///
/// Bump it when an operation's shape changes incompatibly, and turn the older shape into the
/// new one in [`Inverse::from_json`] (adding a field to a domain struct does not need it).
pub const FORMAT: u32 = 4;

/// Origin of steps made by the command line.
pub const CLI: &str = "cli";

/// Origin of steps made by the desk running in this process: "desk:<pid>".
pub fn desk() -> String {
    format!("desk:{}", std::process::id())
}

/// A deleted pair with everything that went with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairSnapshot {
    /// The pair as it was.
    pub pair: Pair,
    /// Its stage history.
    pub history: Vec<StageChange>,
    /// Its follow-up log.
    pub followups: Vec<FollowUp>,
    /// Its contract, plan and payments (none in steps written before contracts).
    #[serde(default, skip_serializing_if = "ContractSnapshot::is_empty")]
    pub contract: ContractSnapshot,
}

/// A deleted record with everything that went with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordSnapshot {
    /// The record's row id (`Record` does not serialise it).
    pub id: i64,
    /// Its code number.
    pub seq: i64,
    /// The record as it was.
    pub record: Record,
    /// Its pairs, each with its history and log.
    #[serde(default)]
    pub pairs: Vec<PairSnapshot>,
    /// Its own log.
    #[serde(default)]
    pub notes: Vec<RecordNote>,
}

/// A run of consecutive record ids, first and last included.
pub type IdRun = (i64, i64);

/// The operation that reverses one journalled change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Inverse {
    /// Reverses creating a pair.
    DeletePair {
        /// The pair created.
        id: i64,
    },
    /// Reverses deleting a pair.
    RestorePair(Box<PairSnapshot>),
    /// Reverses a stage move: the pair as it was, and the history entry the move added.
    RestoreStage {
        /// The pair before the move.
        before: Box<Pair>,
        /// The history entry the move added.
        stage_change_id: i64,
    },
    /// Reverses a change to a pair's contract or its payments: the pair's contract fields
    /// and the whole contract as they were.
    RestoreContract {
        /// The pair before the change.
        before: Box<Pair>,
        /// Its contract, plan and payments before.
        contract: Box<ContractSnapshot>,
    },
    /// Reverses logging a follow-up: the pair's next action as it was.
    DeleteFollowup {
        /// The follow-up logged.
        id: i64,
        /// Its pair.
        pair_id: i64,
        /// The pair's next action before.
        next_action: Option<String>,
        /// Its due date before.
        next_due: Option<String>,
    },
    /// Reverses a record edit (`Record` does not serialise its id and seq).
    RestoreRecord {
        /// The record's row id.
        id: i64,
        /// Its code number.
        seq: i64,
        /// The record as it was.
        record: Box<Record>,
    },
    /// Reverses adding a record.
    DeleteRecord {
        /// The record added.
        id: i64,
    },
    /// Reverses deleting a record: it comes back under its id and code, with its pairs.
    RestoreDeleted(Box<RecordSnapshot>),
    /// Reverses an import: the records it added go, those it updated get back what they
    /// held (stored beside the entry, one snapshot per record, so a large import is never
    /// one huge value in memory).
    UndoImport {
        /// Which list the import wrote.
        kind: Kind,
        /// The ids of the records it added, as runs.
        added: Vec<IdRun>,
        /// How many records it updated.
        updated: u64,
    },
    /// Reverses a change to organisations or contacts (merge, rename, edit, add).
    Org(Box<super::org::OrgUndo>),
    /// Reverses noting a call in a record's own log.
    DeleteRecordNote {
        /// The note written.
        id: i64,
        /// Its record.
        record_id: i64,
    },
    /// Reverses handing a pair over: its owner as it was.
    SetOwner {
        /// The pair.
        pair_id: i64,
        /// Its owner before (`None`: nobody's in particular).
        owner: Option<String>,
    },
    /// Reverses one change made of several (a call logged on each of a record's pairs):
    /// each of `steps`, last first.
    Several {
        /// The inverses, in the order their changes were made.
        steps: Vec<Inverse>,
    },
}

/// The envelope an entry is written in: the format version beside the operation.
#[derive(Serialize)]
struct Envelope<'a> {
    v: u32,
    #[serde(flatten)]
    inverse: &'a Inverse,
}

/// Why a journal entry could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    /// Written by a newer duijie, in a format this build does not know.
    #[error("written by a newer duijie (journal format {found}; this one reads up to {FORMAT})")]
    Newer {
        /// The entry's format.
        found: u64,
    },
    /// Not an operation this build can decode.
    #[error("cannot be read: {0}")]
    Bad(String),
}

impl Inverse {
    /// The entry as stored: `{"v": FORMAT, "op": …, …}`.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(&Envelope {
            v: FORMAT,
            inverse: self,
        })
    }

    /// Reads a stored entry of any format up to [`FORMAT`].
    pub fn from_json(text: &str) -> Result<Inverse, Unreadable> {
        let bad = |e: serde_json::Error| Unreadable::Bad(e.to_string());
        let mut value: serde_json::Value = serde_json::from_str(text).map_err(bad)?;
        let version = match value.as_object_mut().and_then(|o| o.remove("v")) {
            None => 1,
            Some(v) => v
                .as_u64()
                .ok_or_else(|| Unreadable::Bad(format!("journal format {v} is not a number")))?,
        };
        if version > u64::from(FORMAT) {
            return Err(Unreadable::Newer { found: version });
        }
        // Formats 1 to 4 share every operation's shape (2 added operations and the envelope,
        // 3 the record log's operations, 4 the handover of a pair).
        serde_json::from_value(value).map_err(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_written_with_their_format_and_read_back_whole() {
        let mut rec = Record::new(Kind::Demand, "铜箔");
        rec.budget = crate::domain::Money::from_wan(50);
        let all = [
            Inverse::DeletePair { id: 3 },
            Inverse::DeleteRecord { id: 7 },
            Inverse::RestoreDeleted(Box::new(RecordSnapshot {
                id: 7,
                seq: 2,
                record: rec.clone(),
                pairs: vec![PairSnapshot {
                    pair: Pair::default(),
                    history: vec![],
                    followups: vec![],
                    contract: ContractSnapshot::default(),
                }],
                notes: vec![],
            })),
            Inverse::Several {
                steps: vec![
                    Inverse::DeleteRecordNote {
                        id: 2,
                        record_id: 7,
                    },
                    Inverse::DeletePair { id: 4 },
                ],
            },
            Inverse::UndoImport {
                kind: Kind::Achievement,
                added: vec![(10, 19), (25, 25)],
                updated: 4,
            },
        ];
        for inv in all {
            let text = inv.to_json().unwrap();
            assert!(text.starts_with(&format!("{{\"v\":{FORMAT},")), "{text}");
            assert_eq!(Inverse::from_json(&text).unwrap(), inv);
        }
    }

    #[test]
    fn a_format_1_entry_reads_and_unknown_fields_are_ignored() {
        let old =
            r#"{"op":"delete_followup","id":4,"pair_id":2,"next_action":null,"next_due":null}"#;
        assert!(matches!(
            Inverse::from_json(old),
            Ok(Inverse::DeleteFollowup { id: 4, .. })
        ));
        // A field a later build added to a pair is ignored, one it lacks takes its default.
        let added = r#"{"v":2,"op":"restore_pair","pair":{"id":5,"demand_id":1,"result_id":2,"stage":"signed","owner":"王"},"history":[],"followups":[]}"#;
        let Ok(Inverse::RestorePair(s)) = Inverse::from_json(added) else {
            panic!("not read");
        };
        assert_eq!((s.pair.id, s.pair.stage), (5, crate::domain::Stage::Signed));
        assert_eq!(s.pair.amount, None);
    }

    #[test]
    fn a_newer_or_broken_entry_says_why() {
        assert_eq!(
            Inverse::from_json(r#"{"v":5,"op":"delete_pair","id":1}"#),
            Err(Unreadable::Newer { found: 5 })
        );
        assert!(matches!(
            Inverse::from_json(r#"{"v":"two","op":"delete_pair","id":1}"#),
            Err(Unreadable::Bad(_))
        ));
        assert!(matches!(
            Inverse::from_json("not json"),
            Err(Unreadable::Bad(_))
        ));
    }
}
