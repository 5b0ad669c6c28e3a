//! All state of the desk. No I/O handles: the database and the search workers live in
//! effects.rs; this is plain data that `update` changes and `ui::draw` reads.

use crate::domain::{Kind, Record, RecordRow};
use crate::tui::Lang;
use crate::tui::features::filters::Filters;
use crate::tui::keys::{Context, Keymap};
use crate::tui::overlay::Overlay;
use crate::tui::ui::layout;

/// Top-level views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Desk,
    /// The pipeline board (`b`).
    Board,
    /// Next actions and stale pairs (`a`).
    Agenda,
}

/// The one-line input at the top, when open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Line {
    #[default]
    Closed,
    Search,
    /// After `S`: the next slot key saves the view.
    SaveSlot,
}

/// The status-bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub warn: bool,
}

pub use crate::tui::features::desk::state::ListModel;

#[derive(Debug, Clone)]
pub struct Model {
    pub view: View,
    /// The one overlay stack; the last is on top and gets the keys.
    pub overlays: Vec<Overlay>,
    pub line: Line,
    pub focus: Kind,
    pub demands: ListModel,
    pub results: ListModel,
    /// The query as typed; drawn at once, results follow when the worker answers.
    pub query: String,
    /// The search line being edited (its text is `query`; the cursor is its own).
    pub search_line: crate::tui::ui::input::TextInput,
    /// Sequence number of the latest query sent.
    pub search_seq: u64,
    pub filters: Filters,
    pub message: Option<Message>,
    /// Terminal size (columns, rows), for layout-dependent moves and mouse hits.
    pub size: (u16, u16),
    pub lang: Lang,
    pub keymap: Keymap,
    /// The database file name, shown in the window title.
    pub db_name: String,
    pub should_quit: bool,
    /// Pairs, board, agenda and pipeline popups.
    pub pipe: crate::tui::features::pipeline::PipeModel,
    /// The selected (or opened) record in full, fetched when it is shown; the lists hold only
    /// compact rows.
    pub full: Option<Box<Record>>,
    /// A record whose form opens as soon as it has been fetched in full.
    pub edit_when_fetched: Option<i64>,
    /// The record as it was when its edit form opened: a save writes only what differs
    /// from it, and only over a row nobody changed in those fields meanwhile.
    pub editing: Option<Box<Record>>,
    /// The own log of the record shown in full (read with it): (record id, notes newest first).
    pub log: Option<(i64, Vec<crate::domain::RecordNote>)>,
    /// Whether the desk takes the mouse (clicks, wheel); off, the terminal selects text.
    pub mouse: bool,
    /// How many new matches (suggestions that appeared since they were last listed) wait:
    /// counted in the background, shown in the status bar.
    pub new_matches: usize,
    /// Only the latest written records were counted: `new_matches` is a lower bound ("N+").
    pub new_matches_more: bool,
    /// The people the query names, and whether their band holds the selection.
    pub lookup: crate::tui::features::lookup::LookupModel,
}

impl Model {
    /// A desk over fully loaded `records` (tests, small in-memory databases).
    #[allow(clippy::needless_pass_by_value)] // callers hand over the records they loaded
    pub fn new(records: Vec<Record>, keymap: Keymap, lang: Lang, db_name: &str) -> Model {
        let (d, r): (Vec<RecordRow>, Vec<RecordRow>) = records
            .iter()
            .map(RecordRow::of)
            .partition(|r| r.kind == Kind::Demand);
        Model::with_lists(ListModel::new(d), ListModel::new(r), keymap, lang, db_name)
    }

    /// A desk over two lists, loaded or still loading.
    pub fn with_lists(
        demands: ListModel,
        results: ListModel,
        keymap: Keymap,
        lang: Lang,
        db_name: &str,
    ) -> Model {
        let mut m = Model {
            view: View::Desk,
            overlays: Vec::new(),
            line: Line::Closed,
            focus: Kind::Demand,
            demands,
            results,
            query: String::new(),
            search_line: crate::tui::ui::input::TextInput::new(),
            search_seq: 0,
            filters: Filters::default(),
            message: None,
            size: (120, 40),
            lang,
            keymap,
            db_name: db_name.to_string(),
            should_quit: false,
            pipe: crate::tui::features::pipeline::PipeModel::default(),
            full: None,
            edit_when_fetched: None,
            editing: None,
            log: None,
            mouse: true,
            new_matches: 0,
            new_matches_more: false,
            lookup: crate::tui::features::lookup::LookupModel::default(),
        };
        for list in [&mut m.demands, &mut m.results] {
            list.hits = list.all_hits();
        }
        m.demands.refilter(&m.filters, &|_| Vec::new());
        m.results.refilter(&m.filters, &|_| Vec::new());
        m
    }

    pub fn list(&self, kind: Kind) -> &ListModel {
        match kind {
            Kind::Demand => &self.demands,
            Kind::Achievement => &self.results,
        }
    }

    pub fn list_mut(&mut self, kind: Kind) -> &mut ListModel {
        match kind {
            Kind::Demand => &mut self.demands,
            Kind::Achievement => &mut self.results,
        }
    }

    /// The record the detail pane and record actions are about, as its list holds it.
    pub fn selected(&self) -> Option<&crate::tui::features::desk::row::DeskRow> {
        self.list(self.focus).selected_record()
    }

    /// The full record of `id`, when it has been fetched.
    pub fn full_of(&self, id: i64) -> Option<&Record> {
        self.full.as_deref().filter(|r| r.id == id)
    }

    /// The own log of record `id`, when it has been read (empty otherwise).
    pub fn log_of(&self, id: i64) -> &[crate::domain::RecordNote] {
        match &self.log {
            Some((of, notes)) if *of == id => notes,
            _ => &[],
        }
    }

    /// The id the detail pane (or the open record view) wants in full and does not have.
    pub fn wanted_full(&self) -> Option<i64> {
        let id = self
            .overlays
            .iter()
            .rev()
            .find_map(|o| match o {
                crate::tui::overlay::Overlay::Record { id, .. } => Some(*id),
                _ => None,
            })
            .or_else(|| self.selected().map(|r| r.id))?;
        self.full_of(id).is_none().then_some(id)
    }

    /// Where keys go now: the top overlay's context, else the open line's, else the view's.
    pub fn context(&self) -> Context {
        match self.overlays.last() {
            Some(o) => o.context(),
            None => self.view_context(),
        }
    }

    /// The context of the view and its open line, under any overlay.
    pub fn view_context(&self) -> Context {
        match (self.line, self.view) {
            (Line::Search, View::Desk | View::Board) => Context::Search,
            (Line::SaveSlot, View::Desk) => Context::SaveSlot,
            (_, View::Board) => Context::Board,
            (_, View::Agenda) => Context::Agenda,
            (_, View::Desk) => Context::Desk,
        }
    }

    /// Rows of list `kind` visible at the current size.
    pub fn visible_rows(&self, kind: Kind) -> usize {
        self.desk_layout().list_rows(kind)
    }

    /// Where the desk's panes are at the current size (the band of people found included).
    pub fn desk_layout(&self) -> layout::Desk {
        let band = if self.view == View::Desk {
            self.lookup.lines()
        } else {
            0
        };
        layout::Desk::with_band(self.size, band)
    }

    /// Whether either list still owes its first answer to the latest query.
    pub fn answer_owed(&self) -> bool {
        [Kind::Demand, Kind::Achievement]
            .into_iter()
            .any(|kind| self.list(kind).answered < self.search_seq)
    }

    /// Whether a list still waits for the answer to the latest query.
    pub fn searching(&self, kind: Kind) -> bool {
        let list = self.list(kind);
        list.answered < self.search_seq || (list.partial && !self.query.is_empty())
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            warn: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            warn: true,
        });
    }
}
