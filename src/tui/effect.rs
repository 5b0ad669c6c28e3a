//! What an update asks of the outside world, as data: the effects the runner (`app/`)
//! performs. Features return these; they never import the runner.

use crate::domain::{Code, Kind, PairRow, Record};
use crate::pipeline::{LogRequest, MoveRequest};
use crate::tui::features::filters::Filters;

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Search both lists for `query` (one query filters both sides).
    /// `every`: all hits, not only the worker's best (filters will narrow them).
    Search {
        seq: u64,
        query: String,
        every: bool,
    },
    /// Store the search and filters in a numbered slot.
    SaveView {
        slot: u8,
        query: String,
        filters: Filters,
    },
    /// Read a numbered slot back.
    LoadView { slot: u8 },
    /// Change a record's status (closing it).
    SetStatus { id: i64, status: String },
    /// Insert (id 0) or update a record.
    Save(Box<Record>),
    /// Read what deleting a record would take along (its pairs and follow-ups), to ask.
    AskDelete { kind: Kind, id: i64 },
    /// Delete a record with its pairs (journalled: undo restores all of it).
    Delete { kind: Kind, id: i64 },
    /// Read one record in full (the lists hold compact rows).
    Fetch { id: i64 },
    /// Save an edit: only the fields that differ between `base` (the record the form opened
    /// on) and `after`, and only if nobody changed those fields meanwhile.
    SaveEdit {
        base: Box<Record>,
        after: Box<Record>,
    },
    /// A pipeline read or write (effects_pipeline.rs).
    Pipe(PipeEffect),
    /// Read the organisation view, or save a contact from it.
    Org(crate::tui::features::org::OrgEffect),
    /// The clipboard, the mouse, a call logged on a record (features/phone).
    Phone(crate::tui::features::phone::PhoneEffect),
    /// Read the stats figures for a period of the stats view.
    LoadStats(crate::tui::features::stats::PeriodChoice),
    /// Write a pair's contract or a payment received (journalled: one undo step).
    Contract(ContractEffect),
}

/// A contract form's write.
#[derive(Debug, Clone, PartialEq)]
pub enum ContractEffect {
    /// Set the contract of pair `pair_id`.
    Save {
        pair_id: i64,
        req: crate::pipeline::contracts::ContractRequest,
    },
    /// Record a payment on pair `pair_id`.
    Pay {
        pair_id: i64,
        req: crate::pipeline::contracts::PaymentRequest,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum PipeEffect {
    /// Reload the pairs; and the board, the agenda, one pair's detail when asked.
    Refresh {
        board: bool,
        agenda: bool,
        detail: Option<i64>,
    },
    /// Pair a demand with a result.
    CreatePair { demand: Code, result: Code },
    /// Hand a pair over to another broker.
    Handover { pair: Code, to: String },
    /// Suggest partners for a record (answered as data; the list words it).
    Suggest { id: i64 },
    /// Find the new matches in the background: count them, or (`list`) list them and
    /// remember them as listed.
    NewMatches { list: bool },
    /// Dismiss suggestion `partner` of record `subject` for `reason`, or with `undo` take
    /// the dismissal back.
    Dismiss {
        subject: i64,
        partner: i64,
        undo: bool,
        reason: crate::db::dismissals::DismissReason,
    },
    /// Move a pair.
    Move(MoveRequest),
    /// Take a shelved pair up again, at the stage it was shelved from.
    Reactivate(Code),
    /// Delete a pair (journalled: undo restores it with its history and log).
    DeletePair(Code),
    /// Log a follow-up.
    Log(LogRequest),
    /// Undo the last journalled change; a step another process made is announced first.
    Undo,
    /// Undo the step announced (made at `at`), if it is still the newest.
    UndoConfirmed { at: String },
    /// Load one pair in full.
    ShowPair(Code),
    /// Show the board (else the agenda): read it unless it was read on `loaded_on` and that
    /// is still today.
    OpenView {
        board: bool,
        loaded_on: Option<jiff::civil::Date>,
    },
    /// The pairs of record `id` read again (the record was edited: they show its title).
    PairsOfRecord(i64),
    /// Pairs other processes wrote or deleted, patched in; very many are read in full
    /// instead, with the board, the agenda or the detail when asked.
    Patch {
        rows: Vec<PairRow>,
        gone: Vec<i64>,
        board: bool,
        agenda: bool,
        detail: Option<i64>,
    },
}
