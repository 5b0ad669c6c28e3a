//! The pure state machine: `update(model, action)` changes the model and returns the effects
//! (database writes, searches) as data, so every key can be tested without a terminal.

use crate::domain::Kind;
use crate::tui::action::Action;
use crate::tui::action::{Input, PipeAction};
use crate::tui::effect::Effect;
use crate::tui::features::record_form::update as update_records;
use crate::tui::model::{Line, Model};
use crate::tui::overlay::{Overlay, Pending};
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
                m.overlays.push(Overlay::Record {
                    kind,
                    id,
                    scroll: 0,
                });
            }
            vec![]
        }
        Action::Click { column, row } => {
            if !m.overlays.is_empty() {
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
            if m.overlays.is_empty() {
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
        Action::Input(input) => route_input(m, &input),
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
        Action::Edit => {
            let fx = update_records::open_edit(m);
            note_edit_base(m);
            fx
        }
        Action::CloseRecord | Action::DeleteRecord => {
            let Some(rec) = m.selected() else {
                return vec![];
            };
            let code = rec.code();
            let title = crate::sanitize::one_line(rec.title());
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
            let title = m.lang.pick("确认", "Confirm");
            let confirm = crate::tui::ui::confirm::Confirm::new(title, question);
            m.overlays.push(Overlay::Confirm { confirm, pending });
            vec![]
        }
        Action::SubmitRecord(rec) => match m.editing.take() {
            // An edit writes only what the user changed since the form opened.
            Some(base) if base.id == rec.id && rec.id != 0 => {
                m.editing = Some(base.clone());
                vec![Effect::SaveEdit {
                    base,
                    after: Box::new(rec),
                }]
            }
            _ => vec![Effect::Save(Box::new(rec))],
        },
        Action::Merged(fields) => {
            m.info(format!(
                "{} {}",
                m.lang.pick(
                    "已保存；保留了其他程序对以下字段的修改：",
                    "saved; kept the changes made elsewhere to"
                ),
                fields.join(", ")
            ));
            vec![]
        }
        Action::EditConflict {
            mine,
            theirs,
            fields,
        } => {
            // The stored row is the new base: what the user then writes is compared with it.
            m.editing = Some(theirs.clone());
            m.full = Some(theirs.clone());
            if matches!(m.overlays.last(), Some(Overlay::Form(_))) {
                return update_records::form_conflict(m, &mine, *theirs);
            }
            let text = match m.lang {
                crate::i18n::Lang::Zh => format!(
                    "{} 在此期间被其他程序修改（{}）：未保存",
                    theirs.code(),
                    fields.join(", ")
                ),
                crate::i18n::Lang::En => format!(
                    "{} was changed elsewhere meanwhile ({}): nothing saved",
                    theirs.code(),
                    fields.join(", ")
                ),
            };
            m.warn(text);
            vec![]
        }
        Action::Waiting { tries } => {
            let text = match m.lang {
                crate::i18n::Lang::Zh => {
                    format!("等待数据库（另一个程序正在写入）… 第 {tries} 次重试")
                }
                crate::i18n::Lang::En => {
                    format!("waiting for the database (another process is writing)… try {tries}")
                }
            };
            // The form stays open and saving; it says why it takes so long.
            if let Some(Overlay::Form(form)) = m.overlays.last_mut() {
                form.set_status(text.clone(), true);
            }
            m.warn(text);
            vec![]
        }
        Action::RecordSaved(rec) => {
            let (kind, id) = (rec.kind, rec.id);
            update_records::form_saved(m);
            if m.editing.as_ref().is_some_and(|b| b.id == id) {
                m.editing = None;
            }
            let label = format!(
                "{} {} {}",
                m.lang.pick("已保存", "saved"),
                rec.code(),
                crate::sanitize::one_line(&rec.title)
            );
            m.list_mut(kind).upsert(&crate::domain::RecordRow::of(&rec));
            m.full = Some(Box::new(rec));
            m.info(label);
            // The worker re-ranks with the new keys; the selection follows the record's id.
            m.focus = kind;
            let list = m.list_mut(kind);
            if !list.hits.iter().any(|h| h.id == id) {
                list.hits.insert(0, crate::search::Hit { id, score: 0 });
            }
            refilter(m);
            select_id(m, kind, id);
            // Its pairs' cards and agenda items show its title: read those pairs again.
            let mut fx = crate::tui::features::pipeline::update::record_saved(m, id);
            fx.extend(search(m));
            fx
        }
        Action::Fetched(rec) => {
            let id = rec.id;
            m.full = Some(rec);
            if m.edit_when_fetched.take() == Some(id) && m.selected().is_some_and(|r| r.id == id) {
                let fx = update_records::open_edit(m);
                note_edit_base(m);
                return fx;
            }
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
        Action::Changed(changes) => crate::tui::features::desk::live::apply(m, *changes),
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
            // Its pairs went with it.
            crate::tui::features::pipeline::update::record_deleted(m, id)
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
        Action::ViewSaved { slot } => {
            m.info(format!(
                "{} {slot}",
                m.lang.pick("已保存视图", "saved view")
            ));
            vec![]
        }
        Action::ViewEmpty { slot } => {
            let text = match m.lang {
                crate::i18n::Lang::Zh => format!("视图 {slot} 为空：先按 S 再按 {slot} 保存"),
                crate::i18n::Lang::En => format!("view {slot} is empty: S then {slot} saves one"),
            };
            m.info(text);
            vec![]
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
            if matches!(m.overlays.last(), Some(Overlay::Help { .. })) {
                m.overlays.pop();
            } else {
                m.overlays.push(Overlay::Help { scroll: 0 });
            }
            vec![]
        }
        Action::Back => {
            if m.overlays.pop().is_some() {
                return vec![];
            }
            if m.line == Line::Closed && m.view != crate::tui::model::View::Desk {
                m.view = crate::tui::model::View::Desk;
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
            if !update_records::form_failed(m, &text) {
                m.warn(text);
            }
            vec![]
        }
        Action::Pipe(PipeAction::SuggestBuilding) => {
            m.info(m.lang.pick(
                "正在建立推荐索引…（每次启动一次）",
                "building the suggestion index… (once per session)",
            ));
            vec![]
        }
        Action::Pipe(PipeAction::Stale(text)) => {
            m.warn(text);
            crate::tui::features::pipeline::update::refresh(m)
        }
        Action::Pipe(PipeAction::ConfirmUndo(step)) => {
            let origin = if step.origin.is_empty() {
                m.lang.pick("未知来源", "unknown").to_string()
            } else if step.origin == "cli" {
                m.lang.pick("命令行", "the command line").to_string()
            } else {
                m.lang.pick("另一个工作台", "another desk").to_string()
            };
            let label = crate::sanitize::one_line(&step.label);
            let question = match m.lang {
                crate::i18n::Lang::Zh => {
                    format!("最近一步来自{origin}（{}）：{label}。撤销它？", step.at)
                }
                crate::i18n::Lang::En => {
                    format!(
                        "The last step came from {origin} ({}): {label}. Undo it?",
                        step.at
                    )
                }
            };
            let confirm =
                crate::tui::ui::confirm::Confirm::new(m.lang.pick("撤销", "Undo"), question);
            let pending = Pending::Undo { at: step.at };
            m.overlays.push(Overlay::Confirm { confirm, pending });
            vec![]
        }
        Action::Pipe(p) => crate::tui::features::pipeline::update::update(m, p),
    }
}

/// When a form has just opened on an existing record, that record (as fetched) is the base
/// its save is compared with.
fn note_edit_base(m: &mut Model) {
    if matches!(m.overlays.last(), Some(Overlay::Form(_))) {
        m.editing.clone_from(&m.full);
    }
}

/// An input intent goes to the top overlay, else to the open search line.
fn route_input(m: &mut Model, input: &Input) -> Vec<Effect> {
    match m.overlays.last() {
        Some(Overlay::Confirm { .. }) => match input {
            Input::Yes => confirm_yes(m),
            Input::No | Input::Cancel => {
                m.overlays.pop();
                vec![]
            }
            _ => vec![],
        },
        Some(Overlay::Form(_) | Overlay::Picker(_) | Overlay::Conflict(_)) => {
            update_records::popup_input(m, input)
        }
        Some(Overlay::StagePrompt { .. }) => {
            crate::tui::features::stage_prompt::update::input(m, input)
        }
        Some(Overlay::FollowUp { .. }) => crate::tui::features::followup::update::input(m, input),
        Some(Overlay::Suggestions { .. }) => {
            crate::tui::features::suggestions::update::input(m, input)
        }
        None => edit_query(m, input),
        // Help, a record and the pair detail scroll with the navigation keys instead.
        _ => vec![],
    }
}

/// Yes to the open confirmation: what it was about goes out.
fn confirm_yes(m: &mut Model) -> Vec<Effect> {
    let Some(Overlay::Confirm { pending, .. }) = m.overlays.pop() else {
        return vec![];
    };
    match pending {
        Pending::Close { id } => vec![Effect::SetStatus {
            id,
            status: "closed".into(),
        }],
        Pending::Delete { kind, id } => vec![Effect::Delete { kind, id }],
        Pending::Undo { at } => vec![Effect::Pipe(
            crate::tui::effect::PipeEffect::UndoConfirmed { at },
        )],
        Pending::DeletePair { pair_id } => {
            let code = crate::domain::Code {
                kind: crate::domain::CodeKind::Pair,
                num: pair_id,
            };
            vec![Effect::Pipe(crate::tui::effect::PipeEffect::DeletePair(
                code,
            ))]
        }
    }
}

/// Typing and editing in the search line; the lists follow each change.
fn edit_query(m: &mut Model, input: &Input) -> Vec<Effect> {
    if m.search_line.value() != m.query {
        // The query was set elsewhere (a saved view, Esc): the line starts from it.
        m.search_line.set_value(&m.query);
    }
    m.search_line.handle(input);
    if m.search_line.value() == m.query {
        return vec![];
    }
    m.query = m.search_line.value().to_string();
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
pub(crate) fn search(m: &mut Model) -> Vec<Effect> {
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
