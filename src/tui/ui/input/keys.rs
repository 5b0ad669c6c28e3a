//! The editing keys every text field shares (the search line, form fields, prompts): the rows
//! of [`Context::Text`], each naming the intent [`super::TextInput::handle`] reads.

use crate::tui::action::{Action, Input};
use crate::tui::keys::{Context, Def, Section};

const TEXT: &[Context] = &[Context::Text];

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
        section: Section::Overlays,
        contexts: TEXT,
        keys,
        zh,
        en,
    }
}

/// The text-editing rows, in help order.
pub fn defaults() -> Vec<Def> {
    use Input as I;
    vec![
        d(
            "text_left",
            I::Left,
            &["left"],
            "光标左移（选项：上一个）",
            "cursor left (choices: previous)",
        ),
        d(
            "text_right",
            I::Right,
            &["right"],
            "光标右移（选项：下一个）",
            "cursor right (choices: next)",
        ),
        d(
            "text_home",
            I::Home,
            &["home", "ctrl-a"],
            "到行首",
            "start of the field",
        ),
        d(
            "text_end",
            I::End,
            &["end", "ctrl-e"],
            "到行尾",
            "end of the field",
        ),
        d(
            "text_backspace",
            I::Backspace,
            &["backspace"],
            "删除前一个字",
            "delete the character before",
        ),
        d(
            "text_delete",
            I::Delete,
            &["delete"],
            "删除后一个字",
            "delete the character after",
        ),
        d(
            "text_delete_word",
            I::DeleteWord,
            &["ctrl-w"],
            "删除前一个词",
            "delete the word before",
        ),
        d(
            "text_clear",
            I::ClearLine,
            &["ctrl-u"],
            "清空",
            "clear the field",
        ),
    ]
}
