//! `TextInput`: a single-line editor that measures everything in display cells, so CJK text
//! moves the cursor by two cells and a long value scrolls horizontally inside its box. It reads
//! intents ([`Input`]); which key means which intent is the key table's business ([`keys`]).
//! A multi-line input (a description) keeps the line breaks of a paste and shows each as `⏎`
//! in its one-row box.

mod events;
pub mod keys;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;

use crate::tui::action::Input;
use crate::tui::ui::fit::{char_width, cut};
use crate::tui::{Lang, Theme};
use events::editing_intent;
pub use events::{is_ctrl, is_press, typed_char};

/// How a line break is drawn inside a one-row box.
pub const NEWLINE_MARK: char = '⏎';

/// What an intent did to the input; `Ignored` intents (Submit, NextField, Cancel, Up/Down…)
/// are the caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputOutcome {
    /// The text changed.
    Edited,
    /// Only the cursor moved (or an edit at an edge did nothing).
    Moved,
    /// The intent is not an editing one.
    Ignored,
}

/// One line of editable text. Typed control characters are refused and pasted or loaded text
/// is sanitised, so the value is always safe to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// Byte offset of the cursor, always on a char boundary.
    cursor: usize,
    /// Line breaks are kept (pasted or loaded); otherwise they become spaces.
    multiline: bool,
    /// The whole value is selected (the search line reopened on the last query): typing or
    /// pasting replaces it, deleting removes it, moving the cursor keeps it.
    selected: bool,
}

/// Cells a character takes in the box: a kept line break is drawn as [`NEWLINE_MARK`].
fn shown_width(c: char) -> usize {
    if c == '\n' { 1 } else { char_width(c) }
}

/// `s` cleaned for a field: controls and escape sequences dropped; line breaks kept as `\n`
/// when `multiline`, else spaces (and the whole collapsed to one line on load).
fn clean_text(s: &str, multiline: bool) -> String {
    let s = s.replace("\r\n", "\n");
    if !multiline {
        return crate::sanitize::clean(&s).into_owned();
    }
    let s = s.replace('\r', "\n");
    s.split('\n')
        .map(|l| crate::sanitize::clean(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
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

    /// A multi-line input holding `value` with its line breaks, cursor at the end.
    pub fn multiline(value: &str) -> TextInput {
        let mut t = TextInput {
            multiline: true,
            ..TextInput::default()
        };
        t.set_value(value);
        t
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// How many lines the value holds (1 for a one-line input).
    pub fn lines(&self) -> usize {
        self.value.matches('\n').count() + 1
    }

    /// Replaces the text (collapsed to one clean line, or cleaned line by line when multi-line)
    /// and puts the cursor at the end.
    pub fn set_value(&mut self, value: &str) {
        self.value = if self.multiline {
            clean_text(value.trim(), true)
        } else {
            crate::sanitize::one_line(value)
        };
        self.cursor = self.value.len();
        self.selected = false;
    }

    pub fn clear(&mut self) {
        self.value.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// Selects the whole value (nothing when it is empty), the cursor at its end.
    pub fn select_all(&mut self) {
        self.selected = !self.value.is_empty();
        self.cursor = self.value.len();
    }

    /// Whether the whole value is selected.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// The selection meets an intent: typing and pasting replace the value, deleting removes
    /// it, Left/Home and Right/End leave it with the cursor at that end. `Some` when that was
    /// all the intent did.
    fn replace_selection(&mut self, input: &Input) -> Option<InputOutcome> {
        if !std::mem::take(&mut self.selected) {
            return None;
        }
        match input {
            Input::Type(c) if !c.is_control() => {
                self.clear();
                None
            }
            Input::Paste(_) => {
                self.clear();
                None
            }
            Input::Backspace | Input::Delete | Input::DeleteWord | Input::ClearLine => {
                self.clear();
                Some(InputOutcome::Edited)
            }
            Input::Left | Input::Home => {
                self.cursor = 0;
                Some(InputOutcome::Moved)
            }
            Input::Right | Input::End => {
                self.cursor = self.value.len();
                Some(InputOutcome::Moved)
            }
            _ => None,
        }
    }

    /// Inserts pasted text at the cursor: a one-line input takes each line break as a space,
    /// a multi-line one keeps it.
    pub fn insert_str(&mut self, s: &str) {
        let clean = clean_text(s, self.multiline);
        self.value.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Cells between the start of the text and the cursor.
    pub fn cursor_x(&self) -> usize {
        self.value[..self.cursor].chars().map(shown_width).sum()
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

    /// Applies an editing intent: typing, deleting, moving the cursor, pasting.
    pub fn handle(&mut self, input: &Input) -> InputOutcome {
        if let Some(done) = self.replace_selection(input) {
            return done;
        }
        match input {
            Input::Type(c) => {
                if c.is_control() {
                    return InputOutcome::Ignored;
                }
                self.value.insert(self.cursor, *c);
                self.cursor += c.len_utf8();
                InputOutcome::Edited
            }
            Input::Paste(text) => {
                let before = self.value.len();
                self.insert_str(text);
                if self.value.len() == before {
                    InputOutcome::Moved
                } else {
                    InputOutcome::Edited
                }
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
            // At the edges these do nothing but are still the input's.
            Input::Backspace | Input::Delete => InputOutcome::Moved,
            Input::Left => self.move_to(self.prev_boundary()),
            Input::Right => self.move_to(self.next_boundary()),
            Input::Home => self.move_to(0),
            Input::End => self.move_to(self.value.len()),
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

    /// The key-event entry of components not yet on intents: the default editing keys,
    /// translated to [`TextInput::handle`].
    pub fn handle_key(&mut self, key: KeyEvent) -> InputOutcome {
        match editing_intent(&key) {
            Some(input) => self.handle(&input),
            None => InputOutcome::Ignored,
        }
    }

    fn move_to(&mut self, pos: usize) -> InputOutcome {
        self.cursor = pos;
        InputOutcome::Moved
    }

    /// The visible slice for a box `w` cells wide and the cursor's cell inside it. The view
    /// scrolls just enough to keep the cursor (and the cell after the text) visible and never
    /// starts in the middle of a double-width character. Line breaks show as `⏎`.
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
            skipped += shown_width(c);
        }
        let mut shown = String::new();
        let mut used = 0;
        for c in chars {
            let cw = shown_width(c);
            if used + cw > w {
                break;
            }
            shown.push(if c == '\n' { NEWLINE_MARK } else { c });
            used += cw;
        }
        (shown, cx - skipped)
    }

    /// The whole value as drawn in one row: line breaks as `⏎`.
    pub fn shown(&self) -> String {
        self.value.replace('\n', &NEWLINE_MARK.to_string())
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
            (cut(&self.shown(), usize::from(area.width)), 0)
        };
        let row = Rect::new(area.x, area.y, area.width, 1);
        frame.render_widget(Span::styled(shown, theme.normal()), row);
        if focused {
            frame.set_cursor_position(Position::new(area.x + cur as u16, area.y));
        }
    }
}

#[cfg(test)]
mod tests;
