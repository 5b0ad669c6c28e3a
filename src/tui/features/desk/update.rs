//! The desk's own update: moving through the lists, the search line and its answers, filters
//! and saved views, rows arriving from the loader, and a record gone. Pure like the top-level
//! `update`, which routes these actions here; the desk imports no other feature.

use crate::domain::Kind;
use crate::tui::action::{Action, Input};
use crate::tui::effect::Effect;
use crate::tui::features::filters::Filters;
use crate::tui::model::{Line, Model};
use crate::tui::overlay::Overlay;

/// Rows the mouse wheel moves.
const WHEEL_ROWS: i32 = 3;

/// The desk's actions; any other action is not the desk's and changes nothing here (the
/// router sends the saved-view actions to `views`).
pub fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Down => move_selection(m, 1),
        Action::Up => move_selection(m, -1),
        Action::PageDown => {
            let page = m.visible_rows(m.focus).max(1) as i64;
            move_selection(m, page)
        }
        Action::PageUp => {
            let page = m.visible_rows(m.focus).max(1) as i64;
            move_selection(m, -page)
        }
        Action::Top => move_selection(m, i64::MIN / 2),
        Action::Bottom => move_selection(m, i64::MAX / 2),
        Action::FocusNext | Action::FocusPrev => {
            m.focus = m.focus.other();
            vec![]
        }
        Action::FocusLeft => {
            m.focus = Kind::Demand;
            vec![]
        }
        Action::FocusRight => {
            m.focus = Kind::Achievement;
            vec![]
        }
        Action::Open => {
            if let Some(rec) = m.selected() {
                let (kind, id) = (rec.kind, rec.id);
                m.overlays.push(Overlay::Record {
                    kind,
                    id,
                    scroll: 0,
                });
            }
            vec![]
        }
        Action::Click { column, row } => {
            click(m, column, row);
            vec![]
        }
        Action::Scroll { column, row, delta } => scroll(m, column, row, delta),
        Action::SearchOpen => {
            // The last query comes back selected: typing replaces it (a new call, a new
            // query), the arrows keep it for editing.
            m.search_line.set_value(&m.query);
            m.search_line.select_all();
            m.line = Line::Search;
            vec![]
        }
        Action::SearchAccept => {
            m.line = Line::Closed;
            vec![]
        }
        Action::SearchAnswered {
            kind,
            seq,
            hits,
            capped,
            partial,
        } => {
            let filters = m.filters.clone();
            let m_stages = m.pipe.stages_by_record();
            let rows = m.visible_rows(kind);
            let typed = !m.query.is_empty();
            let list = m.list_mut(kind);
            if seq < list.answered {
                return vec![];
            }
            list.answered = seq;
            list.partial = partial;
            list.hits = hits;
            list.capped = capped;
            let stages = |id| m_stages.get(&id).cloned().unwrap_or_default();
            list.refilter(&filters, &stages);
            if typed && !list.chosen {
                list.selected = 0;
                list.offset = 0;
            }
            list.scroll_into_view(rows);
            if seq == m.search_seq {
                return search_again_if_capped(m);
            }
            vec![]
        }
        Action::FiltersApplied(f) => {
            m.filters = f;
            refilter(m);
            search_again_if_capped(m)
        }
        Action::FiltersClear => {
            m.filters = Filters::default();
            refilter(m);
            vec![]
        }
        Action::RowsLoaded { kind, rows, done } => {
            let by_record = m.pipe.stages_by_record();
            let stages = |id| by_record.get(&id).cloned().unwrap_or_default();
            let (filters, browsing) = (m.filters.clone(), m.query.is_empty());
            let list = m.list_mut(kind);
            let added = list.append(rows);
            list.loaded |= done;
            if browsing {
                // The chunk is older than every row held: it goes at the end, and only its own
                // rows are filtered (a million rows arrive in hundreds of chunks).
                list.extend_shown(&added, &filters, &stages);
            }
            vec![]
        }
        Action::RecordDeleted { kind, id } => {
            let list = m.list_mut(kind);
            let code = list.records.get(&id).map(|r| r.code().to_string());
            list.remove(id);
            refilter(m);
            m.overlays
                .retain(|p| !matches!(p, Overlay::Record { id: pid, .. } if *pid == id));
            m.info(format!(
                "{} {}",
                m.lang.pick("已删除", "deleted"),
                code.unwrap_or_default()
            ));
            vec![]
        }
        _ => vec![],
    }
}

fn click(m: &mut Model, column: u16, row: u16) {
    if !m.overlays.is_empty() {
        return;
    }
    if let Some((kind, row)) = m.desk_layout().hit(column, row) {
        m.focus = kind;
        let rows = m.visible_rows(kind);
        let list = m.list_mut(kind);
        if let Some(r) = row.map(|r| list.offset + r)
            && r < list.shown.len()
        {
            list.selected = r;
            list.chosen = true;
            list.scroll_into_view(rows);
        }
    }
}

fn scroll(m: &mut Model, column: u16, row: u16, delta: i32) -> Vec<Effect> {
    if !m.overlays.is_empty() {
        return move_selection(m, i64::from(delta));
    }
    if let Some((kind, _)) = m.desk_layout().hit(column, row) {
        let rows = m.visible_rows(kind);
        let list = m.list_mut(kind);
        list.move_by(i64::from(delta * WHEEL_ROWS));
        list.scroll_into_view(rows);
    }
    vec![]
}

/// Typing and editing in the search line; the lists follow each change.
pub fn edit_query(m: &mut Model, input: &Input) -> Vec<Effect> {
    if m.search_line.value() != m.query {
        // The query was set elsewhere (a saved view, Esc): the line starts from it.
        m.search_line.set_value(&m.query);
    }
    m.search_line.handle(input);
    if m.search_line.value() == m.query {
        return vec![];
    }
    m.query = m.search_line.value().to_string();
    new_query(m)
}

/// The query changed (typed, or a saved view's): its answers select their best hits until
/// the user moves the selection. (A search asked again for the same query, after a change
/// elsewhere or a save, leaves the selection where it is.)
pub fn new_query(m: &mut Model) -> Vec<Effect> {
    m.demands.chosen = false;
    m.results.chosen = false;
    search(m)
}

/// Moves the focused list's selection, or scrolls the top popup.
fn move_selection(m: &mut Model, delta: i64) -> Vec<Effect> {
    match m.overlays.last_mut() {
        Some(Overlay::Help { scroll } | Overlay::Record { scroll, .. }) => {
            // Clamped by the renderer against the text height; here only kept non-negative.
            let next = (i64::from(*scroll) + delta).clamp(0, i64::from(u16::MAX / 2));
            *scroll = next as u16;
        }
        Some(_) => {}
        None => {
            let rows = m.visible_rows(m.focus);
            let list = m.list_mut(m.focus);
            list.move_by(delta);
            list.scroll_into_view(rows);
        }
    }
    vec![]
}

/// Sends the current query to the workers; the lists keep their hits until the answer.
pub fn search(m: &mut Model) -> Vec<Effect> {
    m.search_seq += 1;
    if m.query.is_empty() {
        // No query: every record, newest first, here and now. (The worker answers with at
        // most its limit of hits, which would leave a large list cut short.)
        for kind in [Kind::Demand, Kind::Achievement] {
            let seq = m.search_seq;
            let list = m.list_mut(kind);
            list.hits = list.all_hits();
            list.capped = false;
            list.partial = false;
            list.answered = seq;
        }
        refilter(m);
        return vec![];
    }
    vec![Effect::Search {
        seq: m.search_seq,
        query: m.query.clone(),
        every: false,
    }]
}

/// Filters narrow hits that were only the worker's best: ask again for every hit, so that a
/// match beyond the best 1,000 that passes the filters is not lost. The best came first and
/// are on screen meanwhile (every hit of a common query costs a few times more).
pub fn search_again_if_capped(m: &mut Model) -> Vec<Effect> {
    let capped = m.demands.capped || m.results.capped;
    if m.query.is_empty() || m.filters.is_empty() || !capped {
        return vec![];
    }
    m.search_seq += 1;
    vec![Effect::Search {
        seq: m.search_seq,
        query: m.query.clone(),
        every: true,
    }]
}

/// Esc on the desk: the query goes, every record comes back.
pub fn clear_query(m: &mut Model) -> Vec<Effect> {
    if m.query.is_empty() {
        return vec![];
    }
    m.query.clear();
    search(m)
}

/// Both lists again through the filters (after the filters, the hits or the stages changed).
pub fn refilter(m: &mut Model) {
    let by_record = m.pipe.stages_by_record();
    let stages = |id| by_record.get(&id).cloned().unwrap_or_default();
    for kind in [Kind::Demand, Kind::Achievement] {
        let rows = m.visible_rows(kind);
        let filters = m.filters.clone();
        let list = m.list_mut(kind);
        list.refilter(&filters, &stages);
        list.scroll_into_view(rows);
    }
}

/// Puts the selection of `kind`'s list on record `id` when the list shows it.
pub fn select_id(m: &mut Model, kind: Kind, id: i64) {
    let rows = m.visible_rows(kind);
    let list = m.list_mut(kind);
    if let Some(pos) = list.shown.iter().position(|&s| s == id) {
        list.selected = pos;
        list.chosen = true;
        list.scroll_into_view(rows);
    }
}
