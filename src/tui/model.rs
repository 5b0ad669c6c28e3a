//! All state of the desk. No I/O handles: the database and the search workers live in
//! effects.rs; this is plain data that `update` changes and `ui::draw` reads.

use std::collections::HashMap;

use crate::domain::{Kind, Record, Stage};
use crate::search::Hit;
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

/// One list (demands or results): its records by id, the current hits and the selection.
#[derive(Debug, Clone, Default)]
pub struct ListModel {
    pub records: HashMap<i64, Record>,
    /// Hits of the current query, best first (all records for an empty query).
    pub hits: Vec<Hit>,
    /// Ids shown: the hits that pass the filters, in hit order.
    pub shown: Vec<i64>,
    pub selected: usize,
    /// First shown row on screen.
    pub offset: usize,
    /// Sequence number of the query the hits answer.
    pub answered: u64,
    /// More records matched the query than `hits` holds: counts show "1000+".
    pub capped: bool,
}

impl ListModel {
    /// A list of `records`, newest update first (the order an empty query returns).
    pub fn new(records: Vec<Record>) -> ListModel {
        let mut list = ListModel {
            records: records.into_iter().map(|r| (r.id, r)).collect(),
            ..ListModel::default()
        };
        list.hits = list.all_hits();
        list
    }

    /// Every record as the hits of an empty query: newest update first; records written
    /// together (one import shares one time) in code order, as the file had them.
    pub fn all_hits(&self) -> Vec<Hit> {
        let mut order: Vec<&Record> = self.records.values().collect();
        order.sort_unstable_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
        order.iter().map(|r| Hit { id: r.id, score: 0 }).collect()
    }

    /// "shown/total" for titles and the status bar; "1000+/50000" when the query matched more
    /// than the hits hold.
    pub fn count_label(&self) -> String {
        let plus = if self.capped { "+" } else { "" };
        format!("{}{plus}/{}", self.shown.len(), self.records.len())
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.shown.get(self.selected).copied()
    }

    pub fn selected_record(&self) -> Option<&Record> {
        self.selected_id().and_then(|id| self.records.get(&id))
    }

    /// Recomputes `shown` from hits and filters, keeping the selected record when still shown.
    /// `stages_of` gives the stages of a record's pairs, for the stage filter.
    pub fn refilter(&mut self, filters: &Filters, stages_of: &dyn Fn(i64) -> Vec<Stage>) {
        let keep = self.selected_id();
        let by_stage = !filters.stage.is_empty();
        self.shown = self
            .hits
            .iter()
            .filter(|h| {
                self.records.get(&h.id).is_some_and(|r| {
                    if by_stage {
                        filters.matches(r, &stages_of(r.id))
                    } else {
                        filters.admits(r)
                    }
                })
            })
            .map(|h| h.id)
            .collect();
        self.selected = keep
            .and_then(|id| self.shown.iter().position(|&s| s == id))
            .unwrap_or(0);
    }

    /// Moves the selection by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: i64) {
        if self.shown.is_empty() {
            self.selected = 0;
            return;
        }
        let last = self.shown.len() as i64 - 1;
        self.selected = (self.selected as i64 + delta).clamp(0, last) as usize;
    }

    /// Scrolls so the selection is within `rows` visible rows.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let max_offset = self.shown.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }
}

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
}

impl Model {
    pub fn new(records: Vec<Record>, keymap: Keymap, lang: Lang, db_name: &str) -> Model {
        let (d, r): (Vec<Record>, Vec<Record>) =
            records.into_iter().partition(|r| r.kind == Kind::Demand);
        let mut m = Model {
            view: View::Desk,
            overlays: Vec::new(),
            line: Line::Closed,
            focus: Kind::Demand,
            demands: ListModel::new(d),
            results: ListModel::new(r),
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
        };
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

    /// The record the detail pane and record actions are about.
    pub fn selected(&self) -> Option<&Record> {
        self.list(self.focus).selected_record()
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
        layout::Desk::new(self.size).list_rows(kind)
    }

    /// Whether a list still waits for the answer to the latest query.
    pub fn searching(&self, kind: Kind) -> bool {
        self.list(kind).answered < self.search_seq
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stage_filter_keeps_only_records_with_a_pair_in_that_stage() {
        let recs: Vec<Record> = (1..=3)
            .map(|i| {
                let mut r = Record::new(Kind::Demand, format!("需求{i}"));
                r.id = i;
                r
            })
            .collect();
        let mut list = ListModel::new(recs);
        let stages = |id: i64| match id {
            1 => vec![Stage::Signed],
            2 => vec![Stage::Candidate, Stage::Shelved],
            _ => Vec::new(),
        };
        let mut f = Filters::default();
        list.refilter(&f, &stages);
        assert_eq!(list.shown.len(), 3);
        f.stage.insert(Stage::Signed);
        list.refilter(&f, &stages);
        assert_eq!(list.shown, vec![1]);
        f.stage.insert(Stage::Shelved);
        list.refilter(&f, &stages);
        let mut shown = list.shown.clone();
        shown.sort_unstable();
        assert_eq!(shown, vec![1, 2]);
    }
}
