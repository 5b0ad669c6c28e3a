//! The pipeline's shared rows of the key table — the desk's ways in (pair, suggest, board,
//! agenda, undo) and the keys every pipeline view shares — with the helpers the features'
//! own `keys.rs` files build their rows and hint lines with.

use crate::tui::Lang;
use crate::tui::action::{Action, Nav, PipeAction as P};
use crate::tui::keys::{Context, Def, Keymap, Section};

const DESK: &[Context] = &[Context::Desk];
/// The desk and the two pipeline views, which switch between each other.
pub const VIEWS: &[Context] = &[Context::Desk, Context::Board, Context::Agenda];
const UNDO: &[Context] = &[
    Context::Desk,
    Context::Board,
    Context::Agenda,
    Context::PairDetail,
];
/// The two pipeline views, which list pairs.
const LISTS: &[Context] = &[Context::Board, Context::Agenda];
/// The pipeline views and the pair detail: where a pair is under the cursor.
pub const ON_PAIR: &[Context] = &[Context::Board, Context::Agenda, Context::PairDetail];

/// A row of the pipeline section.
pub fn pipe(
    name: &'static str,
    action: P,
    contexts: &'static [Context],
    keys: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
) -> Def {
    Def::new(
        name,
        Action::Pipe(action),
        Section::Pipeline,
        contexts,
        keys,
        zh,
        en,
    )
}

/// A hint line from the current key table: "tab next · enter confirm · esc cancel", each
/// item the first key of the named row and what it does; unbound rows are left out.
pub fn hint(keymap: &Keymap, lang: Lang, items: &[(&str, &'static str, &'static str)]) -> String {
    items
        .iter()
        .filter_map(|(name, zh, en)| {
            let key = keymap.key_for(name)?;
            Some(format!("{key} {}", lang.pick(zh, en)))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The desk's way into the pipeline: pairing its two selections.
pub fn entries() -> Vec<Def> {
    vec![pipe(
        "pair",
        P::Pair,
        DESK,
        &["p"],
        "配对选中的需求与成果",
        "pair the selected demand and result",
    )]
}

/// Keys every pipeline view shares, in help order.
pub fn shared() -> Vec<Def> {
    vec![
        pipe("undo", P::Undo, UNDO, &["u"], "撤销", "undo"),
        pipe(
            "pipe_down",
            P::Nav(Nav::Down),
            ON_PAIR,
            &["j", "down"],
            "下移",
            "move down",
        ),
        pipe(
            "pipe_up",
            P::Nav(Nav::Up),
            ON_PAIR,
            &["k", "up"],
            "上移",
            "move up",
        ),
        pipe(
            "pipe_top",
            P::Nav(Nav::Top),
            LISTS,
            &["g", "home"],
            "到第一项",
            "first item",
        ),
        pipe(
            "pipe_bottom",
            P::Nav(Nav::Bottom),
            LISTS,
            &["G", "end"],
            "到最后一项",
            "last item",
        ),
        Def::new(
            "pipe_help",
            Action::Help,
            Section::Pipeline,
            ON_PAIR,
            &["?"],
            "按键帮助",
            "key help",
        ),
        Def::new(
            "pipe_quit",
            Action::Quit,
            Section::Pipeline,
            ON_PAIR,
            &["q"],
            "退出",
            "quit",
        ),
    ]
}
