//! The handover prompt: the name of whom the pair goes to, typed on one line over the view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::i18n::Lang;
use crate::i18n::team::TeamMsg;
use crate::tui::Theme;
use crate::tui::action::Input;
use crate::tui::ui::fit::{centered, clear_popup, cut};
use crate::tui::ui::input::{InputOutcome, TextInput};

/// The answer to one intent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoverOutcome {
    Pending,
    Cancelled,
    /// Hand it over to this name (cleaned; never empty).
    Done(String),
}

/// The prompt over pair `pair_id`.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverPrompt {
    pub pair_id: i64,
    /// Its code (P3).
    pub code: String,
    /// Its owner now, as shown ("—" for nobody's).
    pub owner: String,
    pub name: TextInput,
    /// "a name is needed", after Enter on an empty line.
    pub error: bool,
}

impl HandoverPrompt {
    pub fn new(pair_id: i64, code: String, owner: Option<&str>) -> HandoverPrompt {
        HandoverPrompt {
            pair_id,
            code,
            owner: crate::broker::shown(owner).into_owned(),
            name: TextInput::default(),
            error: false,
        }
    }

    /// Cancel leaves; Enter hands over to the name typed (an empty one is refused, the prompt
    /// stays); the editing intents edit the name.
    pub fn handle(&mut self, input: &Input) -> HandoverOutcome {
        match input {
            Input::Cancel => HandoverOutcome::Cancelled,
            Input::Submit => {
                if let Some(name) = crate::broker::clean(self.name.value()) {
                    HandoverOutcome::Done(name)
                } else {
                    self.error = true;
                    HandoverOutcome::Pending
                }
            }
            edit => {
                if self.name.handle(edit) == InputOutcome::Edited {
                    self.error = false;
                }
                HandoverOutcome::Pending
            }
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let rect = centered(area, 48, 7);
        clear_popup(frame, rect);
        let title = TeamMsg::HandoverTitle
            .fill(lang, &[&crate::sanitize::one_line(&self.code), &self.owner]);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                format!(
                    " {} ",
                    cut(&title, usize::from(rect.width.saturating_sub(4)))
                ),
                theme.title(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        if w < 8 || inner.height < 3 {
            return;
        }
        let mut lines = vec![Line::default()];
        if self.error {
            lines.push(Line::from(Span::styled(
                cut(TeamMsg::NeedName.text(lang), w),
                theme.warning(),
            )));
        } else {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            cut(TeamMsg::HandoverHint.text(lang), w),
            theme.muted(),
        )));
        frame.render_widget(Paragraph::new(lines), inner);
        frame.render_widget(
            Span::styled("›", theme.muted()),
            Rect::new(inner.x, inner.y, 1, 1),
        );
        let r = Rect::new(inner.x + 2, inner.y, inner.width - 2, 1);
        self.name.render_line(frame, r, theme, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_gives_the_cleaned_name_and_an_empty_one_is_refused() {
        let mut p = HandoverPrompt::new(3, "P3".into(), Some("王芳"));
        assert_eq!(p.owner, "王芳");
        assert_eq!(p.handle(&Input::Submit), HandoverOutcome::Pending);
        assert!(p.error);
        for c in " 李娜 ".chars() {
            p.handle(&Input::Type(c));
        }
        assert!(!p.error, "typing clears the message");
        assert_eq!(
            p.handle(&Input::Submit),
            HandoverOutcome::Done("李娜".into())
        );
        assert_eq!(p.handle(&Input::Cancel), HandoverOutcome::Cancelled);
        assert_eq!(HandoverPrompt::new(1, "P1".into(), None).owner, "—");
    }
}
