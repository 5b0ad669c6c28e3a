//! The phone rows of the key table: copy a contact, log a call, open a pair's sides, and give
//! the mouse to the terminal.

use crate::domain::Kind;
use crate::tui::action::Action;
use crate::tui::features::phone::PhoneAction as P;
use crate::tui::keys::{Context, Def, Section};

/// Where a record is selected or open.
const ON_RECORD: &[Context] = &[Context::Desk, Context::Record];
/// Where a pair is under the cursor.
const ON_PAIR: &[Context] = &[Context::Board, Context::Agenda, Context::PairDetail];
/// Every view and read-only popup (not where letters are typed).
const VIEWING: &[Context] = &[
    Context::Desk,
    Context::Record,
    Context::Board,
    Context::Agenda,
    Context::PairDetail,
    Context::Help,
];

fn row(
    name: &'static str,
    action: P,
    contexts: &'static [Context],
    keys: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
) -> Def {
    Def::new(
        name,
        Action::Phone(action),
        Section::Records,
        contexts,
        keys,
        zh,
        en,
    )
}

/// The phone rows, in help order.
pub fn defaults() -> Vec<Def> {
    vec![
        row(
            "copy_contact",
            P::Copy,
            ON_RECORD,
            &["y"],
            "复制联系人 电话 单位（OSC 52，SSH/tmux 可用）",
            "copy contact, phone, org (OSC 52: over SSH and in tmux)",
        ),
        row(
            "log_call",
            P::Call,
            ON_RECORD,
            &["c"],
            "记录来电/去电：有进行中的配对记入各配对，否则记入记录日志",
            "log a call: on each open pair, else in the record's own log",
        ),
        row(
            "open_demand",
            P::OpenSide(Kind::Demand),
            ON_PAIR,
            &["d"],
            "打开配对的需求",
            "open the pair's demand",
        ),
        row(
            "open_result",
            P::OpenSide(Kind::Achievement),
            ON_PAIR,
            &["r"],
            "打开配对的成果",
            "open the pair's result",
        ),
        row(
            "toggle_mouse",
            P::ToggleMouse,
            VIEWING,
            &["M"],
            "鼠标交还终端以选择文字 / 恢复点击与滚轮",
            "give the mouse to the terminal to select text / take it back",
        ),
    ]
}
