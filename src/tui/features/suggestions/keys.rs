//! The suggestion list's rows of the key table: asking for suggestions on the desk, walking
//! the list, pairing with one, closing it (Esc closes it as it closes every overlay).

use crate::tui::action::{Action, Input, PipeAction as P};
use crate::tui::features::pipeline::keys::pipe;
use crate::tui::keys::{Context, Def, Section};

const DESK: &[Context] = &[Context::Desk];
const SUGGESTIONS: &[Context] = &[Context::Suggestions];

/// The suggestion rows, in help order.
pub fn defaults() -> Vec<Def> {
    let row = |name, input, keys, zh, en| {
        Def::new(
            name,
            Action::Input(input),
            Section::Overlays,
            SUGGESTIONS,
            keys,
            zh,
            en,
        )
    };
    vec![
        pipe(
            "suggest",
            P::Suggest,
            DESK,
            &["s"],
            "建议匹配",
            "suggest partners",
        ),
        pipe(
            "new_matches",
            P::NewMatches,
            DESK,
            &["N"],
            "新匹配（状态栏的数字）：列出并记为已看",
            "new matches (the status bar's count): list them, marked as seen",
        ),
        row("suggestion_down", Input::Down, &["j"], "下移", "down"),
        row("suggestion_up", Input::Up, &["k"], "上移", "up"),
        row(
            "suggestion_pair",
            Input::Pair,
            &["enter", "p"],
            "与之配对",
            "pair with it",
        ),
        row(
            "suggestion_dismiss",
            Input::Dismiss,
            &["x"],
            "排除（问原因：1 不相关 2 已知晓 3 领域不符 4 其他；再按恢复）",
            "dismiss (asks why: 1 not relevant 2 known 3 wrong field 4 other; again: restore)",
        ),
        row("suggestion_close", Input::Cancel, &["q"], "关闭", "close"),
    ]
}
