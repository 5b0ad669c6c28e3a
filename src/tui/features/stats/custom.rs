//! The custom period of the stats view: a from and a to date typed in a small prompt over
//! the view. Dates are read by `domain::date` (YYYY-MM-DD, 1900–2200); a bad date or a
//! period the wrong way round is said under its field and the prompt stays open.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::date::iso_date;
use crate::i18n::Lang;
use crate::i18n::reports::ReportMsg;
use crate::tui::Theme;
use crate::tui::action::Input;
use crate::tui::ui::fit::{centered, clear_popup, cut};
use crate::tui::ui::input::{InputOutcome, TextInput};

/// What the prompt says under a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomError {
    /// The text typed is not a date.
    BadDate(String),
    /// From is after to.
    Reversed(Date, Date),
}

impl CustomError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CustomError::BadDate(t) => {
                ReportMsg::StatsBadDate.fill(lang, &[&crate::sanitize::one_line(t)])
            }
            CustomError::Reversed(f, t) => {
                ReportMsg::StatsPeriodReversed.fill(lang, &[&f.to_string(), &t.to_string()])
            }
        }
    }
}

/// The answer to one intent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomOutcome {
    Pending,
    Cancelled,
    Done(Date, Date),
}

/// The two date fields; focus 0 is from, 1 is to.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomPeriod {
    pub fields: [TextInput; 2],
    pub focus: usize,
    pub error: Option<(usize, CustomError)>,
    /// The keys of the current key table, shown under the fields.
    pub hint: String,
}

impl CustomPeriod {
    /// Filled with the period shown (or the year so far when it has no bounds).
    pub fn new(from: Date, to: Date, hint: String) -> CustomPeriod {
        CustomPeriod {
            fields: [
                TextInput::with_value(&from.to_string()),
                TextInput::with_value(&to.to_string()),
            ],
            focus: 0,
            error: None,
            hint,
        }
    }

    /// Cancel leaves; Tab, Shift-Tab, ↑ and ↓ switch fields; Enter goes to the to date, and
    /// on it checks both and gives the period; the editing intents edit the focused field.
    pub fn handle(&mut self, input: &Input) -> CustomOutcome {
        match input {
            Input::Cancel => return CustomOutcome::Cancelled,
            Input::Submit if self.focus == 1 => return self.submit(),
            Input::Submit | Input::NextField | Input::Down => self.focus = 1,
            Input::PrevField | Input::Up => self.focus = 0,
            edit => {
                if self.fields[self.focus].handle(edit) == InputOutcome::Edited {
                    self.error = None;
                }
            }
        }
        CustomOutcome::Pending
    }

    fn submit(&mut self) -> CustomOutcome {
        let mut dates = [None, None];
        for (i, field) in self.fields.iter().enumerate() {
            let text = field.value().trim();
            dates[i] = iso_date(text);
            if dates[i].is_none() {
                self.focus = i;
                self.error = Some((i, CustomError::BadDate(text.to_string())));
                return CustomOutcome::Pending;
            }
        }
        let [Some(from), Some(to)] = dates else {
            return CustomOutcome::Pending;
        };
        if from > to {
            self.focus = 0;
            self.error = Some((0, CustomError::Reversed(from, to)));
            return CustomOutcome::Pending;
        }
        CustomOutcome::Done(from, to)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, lang: Lang) {
        let rect = centered(area, 44, 9);
        clear_popup(frame, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border_focused())
            .title(Span::styled(
                format!(" {} ", ReportMsg::StatsCustomTitle.text(lang)),
                theme.title(),
            ));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        if w < 12 || inner.height < 3 {
            return;
        }
        let mut lines: Vec<Line> = Vec::new();
        let mut rows = [0usize; 2];
        for (i, label) in [ReportMsg::StatsFrom, ReportMsg::StatsTo]
            .into_iter()
            .enumerate()
        {
            let style = if self.focus == i {
                theme.title()
            } else {
                theme.label()
            };
            lines.push(Line::from(Span::styled(label.text(lang), style)));
            rows[i] = lines.len();
            lines.push(Line::default());
            if let Some((_, e)) = self.error.as_ref().filter(|(f, _)| *f == i) {
                lines.push(Line::from(Span::styled(
                    cut(&e.message(lang), w),
                    theme.warning(),
                )));
            }
        }
        lines.push(Line::from(Span::styled(cut(&self.hint, w), theme.muted())));
        frame.render_widget(Paragraph::new(lines), inner);
        for (i, row) in rows.iter().enumerate() {
            if *row >= usize::from(inner.height) {
                continue;
            }
            let y = inner.y + *row as u16;
            frame.render_widget(
                Span::styled("›", theme.muted()),
                Rect::new(inner.x, y, 1, 1),
            );
            let r = Rect::new(inner.x + 2, y, inner.width - 2, 1);
            self.fields[i].render_line(frame, r, theme, self.focus == i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn typed(from: &str, to: &str) -> CustomPeriod {
        let mut p = CustomPeriod::new(date(2026, 1, 1), date(2026, 11, 18), String::new());
        p.fields[0].set_value(from);
        p.fields[1].set_value(to);
        p
    }

    #[test]
    fn both_dates_are_checked_and_a_bad_one_keeps_the_prompt_open() {
        let day = date;
        for (from, to, want, err_on) in [
            (
                "2026-02-01",
                "2026-03-31",
                Some((day(2026, 2, 1), day(2026, 3, 31))),
                None,
            ),
            (
                " 2026-02-01 ",
                "2026-02-01",
                Some((day(2026, 2, 1), day(2026, 2, 1))),
                None,
            ),
            ("2026-13-01", "2026-03-31", None, Some(0)),
            ("2026-02-01", "2026-02-30", None, Some(1)),
            ("1899-12-31", "2026-03-31", None, Some(0)),
            ("2026-02-01", "", None, Some(1)),
            ("20260201", "2026-03-31", None, Some(0)),
            ("2026-04-01", "2026-03-31", None, Some(0)),
        ] {
            let mut p = typed(from, to);
            p.focus = 1;
            match (p.handle(&Input::Submit), want) {
                (CustomOutcome::Done(a, b), Some(w)) => assert_eq!((a, b), w, "{from} {to}"),
                (CustomOutcome::Pending, None) => {
                    assert_eq!(p.error.as_ref().map(|(f, _)| *f), err_on, "{from} {to}");
                    assert_eq!(p.focus, err_on.unwrap_or(1), "the bad field has the focus");
                }
                (got, w) => panic!("{from} {to}: {got:?}, wanted {w:?}"),
            }
        }
    }

    #[test]
    fn an_edit_clears_the_message_and_cancel_leaves() {
        let mut p = typed("x", "2026-03-31");
        p.focus = 1;
        assert_eq!(p.handle(&Input::Submit), CustomOutcome::Pending);
        assert!(p.error.is_some());
        p.handle(&Input::Type('1'));
        assert_eq!(p.error, None);
        assert_eq!(p.handle(&Input::Cancel), CustomOutcome::Cancelled);
    }
}
