//! The desk's key rows: moving through the lists, the search line, filters, records and
//! saved views. The app-wide rows (help, Esc, quit) are in `tui/bindings.rs`.

use crate::tui::action::Action;
use crate::tui::keys::{Context, Def, Section};

const LISTS: &[Context] = &[
    Context::Desk,
    Context::Search,
    Context::Record,
    Context::Help,
];
/// Where j/k move: not in the search line, where letters are text.
const NAV: &[Context] = &[Context::Desk, Context::Record, Context::Help];
const DESK: &[Context] = &[Context::Desk];
const DESK_SEARCH: &[Context] = &[Context::Desk, Context::Search];
const SEARCH: &[Context] = &[Context::Search];
/// The search line opens on the desk and on the board, which shows the pairs it keeps.
const DESK_BOARD: &[Context] = &[Context::Desk, Context::Board];
const SLOTS: &[Context] = &[Context::Desk, Context::SaveSlot];
const NOT_TYPING: &[Context] = &[Context::Desk, Context::Record, Context::Help];

const SLOT_KEYS: [&[&str]; 9] = [
    &["1"],
    &["2"],
    &["3"],
    &["4"],
    &["5"],
    &["6"],
    &["7"],
    &["8"],
    &["9"],
];
const SLOT_NAMES: [&str; 9] = [
    "view_1", "view_2", "view_3", "view_4", "view_5", "view_6", "view_7", "view_8", "view_9",
];

/// The desk's rows: moving, searching, filters, records, saved views.
pub fn defaults() -> Vec<Def> {
    use Action as A;
    use Section as S;
    let d = Def::new;
    let mut v = vec![
        d(
            "move_down",
            A::Down,
            S::Navigation,
            NAV,
            &["j", "down"],
            "下移",
            "move down",
        ),
        d(
            "move_up",
            A::Up,
            S::Navigation,
            NAV,
            &["k", "up"],
            "上移",
            "move up",
        ),
        d(
            "search_down",
            A::Down,
            S::Navigation,
            SEARCH,
            &["down"],
            "下移",
            "move down",
        ),
        d(
            "search_up",
            A::Up,
            S::Navigation,
            SEARCH,
            &["up"],
            "上移",
            "move up",
        ),
        d(
            "page_down",
            A::PageDown,
            S::Navigation,
            LISTS,
            &["pgdn"],
            "下一页",
            "page down",
        ),
        d(
            "page_up",
            A::PageUp,
            S::Navigation,
            LISTS,
            &["pgup"],
            "上一页",
            "page up",
        ),
        d(
            "top",
            A::Top,
            S::Navigation,
            NOT_TYPING,
            &["g", "home"],
            "到顶",
            "first row",
        ),
        d(
            "bottom",
            A::Bottom,
            S::Navigation,
            NOT_TYPING,
            &["G", "end"],
            "到底",
            "last row",
        ),
        d(
            "focus_next",
            A::FocusNext,
            S::Navigation,
            DESK_SEARCH,
            &["tab"],
            "切换列表",
            "other list",
        ),
        d(
            "focus_prev",
            A::FocusPrev,
            S::Navigation,
            DESK_SEARCH,
            &["shift-tab"],
            "切换列表",
            "other list",
        ),
        d(
            "focus_left",
            A::FocusLeft,
            S::Navigation,
            DESK,
            &["h", "left"],
            "需求列表",
            "demands list",
        ),
        d(
            "focus_right",
            A::FocusRight,
            S::Navigation,
            DESK,
            &["l", "right"],
            "成果列表",
            "results list",
        ),
        d(
            "open",
            A::Open,
            S::Navigation,
            DESK,
            &["enter"],
            "全屏查看记录",
            "open record full-screen",
        ),
        d(
            "search",
            A::SearchOpen,
            S::Search,
            DESK_BOARD,
            &["/"],
            "搜索（两个列表同时）",
            "search (both lists)",
        ),
        d(
            "search_accept",
            A::SearchAccept,
            S::Search,
            SEARCH,
            &["enter"],
            "结束输入，保留结果",
            "leave the search line, keep results",
        ),
        d(
            "filter",
            A::FilterOpen,
            S::Filters,
            DESK,
            &["f"],
            "筛选：领域、地区、状态",
            "filter by field, region, status",
        ),
        d(
            "clear_filters",
            A::FiltersClear,
            S::Filters,
            DESK,
            &["F"],
            "清除筛选",
            "clear filters",
        ),
        d(
            "add",
            A::Add,
            S::Records,
            DESK,
            &["+"],
            "新建记录（当前列表的类型）",
            "add a record to the focused list",
        ),
        d(
            "edit",
            A::Edit,
            S::Records,
            DESK,
            &["e"],
            "编辑记录",
            "edit the record",
        ),
        d(
            "close_record",
            A::CloseRecord,
            S::Records,
            DESK,
            &["x"],
            "关闭记录（状态 closed）",
            "close the record (status closed)",
        ),
        d(
            "delete_record",
            A::DeleteRecord,
            S::Records,
            DESK,
            &["D"],
            "删除记录",
            "delete the record",
        ),
        d(
            "save_view",
            A::SaveViewBegin,
            S::Views,
            DESK,
            &["S"],
            "保存搜索和筛选：再按 1–9",
            "save search + filters: then 1–9",
        ),
    ];
    for (i, (name, keys)) in SLOT_NAMES.iter().zip(SLOT_KEYS).enumerate() {
        v.push(d(
            name,
            A::Slot(i as u8 + 1),
            S::Views,
            SLOTS,
            keys,
            "调出保存的视图",
            "recall the saved view",
        ));
    }
    v
}
