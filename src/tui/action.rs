//! Every intent the desk understands. Keys map to these (keymap.rs); effects answer with them.

use crossterm::event::KeyEvent;

use crate::domain::{Kind, Record};
use crate::search::Hit;
use crate::tui::filters::Filters;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // — navigation —
    /// Move the selection (or scroll the open popup) down one row.
    Down,
    /// Move the selection (or scroll the open popup) up one row.
    Up,
    /// Move down one page.
    PageDown,
    /// Move up one page.
    PageUp,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Focus the other list (Tab).
    FocusNext,
    /// Focus the other list (Shift-Tab).
    FocusPrev,
    /// Focus the demands (left) list.
    FocusLeft,
    /// Focus the results (right) list.
    FocusRight,
    /// Open the selected record full-screen.
    Open,
    /// A mouse click at a screen cell: select the row under it.
    Click { column: u16, row: u16 },
    /// Mouse wheel over a cell: move that list's selection by `delta` rows.
    Scroll { column: u16, row: u16, delta: i32 },

    // — search —
    /// Open the search line.
    SearchOpen,
    /// Type one character into the search line.
    SearchInput(char),
    /// Delete the last character of the query.
    SearchBackspace,
    /// Delete the last word of the query.
    SearchDeleteWord,
    /// Empty the query, keeping the search line open.
    SearchClearLine,
    /// Leave the search line, keeping the query and its results.
    SearchAccept,
    /// The search worker answered a query for one list.
    SearchAnswered {
        kind: Kind,
        seq: u64,
        hits: Vec<Hit>,
    },

    // — filters —
    /// Open the filter picker (field, region, status, stage).
    FilterOpen,
    /// Replace the active filters.
    FiltersApplied(Filters),
    /// Remove every active filter.
    FiltersClear,

    // — records —
    /// Open the form for a new record of the focused list's kind.
    Add,
    /// Open the form on the selected record.
    Edit,
    /// A key for the open form or filter picker, which read keys themselves.
    PopupKey(KeyEvent),
    /// Close the selected record (status closed), after confirmation.
    CloseRecord,
    /// Delete the selected record, after confirmation.
    DeleteRecord,
    /// Answer yes to the open confirmation.
    ConfirmYes,
    /// Answer no to the open confirmation.
    ConfirmNo,
    /// A form submitted a record: insert it (id 0) or update it.
    SubmitRecord(Record),
    /// A record was written to the database.
    RecordSaved(Record),
    /// A record was deleted from the database.
    RecordDeleted { kind: Kind, id: i64 },

    // — views —
    /// Start saving the current search and filters: the next slot key picks the slot.
    SaveViewBegin,
    /// A slot key (1–9): recall that saved view, or save into it after `SaveViewBegin`.
    Slot(u8),
    /// A saved view was read back from the database.
    ViewLoaded {
        slot: u8,
        query: String,
        filters: Filters,
    },

    // — app —
    /// Show or hide the key help.
    Help,
    /// Close the top popup, else leave and clear the search.
    Back,
    /// Quit the desk.
    Quit,
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// Show a message in the status bar.
    Info(String),
    /// Show an error in the status bar, in the warning colour.
    Failed(String),
}
