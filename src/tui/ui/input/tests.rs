//! TextInput: the key-event wrapper (as the components not yet on intents use it) and the
//! intents themselves, with CJK text at odd widths.

use crossterm::event::{KeyCode, KeyModifiers};

use super::*;
use crate::tui::ui::fit::width;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}
fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}
fn typed(s: &str) -> TextInput {
    let mut t = TextInput::new();
    for c in s.chars() {
        assert_eq!(t.handle_key(key(KeyCode::Char(c))), InputOutcome::Edited);
    }
    t
}

#[test]
fn cjk_insertion_and_deletion_move_by_whole_characters() {
    let mut t = typed("锂电a池");
    assert_eq!(t.cursor_x(), 7);
    t.handle_key(key(KeyCode::Backspace));
    assert_eq!(t.value(), "锂电a");
    assert_eq!(t.cursor_x(), 5);
    t.handle_key(key(KeyCode::Left));
    assert_eq!(t.cursor_x(), 4);
    t.handle_key(key(KeyCode::Left));
    assert_eq!(t.cursor_x(), 2);
    t.handle_key(key(KeyCode::Delete));
    assert_eq!(t.value(), "锂a");
    t.handle_key(key(KeyCode::Char('负')));
    assert_eq!(t.value(), "锂负a");
    assert_eq!(t.cursor_x(), 4);
}

#[test]
fn cursor_cells_with_mixed_text_and_home_end() {
    let mut t = typed("4.5μm铜箔 foil");
    assert_eq!(t.cursor_x(), width("4.5μm铜箔 foil"));
    t.handle_key(ctrl('a'));
    assert_eq!(t.cursor_x(), 0);
    for _ in 0..6 {
        t.handle_key(key(KeyCode::Right));
    }
    assert_eq!(t.cursor_x(), 7, "4.5μm is 5 cells, 铜 adds 2");
    t.handle_key(key(KeyCode::End));
    assert_eq!(t.cursor_x(), 14);
    t.handle_key(key(KeyCode::Home));
    t.handle_key(ctrl('e'));
    assert_eq!(t.cursor_x(), 14);
}

#[test]
fn ctrl_w_deletes_a_word_and_ctrl_u_clears() {
    let mut t = typed("新材料 copper foil");
    t.handle_key(ctrl('w'));
    assert_eq!(t.value(), "新材料 copper ");
    t.handle_key(ctrl('w'));
    assert_eq!(t.value(), "新材料 ");
    t.handle_key(ctrl('w'));
    assert_eq!(t.value(), "");
    let mut t = typed("光伏abc");
    t.handle_key(ctrl('w'));
    assert_eq!(t.value(), "光伏");
    t.handle_key(ctrl('u'));
    assert!(t.is_empty());
    assert_eq!(t.cursor_x(), 0);
}

#[test]
fn scrolling_at_an_odd_width_keeps_the_cursor_visible_and_never_splits_cjk() {
    let t = typed("西安交通大学材料学院");
    // 20 cells of text, cursor at cell 20, a 7-cell box.
    let (shown, cur) = t.view(7);
    assert!(width(&shown) <= 7);
    assert!(cur < 7, "cursor inside the box, got {cur}");
    assert_eq!(shown, "料学院", "the tail is shown");
    assert_eq!(cur, 6);
    let mut t = t;
    t.handle_key(key(KeyCode::Home));
    let (shown, cur) = t.view(7);
    assert_eq!((shown.as_str(), cur), ("西安交", 0));
    for _ in 0..4 {
        t.handle_key(key(KeyCode::Right));
    }
    // Cursor at cell 8 (before 大): the view starts on a character boundary.
    let (shown, cur) = t.view(7);
    assert_eq!(width(&shown[..]), 6);
    assert_eq!(shown, "安交通");
    assert_eq!(cur, 6);
}

#[test]
fn control_characters_are_refused_and_pastes_are_cleaned() {
    let mut t = TextInput::new();
    assert_eq!(
        t.handle_key(key(KeyCode::Char('\u{1b}'))),
        InputOutcome::Ignored
    );
    t.insert_str("a\u{1b}[31mb\nc");
    assert_eq!(t.value(), "ab c");
    assert_eq!(t.handle_key(key(KeyCode::Enter)), InputOutcome::Ignored);
    assert_eq!(TextInput::with_value("多\n行").value(), "多 行");
}

fn apply(t: &mut TextInput, inputs: &[Input]) -> Vec<InputOutcome> {
    inputs.iter().map(|i| t.handle(i)).collect()
}

#[test]
fn intents_edit_as_the_keys_did() {
    use Input as I;
    // (start, intents, value after, cursor cells after)
    let cases: &[(&str, &[Input], &str, usize)] = &[
        ("", &[I::Type('锂'), I::Type('a')], "锂a", 3),
        ("锂电池", &[I::Backspace], "锂电", 4),
        ("锂电池", &[I::Home, I::Delete], "电池", 0),
        ("锂电池", &[I::Left, I::Left, I::Type('x')], "锂x电池", 3),
        ("新材料 copper", &[I::DeleteWord], "新材料 ", 7),
        ("新材料 copper", &[I::ClearLine], "", 0),
        ("ab", &[I::Home, I::End, I::Right], "ab", 2),
        ("ab", &[I::Paste("c\nd\r\ne".into())], "abc d e", 7),
        ("", &[I::Type('\u{1b}')], "", 0),
    ];
    for (start, inputs, after, cx) in cases {
        let mut t = TextInput::with_value(start);
        apply(&mut t, inputs);
        assert_eq!(
            (t.value(), t.cursor_x()),
            (*after, *cx),
            "{start:?} {inputs:?}"
        );
    }
}

#[test]
fn outcomes_tell_edits_from_moves_and_leave_other_intents_to_the_caller() {
    let mut t = TextInput::with_value("铜");
    assert_eq!(
        apply(
            &mut t,
            &[Input::Left, Input::Backspace, Input::Delete, Input::Submit]
        ),
        [
            InputOutcome::Moved,
            InputOutcome::Moved,
            InputOutcome::Edited,
            InputOutcome::Ignored
        ]
    );
    for other in [
        Input::Up,
        Input::NextField,
        Input::Cancel,
        Input::Toggle,
        Input::Save,
    ] {
        assert_eq!(t.handle(&other), InputOutcome::Ignored, "{other:?}");
    }
}

#[test]
fn a_multiline_input_keeps_pasted_line_breaks_and_shows_them_as_a_mark() {
    let mut t = TextInput::multiline("第一行\r\n第二行");
    assert_eq!(t.value(), "第一行\n第二行");
    assert_eq!(t.lines(), 2);
    t.handle(&Input::Paste("\n三\u{1b}[31m".into()));
    assert_eq!(t.value(), "第一行\n第二行\n三");
    assert_eq!(t.shown(), "第一行⏎第二行⏎三");
    // The mark is one cell: 3×2 + 1 + 3×2 + 1 + 2.
    assert_eq!(t.cursor_x(), 16);
    let (shown, cur) = t.view(6);
    assert_eq!((shown.as_str(), cur), ("行⏎三", 5));
    // A one-line input takes the same paste as spaces.
    let mut one = TextInput::new();
    one.handle(&Input::Paste("a\nb".into()));
    assert_eq!(one.value(), "a b");
}
