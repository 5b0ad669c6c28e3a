//! The key table of the overlays and text fields: the record form, the filter picker, the
//! keys the stage prompt and the follow-up form share with the record form, and the editing
//! keys every text field shares (the suggestion list's own rows are in its feature). Each row
//! names an intent ([`Input`]) that the overlay on top reads.

use crate::tui::action::{Action, Input};
use crate::tui::keys::{Context, Def, Section};

const TEXT: &[Context] = &[Context::Text];
const FORM: &[Context] = &[Context::Form];
const FORMS: &[Context] = &[
    Context::Form,
    Context::Prompt,
    Context::Choice,
    Context::FollowUp,
];
const PICKER: &[Context] = &[Context::Picker];
/// Esc and Ctrl-C leave an overlay the same way: a form with typed text asks first.
const CANCELS: &[Context] = &[
    Context::Form,
    Context::Picker,
    Context::Prompt,
    Context::Choice,
    Context::FollowUp,
    Context::Suggestions,
];
const UP_DOWN: &[Context] = &[
    Context::Form,
    Context::Picker,
    Context::Prompt,
    Context::FollowUp,
    Context::Suggestions,
];

fn d(
    name: &'static str,
    input: Input,
    contexts: &'static [Context],
    keys: &'static [&'static str],
    zh: &'static str,
    en: &'static str,
) -> Def {
    Def {
        name,
        action: Action::Input(input),
        section: Section::Overlays,
        contexts,
        keys,
        zh,
        en,
    }
}

/// The overlay rows, in help order.
pub fn defaults() -> Vec<Def> {
    use Input as I;
    vec![
        d(
            "field_next",
            I::NextField,
            FORMS,
            &["tab"],
            "下一项",
            "next field",
        ),
        d(
            "field_prev",
            I::PrevField,
            FORMS,
            &["shift-tab"],
            "上一项",
            "previous field",
        ),
        d(
            "form_enter",
            I::Submit,
            FORMS,
            &["enter"],
            "下一项；最后一项时提交",
            "next field; submits on the last",
        ),
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
        d("overlay_down", I::Down, UP_DOWN, &["down"], "下移", "down"),
        d("overlay_up", I::Up, UP_DOWN, &["up"], "上移", "up"),
        d(
            "overlay_cancel",
            I::Cancel,
            CANCELS,
            &["esc", "ctrl-c"],
            "关闭（有未保存内容时先询问）",
            "close (asks first when typed text would be lost)",
        ),
        d(
            "picker_next_section",
            I::NextField,
            PICKER,
            &["tab", "right"],
            "下一类",
            "next section",
        ),
        d(
            "picker_prev_section",
            I::PrevField,
            PICKER,
            &["shift-tab", "left"],
            "上一类",
            "previous section",
        ),
        d(
            "picker_toggle",
            I::Toggle,
            PICKER,
            &["space"],
            "选中 / 取消",
            "tick / untick",
        ),
        d(
            "picker_apply",
            I::Submit,
            PICKER,
            &["enter"],
            "应用筛选",
            "apply the filters",
        ),
        d(
            "text_left",
            I::Left,
            TEXT,
            &["left"],
            "光标左移（选项：上一个）",
            "cursor left (choices: previous)",
        ),
        d(
            "text_right",
            I::Right,
            TEXT,
            &["right"],
            "光标右移（选项：下一个）",
            "cursor right (choices: next)",
        ),
        d(
            "text_home",
            I::Home,
            TEXT,
            &["home", "ctrl-a"],
            "到行首",
            "start of the field",
        ),
        d(
            "text_end",
            I::End,
            TEXT,
            &["end", "ctrl-e"],
            "到行尾",
            "end of the field",
        ),
        d(
            "text_backspace",
            I::Backspace,
            TEXT,
            &["backspace"],
            "删除前一个字",
            "delete the character before",
        ),
        d(
            "text_delete",
            I::Delete,
            TEXT,
            &["delete"],
            "删除后一个字",
            "delete the character after",
        ),
        d(
            "text_delete_word",
            I::DeleteWord,
            TEXT,
            &["ctrl-w"],
            "删除前一个词",
            "delete the word before",
        ),
        d(
            "text_clear",
            I::ClearLine,
            TEXT,
            &["ctrl-u"],
            "清空",
            "clear the field",
        ),
    ]
}
