//! Key events read directly, for components that do not go through the key table yet: the
//! editing intent a key means by default, and what a key event is
//! (a press, a Ctrl chord, a typed character).

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::tui::action::Input;

/// The editing intent the default keys mean, for code that still reads key events.
pub(super) fn editing_intent(key: &KeyEvent) -> Option<Input> {
    if !is_press(key) {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return [
            ('a', Input::Home),
            ('e', Input::End),
            ('u', Input::ClearLine),
            ('w', Input::DeleteWord),
        ]
        .into_iter()
        .find(|(c, _)| is_ctrl(key, *c))
        .map(|(_, i)| i);
    }
    if let Some(c) = typed_char(key) {
        return Some(Input::Type(c));
    }
    Some(match key.code {
        KeyCode::Backspace => Input::Backspace,
        KeyCode::Delete => Input::Delete,
        KeyCode::Left => Input::Left,
        KeyCode::Right => Input::Right,
        KeyCode::Home => Input::Home,
        KeyCode::End => Input::End,
        _ => return None,
    })
}

/// True for a key press (or auto-repeat); releases are ignored everywhere. (For components
/// that still read key events.)
pub fn is_press(key: &KeyEvent) -> bool {
    key.kind != KeyEventKind::Release
}

/// True for Ctrl + `c` (case-insensitive). (For components that still read key events.)
pub fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
}

/// A plain character typed without Ctrl or Alt (Shift is part of the character).
pub fn typed_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}
