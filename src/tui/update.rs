//! The pure state machine: `update(model, action)` changes the model and returns the effects
//! (database writes, searches) as data, so every key can be tested without a terminal.

use crate::domain::Kind;
use crate::tui::action::Action;
use crate::tui::app::runner::Effect;
use crate::tui::features::record_form::update as update_records;
use crate::tui::model::{Line, Model, Pending, Popup};
use crate::tui::ui::layout;

/// Rows the mouse wheel moves.
const WHEEL_ROWS: i32 = 3;

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
                m.popups.push(Popup::Record {
                    kind,
                    id,
                    scroll: 0,
                });
            }
            vec![]
        }
        Action::Click { column, row } => {
            if !m.popups.is_empty() {
                return vec![];
            }
            if let Some((kind, row)) = layout::Desk::new(m.size).hit(column, row) {
                m.focus = kind;
                let rows = m.visible_rows(kind);
                let list = m.list_mut(kind);
                if let Some(r) = row.map(|r| list.offset + r)
                    && r < list.shown.len()
                {
                    list.selected = r;
                    list.scroll_into_view(rows);
                }
            }
            vec![]
        }
        Action::Scroll { column, row, delta } => {
            if m.popups.is_empty() {
                if let Some((kind, _)) = layout::Desk::new(m.size).hit(column, row) {
                    let rows = m.visible_rows(kind);
                    let list = m.list_mut(kind);
                    list.move_by(i64::from(delta * WHEEL_ROWS));
                    list.scroll_into_view(rows);
                }
                vec![]
            } else {
                move_selection(m, i64::from(delta))
            }
        }

        Action::SearchOpen => {
            m.line = Line::Search;
            vec![]
        }
        Action::SearchInput(c) => {
            m.query.push(c);
            search(m)
        }
        Action::SearchBackspace => {
            if m.query.pop().is_some() {
                search(m)
            } else {
                vec![]
            }
        }
        Action::SearchDeleteWord => {
            let kept = m.query.trim_end().rfind(' ').map_or(0, |i| i + 1);
            if kept == m.query.len() {
                return vec![];
            }
            m.query.truncate(kept);
            search(m)
        }
        Action::SearchClearLine => clear_query(m),
        Action::SearchAccept => {
            m.line = Line::Closed;
            vec![]
        }
        Action::SearchAnswered {
            kind,
            seq,
            hits,
            capped,
        } => {
            let filters = m.filters.clone();
            let m_stages = m.pipe.stages_by_record();
            let rows = m.visible_rows(kind);
            let list = m.list_mut(kind);
            if seq < list.answered {
                return vec![];
            }
            list.answered = seq;
            list.hits = hits;
            list.capped = capped;
            let stages = |id| m_stages.get(&id).cloned().unwrap_or_default();
            list.refilter(&filters, &stages);
            list.scroll_into_view(rows);
            if m.view == crate::tui::model::View::Board {
                // The board shows the pairs whose sides the search keeps.
                let cols = crate::tui::features::pipeline::vm::board_columns(m);
                m.pipe.board.set_columns(cols);
            }
            if seq == m.search_seq {
                return search_again_if_capped(m);
            }
            vec![]
        }

        Action::FilterOpen => update_records::open_picker(m),
        Action::FiltersApplied(f) => {
            m.filters = f;
            refilter(m);
            search_again_if_capped(m)
        }
        Action::FiltersClear => {
            m.filters = crate::tui::features::filters::Filters::default();
            refilter(m);
            vec![]
        }

        Action::Add => update_records::open_add(m),
        Action::Edit => update_records::open_edit(m),
        Action::PopupKey(key) => update_records::popup_key(m, key),
        Action::CloseRecord | Action::DeleteRecord => {
            let Some(rec) = m.selected() else {
                return vec![];
            };
            let code = rec.code();
            let title = crate::sanitize::one_line(&rec.title);
            let (question, pending) = if action == Action::CloseRecord {
                let q = m.lang.pick("关闭", "Close");
                (
                    format!("{q} {code} {title}?"),
                    Pending::Close { id: rec.id },
                )
            } else {
                let q = m.lang.pick("删除", "Delete");
                (
                    format!("{q} {code} {title}?"),
                    Pending::Delete {
                        kind: rec.kind,
                        id: rec.id,
                    },
                )
            };
            m.popups.push(Popup::Confirm { question, pending });
            vec![]
        }
        Action::ConfirmYes => match m.popups.pop() {
            Some(Popup::Confirm { pending, .. }) => match pending {
                Pending::Close { id } => vec![Effect::SetStatus {
                    id,
                    status: "closed".into(),
                }],
                Pending::Delete { kind, id } => vec![Effect::Delete { kind, id }],
            },
            Some(other) => {
                m.popups.push(other);
                vec![]
            }
            None => vec![],
        },
        Action::ConfirmNo => {
            if matches!(m.popups.last(), Some(Popup::Confirm { .. })) {
                m.popups.pop();
            }
            vec![]
        }
        Action::SubmitRecord(rec) => vec![Effect::Save(Box::new(rec))],
        Action::RecordSaved(rec) => {
            let (kind, id) = (rec.kind, rec.id);
            let label = format!(
                "{} {} {}",
                m.lang.pick("已保存", "saved"),
                rec.code(),
                crate::sanitize::one_line(&rec.title)
            );
            m.list_mut(kind).records.insert(id, rec);
            m.info(label);
            // The worker re-ranks with the new keys; the selection follows the record's id.
            m.focus = kind;
            let list = m.list_mut(kind);
            if !list.hits.iter().any(|h| h.id == id) {
                list.hits.insert(0, crate::search::Hit { id, score: 0 });
            }
            refilter(m);
            select_id(m, kind, id);
            search(m)
        }
        Action::RecordDeleted { kind, id } => {
            let list = m.list_mut(kind);
            let code = list.records.remove(&id).map(|r| r.code().to_string());
            list.hits.retain(|h| h.id != id);
            refilter(m);
            m.popups
                .retain(|p| !matches!(p, Popup::Record { id: pid, .. } if *pid == id));
            m.info(format!(
                "{} {}",
                m.lang.pick("已删除", "deleted"),
                code.unwrap_or_default()
            ));
            vec![]
        }

        Action::SaveViewBegin => {
            m.line = Line::SaveSlot;
            m.info(m.lang.pick(
                "按 1–9 保存当前搜索和筛选，Esc 取消",
                "press 1–9 to save the current search and filters, Esc to cancel",
            ));
            vec![]
        }
        Action::Slot(slot) => {
            if m.line == Line::SaveSlot {
                m.line = Line::Closed;
                vec![Effect::SaveView {
                    slot,
                    query: m.query.clone(),
                    filters: m.filters.clone(),
                }]
            } else {
                vec![Effect::LoadView { slot }]
            }
        }
        Action::ViewLoaded {
            slot,
            query,
            filters,
        } => {
            m.filters = filters;
            m.info(format!(
                "{} {slot}",
                m.lang.pick("已调出视图", "recalled view")
            ));
            refilter(m);
            if query == m.query {
                search_again_if_capped(m)
            } else {
                m.query = query;
                search(m)
            }
        }

        Action::Help => {
            if matches!(m.popups.last(), Some(Popup::Help { .. })) {
                m.popups.pop();
            } else {
                m.popups.push(Popup::Help { scroll: 0 });
            }
            vec![]
        }
        Action::Back => {
            if m.popups.pop().is_some() {
                return vec![];
            }
            match m.line {
                Line::SaveSlot => {
                    m.line = Line::Closed;
                    m.message = None;
                    vec![]
                }
                Line::Search => {
                    m.line = Line::Closed;
                    clear_query(m)
                }
                Line::Closed => clear_query(m),
            }
        }
        Action::Quit => {
            m.should_quit = true;
            vec![]
        }
        Action::Resize { width, height } => {
            m.size = (width, height);
            for kind in [Kind::Demand, Kind::Achievement] {
                let rows = m.visible_rows(kind);
                m.list_mut(kind).scroll_into_view(rows);
            }
            vec![]
        }
        Action::Info(text) => {
            m.info(text);
            vec![]
        }
        Action::Failed(text) => {
            m.warn(text);
            vec![]
        }
        Action::Pipe(p) => crate::tui::features::pipeline::update::update(m, p),
    }
}

/// Moves the focused list's selection, or scrolls the top popup.
fn move_selection(m: &mut Model, delta: i64) -> Vec<Effect> {
    match m.popups.last_mut() {
        Some(Popup::Help { scroll } | Popup::Record { scroll, .. }) => {
            // Clamped by the renderer against the text height; here only kept non-negative.
            let next = (i64::from(*scroll) + delta).clamp(0, i64::from(u16::MAX / 2));
            *scroll = next as u16;
        }
        Some(Popup::Confirm { .. } | Popup::Form(_) | Popup::Picker(_)) => {}
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
fn search(m: &mut Model) -> Vec<Effect> {
    m.search_seq += 1;
    if m.query.is_empty() {
        // No query: every record, newest first, here and now. (The worker answers with at
        // most its limit of hits, which would leave a large list cut short.)
        for kind in [Kind::Demand, Kind::Achievement] {
            let seq = m.search_seq;
            let list = m.list_mut(kind);
            list.hits = list.all_hits();
            list.capped = false;
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
fn search_again_if_capped(m: &mut Model) -> Vec<Effect> {
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

fn clear_query(m: &mut Model) -> Vec<Effect> {
    if m.query.is_empty() {
        return vec![];
    }
    m.query.clear();
    search(m)
}

pub(crate) fn refilter(m: &mut Model) {
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

fn select_id(m: &mut Model, kind: Kind, id: i64) {
    let rows = m.visible_rows(kind);
    let list = m.list_mut(kind);
    if let Some(pos) = list.shown.iter().position(|&s| s == id) {
        list.selected = pos;
        list.scroll_into_view(rows);
    }
}

#[cfg(test)]
#[path = "features/desk/update_tests.rs"]
mod tests;
