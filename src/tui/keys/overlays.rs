//! The overlay rows several overlays share (Tab, Enter, ↑/↓, Esc in the record form, the stage
//! prompt and the follow-up form: one config name rebinds them in all) and the rows of the
//! stage prompt, the follow-up form and the suggestion list. The record form's own rows are in
//! `features/record_form/keys.rs`, the picker's in `features/filters/keys.rs`, the conflict
//! overlay's in `features/conflict/keys.rs`, the text-editing rows in `ui/input/keys.rs`. Each
//! row names an intent ([`Input`]) that the overlay on top reads.

use crate::tui::action::Input;
use crate::tui::keys::{Context, Def};

const FORMS: &[Context] = &[
    Context::Form,
    Context::Prompt,
    Context::Choice,
    Context::FollowUp,
    Context::ContactForm,
];
/// Esc and Ctrl-C leave an overlay the same way: a form with typed text asks first.
const CANCELS: &[Context] = &[
    Context::Form,
    Context::Prompt,
    Context::Choice,
    Context::FollowUp,
    Context::ContactForm,
    Context::Suggestions,
];
const UP_DOWN: &[Context] = &[
    Context::Form,
    Context::Prompt,
    Context::FollowUp,
    Context::ContactForm,
    Context::Suggestions,
];

/// The overlay rows, in help order.
pub fn defaults() -> Vec<Def> {
    use Input as I;
    let d = Def::input;
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
    ]
}

/// The rows of a yes/no question: `y` or Enter says yes, `n`, Esc or Ctrl-C says no; before
/// a delete only `y` says yes (Enter, pressed out of habit, must not delete).
pub fn confirm() -> Vec<Def> {
    use crate::tui::action::Action as A;
    use crate::tui::keys::Section as S;
    const CONFIRM: &[Context] = &[Context::Confirm];
    const CONFIRM_DELETE: &[Context] = &[Context::ConfirmDelete];
    let d = Def::new;
    vec![
        d(
            "confirm_yes",
            A::Input(Input::Yes),
            S::Records,
            CONFIRM,
            &["y", "enter"],
            "确认",
            "confirm",
        ),
        d(
            "confirm_no",
            A::Input(Input::No),
            S::Records,
            CONFIRM,
            &["n", "esc", "ctrl-c"],
            "取消",
            "cancel",
        ),
        d(
            "delete_yes",
            A::Input(Input::Yes),
            S::Records,
            CONFIRM_DELETE,
            &["y"],
            "确认删除（回车不会删除）",
            "delete (Enter does not)",
        ),
        d(
            "delete_no",
            A::Input(Input::No),
            S::Records,
            CONFIRM_DELETE,
            &["n", "esc", "ctrl-c"],
            "不删除",
            "keep it",
        ),
    ]
}
