//! `TextInput`: a single-line editor that measures everything in display cells, so CJK text
//! moves the cursor by two cells and a long value scrolls horizontally inside its box.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;

use crate::tui::action::Input;
use crate::tui::ui::widgets::{char_width, cut, is_ctrl, is_press, typed_char, width};
use crate::tui::{Lang, Theme};

/// What a key did to the input; `Ignored` keys (Enter, Tab, Esc, ↑/↓…) are the caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    /// The text changed.
    Edited,
    /// Only the cursor moved.
    Moved,
    /// The key is not an editing key.
    Ignored,
}

/// One line of editable text. Typed control characters are refused and pasted or loaded text
/// is sanitised, so the value is always safe to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Byte offset of the cursor, always on a char boundary.
    cursor: usize,
}

impl TextInput {
    pub fn new() -> TextInput {
        TextInput::default()
    }

    /// An input holding `value` (collapsed to one clean line), cursor at the end.
    pub fn with_value(value: &str) -> TextInput {
        let mut t = TextInput::new();
        t.set_value(value);
        t
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Replaces the text (collapsed to one clean line) and puts the cursor at the end.
    pub fn set_value(&mut self, value: &str) {
        self.value = crate::sanitize::one_line(value);
        self.cursor = self.value.len();
    }

    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
    }

    /// Inserts pasted text at the cursor, as one clean line.
    pub fn insert_str(&mut self, s: &str) {
        let clean = crate::sanitize::clean(s);
        self.value.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Cells between the start of the text and the cursor.
    pub fn cursor_x(&self) -> usize {
        width(&self.value[..self.cursor])
    }

    fn prev_boundary(&self) -> usize {
        self.value[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.value[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Start of the word before the cursor: skip spaces, then a run of one script (ASCII
    /// word characters, or everything else), so Ctrl-W on "锂电 abc" removes "abc" first.
    fn word_start(&self) -> usize {
        let before = &self.value[..self.cursor];
        let mut chars = before.char_indices().rev().peekable();
        let mut start = self.cursor;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_whitespace() {
                break;
            }
            start = i;
            chars.next();
        }
        let Some(&(_, first)) = chars.peek() else {
            return start;
        };
        let ascii = first.is_ascii();
        for (i, c) in chars {
            if c.is_whitespace() || c.is_ascii() != ascii {
                break;
            }
            start = i;
        }
        start
    }

    /// A key, read as the editing intent it canonically means (the search line and the
    /// record form still read keys; everything else calls [`TextInput::handle`]).
    pub fn handle_key(&mut self, key: KeyEvent) -> InputOutcome {
        if !is_press(&key) {
            return InputOutcome::Ignored;
        }
        let intent = if key.modifiers.contains(KeyModifiers::CONTROL) {
            [
                ('a', Input::Home),
                ('e', Input::End),
                ('u', Input::ClearLine),
                ('w', Input::DeleteWord),
            ]
            .into_iter()
            .find(|(c, _)| is_ctrl(&key, *c))
            .map(|(_, i)| i)
        } else if let Some(c) = typed_char(&key) {
            Some(Input::Type(c))
        } else {
            match key.code {
                KeyCode::Backspace => Some(Input::Backspace),
                KeyCode::Delete => Some(Input::Delete),
                KeyCode::Left => Some(Input::Left),
                KeyCode::Right => Some(Input::Right),
                KeyCode::Home => Some(Input::Home),
                KeyCode::End => Some(Input::End),
                _ => None,
            }
        };
        intent.map_or(InputOutcome::Ignored, |i| self.handle(&i))
    }

    /// An editing intent: typing, deleting, moving the cursor, or a paste (the field is one
    /// line, so each pasted line break becomes one space). Other intents (Submit, Up,
    /// NextField…) are the caller's: `Ignored`.
    pub fn handle(&mut self, input: &Input) -> InputOutcome {
        match input {
            Input::Type(c) if c.is_control() => InputOutcome::Ignored,
            Input::Type(c) => {
                self.value.insert(self.cursor, *c);
                self.cursor += c.len_utf8();
                InputOutcome::Edited
            }
            Input::Paste(text) => {
                let line = one_line_paste(text);
                if line.is_empty() {
                    return InputOutcome::Moved;
                }
                self.insert_str(&line);
                InputOutcome::Edited
            }
            Input::Backspace if self.cursor > 0 => {
                let p = self.prev_boundary();
                self.value.replace_range(p..self.cursor, "");
                self.cursor = p;
                InputOutcome::Edited
            }
            Input::Delete if self.cursor < self.value.len() => {
                let n = self.next_boundary();
                self.value.replace_range(self.cursor..n, "");
                InputOutcome::Edited
            }
            Input::Left => self.move_to(self.prev_boundary()),
            Input::Right => self.move_to(self.next_boundary()),
            Input::Home => self.move_to(0),
            Input::End => self.move_to(self.value.len()),
            // At the edges these keys do nothing but are still the input's.
            Input::Backspace | Input::Delete => InputOutcome::Moved,
            Input::ClearLine => {
                let changed = !self.value.is_empty();
                self.clear();
                if changed {
                    InputOutcome::Edited
                } else {
                    InputOutcome::Moved
                }
            }
            Input::DeleteWord => {
                let s = self.word_start();
                if s == self.cursor {
                    return InputOutcome::Moved;
                }
                self.value.replace_range(s..self.cursor, "");
                self.cursor = s;
                InputOutcome::Edited
            }
            _ => InputOutcome::Ignored,
        }
    }

    fn move_to(&mut self, pos: usize) -> InputOutcome {
        self.cursor = pos;
        InputOutcome::Moved
    }

    /// The visible slice for a box `w` cells wide and the cursor's cell inside it. The view
    /// scrolls just enough to keep the cursor (and the cell after the text) visible and never
    /// starts in the middle of a double-width character.
    pub fn view(&self, w: usize) -> (String, usize) {
        if w == 0 {
            return (String::new(), 0);
        }
        let cx = self.cursor_x();
        let want = (cx + 1).saturating_sub(w);
        let mut skipped = 0;
        let mut chars = self.value.chars().peekable();
        while skipped < want {
            let Some(c) = chars.next() else { break };
            skipped += char_width(c);
        }
        let mut shown = String::new();
        let mut used = 0;
        for c in chars {
            let cw = char_width(c);
            if used + cw > w {
                break;
            }
            shown.push(c);
            used += cw;
        }
        (shown, cx - skipped)
    }

    /// Draws the text in the first row of `area` and places the terminal cursor on it.
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, _lang: Lang) {
        self.render_line(frame, area, theme, true);
    }

    /// Draws the text; the terminal cursor is placed only when `focused`.
    pub fn render_line(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, focused: bool) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        // Unfocused, a long value shows its start (cut with …) rather than where the
        // cursor was left.
        let (shown, cur) = if focused {
            self.view(usize::from(area.width))
        } else {
            (cut(&self.value, usize::from(area.width)), 0)
        };
        let row = Rect::new(area.x, area.y, area.width, 1);
        frame.render_widget(Span::styled(shown, theme.normal()), row);
        if focused {
            frame.set_cursor_position(Position::new(area.x + cur as u16, area.y));
        }
    }
}

/// Pasted text for a one-line field: each line break (CRLF, LF or CR) becomes one space and
/// trailing ones are dropped, so a copied paragraph reads as one line.
pub fn one_line_paste(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified.trim_end_matches('\n').replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn intents_edit_like_their_keys_and_a_paste_is_one_line() {
        let mut t = TextInput::new();
        for c in "铜箔ab".chars() {
            assert_eq!(t.handle(&Input::Type(c)), InputOutcome::Edited);
        }
        assert_eq!(t.handle(&Input::DeleteWord), InputOutcome::Edited);
        assert_eq!(t.value(), "铜箔");
        assert_eq!(t.handle(&Input::Home), InputOutcome::Moved);
        assert_eq!(t.handle(&Input::Delete), InputOutcome::Edited);
        assert_eq!(t.value(), "箔");
        assert_eq!(t.handle(&Input::Submit), InputOutcome::Ignored);
        t.handle(&Input::End);
        t.handle(&Input::Paste("第一行\r\n第二行\n\n第三行\r\n".into()));
        assert_eq!(t.value(), "箔第一行 第二行  第三行");
        assert_eq!(t.handle(&Input::ClearLine), InputOutcome::Edited);
        assert_eq!(t.handle(&Input::Paste("\n".into())), InputOutcome::Moved);
        assert!(t.is_empty());
    }
}
