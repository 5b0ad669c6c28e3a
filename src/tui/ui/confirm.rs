//! `Confirm`: a yes/no question in a small centred box (discard typed text? delete?).

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::action::Input;
use crate::tui::keys::Keymap;
use crate::tui::ui::fit::{centered, clear_popup, width};
use crate::tui::ui::input::is_press;
use crate::tui::{Lang, Theme};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmOutcome {
    Pending,
    Yes,
    No,
}

/// A question. It reads the confirmation context's intents: Yes, and No (or Cancel); the key
/// table decides which keys mean them (`confirm_yes`, `confirm_no`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub title: String,
    pub message: String,
    /// The keys that answer yes and no, as the hint shows them (the defaults when unset).
    pub keys: Option<(String, String)>,
}

impl Confirm {
    pub fn new(title: impl Into<String>, message: impl Into<String>) -> Confirm {
        Confirm {
            title: title.into(),
            message: message.into(),
            keys: None,
        }
    }

    /// The hint names the keys `keymap` binds to yes and no (all of them, "y/enter").
    pub fn with_keys(self, keymap: &Keymap) -> Confirm {
        self.with_keys_of(keymap, "confirm_yes", "confirm_no")
    }

    /// The hint names the keys `keymap` binds to the actions named `yes` and `no` (a delete
    /// asks with `delete_yes` and `delete_no`).
    pub fn with_keys_of(mut self, keymap: &Keymap, yes: &str, no: &str) -> Confirm {
        let keys = |name: &str| {
            keymap
                .bindings
                .iter()
                .find(|b| b.def.name == name)
                .map(|b| {
                    let k: Vec<String> = b.keys.iter().map(ToString::to_string).collect();
                    k.join("/")
                })
                .unwrap_or_default()
        };
        self.keys = Some((keys(yes), keys(no)));
        self
    }

    /// Yes answers yes; No and Cancel answer no; other intents are ignored.
    pub fn handle(&self, input: &Input) -> ConfirmOutcome {
        match input {
            Input::Yes => ConfirmOutcome::Yes,
            Input::No | Input::Cancel => ConfirmOutcome::No,
            _ => ConfirmOutcome::Pending,
        }
    }

    /// The canonical keys of the two answers (the record form's discard question still reads
    /// keys; the route hands it `y`/`n` whatever the user's keys are).
    pub fn handle_key(&mut self, key: KeyEvent) -> ConfirmOutcome {
        if !is_press(&key) {
            return ConfirmOutcome::Pending;
        }
        let input = match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => Input::Yes,
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Input::No,
            _ => return ConfirmOutcome::Pending,
        };
        self.handle(&input)
    }

    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: ratatui::layout::Rect,
        theme: &Theme,
        lang: Lang,
    ) {
        let hint = match &self.keys {
            Some((yes, no)) => format!(
                "{yes} {} · {no} {}",
                lang.pick("是", "yes"),
                lang.pick("否", "no")
            ),
            None => lang
                .pick("y/Enter 是 · n/Esc 否", "y/Enter yes · n/Esc no")
                .to_string(),
        };
        self.draw(frame, area, *theme, &hint);
    }

    fn draw(&self, frame: &mut Frame<'_>, area: ratatui::layout::Rect, theme: Theme, hint: &str) {
        let title = crate::sanitize::one_line(&self.title);
        let message = crate::sanitize::clean(&self.message);
        let inner_w = width(&message)
            .max(width(&title) + 2)
            .max(width(hint))
            .clamp(20, 60);
        let text_rows = width(&message).div_ceil(inner_w).max(1);
        let rect = centered(area, inner_w as u16 + 4, text_rows as u16 + 4);
        clear_popup(frame, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(format!(" {title} "), theme.title()));
        let body = vec![
            Line::from(message.into_owned()),
            Line::default(),
            Line::from(Span::styled(hint.to_string(), theme.muted())),
        ];
        let para = Paragraph::new(body)
            .block(block.padding(ratatui::widgets::Padding::horizontal(1)))
            .wrap(Wrap { trim: false });
        frame.render_widget(para, rect);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn yes_and_no_keys() {
        let mut c = Confirm::new("放弃", "放弃已输入的内容?");
        assert_eq!(c.handle_key(k(KeyCode::Char('y'))), ConfirmOutcome::Yes);
        assert_eq!(c.handle_key(k(KeyCode::Enter)), ConfirmOutcome::Yes);
        assert_eq!(c.handle_key(k(KeyCode::Char('n'))), ConfirmOutcome::No);
        assert_eq!(c.handle_key(k(KeyCode::Esc)), ConfirmOutcome::No);
        assert_eq!(c.handle_key(k(KeyCode::Char('x'))), ConfirmOutcome::Pending);
    }

    #[test]
    fn renders_a_bordered_box_over_cjk_without_losing_the_left_border() {
        let backend = ratatui::backend::TestBackend::new(40, 9);
        let mut term = ratatui::Terminal::new(backend).unwrap();
        term.draw(|f| {
            let bg = "锂电池负极材料".repeat(6);
            for y in 0..9 {
                f.render_widget(
                    Line::from(bg.clone()),
                    ratatui::layout::Rect::new(0, y, 40, 1),
                );
            }
            Confirm::new("Discard", "Discard typed text?").render(
                f,
                f.area(),
                &Theme::new(false),
                Lang::En,
            );
        })
        .unwrap();
        let buf = term.backend().buffer();
        // The box is 26 wide, so it starts at x = 7: the second half of a wide char.
        let row: String = (0..40).map(|x| buf[(x, 3)].symbol().to_string()).collect();
        assert!(row.contains("│ Discard typed text?"), "{row}");
        assert_eq!(buf[(7, 2)].symbol(), "┌");
        assert_eq!(
            buf[(6, 3)].symbol(),
            " ",
            "the wide char cut by the border is cleared"
        );
    }
}
