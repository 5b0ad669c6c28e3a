//! The board's rows of the key table: showing it, walking its columns, moving a card along
//! the stages (the pair detail moves its pair with the same keys), shelving and deleting.

use crate::tui::action::{Nav, PipeAction as P};
use crate::tui::features::pipeline::keys::{VIEWS, pipe};
use crate::tui::keys::{Context, Def};

/// Where a pair can be moved: its card on the board, its detail.
const MOVES: &[Context] = &[Context::Board, Context::PairDetail];
const BOARD: &[Context] = &[Context::Board];

/// The board rows, in help order.
pub fn defaults() -> Vec<Def> {
    vec![
        pipe("board", P::Board, VIEWS, &["b"], "看板", "board"),
        pipe(
            "stage_prev",
            P::StagePrev,
            MOVES,
            &["H", "shift-left"],
            "退回上一阶段（搁置的：恢复）",
            "move one stage left (shelved: take up again)",
        ),
        pipe(
            "stage_next",
            P::StageNext,
            MOVES,
            &["L", "shift-right"],
            "推进下一阶段（搁置的：恢复）",
            "move one stage right (shelved: take up again)",
        ),
        pipe("shelve", P::Shelve, MOVES, &["z"], "搁置", "shelve"),
        pipe(
            "delete_pair",
            P::DeletePair,
            MOVES,
            &["D"],
            "删除配对（先询问，可撤销）",
            "delete the pair (asks first; undo brings it back)",
        ),
        pipe(
            "board_left",
            P::Nav(Nav::Left),
            BOARD,
            &["h", "left"],
            "左一列",
            "column left",
        ),
        pipe(
            "board_right",
            P::Nav(Nav::Right),
            BOARD,
            &["l", "right"],
            "右一列",
            "column right",
        ),
    ]
}
