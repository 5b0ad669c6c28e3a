//! Keys of a row of choices (`Context::Choice`): the stage prompt's reasons and contract
//! types, the follow-up's channel. Letters move here because nothing is typed; a digit picks
//! the entry with that number. Tab, Enter and Esc are the forms' own (keys/overlays.rs).

use crate::tui::action::{Action, Input};

use crate::tui::keys::{Context, Def, Section};

const CHOICE: &[Context] = &[Context::Choice];

/// The choice rows, in help order.
pub fn defaults() -> Vec<Def> {
    let row = |name, input, keys, zh, en| {
        Def::new(
            name,
            Action::Input(input),
            Section::Overlays,
            CHOICE,
            keys,
            zh,
            en,
        )
    };
    vec![
        row(
            "choice_down",
            Input::Down,
            &["j", "down"],
            "下一个选项（横排：下一项）",
            "next choice (in a row: next field)",
        ),
        row(
            "choice_up",
            Input::Up,
            &["k", "up"],
            "上一个选项（横排：上一项）",
            "previous choice (in a row: previous field)",
        ),
        row(
            "choice_left",
            Input::Left,
            &["h", "left"],
            "上一个选项",
            "previous choice",
        ),
        row(
            "choice_right",
            Input::Right,
            &["l", "right"],
            "下一个选项",
            "next choice",
        ),
    ]
}
