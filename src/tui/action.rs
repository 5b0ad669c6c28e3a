//! Every intent the desk understands. Keys map to these through the one key table (keys/);
//! effects answer with them.

use crate::domain::{Kind, Record};
use crate::search::Hit;
use crate::tui::features::filters::Filters;

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

    // — input —
    /// An intent for the top overlay or the open text line (typing, fields, yes/no…).
    Input(Input),

    // — search —
    /// Open the search line.
    SearchOpen,
    /// Leave the search line, keeping the query and its results.
    SearchAccept,
    /// The search worker answered a query for one list.
    SearchAnswered {
        kind: Kind,
        seq: u64,
        hits: Vec<Hit>,
        /// More records matched than `hits` holds (the worker sends the best ones).
        capped: bool,
        /// The index did not hold every row yet (it loads in the background, or a very large
        /// list was answered over its newest rows first): a fuller answer follows.
        partial: bool,
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
    /// Close the selected record (status closed), after confirmation.
    CloseRecord,
    /// Delete the selected record, after confirmation.
    DeleteRecord,
    /// A form submitted a record: insert it (id 0) or update it.
    SubmitRecord(Record),
    /// A record was written to the database.
    RecordSaved(Record),
    /// An edit was saved keeping these fields as another process had changed them.
    Merged(Vec<&'static str>),
    /// An edit was refused: someone changed the same fields meanwhile; `theirs` is the
    /// record as stored now.
    EditConflict {
        mine: Box<Record>,
        theirs: Box<Record>,
        fields: Vec<&'static str>,
    },
    /// A write met another process's lock and will be tried again (`tries` so far).
    Waiting { tries: u32 },
    /// What deleting a record would take along: ask before doing it.
    ConfirmDelete {
        kind: Kind,
        id: i64,
        pairs: i64,
        followups: i64,
    },
    /// A record was deleted from the database.
    RecordDeleted { kind: Kind, id: i64 },
    /// A record read in full, for the detail pane, the record view or the form.
    Fetched(Box<Record>),
    /// The next rows of a list's initial load, newest first; `done` after the last.
    RowsLoaded {
        kind: Kind,
        rows: Vec<crate::domain::RecordRow>,
        done: bool,
    },
    /// Other processes changed the database: the rows they wrote and the ids they deleted.
    Changed(Box<crate::db::live::Changes>),

    // — views —
    /// Start saving the current search and filters: the next slot key picks the slot.
    SaveViewBegin,
    /// A slot key (1–9): recall that saved view, or save into it after `SaveViewBegin`.
    Slot(u8),
    /// The current search and filters were saved in a slot.
    ViewSaved { slot: u8 },
    /// A slot holds no saved view yet.
    ViewEmpty { slot: u8 },
    /// A saved view was read back from the database.
    ViewLoaded {
        slot: u8,
        query: String,
        filters: Filters,
    },

    // — app —
    /// Show or hide the key help.
    Help,
    /// Close the top overlay, else close the line, else leave the board or agenda, else clear
    /// the search.
    Back,
    /// Quit the desk.
    Quit,
    /// Give the terminal back to the shell and stop (as Ctrl-Z does in a shell); the desk
    /// is redrawn when continued (`fg`). The loop performs it: it owns the terminal.
    Suspend,
    /// The terminal changed size.
    Resize { width: u16, height: u16 },
    /// Show a message in the status bar.
    Info(String),
    /// Show an error in the status bar, in the warning colour.
    Failed(String),
    /// The database takes no writes (read-only here, or damaged): the desk says so on opening,
    /// not at the first save.
    Refused(crate::db::Refusal),
    /// The connection to the shared database is lost (why, in one line); the desk keeps
    /// what is typed and tries again.
    Offline(String),
    /// The connection to the shared database is back.
    Online,

    // — pipeline —
    /// Pairs, suggestions, the board, the agenda, follow-ups and undo (update_pipeline.rs).
    Pipe(PipeAction),

    // — organisations —
    /// The organisation view: open, scroll, and the runner's answers (features/org).
    Org(crate::tui::features::org::OrgAction),
    /// Who a search names: the lookup's answers (features/lookup).
    Lookup(crate::tui::features::lookup::LookupAction),
    // — on the phone —
    /// Copy a contact, log a call on a record, open a pair's sides, the mouse (features/phone).
    Phone(crate::tui::features::phone::PhoneAction),

    // — stats —
    /// The stats view: open it, pick its period, take its figures.
    Stats(crate::tui::features::stats::StatsAction),
    /// The contract and payment forms on the pair detail.
    Contract(crate::tui::features::contract::ContractAction),
}

/// What a key means inside an overlay or a text line. Overlays read the intents they know and
/// ignore the rest; the key table decides which key means which intent in each context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Up one row or field.
    Up,
    /// Down one row or field.
    Down,
    /// Left: the cursor in a text field, the previous choice or section elsewhere.
    Left,
    /// Right: the cursor in a text field, the next choice or section elsewhere.
    Right,
    /// The next field or section.
    NextField,
    /// The previous field or section.
    PrevField,
    /// Enter: the next field, or submit on the last one.
    Submit,
    /// Save the form from any field.
    Save,
    /// Leave the overlay (asking first when typed text would be lost).
    Cancel,
    /// Answer yes.
    Yes,
    /// Answer no.
    No,
    /// Tick or untick the choice under the cursor.
    Toggle,
    /// The next entry of a field's completion list.
    ChoiceNext,
    /// The previous entry of a field's completion list.
    ChoicePrev,
    /// Pair the suggestion under the cursor.
    Pair,
    /// Dismiss the suggestion under the cursor (not suggested again), or take its dismissal
    /// back.
    Dismiss,
    /// Untick every choice (the filter picker).
    ClearChoices,
    /// Take the user's own value for every field (the conflict overlay).
    AllMine,
    /// Keep the stored value for every field (the conflict overlay).
    AllTheirs,
    /// Type one character.
    Type(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Empty the field.
    ClearLine,
    /// The cursor to the start.
    Home,
    /// The cursor to the end.
    End,
    /// Text pasted at once (bracketed paste).
    Paste(String),
}

/// A direction inside the board or the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Left,
    Right,
    Up,
    Down,
    /// The first item (the agenda's first, the column's first card, the top of the detail).
    Top,
    /// The last item.
    Bottom,
}

/// Pipeline intents (from keys) and answers (from effects_pipeline.rs).
#[derive(Debug, Clone, PartialEq)]
pub enum PipeAction {
    /// Pair the selected demand with the selected result.
    Pair,
    /// Show suggested partners for the focused list's selected record.
    Suggest,
    /// List the new matches (and remember them as listed).
    NewMatches,
    /// How many new matches wait (counted in the background).
    /// New matches counted; `more`: some records written since were not asked (the count
    /// is a lower bound, "N+").
    NewMatchCount { found: usize, more: bool },
    /// The new matches, one row a couple (each row names its demand).
    NewMatchesListed(Vec<crate::tui::features::suggestions::SuggestionVm>),
    /// Show or leave the board.
    Board,
    /// Show or leave the agenda.
    Agenda,
    /// Undo the last change (pair, move, follow-up, record edit).
    Undo,
    /// Log a follow-up on the selected pair.
    LogFollowUp,
    /// Move the selected pair one stage left.
    StagePrev,
    /// Move the selected pair one stage right.
    StageNext,
    /// Shelve the selected pair.
    Shelve,
    /// Delete the selected pair (asks first; undo brings it back).
    DeletePair,
    /// Open the selected pair's detail.
    OpenPair,
    /// Move the cursor in the board, the agenda or the pair detail.
    Nav(Nav),
    /// Show only my pairs on the board and the agenda, or everyone's.
    ToggleMine,
    /// Hand the selected pair over to another broker (asks the name).
    Handover,

    /// Every pair with its sides, and today's date, after any pipeline change.
    Loaded {
        today: jiff::civil::Date,
        pairs: Vec<crate::tui::features::pipeline::PairLine>,
    },
    /// The board's columns, unfiltered, read on `today`.
    BoardLoaded {
        today: jiff::civil::Date,
        columns: Vec<crate::pipeline::BoardColumn>,
    },
    /// The agenda, read on `today`.
    AgendaLoaded {
        today: jiff::civil::Date,
        agenda: Box<crate::pipeline::Agenda>,
    },
    /// A pair as a write (the desk's or another process's) left it: patched into the pair
    /// markers, the board and the agenda without reading the others again.
    PairChanged(Box<PairChange>),
    /// A pair was deleted (by the desk, an undo or another process): taken out of the views.
    PairGone(i64),
    /// One pair in full, for the detail overlay.
    PairShown(Box<crate::pipeline::PairDetail>),
    /// Suggestions for record `subject`.
    Suggested {
        subject: i64,
        title: String,
        rows: Vec<crate::tui::features::suggestions::SuggestionVm>,
        /// A newer ranking for a list already shown: replaces it if still open, else dropped.
        refresh: bool,
    },
    /// A pair was created.
    PairCreated {
        code: String,
        demand: String,
        result: String,
        result_id: i64,
        demand_id: i64,
    },
    /// A pair moved to a stage.
    Moved {
        code: String,
        to: crate::domain::Stage,
    },
    /// A move to 落地 was refused for want of a payment received: ask for the override
    /// note (the pair, and the stage the user saw).
    LandingNeedsNote {
        pair_id: i64,
        from: crate::domain::Stage,
    },
    /// A follow-up was logged.
    Logged { code: String },
    /// A pair was deleted.
    PairDeleted { code: String, id: i64 },
    /// A pair was handed over to `to` (`changed` false: it was theirs already).
    HandedOver {
        code: String,
        to: String,
        changed: bool,
    },
    /// An undo ran: what it undid, or None when nothing was left.
    Undone(Option<Box<crate::pipeline::Undone>>),
    /// The suggestion index is being built (once per session); the answer follows.
    SuggestBuilding,
    /// Record `partner` was dismissed for record `subject` (`on`), or restored.
    Dismissed {
        subject: i64,
        partner: i64,
        on: bool,
    },
    /// A pipeline write was refused because the pair changed elsewhere since it was shown:
    /// the message, and the views are read again.
    Stale(String),
    /// Undo refused: your newest step, and a colleague's later one that touches the same.
    UndoCrossed {
        yours: Box<crate::domain::undo::UndoStep>,
        theirs: Box<crate::domain::undo::UndoStep>,
    },
    /// The next undo would take back a step another process made: ask first.
    ConfirmUndo(Box<crate::domain::undo::UndoStep>),
}

/// A pair as a write left it, with what placing it needs: its newest stage change or
/// follow-up (the agenda's staleness) and the clock the runner read it on.
#[derive(Debug, Clone, PartialEq)]
pub struct PairChange {
    pub row: crate::domain::PairRow,
    pub last_activity: Option<String>,
    pub clock: crate::pipeline::Clock,
}
