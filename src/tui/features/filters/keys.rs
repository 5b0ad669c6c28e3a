//! The filter picker's rows of the key table.

use crate::tui::action::{Action, Input};
use crate::tui::keys::{Context, Def, Section};

const PICKER: &[Context] = &[Context::Picker];

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
        section: Section::Filters,
        contexts: PICKER,
        keys,
        zh,
        en,
    }
}

/// The picker's rows, in help order. Clearing every choice is on a Ctrl key: a plain letter
/// would be taken from the narrowing text (`c` is in "closed").
pub fn defaults() -> Vec<Def> {
    use Input as I;
    vec![
        d("picker_down", I::Down, &["down"], "下移", "down"),
        d("picker_up", I::Up, &["up"], "上移", "up"),
        d(
            "picker_next_section",
            I::NextField,
            &["tab", "right"],
            "下一类",
            "next section",
        ),
        d(
            "picker_prev_section",
            I::PrevField,
            &["shift-tab", "left"],
            "上一类",
            "previous section",
        ),
        d(
            "picker_toggle",
            I::Toggle,
            &["space"],
            "选中 / 取消",
            "tick / untick",
        ),
        d(
            "picker_clear",
            I::ClearChoices,
            &["ctrl-r"],
            "清除全部勾选",
            "untick every choice",
        ),
        d(
            "picker_apply",
            I::Submit,
            &["enter"],
            "应用筛选",
            "apply the filters",
        ),
        d(
            "picker_cancel",
            I::Cancel,
            &["esc", "ctrl-c"],
            "先清除输入的筛选词，再按则关闭",
            "clear the narrowing text; again: close",
        ),
    ]
}
