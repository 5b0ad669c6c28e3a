//! The pipeline block of the key table: pairing, suggestions, the board, the agenda,
//! follow-ups and undo, with the contexts of the board, the agenda and the pair detail.

use crate::tui::action::{Action, Nav, PipeAction as P};
use crate::tui::keys::{Context, Def, Section};

const DESK: &[Context] = &[Context::Desk];
const VIEWS: &[Context] = &[Context::Desk, Context::Board, Context::Agenda];
const UNDO: &[Context] = &[
    Context::Desk,
    Context::Board,
    Context::Agenda,
    Context::PairDetail,
];
const ON_PAIR: &[Context] = &[Context::Board, Context::Agenda, Context::PairDetail];
const MOVES: &[Context] = &[Context::Board, Context::PairDetail];
const BOARD: &[Context] = &[Context::Board];
const OPENS: &[Context] = &[Context::Board, Context::Agenda];

fn d(
    name: &'static str,
    action: Action,
    contexts: &'static [Context],
    keys: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
) -> Def {
    Def {
        name,
        action,
        section: Section::Pipeline,
        contexts,
        keys,
        zh,
        en,
    }
}

/// The pipeline rows, in help order.
pub fn defaults() -> Vec<Def> {
    let p = Action::Pipe;
    vec![
        d(
            "pair",
            p(P::Pair),
            DESK,
            &["p"],
            "配对选中的需求与成果",
            "pair the selected demand and result",
        ),
        d(
            "suggest",
            p(P::Suggest),
            DESK,
            &["s"],
            "建议匹配",
            "suggest partners",
        ),
        d("board", p(P::Board), VIEWS, &["b"], "看板", "board"),
        d("agenda", p(P::Agenda), VIEWS, &["a"], "待办", "agenda"),
        d("undo", p(P::Undo), UNDO, &["u"], "撤销", "undo"),
        d(
            "log_followup",
            p(P::LogFollowUp),
            ON_PAIR,
            &["n"],
            "记录跟进",
            "log a follow-up",
        ),
        d(
            "stage_prev",
            p(P::StagePrev),
            MOVES,
            &["H", "shift-left"],
            "退回上一阶段（搁置的：恢复）",
            "move one stage left (shelved: take up again)",
        ),
        d(
            "stage_next",
            p(P::StageNext),
            MOVES,
            &["L", "shift-right"],
            "推进下一阶段（搁置的：恢复）",
            "move one stage right (shelved: take up again)",
        ),
        d("shelve", p(P::Shelve), MOVES, &["z"], "搁置", "shelve"),
        d(
            "delete_pair",
            p(P::DeletePair),
            MOVES,
            &["D"],
            "删除配对（可撤销）",
            "delete the pair (undo brings it back)",
        ),
        d(
            "open_pair",
            p(P::OpenPair),
            OPENS,
            &["enter"],
            "配对详情",
            "pair detail",
        ),
        d(
            "board_left",
            p(P::Nav(Nav::Left)),
            BOARD,
            &["h", "left"],
            "左一列",
            "column left",
        ),
        d(
            "board_right",
            p(P::Nav(Nav::Right)),
            BOARD,
            &["l", "right"],
            "右一列",
            "column right",
        ),
        d(
            "pipe_down",
            p(P::Nav(Nav::Down)),
            ON_PAIR,
            &["j", "down"],
            "下移",
            "move down",
        ),
        d(
            "pipe_up",
            p(P::Nav(Nav::Up)),
            ON_PAIR,
            &["k", "up"],
            "上移",
            "move up",
        ),
        d(
            "pipe_help",
            Action::Help,
            ON_PAIR,
            &["?"],
            "按键帮助",
            "key help",
        ),
        d("pipe_quit", Action::Quit, ON_PAIR, &["q"], "退出", "quit"),
    ]
}
