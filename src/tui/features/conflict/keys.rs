//! The conflict overlay's rows of the key table. Ctrl-C goes back to the form like Esc: the
//! typed values must not be lost by a quit.

use crate::tui::action::{Action, Input};
use crate::tui::keys::{Context, Def, Section};

const CONFLICT: &[Context] = &[Context::Conflict];

fn d(
    name: &'static str,
    input: Input,
    keys: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
) -> Def {
    Def {
        name,
        action: Action::Input(input),
        section: Section::Records,
        contexts: CONFLICT,
        keys,
        zh,
        en,
    }
}

/// The conflict overlay's rows, in help order.
pub fn defaults() -> Vec<Def> {
    use Input as I;
    vec![
        d(
            "conflict_down",
            I::Down,
            &["down", "j"],
            "下一项",
            "next field",
        ),
        d(
            "conflict_up",
            I::Up,
            &["up", "k"],
            "上一项",
            "previous field",
        ),
        d(
            "conflict_mine",
            I::Left,
            &["left", "h"],
            "此项用我的值",
            "this field: mine",
        ),
        d(
            "conflict_theirs",
            I::Right,
            &["right", "l"],
            "此项保留现存值",
            "this field: the stored value",
        ),
        d(
            "conflict_toggle",
            I::Toggle,
            &["space"],
            "此项在两者间切换",
            "this field: switch",
        ),
        d(
            "conflict_all_mine",
            I::AllMine,
            &["M"],
            "全部用我的值",
            "every field: mine",
        ),
        d(
            "conflict_all_theirs",
            I::AllTheirs,
            &["T"],
            "全部保留现存值",
            "every field: the stored value",
        ),
        d(
            "conflict_apply",
            I::Submit,
            &["enter"],
            "按所选写入",
            "write as chosen",
        ),
        d(
            "conflict_cancel",
            I::Cancel,
            &["esc", "ctrl-c"],
            "返回表单，不写入",
            "back to the form, nothing written",
        ),
    ]
}
