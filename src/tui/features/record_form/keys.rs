//! The record form's own rows of the key table (Tab, Enter, ↑/↓ and Esc are shared with the
//! other forms: `keys/overlays.rs`).

use crate::tui::action::Input;
use crate::tui::keys::{Context, Def};

const FORM: &[Context] = &[Context::Form];
const CHOICE: &[Context] = &[Context::FormChoice];

/// The form's rows, in help order.
pub fn defaults() -> Vec<Def> {
    use Input as I;
    let d = Def::input;
    vec![
        d("form_save", I::Save, FORM, &["ctrl-s"], "保存", "save"),
        d(
            "choice_next",
            I::ChoiceNext,
            FORM,
            &["ctrl-n"],
            "下一个候选值",
            "next completion",
        ),
        d(
            "choice_prev",
            I::ChoicePrev,
            FORM,
            &["ctrl-p"],
            "上一个候选值",
            "previous completion",
        ),
        d(
            "form_toggle",
            I::Toggle,
            CHOICE,
            &["space"],
            "切换是 / 否",
            "switch yes / no",
        ),
    ]
}
